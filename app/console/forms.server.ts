import { json } from '@remix-run/node'
import { asDomainError, errorMessage } from '../errors.server.ts'
import { t, type Locale, type MessageKey } from '../i18n/index.ts'

/** What a form sent: string values only (a file or a repeated key is not something our forms send). */
export type FormValues = Record<string, string>

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

export type FormIssue = { code: string; path: PropertyKey[]; message: string }

/** A custom issue in the shape fieldErrors() reads; `message` is an i18n key. */
export function issue(path: string, message: MessageKey): FormIssue {
  return { code: 'custom', path: path.split('.'), message }
}

/** The 400 answer for one field, with everything typed kept. */
export function fieldError(locale: Locale, field: string, message: string, values: FormValues, status = 400) {
  return json({ formError: t(locale, 'form.summary'), fieldErrors: { [field]: message }, values }, { status })
}

/**
 * Runs a domain change for a form; a DomainError that names a field (duplicate slug, overlapping
 * item, unknown series) becomes that field's message with the typed values kept. Other
 * DomainErrors become a form-level message. Anything else is rethrown (a bug).
 */
export async function submitForm<T>(locale: Locale, values: FormValues, change: () => Promise<T>): Promise<T | Response> {
  try {
    return await change()
  } catch (error) {
    if (error instanceof Response) throw error
    const domain = asDomainError(error)
    if (!domain) throw error
    const message = errorMessage(domain, locale)
    if (domain.field) return fieldError(locale, domain.field, message, values, domain.status)
    return json({ formError: message, fieldErrors: {}, values }, { status: domain.status })
  }
}

export type FormResult = { formError?: string; fieldErrors?: Record<string, string>; values?: FormValues; notice?: string }
