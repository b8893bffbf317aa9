import { z } from 'zod'
import { assertSameOrigin, requirePerson } from '../accounts/session.server.ts'
import { NotFoundError } from '../errors.server.ts'
import type { MemberRole, Person } from '../generated/prisma/client.ts'
import { getLocale, type Locale, type MessageKey } from '../i18n/index.ts'
import { requireMembership, type Access } from '../organizations/access.server.ts'

export type ConsoleContext = { person: Person; access: Access; locale: Locale }

/**
 * The entry of every console loader and action, in this order: sign-in (strangers are redirected
 * to /login), same-origin for POSTs, then membership of the organization in the URL (non-members
 * get 404, members with too low a role 403). Domain functions check the role again.
 */
export async function requireConsole(
  request: Request,
  params: Record<string, string | undefined>,
  minimum: MemberRole = 'viewer',
): Promise<ConsoleContext> {
  const person = await requirePerson(request)
  assertSameOrigin(request)
  const access = await requireMembership({ personId: person.id, organizationSlug: String(params.org ?? ''), minimum })
  return { person, access, locale: getLocale(request) }
}

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
