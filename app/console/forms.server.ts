import { json } from '@remix-run/node'
import { asDomainError, errorMessage } from '../errors.server.ts'
import type { FormIssue, FormValues } from '../forms.server.ts'
import { t, type Locale } from '../i18n/index.ts'

export type { FormIssue, FormValues }

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
