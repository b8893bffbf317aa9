import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmbedSnippets } from '~/components/console/embed-snippets.tsx'
import { EventGroups } from '~/components/console/event-groups.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runLoader } from '~/actions.server.ts'
import { listOrganizationEvents } from '~/events/editing.server.ts'
import { t } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { embedSnippets } from '~/public/embed.server.ts'

/** The organization's dashboard: drafts, upcoming, past, cancelled/postponed events and its series, and the widget's code. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const groups = await listOrganizationEvents({ organizationId: access.organization.id })
    const { slug, name } = access.organization
    const embed = embedSnippets({ kind: 'organization', slug }, { sv: name, en: name })
    return json({ locale, orgSlug: slug, orgName: name, canEdit: canManageEvents(access.role), groups, embed })
  })
}

export default function Dashboard() {
  const { locale, orgSlug, orgName, canEdit, groups, embed } = useLoaderData<typeof loader>()
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
      <EmbedSnippets locale={locale} snippets={embed} kind="organization" />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  consoleMeta(`${t(data?.locale ?? 'sv', 'organizer.dashboard.title')}${data ? ` – ${data.orgName}` : ''}`)
