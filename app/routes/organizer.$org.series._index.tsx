import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { SeriesTable } from '~/components/console/event-groups.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runLoader } from '~/actions.server.ts'
import { listOrganizationEvents } from '~/events/editing.server.ts'
import { t } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

/** The organization's series. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const { series } = await listOrganizationEvents({ organizationId: access.organization.id })
    return json({ locale, orgSlug: access.organization.slug, canEdit: canManageEvents(access.role), series })
  })
}

export const handle: ConsoleHandle = { breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.tab.series'), to: '' }) }

export default function SeriesList() {
  const { locale, orgSlug, canEdit, series } = useLoaderData<typeof loader>()
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

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'organizer.dashboard.series'))
