import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { runAction, runLoader } from '~/actions.server.ts'
import { CheckboxField, ErrorSummary, TextField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { pick, t } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { decideSessionEdit, getSpeakerOverview, SpeakerSettingsSchema, updateSpeakerSettings } from '~/speakers/session-review.server.ts'
import { formatDateTime, toLocalInputValue } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['settings', 'approve', 'reject'] as const

/** What the event's speakers manage themselves: edit settings, edits waiting for approval, answers and material. Viewers may look. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const { event, pending, roles } = await getSpeakerOverview({ access, eventId })
    const consent = (value: boolean | null) =>
      t(locale, value === null ? 'speakerArea.consent.unanswered' : value ? 'speakerArea.consent.yes' : 'speakerArea.consent.no')
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: { id: event.id, titleSv: event.titleSv, titleEn: event.titleEn },
      settings: {
        open: event.speakerEditsOpen,
        review: event.speakerEditReview,
        until: event.speakerEditsUntil ? toLocalInputValue(event.speakerEditsUntil) : '',
        defaultUntil: formatDateTime(event.startsAt, locale),
      },
      pending: pending.map((edit) => ({
        id: edit.id,
        speaker: edit.speaker.name,
        session: pick(edit.item, 'title', locale),
        submitted: formatDateTime(edit.createdAt, locale),
        changes: (['titleSv', 'titleEn', 'descriptionSv', 'descriptionEn'] as const)
          .filter((field) => edit[field] !== edit.item[field])
          .map((field) => ({ field, before: edit.item[field], after: edit[field] })),
      })),
      roles: roles.map((role) => ({
        key: `${role.item.id}-${role.speaker.id}`,
        speaker: role.speaker.affiliation ? `${role.speaker.name}, ${role.speaker.affiliation}` : role.speaker.name,
        session: pick(role.item, 'title', locale),
        role: role.role,
        recording: consent(role.recordingConsent),
        publish: consent(role.publishConsent),
        techNeeds: role.techNeeds,
        availability: role.availability,
        materials: role.item.materials.map((material) => ({ id: material.id, title: material.title, href: material.url })),
      })),
    })
  })
}

export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const back = (done: string) => redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}/speaker-answers?done=${done}`))
    if (intent === 'settings') {
      await updateSpeakerSettings({ access, eventId, settings: form.parse(SpeakerSettingsSchema) })
      return back('settings')
    }
    const editId = asUuid(form.values.editId)
    if (!editId) throw new NotFoundError('speakers.review.notFound')
    await decideSessionEdit({ access, eventId, editId, approve: intent === 'approve' })
    return back(intent === 'approve' ? 'approved' : 'rejected')
  })
}

type Data = { event?: { id: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as Data | undefined)?.event ? { label: t(locale, 'speakers.review.link'), to: '' } : null),
}

const DONE = { settings: 'speakers.review.done.settings', approved: 'speakers.review.done.approved', rejected: 'speakers.review.done.rejected' } as const
const FIELD_LABELS = {
  titleSv: 'speakerArea.field.sessionTitleSv',
  titleEn: 'speakerArea.field.sessionTitleEn',
  descriptionSv: 'speakerArea.field.abstractSv',
  descriptionEn: 'speakerArea.field.abstractEn',
} as const

export default function SpeakerAnswers() {
  const { locale, orgSlug, canEdit, event, settings, pending, roles } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const done = answer ? null : search.get('done')
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const settingsFailure = answer?.intent === 'settings' ? answer : undefined
  return (
    <>
      <h1>{t(locale, 'speakers.review.title', { title: pick(event, 'title', locale) })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
        <Link to={consolePath(locale, `${eventPath}/speakers`)}>{t(locale, 'speakers.console.link')}</Link>
      </p>
      {done && done in DONE ? (
        <p className="success" role="status">
          {t(locale, DONE[done as keyof typeof DONE])}
        </p>
      ) : null}
      {answer && !settingsFailure ? (
        <p className="form-error" role="alert">
          {answer.formError}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="edit-settings">
        <h2 id="edit-settings">{t(locale, 'speakers.review.settingsHeading')}</h2>
        {canEdit ? (
          <Form method="post" className="console-form" noValidate>
            <input type="hidden" name="intent" value="settings" />
            {settingsFailure ? <ErrorSummary formError={settingsFailure.formError} fieldErrors={settingsFailure.fieldErrors} /> : null}
            <CheckboxField name="speakerEditsOpen" value="yes" label={t(locale, 'speakers.review.open')} checked={settings.open} />
            <CheckboxField
              name="speakerEditReview"
              value="yes"
              label={t(locale, 'speakers.review.review')}
              hint={t(locale, 'speakers.review.reviewHint')}
              checked={settings.review}
            />
            <TextField
              name="speakerEditsUntil"
              type="datetime-local"
              label={t(locale, 'speakers.review.until')}
              hint={t(locale, 'speakers.review.untilHint', { when: settings.defaultUntil })}
              value={settingsFailure?.values?.speakerEditsUntil ?? settings.until}
              error={settingsFailure?.fieldErrors?.speakerEditsUntil}
            />
            <button type="submit">{t(locale, 'speakers.review.saveSettings')}</button>
          </Form>
        ) : (
          <p>
            {t(locale, settings.open ? (settings.review ? 'speakers.review.summaryReview' : 'speakers.review.summaryOpen') : 'speakers.review.summaryClosed')}
          </p>
        )}
      </section>

      <section aria-labelledby="pending-edits">
        <h2 id="pending-edits">{t(locale, 'speakers.review.pendingHeading')}</h2>
        {pending.length === 0 ? <p className="console-empty">{t(locale, 'speakers.review.nonePending')}</p> : null}
        {pending.map((edit) => (
          <article key={edit.id} className="panel" aria-labelledby={`edit-${edit.id}`}>
            <h3 id={`edit-${edit.id}`}>{t(locale, 'speakers.review.editBy', { speaker: edit.speaker, session: edit.session })}</h3>
            <p className="console-muted">{t(locale, 'speakers.review.submitted', { when: edit.submitted })}</p>
            {edit.changes.length === 0 ? <p>{t(locale, 'speakers.review.noChanges')}</p> : null}
            {edit.changes.map((change) => (
              <dl key={change.field} className="facts">
                <dt>{t(locale, FIELD_LABELS[change.field])}</dt>
                <dd>
                  <p>
                    <strong>{t(locale, 'speakers.review.before')}</strong> {change.before || '–'}
                  </p>
                  <p>
                    <strong>{t(locale, 'speakers.review.after')}</strong> {change.after || '–'}
                  </p>
                </dd>
              </dl>
            ))}
            {canEdit ? (
              <div className="console-inline">
                <IntentForm
                  intent="approve"
                  fields={{ editId: edit.id }}
                  submit={{ label: t(locale, 'speakers.review.approve'), ariaLabel: t(locale, 'speakers.review.approveLabel', { session: edit.session }) }}
                />
                <IntentForm
                  intent="reject"
                  fields={{ editId: edit.id }}
                  submit={{
                    label: t(locale, 'speakers.review.reject'),
                    ariaLabel: t(locale, 'speakers.review.rejectLabel', { session: edit.session }),
                    className: 'button--secondary',
                  }}
                />
              </div>
            ) : null}
          </article>
        ))}
      </section>

      <section aria-labelledby="speaker-answers">
        <h2 id="speaker-answers">{t(locale, 'speakers.review.answersHeading')}</h2>
        {roles.length === 0 ? (
          <p className="console-empty">{t(locale, 'speakers.review.noSpeakers')}</p>
        ) : (
          <div className="console-table-wrap">
            <table className="console-table">
              <caption>{t(locale, 'speakers.review.caption', { count: roles.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'speakers.console.col.name')}</th>
                  <th scope="col">{t(locale, 'speakers.console.col.items')}</th>
                  <th scope="col">{t(locale, 'speakerArea.field.recordingConsent')}</th>
                  <th scope="col">{t(locale, 'speakerArea.field.publishConsent')}</th>
                  <th scope="col">{t(locale, 'speakerArea.field.techNeeds')}</th>
                  <th scope="col">{t(locale, 'speakerArea.field.availability')}</th>
                  <th scope="col">{t(locale, 'speakerArea.materialHeading')}</th>
                </tr>
              </thead>
              <tbody>
                {roles.map((role) => (
                  <tr key={role.key}>
                    <th scope="row">
                      {role.speaker}
                      <br />
                      <span className="console-muted">{t(locale, `speakers.role.${role.role}`)}</span>
                    </th>
                    <td>{role.session}</td>
                    <td>{role.recording}</td>
                    <td>{role.publish}</td>
                    <td>{role.techNeeds || '–'}</td>
                    <td>{role.availability || '–'}</td>
                    <td>
                      {role.materials.length
                        ? role.materials.map((material) =>
                            material.href ? (
                              <a key={material.id} href={material.href}>
                                {material.title}
                              </a>
                            ) : (
                              <span key={material.id}>{material.title}</span>
                            ),
                          )
                        : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'speakers.review.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
