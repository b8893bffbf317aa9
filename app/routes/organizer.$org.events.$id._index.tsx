import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { AuditList } from '~/components/console/audit-list.tsx'
import { EventForm } from '~/components/console/event-form.tsx'
import { ImagePanel } from '~/components/console/image-panel.tsx'
import { RetentionPanel } from '~/components/console/retention-panel.tsx'
import { StatusPanel } from '~/components/console/status-panel.tsx'
import { ScheduleWarnings } from '~/components/schedule-warnings.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { parseId } from '~/ids.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runAction, runLoader } from '~/actions.server.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { eventFormValues, getEventForEditing, listEventAudit, listSeriesChoices, parseEventForm, updateEvent } from '~/events/editing.server.ts'
import { findScheduleWarnings } from '~/events/schedule-warnings.server.ts'
import { CancelSchema, cancelEvent, postponeEvent, PostponeSchema, publishEvent, unpublishEvent } from '~/events/status.server.ts'
import { countAffectedRegistrants } from '~/events/changes.server.ts'
import { COVER_FIELD, removeEventCover, setEventCover } from '~/events/cover.server.ts'
import { parseAltTexts } from '~/uploads/attach.server.ts'
import { UPLOAD_LIMITS } from '~/uploads/media.ts'
import { imageSources, readUploadForm } from '~/uploads/store.server.ts'
import { affectedNotice } from '~/components/console/mail-notice.ts'
import { localePath, pick, t, type Locale } from '~/i18n/index.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { EventRetentionSchema, eventRetention, setEventRetention } from '~/privacy/retention.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['save', 'publish', 'unpublish', 'cancel', 'postpone', 'cover', 'remove-cover', 'retention'] as const

/** The edit form, status actions and recent audit entries. Another organization's event is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const event = await getEventForEditing({ access, eventId })
    const [series, audit, scheduleWarnings, affected, retention] = await Promise.all([
      listSeriesChoices(access.organization.id),
      listEventAudit({ access, eventId }),
      findScheduleWarnings({ organizationId: access.organization.id, eventId, locale }),
      countAffectedRegistrants(event.id),
      eventRetention({ access, eventId }),
    ])
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: {
        id: event.id,
        slug: event.slug,
        titleSv: event.titleSv,
        titleEn: event.titleEn,
        status: event.status,
        revision: event.revision,
        cancellationReason: event.cancellationReason,
        programmeItems: event._count.programmeItems,
        registrationMode: event.registrationMode,
      },
      values: eventFormValues(event),
      cover: event.coverImage ? { ...imageSources(event.coverImage), altSv: event.coverAltSv, altEn: event.coverAltEn } : null,
      series,
      audit,
      scheduleWarnings,
      /** Who a change would mail, shown before saving (app/events/changes.server.ts). */
      affected,
      /** When the attendees' personal data is anonymized (ADR 0031). */
      retention,
    })
  })
}

/**
 * intent=save (the form), publish, unpublish, cancel (reason required), postpone (optional note),
 * cover (a multipart form: image file and its descriptions), remove-cover, retention (retentionMonths:
 * shorter than the organization's default, or empty for it). Organizers and owners
 * only; every success redirects back here (POST/redirect/GET).
 */
export async function action(args: ActionFunctionArgs) {
  // runAction reads the form's text fields; the cover's file is read from this copy.
  const upload = args.request.clone()
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS, 'save')
    const back = (done: string) => redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}?done=${done}`))
    switch (intent) {
      case 'save':
        await updateEvent({ access, eventId, event: form.check(parseEventForm(form.values)) })
        return back('saved')
      case 'publish':
        await publishEvent({ access, eventId })
        return back('published')
      case 'unpublish':
        await unpublishEvent({ access, eventId })
        return back('unpublished')
      case 'cancel':
        await cancelEvent({ access, eventId, reason: form.parse(CancelSchema).reason })
        return back('cancelled')
      case 'postpone':
        await postponeEvent({ access, eventId, note: form.parse(PostponeSchema).note })
        return back('postponed')
      case 'cover': {
        const alt = parseAltTexts(form.values, 'coverAlt')
        const file = (await readUploadForm(upload, { maxBytes: UPLOAD_LIMITS.cover, field: COVER_FIELD })).file(COVER_FIELD)
        await setEventCover({ access, eventId, file, alt })
        return back('cover')
      }
      case 'remove-cover':
        await removeEventCover({ access, eventId })
        return back('remove-cover')
      case 'retention':
        await setEventRetention({ access, eventId, retentionMonths: form.parse(EventRetentionSchema).retentionMonths })
        return back('retention')
    }
  })
}

type Data = { locale: Locale; event: { titleSv: string; titleEn: string; id: string }; orgSlug: string }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const d = data as Data | undefined
    return d?.event ? { label: pick(d.event, 'title', locale), to: `/organizer/${d.orgSlug}/events/${d.event.id}` } : null
  },
}

const DONE_MESSAGES = {
  saved: 'organizer.saved',
  published: 'organizer.status.published',
  unpublished: 'organizer.status.unpublished',
  cancelled: 'organizer.status.cancelled',
  postponed: 'organizer.status.postponed',
  cover: 'uploads.cover.saved',
  'remove-cover': 'uploads.cover.removed',
  retention: 'retention.event.saved',
} as const

export default function EditEvent() {
  const { locale, orgSlug, canEdit, event, values, cover, series, audit, scheduleWarnings, affected, retention } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const done = search.get('done') as keyof typeof DONE_MESSAGES | null
  const action = consolePath(locale, `/organizer/${orgSlug}/events/${event.id}`)
  const isCoverError = actionData?.intent === 'cover' || actionData?.intent === 'remove-cover'
  const isRetentionError = actionData?.intent === 'retention'
  const isStatusError = isCoverError || isRetentionError || actionData?.intent === 'cancel' || actionData?.intent === 'postpone'
  const title = pick(event, 'title', locale)
  return (
    <>
      <h1>{t(locale, 'organizer.event.editTitle', { title })}</h1>
      {search.get('created') ? (
        <p className="success" role="status">
          {t(locale, 'organizer.event.created')}
        </p>
      ) : null}
      {done && DONE_MESSAGES[done] && !actionData ? (
        <p className="success" role="status">
          {t(locale, DONE_MESSAGES[done])}
        </p>
      ) : null}
      {scheduleWarnings ? <ScheduleWarnings warnings={scheduleWarnings} locale={locale} /> : null}
      <p className="console-actions">
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/programme`)}>
          {t(locale, 'organizer.event.programmeLink')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/registrations`)}>
          {t(locale, 'organizer.registrations.link')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/dashboard`)}>
          {t(locale, 'dashboard.link')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/speakers`)}>
          {t(locale, 'speakers.console.link')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/proposals`)}>
          {t(locale, 'proposals.console.link')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/speaker-answers`)}>
          {t(locale, 'speakers.review.link')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/check-in`)}>
          {t(locale, 'checkIn.console.link')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/materials`)}>
          {t(locale, 'materials.console.link')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/questions`)}>
          {t(locale, 'questions.console.link')}
        </Link>
        <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/mailings`)}>
          {t(locale, 'mailings.link')}
        </Link>
        {event.registrationMode === 'invite_only' ? (
          <Link className="button button--secondary" to={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/invites`)}>
            {t(locale, 'organizer.registrations.invitesLink')}
          </Link>
        ) : null}
        {event.status !== 'draft' ? <a href={localePath(locale, `/events/${event.slug}`)}>{t(locale, 'organizer.event.viewPublic')}</a> : null}
      </p>
      <div className="console-columns">
        <div>
          <EventForm
            locale={locale}
            action={action}
            values={!isStatusError && actionData?.values ? actionData.values : values}
            fieldErrors={!isStatusError ? actionData?.fieldErrors : undefined}
            formError={!isStatusError ? actionData?.formError : undefined}
            series={series}
            submitLabel={t(locale, 'organizer.event.saveSubmit')}
            readOnly={!canEdit}
            // Only a published event's registrants hear about a new time or place (changes.server.ts).
            saveNotice={event.status === 'published' ? affectedNotice(locale, affected, 'save') : undefined}
          />
        </div>
        <div>
          {canEdit ? (
            <StatusPanel
              locale={locale}
              action={action}
              status={event.status}
              revision={event.revision}
              cancellationReason={event.cancellationReason}
              affected={affected}
              intent={actionData?.intent}
              fieldErrors={actionData?.fieldErrors}
              values={actionData?.values}
            />
          ) : null}
          <ImagePanel
            locale={locale}
            action={action}
            field="cover"
            altPrefix="coverAlt"
            title={t(locale, 'uploads.cover.title')}
            maxBytes={UPLOAD_LIMITS.cover}
            image={cover}
            readOnly={!canEdit}
            values={isCoverError ? actionData?.values : undefined}
            fieldErrors={isCoverError ? actionData?.fieldErrors : undefined}
            formError={isCoverError ? actionData?.formError : undefined}
          />
          <RetentionPanel
            locale={locale}
            action={action}
            retention={retention}
            canEdit={canEdit}
            value={isRetentionError ? actionData?.values.retentionMonths : undefined}
            error={isRetentionError ? (actionData?.fieldErrors.retentionMonths ?? actionData?.formError) : undefined}
          />
          {isStatusError && !isCoverError && !isRetentionError && actionData?.formError ? (
            <p className="form-error" role="alert">
              {actionData.formError}
            </p>
          ) : null}
          <section className="panel" aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t(locale, 'organizer.audit.title')}</h2>
            <AuditList entries={audit} locale={locale} />
          </section>
        </div>
      </div>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'organizer.event.editTitle', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
