import { json, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useMatches, useRouteLoaderData } from '@remix-run/react'
import { PublicErrorBoundary } from './components/error-page.tsx'
import { useNonce } from './components/nonce.tsx'
import { alternatePath, isPublicPath, languageSwitchHref, localeFromUrl, localePath, t, type Locale } from './i18n/index.ts'
import stylesheet from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const { config } = await import('./env.server.ts')
  const url = new URL(request.url)
  return json({ locale: localeFromUrl(url.pathname, url.search), appUrl: config().appUrl })
}

function SiteHeader({ locale, pathname, search }: { locale: Locale; pathname: string; search: string }) {
  const other: Locale = locale === 'sv' ? 'en' : 'sv'
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t(locale, 'nav.skipToContent')}
      </a>
      <div className="container site-header__inner">
        <Link to={localePath(locale, '/')} className="brand">
          <span className="brand__mark" aria-hidden="true">
            S
          </span>
          <span className="brand__name">{t(locale, 'app.name')}</span>
        </Link>
        <nav aria-label={t(locale, 'nav.main')} className="site-nav">
          <ul>
            <li>
              <Link to={localePath(locale, '/')}>{t(locale, 'nav.events')}</Link>
            </li>
            <li>
              <Link to={localePath(locale, '/archive')}>{t(locale, 'nav.archive')}</Link>
            </li>
            <li>
              <Link to={locale === 'en' ? '/organizer?lang=en' : '/organizer'}>{t(locale, 'nav.organizer')}</Link>
            </li>
            <li>
              <a
                href={languageSwitchHref(pathname, search, other)}
                hrefLang={other}
                lang={other}
                className="lang-switch"
                aria-label={t(locale, 'nav.switchLanguageLabel')}
              >
                {t(locale, 'nav.switchLanguage')}
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  )
}

function SiteFooter({ locale }: { locale: Locale }) {
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t(locale, 'footer.about')}</p>
        <ul className="site-footer__links">
          <li>
            <Link to={localePath(locale, '/accessibility')}>{t(locale, 'footer.accessibility')}</Link>
          </li>
          <li>
            <Link to={localePath(locale, '/privacy')}>{t(locale, 'privacy.title')}</Link>
          </li>
          <li>
            <a href="/api/events">{t(locale, 'footer.api')}</a>
          </li>
        </ul>
      </div>
    </footer>
  )
}

/**
 * A route shown inside other sites' pages (the embed widget, ADR 0018) sets `handle.bare`: its page
 * gets only its own stylesheet and content, with no site header or footer and no scripts (it works
 * without JavaScript, and the frame stays light).
 */
export type BareHandle = { bare?: { stylesheet: string } }

export function Layout({ children }: { children: React.ReactNode }) {
  const bare = useMatches()
    .map((match) => (match.handle as BareHandle | undefined)?.bare)
    .find(Boolean)
  const data = useRouteLoaderData<typeof loader>('root')
  const location = useLocation()
  const locale = data?.locale ?? localeFromUrl(location.pathname, location.search)
  const appUrl = data?.appUrl ?? ''
  const nonce = useNonce()
  const svPath = alternatePath(location.pathname, 'sv')
  const enPath = alternatePath(location.pathname, 'en')
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#12355b" />
        {bare ? null : isPublicPath(location.pathname) ? (
          <>
            <link rel="alternate" hrefLang="sv" href={`${appUrl}${svPath}`} />
            <link rel="alternate" hrefLang="en" href={`${appUrl}${enPath}`} />
            <link rel="alternate" hrefLang="x-default" href={`${appUrl}${svPath}`} />
          </>
        ) : null}
        <Meta />
        {bare ? (
          <>
            <link rel="stylesheet" href={bare.stylesheet} />
            <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          </>
        ) : (
          <Links />
        )}
      </head>
      {bare ? (
        <body>{children}</body>
      ) : (
        <body>
          <SiteHeader locale={locale} pathname={location.pathname} search={location.search} />
          {children}
          <SiteFooter locale={locale} />
          <ScrollRestoration nonce={nonce} />
          <Scripts nonce={nonce} />
        </body>
      )}
    </html>
  )
}

export default function App() {
  return <Outlet />
}

/** Errors outside the public routes (console, sign-in) get the same page, in the visitor's language. */
export const ErrorBoundary = PublicErrorBoundary
