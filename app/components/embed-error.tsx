import { isRouteErrorResponse, useLocation, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { localeFromPath, localePath, t } from '../i18n/index.ts'

/** The widget's 404 or 400 inside the frame: what went wrong and a way to Samling, without the site's chrome. */
export function EmbedErrorBoundary() {
  const error = useRouteError()
  const locale = localeFromPath(useLocation().pathname)
  const appUrl = useRouteLoaderData<{ appUrl: string }>('root')?.appUrl ?? ''
  const status = isRouteErrorResponse(error) ? error.status : 500
  const detail = isRouteErrorResponse(error) && typeof error.data?.message === 'string' ? error.data.message : undefined
  const titleKey = status === 404 ? 'error.notFound.title' : status >= 400 && status < 500 ? 'error.badRequest' : 'error.generic.title'
  return (
    <main className="embed" aria-labelledby="embed-heading">
      <h1 id="embed-heading">{t(locale, titleKey)}</h1>
      <p className="embed__from">{detail ?? t(locale, 'error.generic.body')}</p>
      <p className="embed__all">
        <a href={`${appUrl.replace(/\/$/, '')}${localePath(locale, '/')}`} target="_blank" rel="noopener">
          {t(locale, 'public.embed.all')}
          <span className="visually-hidden"> {t(locale, 'public.embed.newTab')}</span>
        </a>
      </p>
    </main>
  )
}
