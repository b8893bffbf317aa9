import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, Outlet, useLoaderData, useLocation, useRouteError } from '@remix-run/react'
import { requirePerson } from '~/accounts/session.server.ts'
import { ConsoleError } from '~/components/console/console-error.tsx'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { getLocale, localeFromUrl, t, type Locale } from '~/i18n/index.ts'
import consoleStyles from '~/styles/console.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: consoleStyles }]

/** The speaker's own pages: signed in (strangers go to /login and back), never cached. */
export async function loader({ request }: LoaderFunctionArgs) {
  const person = await requirePerson(request)
  return json({ locale: getLocale(request), person: { name: person.name, email: person.email } }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export default function SpeakerLayout() {
  const { locale, person } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="container page console speaker-area" lang={locale} tabIndex={-1}>
      <div className="console-bar">
        <nav aria-label={t(locale, 'speakerArea.nav')} className="console-breadcrumb">
          <ul className="speaker-nav">
            <li>
              <Link to={consolePath(locale, '/speaker')}>{t(locale, 'speakerArea.sessions')}</Link>
            </li>
            <li>
              <Link to={consolePath(locale, '/speaker/profile')}>{t(locale, 'speakerArea.profile')}</Link>
            </li>
          </ul>
        </nav>
        <div className="console-user">
          <span>{t(locale, 'organizer.signedInAs', { name: person.name || person.email })}</span>
          <Form method="post" action={consolePath(locale, '/logout')} reloadDocument>
            <button type="submit" className="button--secondary button--small">
              {t(locale, 'organizer.signOut')}
            </button>
          </Form>
        </div>
      </div>
      <Outlet />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'speakerArea.title'))

/** Errors on the speaker's pages (404 for a session that is not theirs) keep the language and a way back. */
export function ErrorBoundary() {
  const error = useRouteError()
  const location = useLocation()
  const locale: Locale = localeFromUrl(location.pathname, location.search)
  return (
    <main id="main" className="container page console" lang={locale} tabIndex={-1}>
      <ConsoleError error={error} locale={locale} home="/speaker" />
    </main>
  )
}
