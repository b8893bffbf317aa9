import { Link, isRouteErrorResponse } from '@remix-run/react'
import { consolePath } from '../../console/paths.ts'
import { t, type Locale } from '../../i18n/index.ts'

/** The body of a console error page (403, 404, 400 with the server's message in the user's language). */
export function ConsoleError({ error, locale, home = '/organizer' }: { error: unknown; locale: Locale; home?: '/organizer' | '/speaker' }) {
  const status = isRouteErrorResponse(error) ? error.status : 500
  const data = isRouteErrorResponse(error) ? (error.data as { message?: string; formError?: string } | undefined) : undefined
  const message = data?.formError ?? data?.message
  const title = status === 404 ? 'error.notFound.title' : status === 403 ? 'error.forbidden' : status < 500 ? 'error.badRequest' : 'error.generic.title'
  return (
    <div className="console-error">
      <h1>{t(locale, title)}</h1>
      <p>{message ?? t(locale, status === 404 ? 'error.notFound.body' : 'error.generic.body')}</p>
      <p>
        <Link to={consolePath(locale, home)} className="button">
          {t(locale, home === '/speaker' ? 'speakerArea.sessions' : 'organizer.console')}
        </Link>
      </p>
    </div>
  )
}
