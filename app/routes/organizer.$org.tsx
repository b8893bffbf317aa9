import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData, useLocation, useRouteError } from '@remix-run/react'
import { ConsoleError } from '~/components/console/console-error.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consolePath } from '~/console/paths.ts'
import { runLoader } from '~/actions.server.ts'
import { t, type Locale, localeFromUrl } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

/** One organization in the console: members of any role may look; others get 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    return json({
      locale,
      organization: { slug: access.organization.slug, name: access.organization.name },
      role: access.role,
      canEdit: canManageEvents(access.role),
    })
  })
}

type Data = { locale: Locale; organization: { slug: string; name: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data) => {
    const d = data as Data | undefined
    return d?.organization ? { label: d.organization.name, to: `/organizer/${d.organization.slug}` } : null
  },
}

export default function OrganizationLayout() {
  const { locale, organization, role } = useLoaderData<typeof loader>()
  const base = `/organizer/${organization.slug}`
  const tabs = [
    { to: base, label: t(locale, 'organizer.tab.events'), end: true },
    { to: `${base}/series`, label: t(locale, 'organizer.tab.series'), end: false },
    { to: `${base}/report`, label: t(locale, 'report.link'), end: false },
    { to: `${base}/members`, label: t(locale, 'organizer.tab.members'), end: false },
    { to: `${base}/mail`, label: t(locale, 'organizer.tab.failedMail'), end: false },
    { to: `${base}/privacy`, label: t(locale, 'privacy.console.tab'), end: false },
  ]
  return (
    <>
      <div className="console-org">
        <p className="console-org__name">
          {organization.name} <span className="badge">{t(locale, `organizer.role.${role}`)}</span>
        </p>
        <nav aria-label={t(locale, 'organizer.tabs')} className="console-tabs">
          <ul>
            {tabs.map((tab) => (
              <li key={tab.to}>
                <NavLink to={consolePath(locale, tab.to)} end={tab.end}>
                  {tab.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {role === 'viewer' ? <p className="notice">{t(locale, 'organizer.readOnly')}</p> : null}
      <Outlet />
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const location = useLocation()
  const locale: Locale = localeFromUrl(location.pathname, location.search)
  return <ConsoleError error={error} locale={locale} />
}
