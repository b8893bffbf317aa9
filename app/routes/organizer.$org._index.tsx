import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { EmbedSnippets } from '~/components/console/embed-snippets.tsx'
import { EventGroups } from '~/components/console/event-groups.tsx'
import { ImagePanel } from '~/components/console/image-panel.tsx'
import { OrganizationRetentionPanel } from '~/components/console/retention-panel.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runAction, runLoader } from '~/actions.server.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { listOrganizationEvents } from '~/events/editing.server.ts'
import { t } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { getOrganizationLogo, LOGO_FIELD, removeOrganizationLogo, setOrganizationLogo } from '~/organizations/logo.server.ts'
import { OrganizationRetentionSchema, setOrganizationRetention } from '~/privacy/retention.server.ts'
import { embedSnippets } from '~/public/embed.server.ts'
import { parseAltTexts } from '~/uploads/attach.server.ts'
import { UPLOAD_LIMITS } from '~/uploads/media.ts'
import { imageSources, readUploadForm } from '~/uploads/store.server.ts'

const INTENTS = ['logo', 'remove-logo', 'retention'] as const

/** The organization's dashboard: drafts, upcoming, past, cancelled/postponed events and its series, its logo, and the widget's code. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const [groups, logo] = await Promise.all([listOrganizationEvents({ organizationId: access.organization.id }), getOrganizationLogo(access.organization.id)])
    const { slug, name } = access.organization
    const embed = embedSnippets({ kind: 'organization', slug }, { sv: name, en: name })
    return json({
      locale,
      orgSlug: slug,
      orgName: name,
      canEdit: canManageEvents(access.role),
      isOwner: access.role === 'owner',
      retentionMonths: access.organization.retentionMonths,
      groups,
      embed,
      logo: logo ? { ...imageSources(logo.media), altSv: logo.altSv, altEn: logo.altEn } : null,
    })
  })
}

/** intent=logo (a multipart form: image and descriptions) or remove-logo, owners and organizers; retention (retentionMonths), owners only. */
export async function action(args: ActionFunctionArgs) {
  // runAction reads the text fields; the file is read from this copy.
  const upload = args.request.clone()
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const intent = form.intentOf(INTENTS)
    if (intent === 'retention') await setOrganizationRetention({ access, retentionMonths: form.parse(OrganizationRetentionSchema).retentionMonths })
    else if (intent === 'remove-logo') await removeOrganizationLogo({ access })
    else {
      const alt = parseAltTexts(form.values, 'logoAlt')
      const file = (await readUploadForm(upload, { maxBytes: UPLOAD_LIMITS.logo, field: LOGO_FIELD })).file(LOGO_FIELD)
      await setOrganizationLogo({ access, file, alt })
    }
    return redirect(consolePath(locale, `/organizer/${access.organization.slug}?done=${intent}`))
  })
}

export default function Dashboard() {
  const { locale, orgSlug, orgName, canEdit, isOwner, retentionMonths, groups, embed, logo } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const done = search.get('done')
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
      {done === 'logo' || done === 'remove-logo' || done === 'retention' ? (
        <p className="success" role="status">
          {t(locale, done === 'logo' ? 'uploads.logo.saved' : done === 'retention' ? 'retention.org.saved' : 'uploads.logo.removed')}
        </p>
      ) : null}
      <EventGroups groups={groups} locale={locale} orgSlug={orgSlug} />
      <ImagePanel
        locale={locale}
        action={consolePath(locale, `/organizer/${orgSlug}`)}
        field="logo"
        altPrefix="logoAlt"
        title={t(locale, 'uploads.logo.title')}
        maxBytes={UPLOAD_LIMITS.logo}
        image={logo}
        readOnly={!canEdit}
        values={actionData?.intent === 'retention' ? undefined : actionData?.values}
        fieldErrors={actionData?.intent === 'retention' ? undefined : actionData?.fieldErrors}
        formError={actionData?.intent === 'retention' ? undefined : actionData?.formError}
      />
      <OrganizationRetentionPanel
        locale={locale}
        action={consolePath(locale, `/organizer/${orgSlug}`)}
        months={retentionMonths}
        canEdit={isOwner}
        value={actionData?.intent === 'retention' ? actionData.values.retentionMonths : undefined}
        error={actionData?.intent === 'retention' ? (actionData.fieldErrors.retentionMonths ?? actionData.formError) : undefined}
      />
      <EmbedSnippets locale={locale} snippets={embed} kind="organization" />
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  consoleMeta(`${t(data?.locale ?? 'sv', 'organizer.dashboard.title')}${data ? ` – ${data.orgName}` : ''}`)
