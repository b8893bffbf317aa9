import type { Locale } from '../i18n/index.ts'

/** Mailbox pages keep the visitor's language in every link (?lang=en). */
export function mailboxHref(path: string, locale: Locale): string {
  return locale === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path
}

/** Splits text into plain runs and http(s) links, so a <pre> can show clickable addresses. */
export function linkify(text: string): Array<{ text: string; href?: string }> {
  const parts: Array<{ text: string; href?: string }> = []
  let last = 0
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) })
    parts.push({ text: match[0], href: match[0] })
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push({ text: text.slice(last) })
  return parts
}
