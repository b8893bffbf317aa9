import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatDateTime, formatEventWhen } from '../app/time.ts'
import { ActionButton, EmailLayout, Facts, InlineLink, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * The reminder 24 hours and 1 hour before an event (or a series part), one per confirmed
 * registration (app/registrations/reminders.server.ts decides who and when). Transactional: it
 * answers the person's own registration, so unsubscribing from notifications does not stop it.
 * The stream link goes only here and on the manage page, never in public pages or feeds, so it is
 * a secret() field like the manage link: erased from the outbox once sent.
 */
export const RegistrationReminderSchema = ReplyToSchema.extend({
  eventTitle: LineSchema,
  eventUrl: HttpUrlSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  /** The venue's address, or "Digitalt"/"Online" (never the stream link). */
  place: LineSchema,
  lead: z.enum(['24h', '1h']),
  attendanceMode: z.enum(['on_site', 'online']),
  manageUrl: secret(HttpUrlSchema),
  /** For online attendees, and everyone at a hybrid event. */
  streamUrl: secret(HttpUrlSchema.optional()),
})

type Payload = z.output<typeof RegistrationReminderSchema>

const subject = (payload: Payload, locale: Locale) =>
  t(locale, `mail.reminder.subject.${payload.lead}`, { title: payload.eventTitle, when: formatDateTime(new Date(payload.startsAt), locale) })

function facts(payload: Payload, locale: Locale) {
  const when = `${formatEventWhen(new Date(payload.startsAt), new Date(payload.endsAt), locale)} (${t(locale, 'mail.common.timeZone')})`
  return [
    { label: t(locale, 'mail.reminder.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.reminder.when'), value: when },
    { label: t(locale, 'mail.reminder.where'), value: payload.place },
    { label: t(locale, 'mail.reminder.attendance'), value: t(locale, `mail.reminder.attendance.${payload.attendanceMode}`) },
  ]
}

export const registrationReminder = defineTemplate({
  name: 'registration-reminder',
  kind: 'transactional',
  schema: RegistrationReminderSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, `mail.reminder.intro.${payload.lead}`, { title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={subject(payload, locale)}>
        <Paragraph>{intro}</Paragraph>
        <Facts rows={facts(payload, locale)} />
        {payload.streamUrl ? (
          <>
            <Paragraph>
              <strong>{t(locale, 'mail.reminder.stream')}:</strong> <InlineLink href={payload.streamUrl}>{payload.streamUrl}</InlineLink>
            </Paragraph>
            <SmallPrint>{t(locale, 'mail.reminder.streamPrivate')}</SmallPrint>
          </>
        ) : null}
        <Paragraph>
          {t(locale, 'mail.reminder.eventLink')}: <InlineLink href={payload.eventUrl}>{payload.eventUrl}</InlineLink>
        </Paragraph>
        <ActionButton href={payload.manageUrl} label={t(locale, 'mail.reminder.manage')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.reminder.cantCome')}</SmallPrint>
        <SmallPrint>{t(locale, 'mail.reminder.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      t(locale, `mail.reminder.intro.${payload.lead}`, { title: payload.eventTitle }),
      '',
      ...facts(payload, locale).map((row) => fact(row.label, row.value)),
      ...(payload.streamUrl ? ['', link(t(locale, 'mail.reminder.stream'), payload.streamUrl), t(locale, 'mail.reminder.streamPrivate')] : []),
      '',
      link(t(locale, 'mail.reminder.eventLink'), payload.eventUrl),
      '',
      link(t(locale, 'mail.reminder.manage'), payload.manageUrl),
      '',
      t(locale, 'mail.reminder.cantCome'),
      t(locale, 'mail.reminder.why'),
    ])
  },
  sample: (locale) => ({
    eventTitle: locale === 'sv' ? 'Sörmland Social Innovation Day' : 'Sörmland Social Innovation Day',
    eventUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/sormland-social-innovation-day`,
    startsAt: '2027-02-12T08:00:00.000Z',
    endsAt: '2027-02-12T15:00:00.000Z',
    place: 'Munktellarenan, Verkstadsgatan 5, 632 20 Eskilstuna',
    lead: '24h' as const,
    attendanceMode: 'online' as const,
    manageUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/registrations/exempel-token`,
    streamUrl: 'https://stream.example.se/sisd',
    replyTo: 'info@regionsormland.se',
  }),
})
