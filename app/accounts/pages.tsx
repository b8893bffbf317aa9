import type { Locale } from '../i18n/index.ts'
import { languageSwitchHref, t } from '../i18n/index.ts'

/**
 * Small shared pieces of the sign-in pages. The site header's language switch points at /en/…,
 * which these query-string pages do not have, so each page carries its own switch.
 */

export function LanguageSwitch({ pathname, search, locale }: { pathname: string; search: string; locale: Locale }) {
  const other: Locale = locale === 'sv' ? 'en' : 'sv'
  return (
    <p className="auth__lang">
      <a href={languageSwitchHref(pathname, search, other)} hrefLang={other} lang={other}>
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
