import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EventGroups } from '~/components/console/event-groups.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consolePath } from '~/console/paths.ts'
import { withDomainErrors } from '~/errors.server.ts'
import { listOrganizationEvents } from '~/events/editing.server.ts'
import { t } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'

/** The organization's dashboard: drafts, upcoming, past, cancelled/postponed events and its series. */
async function load({ request, params }: LoaderFunctionArgs) {
  const { access, locale } = await requireConsole(request, params, 'viewer')
  const groups = await listOrganizationEvents({ organizationId: access.organization.id })
  return json({ locale, orgSlug: access.organization.slug, orgName: access.organization.name, canEdit: canManageEvents(access.role), groups })
}
export const loader = withDomainErrors(load)

export default function Dashboard() {
  const { locale, orgSlug, orgName, canEdit, groups } = useLoaderData<typeof load>()
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

export const meta: MetaFunction = () => [{ title: 'Samling – arrangör' }]
