import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { SeriesTable } from '~/components/console/event-groups.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consolePath } from '~/console/paths.ts'
import { withDomainErrors } from '~/errors.server.ts'
import { listOrganizationEvents } from '~/events/editing.server.ts'
import { t } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

/** The organization's series. */
async function load({ request, params }: LoaderFunctionArgs) {
  const { access, locale } = await requireConsole(request, params, 'viewer')
  const { series } = await listOrganizationEvents({ organizationId: access.organization.id })
  return json({ locale, orgSlug: access.organization.slug, canEdit: canManageEvents(access.role), series })
}
export const loader = withDomainErrors(load)

export const handle: ConsoleHandle = { breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.tab.series'), to: '' }) }

export default function SeriesList() {
  const { locale, orgSlug, canEdit, series } = useLoaderData<typeof load>()
  return (
    <>
      <h1>{t(locale, 'organizer.dashboard.series')}</h1>
      {canEdit ? (
        <p className="console-actions">
          <Link className="button" to={consolePath(locale, `/organizer/${orgSlug}/series/new`)}>
            {t(locale, 'organizer.dashboard.newSeries')}
          </Link>
        </p>
      ) : null}
      <SeriesTable series={series} locale={locale} orgSlug={orgSlug} />
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Samling – serier' }]
