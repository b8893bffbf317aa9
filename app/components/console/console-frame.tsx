import { Form, useLocation, useRouteError } from '@remix-run/react'
import type { ReactNode } from 'react'
import { consolePath } from '../../console/paths.ts'
import { localeFromUrl, t, type Locale } from '../../i18n/index.ts'
import { ConsoleError } from './console-error.tsx'

/** The signed-in person and "Logga ut" at the right of the console bar (organizer and speaker pages); `children` go before the button. */
export function ConsoleUser({ locale, person, children }: { locale: Locale; person: { name: string; email: string }; children?: ReactNode }) {
  return (
    <div className="console-user">
      <span>{t(locale, 'organizer.signedInAs', { name: person.name || person.email })}</span>
      {children}
      <Form method="post" action={consolePath(locale, '/logout')} reloadDocument>
        <button type="submit" className="button--secondary button--small">
          {t(locale, 'organizer.signOut')}
        </button>
      </Form>
    </div>
  )
}

/** A layout's ErrorBoundary (403, 404, 400): keeps the language of the URL and a way back to `home`. */
export function ConsoleErrorPage({ home }: { home: '/organizer' | '/speaker' }) {
  const error = useRouteError()
  const location = useLocation()
  const locale: Locale = localeFromUrl(location.pathname, location.search)
  return (
    <main id="main" className="container page console" lang={locale} tabIndex={-1}>
      <ConsoleError error={error} locale={locale} home={home} />
    </main>
  )
}
