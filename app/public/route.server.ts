import { config } from '../env.server.ts'
import { DomainError, notFound } from '../errors.server.ts'
import { localeFromPath, type Locale } from '../i18n/index.ts'

/**
 * Shared by the public routes, which live under the optional `($lang)` segment: `/…` is Swedish,
 * `/en/…` English, and any other first segment (`/de/…`) is a 404 rather than a page in Swedish.
 */
export function publicLocale(request: Request, params: { lang?: string }): Locale {
  if (params.lang !== undefined && params.lang !== 'en') throw notFound('sv')
  return params.lang === 'en' ? 'en' : localeFromPath(new URL(request.url).pathname)
}

/** Runs a domain call and turns its NotFoundError (or other DomainError) into a thrown response in the visitor's language. */
export async function orNotFound<T>(locale: Locale, load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) throw notFound(locale, error.messageKey)
    throw error
  }
}

/** The absolute base URL of the site, for canonical links, Open Graph and JSON-LD. */
export function siteUrl(): string {
  return config().appUrl.replace(/\/$/, '')
}
