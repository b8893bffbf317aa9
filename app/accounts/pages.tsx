import type { Locale } from '../i18n/index.ts'
import { t } from '../i18n/index.ts'

/**
 * Small shared pieces of the sign-in pages. The site header's language switch points at /en/…,
 * which these query-string pages do not have, so each page carries its own switch.
 */

/** The same page in the other language, keeping every other query parameter (redirectTo). */
export function switchLanguageHref(pathname: string, search: string, locale: Locale): string {
  const params = new URLSearchParams(search)
  if (locale === 'sv') params.set('lang', 'en')
  else params.delete('lang')
  const query = params.toString()
  return `${pathname}${query ? `?${query}` : ''}`
}

export function LanguageSwitch({ pathname, search, locale }: { pathname: string; search: string; locale: Locale }) {
  const other: Locale = locale === 'sv' ? 'en' : 'sv'
  return (
    <p className="auth__lang">
      <a href={switchLanguageHref(pathname, search, locale)} hrefLang={other} lang={other}>
        {t(locale, locale === 'sv' ? 'accounts.login.switchToEnglish' : 'accounts.login.switchToSwedish')}
      </a>
    </p>
  )
}

/** `/login` in a locale, keeping a redirectTo. */
export function loginHref(locale: Locale, redirectTo: string | null): string {
  const params = new URLSearchParams()
  if (redirectTo) params.set('redirectTo', redirectTo)
  if (locale === 'en') params.set('lang', 'en')
  const query = params.toString()
  return `/login${query ? `?${query}` : ''}`
}
