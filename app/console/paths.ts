import type { Locale } from '../i18n/index.ts'

/**
 * Console pages have no /en prefix: English is `?lang=en`, kept on every link and form action so
 * the next request is answered in the same language.
 */
export function consolePath(locale: Locale, path: string): string {
  if (locale !== 'en') return path
  const [base, hash] = path.split('#')
  const joined = `${base}${base.includes('?') ? '&' : '?'}lang=en`
  return hash === undefined ? joined : `${joined}#${hash}`
}

/** The id of a form control for a field name ("tickets.0.nameSv" → "f-tickets-0-nameSv"). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

/** A console page's <title> and robots tags: its label in the person's language, then "Samling". */
export function consoleMeta(label: string) {
  return [{ title: `${label} – Samling` }, { name: 'robots', content: 'noindex' }]
}
