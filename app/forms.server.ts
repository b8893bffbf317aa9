import type { MessageKey } from './i18n/index.ts'
/**
 * Reading a posted form, for every action. A body that is not a form (wrong Content-Type, broken
 * multipart) reads as an empty form, so the zod check answers 400 instead of the request failing
 * with a 500. Files and repeated keys are ignored: our forms send neither.
 */
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

export async function readForm(request: Request): Promise<FormValues> {
  let data: FormData
  try {
    data = await request.formData()
  } catch {
    return {}
  }
  const values: FormValues = {}
  let count = 0
  for (const [key, value] of data.entries()) {
    if (typeof value !== 'string' || key in values) continue
    if (++count > MAX_FIELDS) break
    values[key] = value.length > MAX_ECHO ? value.slice(0, MAX_ECHO) : value
  }
  return values
}
