import { json } from '@remix-run/node'
import { t, type Locale, type MessageKey } from './i18n/index.ts'

/**
 * An error a person caused or can fix (or a 503 while the database is away): carries a message key, an HTTP status (never 500), the
 * field it belongs to (if any) and headers the answer must carry (a 429's Retry-After).
 */
export class DomainError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(messageKey)
    this.name = new.target.name
  }
}

/** A form that did not pass its schema: one message per field (zod issues or our own FormIssues). */
export class InvalidFormError extends DomainError {
  constructor(
    readonly issues: ZodIssueLike[],
    /** The values to show again, when the error was found while reading the form (see readForm). */
    readonly values?: Record<string, string>,
  ) {
    super('form.summary', 400)
  }
}

export class NotFoundError extends DomainError {
  constructor(key: MessageKey = 'error.notFound.title') {
    super(key, 404)
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super('error.forbidden', 403)
  }
}

/**
 * The database did not answer in time (a network partition, a restart, overload). Thrown by
 * app/db/ instead of the driver's error; answered with 503 and Retry-After, never a 500, and the
 * app recovers by itself once the database is back.
 */
export class DatabaseUnavailableError extends Error {
  readonly status = 503
  /** Seconds a client should wait before it tries again (the `Retry-After` header). */
  static readonly retryAfterSeconds = 5
  constructor(cause?: unknown) {
    super('The database is not reachable right now', { cause })
    this.name = 'DatabaseUnavailableError'
  }
}

type DriverError = { code?: string; meta?: Record<string, unknown>; cause?: unknown; message?: string }

/**
 * Turns database rule violations into DomainErrors: a duplicate slug is a 409 the organizer can fix,
 * a broken CHECK constraint a 400. Returns undefined for anything else (a real bug).
 */
export function fromDatabaseError(error: unknown): DomainError | undefined {
  const e = error as DriverError
  const text = `${e?.message ?? ''} ${JSON.stringify(e?.meta ?? {})}`
  if (e?.code === 'P2002' || /23505|unique constraint/i.test(text)) {
    if (/slug/.test(text)) return new DomainError('error.duplicateSlug', 409, {}, 'slug')
    return new DomainError('error.conflict', 409)
  }
  if (/23514|violates check constraint/i.test(text)) {
    const rule = /violates check constraint \\?"?([a-z0-9_]+)/i.exec(text)?.[1] ?? 'check'
    return new DomainError('error.constraint', 400, { rule })
  }
  if (e?.code === 'P2003' || /23503|foreign key/i.test(text)) return new DomainError('error.conflict', 409)
  if (e?.code === 'P2025') return new NotFoundError()
  return undefined
}

export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DatabaseUnavailableError) {
    return new DomainError('error.unavailable', 503, {}, undefined, { 'Retry-After': String(DatabaseUnavailableError.retryAfterSeconds) })
  }
  return error instanceof DomainError ? error : fromDatabaseError(error)
}

export function errorMessage(error: DomainError, locale: Locale): string {
  return t(locale, error.messageKey, error.params)
}

/** Throw from a loader: the route's ErrorBoundary shows the 404 in the visitor's language. */
export function notFound(locale: Locale, key: MessageKey = 'error.notFound.title'): Response {
  return json({ message: t(locale, key) }, { status: 404 })
}

/** What every failed form action answers: the page shows it next to the form that was sent. */
export type FormAnswer = {
  status: number
  /** The posted `intent` (which of the page's forms failed); absent when the form had none. */
  intent?: string
  formError: string
  fieldErrors: Record<string, string>
  /** Everything that was typed, so the form can be shown again as it was. */
  values: Record<string, string>
}

/**
 * The one place a DomainError (or a database rule violation, see fromDatabaseError) becomes an HTTP
 * answer, in the user's language, with the error's headers (Retry-After). For a form (`form`
 * given) it is a FormAnswer: the message (for a failed schema: "the form has errors"), plus one
 * message per field when the error names fields.
 * Without a form it is `{ formError, field }`, which a loader throws for the route's ErrorBoundary.
 */
export function errorResponse(error: DomainError, locale: Locale, form?: { values: Record<string, string>; intent?: string }): Response {
  const headers = error.headers
  const message = errorMessage(error, locale)
  if (!form) return json({ formError: message, field: error.field ?? null }, { status: error.status, headers })
  const fieldErrors = error instanceof InvalidFormError ? formFieldErrors(error.issues, locale) : error.field ? { [error.field]: message } : {}
  const answer: FormAnswer = {
    status: error.status,
    ...(form.intent ? { intent: form.intent } : {}),
    formError: message,
    fieldErrors,
    values: form.values,
  }
  return json(answer, { status: error.status, headers })
}

export type ZodIssueLike = {
  code: string
  path: PropertyKey[]
  message: string
  minimum?: unknown
  maximum?: unknown
  format?: string
  origin?: string
  input?: unknown
}

/** One message per field, in the user's language, from zod issues (first issue per field wins). */
function formFieldErrors(issues: ZodIssueLike[], locale: Locale): Record<string, string> {
  const result: Record<string, string> = {}
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || '_form'
    if (field in result) continue
    result[field] = zodIssueMessage(issue, locale)
  }
  return result
}

function zodIssueMessage(issue: ZodIssueLike, locale: Locale): string {
  // Schemas may carry an i18n key as their custom message.
  if (isKey(issue.message)) return t(locale, issue.message)
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === '' ? t(locale, 'form.required') : t(locale, 'form.invalid')
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t(locale, 'form.required') : t(locale, 'form.tooShort', { min: Number(issue.minimum) })
      return t(locale, 'form.tooSmall', { min: Number(issue.minimum) })
    case 'too_big':
      if (issue.origin === 'string') return t(locale, 'form.tooLong', { max: Number(issue.maximum) })
      return t(locale, 'form.tooBig', { max: Number(issue.maximum) })
    case 'invalid_format':
      if (issue.format === 'email') return t(locale, 'form.invalidEmail')
      if (issue.format === 'url') return t(locale, 'form.invalidUrl')
      return t(locale, 'form.invalid')
    case 'invalid_value':
      return t(locale, 'form.invalidChoice')
    default:
      return t(locale, 'form.invalid')
  }
}

function isKey(message: string): message is MessageKey {
  return /^[a-z]+\.[A-Za-z.]+$/.test(message) && t('sv', message as MessageKey) !== message
}
