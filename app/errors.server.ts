import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getLocale, t, type Locale, type MessageKey } from './i18n/index.ts'

/** An error a person caused or can fix: carries a message key and an HTTP status (never 500). */
export class DomainError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(messageKey)
    this.name = new.target.name
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
  return error instanceof DomainError ? error : fromDatabaseError(error)
}

export function errorMessage(error: DomainError, locale: Locale): string {
  return t(locale, error.messageKey, error.params)
}

/** Throw from a loader: the route's ErrorBoundary shows the 404 in the visitor's language. */
export function notFound(locale: Locale, key: MessageKey = 'error.notFound.title'): Response {
  return json({ message: t(locale, key) }, { status: 404 })
}

/**
 * Wraps an action or loader: DomainErrors (and database rule violations) become a 4xx JSON
 * `{ formError, field }` in the user's language, an unreachable database a 503 with Retry-After.
 * Anything else is a bug and is rethrown.
 */
export function withDomainErrors<A extends ActionFunctionArgs | LoaderFunctionArgs, R>(handler: (args: A) => Promise<R>) {
  return async (args: A): Promise<R | Response> => {
    try {
      return await handler(args)
    } catch (error) {
      if (error instanceof Response) throw error
      if (error instanceof DatabaseUnavailableError) {
        const body = { formError: t(getLocale(args.request), 'error.unavailable'), field: null }
        const unavailable = json(body, { status: 503, headers: { 'Retry-After': String(DatabaseUnavailableError.retryAfterSeconds) } })
        if (args.request.method === 'GET' || args.request.method === 'HEAD') throw unavailable
        return unavailable
      }
      const domain = asDomainError(error)
      if (!domain) throw error
      const locale = getLocale(args.request)
      const body = { formError: errorMessage(domain, locale), field: domain.field ?? null }
      if (args.request.method === 'GET' || args.request.method === 'HEAD') throw json(body, { status: domain.status })
      return json(body, { status: domain.status })
    }
  }
}

type ZodIssueLike = {
  code: string
  path: PropertyKey[]
  message: string
  minimum?: unknown
  maximum?: unknown
  format?: string
  origin?: string
  input?: unknown
}

/** One message per field, in the user's language, from a zod error (first issue per field wins). */
export function fieldErrors(error: { issues: ZodIssueLike[] }, locale: Locale): Record<string, string> {
  const result: Record<string, string> = {}
  for (const issue of error.issues) {
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

/** A 400 answer for a form: field messages plus what was typed, so the form can be shown again. */
export function invalidForm(error: { issues: ZodIssueLike[] }, locale: Locale, values: Record<string, unknown> = {}) {
  return json({ formError: t(locale, 'form.summary'), fieldErrors: fieldErrors(error, locale), values }, { status: 400 })
}
