import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatEventWhen } from '../app/time.ts'
import { ActionButton, EmailLayout, Facts, InlineLink, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * An organizer changed or cancelled an event; every registered person hears about it. The text
 * part repeats title, Stockholm time, place and event URL, because Outlook copies the body (not the
 * ICS) into calendar entries (indico#6358).
 */
export const EventChangedSchema = ReplyToSchema.extend({
  eventTitle: LineSchema,
  eventUrl: HttpUrlSchema,
  change: z.enum(['time', 'place', 'cancelled', 'postponed']),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  /** An address, or a stream link for online events. */
  place: LineSchema,
  reason: z.string().trim().max(2000).optional(),
})

type Payload = z.output<typeof EventChangedSchema>

function isLink(place: string) {
  return HttpUrlSchema.safeParse(place).success
}

function facts(payload: Payload, locale: Locale) {
  const when = `${formatEventWhen(new Date(payload.startsAt), new Date(payload.endsAt), locale)} (${t(locale, 'mail.common.timeZone')})`
  const whenLabel =
    payload.change === 'time' ? 'mail.eventChanged.newWhen' : payload.change === 'place' ? 'mail.eventChanged.when' : 'mail.eventChanged.plannedWhen'
  const whereLabel = payload.change === 'place' ? 'mail.eventChanged.newWhere' : 'mail.eventChanged.where'
  return {
    event: { label: t(locale, 'mail.eventChanged.event'), value: payload.eventTitle },
    when: { label: t(locale, whenLabel), value: when },
    where: { label: t(locale, whereLabel), value: payload.place },
    link: { label: t(locale, 'mail.eventChanged.link'), value: payload.eventUrl },
  }
}

const hintKey = (payload: Payload) => (payload.change === 'cancelled' ? 'mail.eventChanged.cancelledHint' : 'mail.eventChanged.calendarHint')

export const eventChanged = defineTemplate({
  name: 'event-changed',
  kind: 'notification',
  schema: EventChangedSchema,
  subject: (payload, locale) => t(locale, `mail.eventChanged.subject.${payload.change}`, { title: payload.eventTitle }),
  Email({ payload, context }) {
    const { locale } = context
    const f = facts(payload, locale)
    const intro = t(locale, `mail.eventChanged.intro.${payload.change}`, { title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={t(locale, `mail.eventChanged.subject.${payload.change}`, { title: payload.eventTitle })}>
        <Paragraph>{intro}</Paragraph>
        {payload.reason ? (
          <Paragraph>
            <strong>{t(locale, 'mail.eventChanged.reason')}</strong> {payload.reason}
          </Paragraph>
        ) : null}
        <Facts
          rows={[
            f.event,
            f.when,
            { label: f.where.label, value: isLink(payload.place) ? <InlineLink href={payload.place}>{payload.place}</InlineLink> : payload.place },
            { label: f.link.label, value: <InlineLink href={payload.eventUrl}>{payload.eventUrl}</InlineLink> },
          ]}
        />
        <ActionButton href={payload.eventUrl} label={t(locale, 'mail.eventChanged.button')} locale={locale} />
        <SmallPrint>{t(locale, hintKey(payload))}</SmallPrint>
        <SmallPrint>{t(locale, 'mail.eventChanged.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    const f = facts(payload, locale)
    return textLayout(context, [
      t(locale, `mail.eventChanged.subject.${payload.change}`, { title: payload.eventTitle }),
      '',
      t(locale, `mail.eventChanged.intro.${payload.change}`, { title: payload.eventTitle }),
      payload.reason ? `\n${t(locale, 'mail.eventChanged.reason')}\n${payload.reason}` : null,
      '',
      fact(f.event.label, f.event.value),
      fact(f.when.label, f.when.value),
      fact(f.where.label, f.where.value),
      '',
      link(f.link.label, f.link.value),
      '',
      t(locale, hintKey(payload)),
      t(locale, 'mail.eventChanged.why'),
    ])
  },
  sample: (locale) => ({
    eventTitle: locale === 'sv' ? 'Social innovation i offentlig sektor 2027' : 'Social innovation in the public sector 2027',
    eventUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/social-innovation-2027`,
    change: 'time' as const,
    startsAt: '2027-02-12T09:00:00.000Z',
    endsAt: '2027-02-12T15:00:00.000Z',
    place: 'Munktell Science Park, Verkstadsgatan 11, Eskilstuna',
    reason:
      locale === 'sv' ? 'Lokalen är bokad på förmiddagen, så vi börjar en timme senare.' : 'The venue is booked in the morning, so we start an hour later.',
  }),
})
