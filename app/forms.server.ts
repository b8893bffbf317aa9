import { InvalidFormError } from './errors.server.ts'
import type { MessageKey } from './i18n/index.ts'

/** What a form sent: string values only (a file or a repeated key is not something our forms send). */
export type FormValues = Record<string, string>

/** A form problem in the shape fieldErrors() reads; `message` is an i18n key. */
export type FormIssue = { code: string; path: PropertyKey[]; message: string }

/** A custom issue for one field; `message` is an i18n key. */
export function issue(path: string, message: MessageKey): FormIssue {
  return { code: 'custom', path: path.split('.'), message }
}

/** Longest value kept for redisplay; longer input is refused by the schemas anyway. */
const MAX_ECHO = 20_000
const MAX_FIELDS = 500
/**
 * Characters no text of ours may hold: NUL (PostgreSQL refuses it in text, error 22021) and UTF-16
 * halves without their partner (they cannot be stored or sent as UTF-8).
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Reads a posted form, for every action (through runAction). A body that is not a form (wrong
 * Content-Type, broken multipart) reads as an empty form, so the zod check answers 400 instead of
 * the request failing with a 500. Files and repeated keys are ignored: our forms send neither.
 * A value with a forbidden character throws InvalidFormError (400, a message on that field), with
 * the values cleaned for showing again; a field name with one is dropped.
 */
export async function readForm(request: Request): Promise<FormValues> {
  let data: FormData
  try {
    data = await request.formData()
  } catch {
    return {}
  }
  const values: FormValues = {}
  const issues: FormIssue[] = []
  let count = 0
  for (const [key, value] of data.entries()) {
    if (typeof value !== 'string' || key in values || hasForbidden(key)) continue
    if (++count > MAX_FIELDS) break
    const kept = value.length > MAX_ECHO ? value.slice(0, MAX_ECHO) : value
    if (hasForbidden(kept)) {
      issues.push(issue(key, 'form.invalidCharacter'))
      values[key] = kept.replace(FORBIDDEN, '')
    } else {
      values[key] = kept
    }
  }
  if (issues.length) throw new InvalidFormError(issues, values)
  return values
}

function hasForbidden(text: string): boolean {
  FORBIDDEN.lastIndex = 0
  return FORBIDDEN.test(text)
}
