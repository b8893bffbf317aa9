import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EventGroups } from '~/components/console/event-groups.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runLoader } from '~/actions.server.ts'
import { listOrganizationEvents } from '~/events/editing.server.ts'
import { t } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'

/** The organization's dashboard: drafts, upcoming, past, cancelled/postponed events and its series. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const groups = await listOrganizationEvents({ organizationId: access.organization.id })
    return json({ locale, orgSlug: access.organization.slug, orgName: access.organization.name, canEdit: canManageEvents(access.role), groups })
  })
}

export default function Dashboard() {
  const { locale, orgSlug, orgName, canEdit, groups } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>
        {t(locale, 'organizer.dashboard.title')} <span className="visually-hidden">– {orgName}</span>
      </h1>
      {canEdit ? (
        <p className="console-actions">
          <Link className="button" to={consolePath(locale, `/organizer/${orgSlug}/events/new`)}>
            {t(locale, 'organizer.dashboard.newEvent')}
          </Link>
          <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/series/new`)}>
            {t(locale, 'organizer.dashboard.newSeries')}
          </Link>
        </p>
      ) : null}
      <EventGroups groups={groups} locale={locale} orgSlug={orgSlug} />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  consoleMeta(`${t(data?.locale ?? 'sv', 'organizer.dashboard.title')}${data ? ` – ${data.orgName}` : ''}`)
