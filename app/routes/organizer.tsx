import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, Outlet, useLoaderData, useLocation, useMatches, useRouteError } from '@remix-run/react'
import { ConsoleError } from '~/components/console/console-error.tsx'
import { requirePerson } from '~/accounts/session.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { getLocale, t, type Locale, localeFromUrl } from '~/i18n/index.ts'
import consoleStyles from '~/styles/console.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: consoleStyles }]

/** The console shell: everyone here must be signed in (strangers go to /login and back). */
export async function loader({ request }: LoaderFunctionArgs) {
  const person = await requirePerson(request)
  return json({ locale: getLocale(request), person: { name: person.name, email: person.email } }, { headers: { 'Cache-Control': 'private, no-store' } })
}

/** A route's place in the breadcrumb: `handle.breadcrumb(data)` → label and path (without ?lang). */
export type Crumb = { label: string; to: string }
export type ConsoleHandle = { breadcrumb?: (data: unknown, locale: Locale) => Crumb | null }

export const handle: ConsoleHandle = {
  breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.console'), to: '/organizer' }),
}

function Breadcrumb({ locale }: { locale: Locale }) {
  const matches = useMatches()
  const crumbs = matches
    .map((match) => (match.handle as ConsoleHandle | undefined)?.breadcrumb?.(match.data, locale) ?? null)
    .filter((crumb): crumb is Crumb => crumb !== null)
  return (
    <nav aria-label={t(locale, 'organizer.breadcrumb')} className="console-breadcrumb">
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={`${crumb.to}-${index}`}>
            {index === crumbs.length - 1 ? <span aria-current="page">{crumb.label}</span> : <Link to={consolePath(locale, crumb.to)}>{crumb.label}</Link>}
          </li>
        ))}
      </ol>
    </nav>
  )
}

export default function ConsoleLayout() {
  const { locale, person } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="container page console" lang={locale} tabIndex={-1}>
      <div className="console-bar">
        <Breadcrumb locale={locale} />
        <div className="console-user">
          <span>{t(locale, 'organizer.signedInAs', { name: person.name || person.email })}</span>
          <Link to={consolePath(locale, '/organizer/mail-preview')}>{t(locale, 'organizer.mailPreview')}</Link>
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

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'organizer.console'))

/** Errors inside the console (403, 404, 400) keep the console frame's language and a way back. */
export function ErrorBoundary() {
  const error = useRouteError()
  const location = useLocation()
  const locale: Locale = localeFromUrl(location.pathname, location.search)
  return (
    <main id="main" className="container page console" lang={locale} tabIndex={-1}>
      <ConsoleError error={error} locale={locale} />
    </main>
  )
}
