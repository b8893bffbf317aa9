import { en } from './en.ts'
import { sv, type MessageKey } from './sv.ts'

export type { MessageKey } from './sv.ts'
export type Locale = 'sv' | 'en'
export const LOCALES: readonly Locale[] = ['sv', 'en']

const catalogues: Record<Locale, Record<MessageKey, string>> = { sv, en }

/** Translates a key, filling {placeholders}. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues.sv[key] ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function isMessageKey(key: string): key is MessageKey {
  return key in sv
}

/** Swedish pages live at /…, English at /en/…. */
export function localeFromPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'sv'
}

export function getLocale(request: Request): Locale {
  return chosenLocale(request) ?? 'sv'
}

/** The language the URL asks for (/en/…, ?lang=en, ?lang=sv), or null on a page shown in the default. */
export function chosenLocale(request: Request): Locale | null {
  const url = new URL(request.url)
  if (localeFromPath(url.pathname) === 'en') return 'en'
  const explicit = url.searchParams.get('lang')
  return explicit === 'en' || explicit === 'sv' ? explicit : null
}

/** Prefix a Swedish path for a locale: localePath('en', '/events/x') → '/en/events/x'. */
export function localePath(locale: Locale, path: string): string {
  if (locale === 'sv') return path
  return path === '/' ? '/en' : `/en${path}`
}

/** The same page in the other language. */
export function alternatePath(pathname: string, target: Locale): string {
  const base = localeFromPath(pathname) === 'en' ? pathname.replace(/^\/en(?=\/|$)/, '') || '/' : pathname
  return localePath(target, base)
}

/** Picks the Swedish or English variant of a bilingual field, falling back to Swedish when empty. */
export function pick<T extends Record<string, unknown>>(record: T, field: string, locale: Locale): string {
  const value = record[`${field}${locale === 'sv' ? 'Sv' : 'En'}`]
  const fallback = record[`${field}Sv`]
  return (typeof value === 'string' && value.trim() ? value : typeof fallback === 'string' ? fallback : '') as string
}

/** Pages outside the public site (console, sign-in, dev tools, unsubscribe) switch language with ?lang=en. */
export function isPublicPath(pathname: string): boolean {
  return !/^\/(organizer|login|logout|dev|api|unsubscribe)(\/|$)/.test(pathname)
}

/** The locale of a page from its URL: /en/… for public pages, ?lang=en elsewhere. */
export function localeFromUrl(pathname: string, search: string): Locale {
  if (localeFromPath(pathname) === 'en') return 'en'
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'sv'
}

/** The link of the language switch: the same page in the other language. */
export function languageSwitchHref(pathname: string, search: string, target: Locale): string {
  if (isPublicPath(pathname)) {
    const params = new URLSearchParams(search)
    params.delete('lang')
    const query = params.toString()
    return alternatePath(pathname, target) + (query ? `?${query}` : '')
  }
  const params = new URLSearchParams(search)
  if (target === 'en') params.set('lang', 'en')
  else params.delete('lang')
  const query = params.toString()
  return pathname + (query ? `?${query}` : '')
}
