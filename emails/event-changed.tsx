import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatEventWhen } from '../app/time.ts'
import { ActionButton, EmailLayout, Facts, InlineLink, Paragraph, SmallPrint } from './layout.tsx'
import { CalendarInviteSchema, HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * The one vocabulary of attendee-visible changes, shared by the domain (app/events/changes.server.ts
 * decides which apply to whom) and this template (which words it uses). time, place and stream can
 * come together from one edit; cancelled, postponed and reinstated come alone.
 */
export const EVENT_CHANGE_KINDS = ['time', 'place', 'stream', 'cancelled', 'postponed', 'reinstated'] as const
export const EventChangeKindSchema = z.enum(EVENT_CHANGE_KINDS)
export type EventChangeKind = z.output<typeof EventChangeKindSchema>
export const STATUS_CHANGE_KINDS = ['cancelled', 'postponed', 'reinstated'] as const satisfies readonly EventChangeKind[]

/**
 * An organizer changed the time, place or stream link of an event, or cancelled, postponed or
 * reinstated it; each registered (and waitlisted) person hears about it in one mail, with an updated
 * calendar invitation when they have a place (REQUEST with the new SEQUENCE, or CANCEL).
 *
 * Transactional, not a notification (lessons row 17): people must learn that their event moved or
 * was cancelled, so unsubscribing from notifications does not stop this mail and it carries no
 * unsubscribe link. The text part repeats title, Stockholm time, place and event URL, because
 * Outlook copies the body (not the ICS) into calendar entries (indico#6358). The stream link is a
 * secret (never in public pages, feeds or the calendar part) and only goes to people entitled to it.
 */
export const EventChangedSchema = ReplyToSchema.extend({
  eventTitle: LineSchema,
  eventUrl: HttpUrlSchema,
  changes: z
    .array(EventChangeKindSchema)
    .min(1)
    .max(3)
    .refine((kinds) => kinds.every((kind) => !STATUS_CHANGE_KINDS.includes(kind as never)) || kinds.length === 1, 'a status change comes alone'),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  /** The venue, or "Digitalt"/"Online": never the stream link. */
  place: LineSchema,
  /** The cancellation reason or the postponement note. */
  reason: z.string().trim().max(2000).optional(),
  registrationStatus: z.enum(['confirmed', 'waitlisted']).default('confirmed'),
  manageUrl: secret(HttpUrlSchema.optional()),
  /** Only for people entitled to it (online attendees, everyone at a hybrid event). */
  streamUrl: secret(HttpUrlSchema.optional()),
  /** The updated invitation (confirmed places only: the waitlist has nothing in its calendar yet). */
  invite: CalendarInviteSchema.optional(),
})

type Payload = z.output<typeof EventChangedSchema>

/** The word for the subject: the status change, the one detail that changed, or "several". */
function headline(payload: Payload): EventChangeKind | 'several' {
  return payload.changes.length === 1 ? payload.changes[0] : 'several'
}

const has = (payload: Payload, kind: EventChangeKind) => payload.changes.includes(kind)

const subject = (payload: Payload, locale: Locale) => t(locale, `mail.eventChanged.subject.${headline(payload)}`, { title: payload.eventTitle })

const intros = (payload: Payload, locale: Locale) => payload.changes.map((kind) => t(locale, `mail.eventChanged.intro.${kind}`, { title: payload.eventTitle }))

function facts(payload: Payload, locale: Locale) {
  const when = `${formatEventWhen(new Date(payload.startsAt), new Date(payload.endsAt), locale)} (${t(locale, 'mail.common.timeZone')})`
  const isOff = has(payload, 'cancelled') || has(payload, 'postponed')
  const whenLabel = has(payload, 'time') ? 'mail.eventChanged.newWhen' : isOff ? 'mail.eventChanged.plannedWhen' : 'mail.eventChanged.when'
  return {
    event: { label: t(locale, 'mail.eventChanged.event'), value: payload.eventTitle },
    when: { label: t(locale, whenLabel), value: when },
    where: { label: t(locale, has(payload, 'place') ? 'mail.eventChanged.newWhere' : 'mail.eventChanged.where'), value: payload.place },
    stream: payload.streamUrl
      ? { label: t(locale, has(payload, 'stream') ? 'mail.eventChanged.newStream' : 'mail.eventChanged.stream'), value: payload.streamUrl }
      : null,
    link: { label: t(locale, 'mail.eventChanged.link'), value: payload.eventUrl },
  }
}

function calendarHint(payload: Payload, locale: Locale): string | null {
  if (!payload.invite) return null
  return t(locale, payload.invite.method === 'CANCEL' ? 'mail.eventChanged.cancelledHint' : 'mail.eventChanged.calendarHint')
}

export const eventChanged = defineTemplate({
  name: 'event-changed',
  kind: 'transactional',
  schema: EventChangedSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const f = facts(payload, locale)
    const hint = calendarHint(payload, locale)
    return (
      <EmailLayout context={context} preview={intros(payload, locale).join(' ')} heading={subject(payload, locale)}>
        {intros(payload, locale).map((intro) => (
          <Paragraph key={intro}>{intro}</Paragraph>
        ))}
        {payload.reason ? (
          <Paragraph>
            <strong>{t(locale, 'mail.eventChanged.reason')}</strong> {payload.reason}
          </Paragraph>
        ) : null}
        <Facts
          rows={[
            f.event,
            f.when,
            f.where,
            ...(f.stream ? [{ label: f.stream.label, value: <InlineLink href={f.stream.value}>{f.stream.value}</InlineLink> }] : []),
            { label: f.link.label, value: <InlineLink href={payload.eventUrl}>{payload.eventUrl}</InlineLink> },
          ]}
        />
        {f.stream ? <SmallPrint>{t(locale, 'mail.eventChanged.streamPrivate')}</SmallPrint> : null}
        {payload.manageUrl ? (
          <ActionButton href={payload.manageUrl} label={t(locale, 'mail.eventChanged.manage')} locale={locale} />
        ) : (
          <ActionButton href={payload.eventUrl} label={t(locale, 'mail.eventChanged.button')} locale={locale} />
        )}
        {hint ? <SmallPrint>{hint}</SmallPrint> : null}
        <SmallPrint>{t(locale, `mail.eventChanged.why.${payload.registrationStatus}`)}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    const f = facts(payload, locale)
    return textLayout(context, [
      subject(payload, locale),
      '',
      ...intros(payload, locale),
      payload.reason ? `\n${t(locale, 'mail.eventChanged.reason')}\n${payload.reason}` : null,
      '',
      fact(f.event.label, f.event.value),
      fact(f.when.label, f.when.value),
      fact(f.where.label, f.where.value),
      ...(f.stream ? ['', link(f.stream.label, f.stream.value), t(locale, 'mail.eventChanged.streamPrivate')] : []),
      '',
      link(f.link.label, f.link.value),
      ...(payload.manageUrl ? ['', link(t(locale, 'mail.eventChanged.manage'), payload.manageUrl)] : []),
      '',
      calendarHint(payload, locale),
      t(locale, `mail.eventChanged.why.${payload.registrationStatus}`),
    ])
  },
  sample: (locale) => ({
    eventTitle: locale === 'sv' ? 'Social innovation i offentlig sektor 2027' : 'Social innovation in the public sector 2027',
    eventUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/social-innovation-2027`,
    changes: ['time'] as EventChangeKind[],
    startsAt: '2027-02-12T09:00:00.000Z',
    endsAt: '2027-02-12T15:00:00.000Z',
    place: 'Munktell Science Park, Verkstadsgatan 11, Eskilstuna',
    registrationStatus: 'confirmed' as const,
    manageUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/registrations/exempel-token`,
  }),
})
