import { z } from 'zod'
import { NotFoundError } from './errors.server.ts'
import type { MessageKey } from './i18n/index.ts'

const UuidSchema = z.uuid()

/** A route parameter that must be a uuid; anything else is a 404 (never a database cast error). */
export function parseId(value: string | undefined, notFoundKey: MessageKey = 'error.notFound.title'): string {
  const parsed = UuidSchema.safeParse(value)
  if (!parsed.success) throw new NotFoundError(notFoundKey)
  return parsed.data
}

/** A uuid typed in a form, or null when it is not one (the caller decides what that means). */
export function asUuid(value: unknown): string | null {
  const parsed = UuidSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}
