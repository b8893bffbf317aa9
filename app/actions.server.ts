import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { asDomainError, DomainError, errorResponse, InvalidFormError, type ZodIssueLike } from './errors.server.ts'
import { readForm, type FormValues } from './forms.server.ts'
import { getLocale, type Locale } from './i18n/index.ts'

/**
 * The one way a route's loader or action runs (docs/architecture.md, "Forms and errors"):
 *
 *   export async function action(args: ActionFunctionArgs) {
 *     return runAction(args, async (form) => { … return redirect(…) })
 *   }
 *
 * Call these INSIDE `export async function loader/action` bodies, never as
 * `export const action = runAction(…)`: Remix's compiler keeps module-level calls in the browser
 * bundle, where this server-only module is empty, and client-side navigation breaks.
 */

/** A zod schema, or anything else with zod's safeParse (the domain's own form parsers return the same shape). */
type Parser<T> = { safeParse(values: unknown): ParseResult<T> }
type ParseResult<T> = { success: true; data: T } | { success: false; error: { issues: ZodIssueLike[] } }

/** The posted form, read once (with readForm's limits), and the ways to turn it into typed input. */
export type SubmittedForm = {
  values: FormValues
  /** Which of the page's forms was sent (`intent` field); '' when the form has none. */
  intent: string
  locale: Locale
  /**
   * The intent, if it is one of `intents` (else `fallback`, when the form may omit it); anything
   * else throws a 400 "bad request": no page of ours sends it.
   */
  intentOf<I extends string>(intents: readonly I[], fallback?: I): I
  /** The typed values, or throws InvalidFormError: a 400 with one message per field and the typed values kept. */
  parse<T>(schema: Parser<T>): T
  /** The same for a parse result (for parsers that need more than the values, such as the programme's days). */
  check<T>(result: ParseResult<T>): T
}

/**
 * Runs a form action: reads the form, runs `handle` (authorization, the domain verb, the answer)
 * and maps every DomainError (and database rule violation) to the FormAnswer of errorResponse,
 * in the user's language, keeping the intent and what was typed. Thrown Responses (redirects to
 * /login) pass through; anything else is a bug and is rethrown.
 */
export async function runAction(args: ActionFunctionArgs, handle: (form: SubmittedForm) => Promise<Response>): Promise<Response> {
  const locale = getLocale(args.request)
  let values: FormValues = {}
  try {
    values = await readForm(args.request)
    return await handle(submitted(values, locale))
  } catch (error) {
    if (error instanceof Response) throw error
    const domain = asDomainError(error)
    if (!domain) throw error
    if (domain instanceof InvalidFormError && domain.values) values = domain.values
    return errorResponse(domain, locale, { values, intent: values.intent })
  }
}

/**
 * Runs a loader: a DomainError (404 for another organization's id, 403) is thrown as a Response,
 * so the route's ErrorBoundary shows it in the user's language with the status it deserves.
 */
export async function runLoader<T>(args: LoaderFunctionArgs, load: (locale: Locale) => Promise<T>): Promise<T> {
  const locale = getLocale(args.request)
  try {
    return await load(locale)
  } catch (error) {
    if (error instanceof Response) throw error
    const domain = asDomainError(error)
    if (!domain) throw error
    throw errorResponse(domain, locale)
  }
}

function submitted(values: FormValues, locale: Locale): SubmittedForm {
  const check = <T>(result: ParseResult<T>): T => {
    if (!result.success) throw new InvalidFormError(result.error.issues)
    return result.data
  }
  const intentOf = <I extends string>(intents: readonly I[], fallback?: I): I => {
    const intent = values.intent ?? fallback
    if (intent === undefined || !intents.includes(intent as I)) throw new DomainError('error.badRequest', 400)
    return intent as I
  }
  return { values, intent: values.intent ?? '', locale, intentOf, check, parse: (schema) => check(schema.safeParse(values)) }
}
