import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { runAction, runLoader } from '~/actions.server.ts'
import { ErrorSummary, TextAreaField, TextField } from '~/components/console/fields.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { t } from '~/i18n/index.ts'
import { listPrivacyNotices, savePrivacyNotice } from '~/privacy/notices.server.ts'
import { privacyNoticePath } from '~/privacy/paths.ts'
import { formatDateTime } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

const EXTRA_MAX = 4000

const NoticeSchema = z.object({
  contactEmail: z
    .string()
    .trim()
    .max(254)
    .transform((value) => value.toLowerCase())
    .pipe(z.union([z.literal(''), z.email({ error: 'form.invalidEmail' })])),
  extraSv: z.string().trim().max(EXTRA_MAX).default(''),
  extraEn: z.string().trim().max(EXTRA_MAX).default(''),
})

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const slug = (data as { orgSlug?: string } | undefined)?.orgSlug
    return slug ? { label: t(locale, 'privacy.console.title'), to: `/organizer/${slug}/privacy` } : null
  },
}

/** The organization's privacy notice (ADR 0032): every member may read it and its versions; owners edit it. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const versions = await listPrivacyNotices(access.organization.id)
    return json({
      locale,
      orgSlug: access.organization.slug,
      orgName: access.organization.name,
      retentionMonths: access.organization.retentionMonths,
      canEdit: access.role === 'owner',
      versions: versions.map((version) => ({ ...version, createdAt: formatDateTime(version.createdAt, locale) })),
    })
  })
}

/** Saves the notice as the next version (owners only; saving the same text again changes nothing). */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'owner')
    const notice = form.parse(NoticeSchema)
    const saved = await savePrivacyNotice({ access, notice })
    return redirect(consolePath(locale, `/organizer/${access.organization.slug}/privacy?${saved.changed ? 'saved' : 'unchanged'}=${saved.version}`))
  })
}

export default function PrivacyNoticeSettings() {
  const { locale, orgSlug, orgName, retentionMonths, canEdit, versions } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const current = versions[0]
  const values = answer?.values ?? { contactEmail: current?.contactEmail ?? '', extraSv: current?.extraSv ?? '', extraEn: current?.extraEn ?? '' }
  const errors = answer?.fieldErrors ?? {}
  const saved = search.get('saved')
  const unchanged = search.get('unchanged')
  const labels = {
    contactEmail: t(locale, 'privacy.console.contactEmail'),
    extraSv: t(locale, 'privacy.console.extraSv'),
    extraEn: t(locale, 'privacy.console.extraEn'),
  }
  return (
    <>
      <h1>
        {t(locale, 'privacy.console.title')} <span className="visually-hidden">– {orgName}</span>
      </h1>
      {saved || unchanged ? (
        <p className="success" role="status">
          {saved ? t(locale, 'privacy.console.saved', { version: saved }) : t(locale, 'privacy.console.unchanged', { version: unchanged ?? '' })}
        </p>
      ) : null}
      <p>
        {t(locale, 'privacy.console.intro', { path: privacyNoticePath(orgSlug, locale) })}{' '}
        <a href={privacyNoticePath(orgSlug, locale)}>{t(locale, 'privacy.console.show', { version: current?.version ?? 1 })}</a>
      </p>
      {current ? <p>{t(locale, 'privacy.console.current', { version: current.version, date: current.createdAt })}</p> : null}
      <p>{t(locale, 'privacy.console.retention', { months: retentionMonths })}</p>
      {canEdit ? (
        <Form method="post" className="console-form" noValidate>
          {answer ? <ErrorSummary formError={answer.formError} fieldErrors={errors} labels={labels} /> : null}
          <TextField
            name="contactEmail"
            type="email"
            label={labels.contactEmail}
            hint={t(locale, 'privacy.console.contactEmailHelp')}
            value={values.contactEmail}
            error={errors.contactEmail}
            maxLength={254}
            autoComplete="email"
          />
          <TextAreaField
            name="extraSv"
            label={labels.extraSv}
            hint={t(locale, 'privacy.console.extraHelp')}
            value={values.extraSv}
            error={errors.extraSv}
            rows={5}
            maxLength={EXTRA_MAX}
          />
          <TextAreaField name="extraEn" label={labels.extraEn} value={values.extraEn} error={errors.extraEn} rows={5} maxLength={EXTRA_MAX} />
          <button type="submit" className="button button--primary">
            {t(locale, 'privacy.console.save')}
          </button>
        </Form>
      ) : (
        <p className="notice">{t(locale, 'privacy.console.ownerOnly')}</p>
      )}
      <h2>{t(locale, 'privacy.console.history')}</h2>
      <table className="console-table">
        <thead>
          <tr>
            <th scope="col">{t(locale, 'privacy.console.version')}</th>
            <th scope="col">{t(locale, 'privacy.console.date')}</th>
            <th scope="col">
              <span className="visually-hidden">{t(locale, 'privacy.console.show', { version: '' })}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.version}>
              <td>{version.version}</td>
              <td>{version.createdAt}</td>
              <td>
                <Link to={privacyNoticePath(orgSlug, locale, version.version)}>{t(locale, 'privacy.console.show', { version: version.version })}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  consoleMeta(`${t(data?.locale ?? 'sv', 'privacy.console.title')}${data ? ` – ${data.orgName}` : ''}`)
