import { Link, isRouteErrorResponse, useLocation, useRouteError } from '@remix-run/react'
import { localeFromPath, localeFromUrl, localePath, t } from '../i18n/index.ts'

/**
 * The error page: a 404 or 400 in the visitor's language (also the root's ErrorBoundary). Having
 * it on a public route as well lets that route's `meta` give the page a title.
 */
export function PublicErrorBoundary() {
  const error = useRouteError()
  const location = useLocation()
  const locale = localeFromUrl(location.pathname, location.search)
  const status = isRouteErrorResponse(error) ? error.status : 500
  const detail = isRouteErrorResponse(error) && typeof error.data?.message === 'string' ? error.data.message : undefined
  const titleKey = status === 404 ? 'error.notFound.title' : status >= 400 && status < 500 ? 'error.badRequest' : 'error.generic.title'
  return (
    <main id="main" className="container page error-page" tabIndex={-1}>
      <h1>{t(locale, titleKey)}</h1>
      {status === 404 && detail && detail !== t(locale, 'error.notFound.title') ? <p>{detail}</p> : null}
      <p>{status === 404 ? t(locale, 'error.notFound.body') : (detail ?? t(locale, 'error.generic.body'))}</p>
      <p>
        <Link to={localePath(locale, '/')} className="button">
          {t(locale, 'error.notFound.home')}
        </Link>
      </p>
    </main>
  )
}

/** `<title>` for an error page, from the path (meta gets no loader data when the loader threw). */
export function errorTitle(pathname: string, error: unknown): string {
  const locale = localeFromPath(pathname)
  const status = isRouteErrorResponse(error) ? error.status : 500
  const key = status === 404 ? 'error.notFound.title' : status >= 400 && status < 500 ? 'error.badRequest' : 'error.generic.title'
  return `${t(locale, key)} – ${t(locale, 'app.name')}`
}
