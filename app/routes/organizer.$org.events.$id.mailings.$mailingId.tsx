import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ErrorSummary, SelectField, TextAreaField, TextField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { runAction, runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { SECTORS } from '~/enums.ts'
import { DomainError, type FormAnswer } from '~/errors.server.ts'
import { pick, t, type Locale } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import {
  cancelMailing,
  getMailing,
  MailingFormSchema,
  previewMailing,
  saveMailing,
  scheduleMailing,
  ScheduleSchema,
  sendMailing,
} from '~/mailings/mailings.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { formatDateTime, readStockholmLocal, toLocalInputValue } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['save', 'send', 'schedule', 'cancel'] as const
const LIMITS = { subject: 200, body: 10_000 } as const

/** One mailing: compose (draft), preview per recipient, send or schedule; afterwards its state and counts. Viewers read. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const mailingId = parseId(args.params.mailingId, 'mailings.notFound')
    const { event, mailing, filter, counts, recipients, items } = await getMailing({ access, eventId, mailingId })
    const asked = asUuid(new URL(args.request.url).searchParams.get('preview'))
    const previewId = asked && recipients.people.some((person) => person.id === asked) ? asked : recipients.people[0]?.id
    const preview = previewId ? await previewMailing({ access, eventId, mailingId, registrationId: previewId }) : null
    const when = (date: Date | null) => (date ? formatDateTime(date, locale) : null)
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: { id: event.id, titleSv: event.titleSv, titleEn: event.titleEn, isSeriesPart: event.seriesId !== null },
      mailing: {
        id: mailing.id,
        state: mailing.state,
        subjectSv: mailing.subjectSv,
        bodySv: mailing.bodySv,
        subjectEn: mailing.subjectEn,
        bodyEn: mailing.bodyEn,
        scheduledAt: when(mailing.scheduledAt),
        scheduledInput: mailing.scheduledAt ? toLocalInputValue(mailing.scheduledAt) : '',
        queuedAt: when(mailing.queuedAt),
        sentAt: when(mailing.sentAt),
        skippedUnsubscribed: mailing.skippedUnsubscribed,
        skippedBounced: mailing.skippedBounced,
      },
      filter: { mode: filter.mode ?? '', status: filter.status ?? '', sector: filter.sector ?? '', item: filter.item ?? '', via: filter.via ?? '' },
      counts,
      recipientTotal: recipients.total,
      people: recipients.people.map((person) => ({ id: person.id, label: `${person.name} (${t(locale, `mailings.language.${person.locale}`)})` })),
      previewId: previewId ?? '',
      previewName: recipients.people.find((person) => person.id === previewId)?.name ?? '',
      preview,
      items: items.map((item) => ({ value: item.id, label: pick(item, 'title', locale) })),
    })
  })
}

/** The typed Stockholm time of "Schemalägg", or a 400 on the field. */
function scheduledInstant(value: string): Date {
  const read = readStockholmLocal(value)
  if (read.kind === 'exact' || read.kind === 'ambiguous') return read.instant
  throw new DomainError('mailings.error.time', 400, {}, 'scheduledAt')
}

/** Organizers: save the draft; "Skicka" and "Schemalägg" save it first, then claim it; cancel a scheduled one. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const mailingId = parseId(args.params.mailingId, 'mailings.notFound')
    const intent = form.intentOf(INTENTS, 'save')
    const back = (done: string, count?: number) =>
      redirect(
        consolePath(
          locale,
          `/organizer/${access.organization.slug}/events/${eventId}/mailings/${mailingId}?done=${done}${count === undefined ? '' : `&count=${count}`}`,
        ),
      )
    if (intent === 'cancel') {
      await cancelMailing({ access, eventId, mailingId })
      return back('cancelled')
    }
    const content = form.parse(MailingFormSchema)
    const at = intent === 'schedule' ? scheduledInstant(form.parse(ScheduleSchema).scheduledAt) : null
    await saveMailing({ access, eventId, mailingId, form: content })
    if (intent === 'save') return back('saved')
    if (at) {
      await scheduleMailing({ access, eventId, mailingId, at })
      return back('scheduled')
    }
    const counts = await sendMailing({ access, eventId, mailingId })
    return back('sent', counts.recipientCount)
  })
}

type Data = { event?: { id: string }; orgSlug?: string }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const loaded = data as Data | undefined
    return loaded?.event ? { label: t(locale, 'mailings.edit.title'), to: '' } : null
  },
}

const DONE = {
  saved: 'mailings.saved',
  sent: 'mailings.done.sent',
  scheduled: 'mailings.done.scheduled',
  cancelled: 'mailings.done.cancelled',
} as const

function options(
  locale: Locale,
  values: readonly string[],
  key: (value: string) => Parameters<typeof t>[1],
  anyKey: Parameters<typeof t>[1] = 'mailings.filter.any',
) {
  return [{ value: '', label: t(locale, anyKey) }, ...values.map((value) => ({ value, label: t(locale, key(value)) }))]
}

export default function MailingPage() {
  const data = useLoaderData<typeof loader>()
  const { locale, orgSlug, canEdit, event, mailing, filter, counts, recipientTotal, people, previewId, previewName, preview, items } = data
  const answer = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const done = answer ? null : search.get('done')
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const isDraft = mailing.state === 'draft'
  const editable = isDraft && canEdit
  const failure = answer && answer.intent !== 'cancel' ? answer : undefined
  const value = (name: keyof typeof mailing & string) => failure?.values?.[name] ?? String(mailing[name] ?? '')
  const chosen = (name: keyof typeof filter) => failure?.values?.[name] ?? filter[name]
  return (
    <>
      <h1>{t(locale, 'mailings.title', { title: pick(event, 'title', locale) })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, `${eventPath}/mailings`)}>{t(locale, 'mailings.back')}</Link>
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
      </p>
      {done && done in DONE ? (
        <p className="success" role="status">
          {t(locale, DONE[done as keyof typeof DONE], { count: Number(search.get('count') ?? 0) })}
        </p>
      ) : null}
      {answer && !failure ? (
        <p className="form-error" role="alert">
          {answer.formError}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="mailing-state">
        <h2 id="mailing-state">
          {t(locale, 'mailings.col.state')}: <span data-testid="mailing-state">{t(locale, `mailings.state.${mailing.state}`)}</span>
        </h2>
        {mailing.scheduledAt && mailing.state === 'scheduled' ? <p>{t(locale, 'mailings.scheduledFor', { when: mailing.scheduledAt })}</p> : null}
        {mailing.queuedAt ? <p>{t(locale, 'mailings.queuedAt', { when: mailing.queuedAt })}</p> : null}
        {mailing.sentAt ? <p>{t(locale, 'mailings.sentAt', { when: mailing.sentAt })}</p> : null}
        {mailing.state === 'sending' || mailing.state === 'sent' ? (
          <>
            <p data-testid="mailing-counts">{t(locale, 'mailings.counts', counts)}</p>
            <p>{t(locale, 'mailings.skipped', { unsubscribed: mailing.skippedUnsubscribed, bounced: mailing.skippedBounced })}</p>
          </>
        ) : (
          <p>{t(locale, 'mailings.recipients', { count: recipientTotal })}</p>
        )}
        {mailing.state === 'scheduled' && canEdit ? (
          <IntentForm intent="cancel" submit={{ label: t(locale, 'mailings.cancel'), className: 'button--secondary' }} />
        ) : null}
      </section>
      {!canEdit ? <p className="console-muted">{t(locale, 'mailings.readOnly')}</p> : null}

      {editable ? (
        <Form method="post" className="console-form" noValidate>
          {failure ? <ErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
          <section aria-labelledby="compose">
            <h2 id="compose">{t(locale, 'mailings.compose.heading')}</h2>
            <p>{t(locale, 'mailings.compose.languages')}</p>
            <p className="console-muted">{t(locale, 'mailings.compose.placeholders')}</p>
            <TextField
              name="subjectSv"
              label={t(locale, 'mailings.field.subjectSv')}
              value={value('subjectSv')}
              error={failure?.fieldErrors?.subjectSv}
              maxLength={LIMITS.subject}
            />
            <TextAreaField
              name="bodySv"
              label={t(locale, 'mailings.field.bodySv')}
              value={value('bodySv')}
              error={failure?.fieldErrors?.bodySv}
              maxLength={LIMITS.body}
              rows={8}
            />
            <TextField
              name="subjectEn"
              label={t(locale, 'mailings.field.subjectEn')}
              value={value('subjectEn')}
              error={failure?.fieldErrors?.subjectEn}
              maxLength={LIMITS.subject}
            />
            <TextAreaField
              name="bodyEn"
              label={t(locale, 'mailings.field.bodyEn')}
              value={value('bodyEn')}
              error={failure?.fieldErrors?.bodyEn}
              maxLength={LIMITS.body}
              rows={8}
            />
          </section>
          <section aria-labelledby="filters">
            <h2 id="filters">{t(locale, 'mailings.filter.heading')}</h2>
            <SelectField
              name="mode"
              label={t(locale, 'mailings.filter.mode')}
              value={chosen('mode')}
              options={options(locale, ['on_site', 'online'], (v) => `attendanceMode.${v}` as Parameters<typeof t>[1])}
            />
            <SelectField
              name="status"
              label={t(locale, 'mailings.filter.status')}
              value={chosen('status')}
              options={options(
                locale,
                ['confirmed', 'waitlisted', 'cancelled'],
                (v) => `registrationStatus.${v}` as Parameters<typeof t>[1],
                'mailings.filter.statusDefault',
              )}
            />
            <SelectField
              name="sector"
              label={t(locale, 'mailings.filter.sector')}
              value={chosen('sector')}
              options={options(locale, SECTORS, (v) => `sector.${v}` as Parameters<typeof t>[1])}
            />
            {items.length ? (
              <SelectField
                name="item"
                label={t(locale, 'mailings.filter.item')}
                value={chosen('item')}
                error={failure?.fieldErrors?.item}
                options={[{ value: '', label: t(locale, 'mailings.filter.any') }, ...items]}
              />
            ) : null}
            {event.isSeriesPart ? (
              <SelectField
                name="via"
                label={t(locale, 'mailings.filter.via')}
                value={chosen('via')}
                options={[
                  { value: '', label: t(locale, 'mailings.filter.any') },
                  { value: 'series', label: t(locale, 'mailings.filter.via.series') },
                  { value: 'part', label: t(locale, 'mailings.filter.via.part') },
                ]}
              />
            ) : null}
            <p>{t(locale, 'mailings.recipients', { count: recipientTotal })}</p>
          </section>
          <p>
            <button type="submit" name="intent" value="save" className="button--secondary">
              {t(locale, 'mailings.save')}
            </button>
          </p>
          <section className="panel" aria-labelledby="send">
            <h2 id="send">{t(locale, 'mailings.send.heading')}</h2>
            <p id="send-intro">{t(locale, 'mailings.send.intro')}</p>
            <p>
              <button type="submit" name="intent" value="send" aria-describedby="send-intro">
                {t(locale, 'mailings.send')}
              </button>
            </p>
            <TextField
              name="scheduledAt"
              type="datetime-local"
              label={t(locale, 'mailings.schedule.field')}
              hint={t(locale, 'mailings.schedule.hint')}
              value={failure?.values?.scheduledAt ?? mailing.scheduledInput}
              error={failure?.fieldErrors?.scheduledAt}
            />
            <button type="submit" name="intent" value="schedule" className="button--secondary">
              {t(locale, 'mailings.schedule')}
            </button>
          </section>
        </Form>
      ) : (
        <section aria-labelledby="content">
          <h2 id="content">{t(locale, 'mailings.compose.heading')}</h2>
          {(['sv', 'en'] as const).map((language) => {
            const subject = language === 'sv' ? mailing.subjectSv : mailing.subjectEn
            const body = language === 'sv' ? mailing.bodySv : mailing.bodyEn
            return subject || body ? (
              <div key={language}>
                <h3>{t(locale, `mailings.language.${language}`)}</h3>
                <p>
                  <strong>{subject}</strong>
                </p>
                <p style={{ whiteSpace: 'pre-wrap' }}>{body}</p>
              </div>
            ) : null
          })}
        </section>
      )}

      <section aria-labelledby="preview">
        <h2 id="preview">{t(locale, 'mailings.preview.heading')}</h2>
        {people.length === 0 ? (
          <p className="console-empty">{t(locale, 'mailings.preview.none')}</p>
        ) : (
          <>
            <p className="console-muted">{t(locale, 'mailings.preview.hint')}</p>
            <Form method="get" className="filters" key={previewId}>
              {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
              <SelectField
                name="preview"
                label={t(locale, 'mailings.preview.recipient')}
                value={previewId}
                options={people.map((person) => ({ value: person.id, label: person.label }))}
              />
              <button type="submit" className="button--secondary">
                {t(locale, 'mailings.preview.show')}
              </button>
            </Form>
            {preview ? (
              <div className="mailing-preview" data-testid="mailing-preview">
                <p>
                  <strong>{t(locale, 'mailings.preview.subject', { subject: preview.subject })}</strong>
                  <br />
                  {t(locale, 'mailings.preview.language', { language: t(locale, `mailings.language.${preview.locale}`) })}
                </p>
                <iframe
                  title={t(locale, 'mailings.preview.frame', { name: previewName })}
                  srcDoc={preview.html}
                  sandbox=""
                  style={{ width: '100%', minHeight: '28rem', border: '1px solid #d0d5dc' }}
                />
              </div>
            ) : (
              <p className="console-empty">{t(locale, 'mailings.preview.noContent')}</p>
            )}
          </>
        )}
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'mailings.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
