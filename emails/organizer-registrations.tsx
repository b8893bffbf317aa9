import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatLongDate } from '../app/time.ts'
import { EmailLayout, Facts, InlineLink, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { link, textLayout } from './text.ts'

/**
 * New registrations and cancellations for the events of an organizer's organizations, as each
 * member chose in the console (Membership.registrationDigest): one mail per change ('immediate'),
 * or one mail a day at about 07.00 with the day before ('daily'). The daily mail also carries the
 * speakers' answers of that day (and invitations that expired unanswered) for members who chose
 * 'daily' for those (Membership.speakerAnswerMail), so a member gets one digest, not two. Built by
 * app/registrations/organizer-notices.server.ts. A notification: the unsubscribe link applies.
 */
const MAX_NAMES = 100

const PersonSchema = z.object({
  name: z.string().trim().max(300),
  status: z.enum(['confirmed', 'waitlisted', 'cancelled', 'interest']),
  attendanceMode: z.enum(['on_site', 'online']),
})

const EventDigestSchema = z.object({
  eventTitle: LineSchema,
  /** The event's registration list in the console. */
  url: HttpUrlSchema,
  registered: z.array(PersonSchema).max(MAX_NAMES),
  cancelled: z.array(PersonSchema).max(MAX_NAMES),
  /** How many there were in all (the lists stop at MAX_NAMES names). */
  registeredCount: z.number().int().min(0),
  cancelledCount: z.number().int().min(0),
  /** Where the event stands now. */
  confirmed: z.number().int().min(0),
  waitlisted: z.number().int().min(0),
})

const SpeakerAnswerDigestSchema = z.object({
  eventTitle: LineSchema,
  speakerName: LineSchema,
  answer: z.enum(['accepted', 'declined', 'expired']),
  reason: z.string().trim().max(2000).optional(),
  /** The event's speakers page in the console. */
  url: HttpUrlSchema,
})

export const OrganizerRegistrationsSchema = z
  .object({
    frequency: z.enum(['immediate', 'daily']),
    /** The day a daily digest covers (midnight, Stockholm time). */
    day: InstantSchema.optional(),
    events: z.array(EventDigestSchema).max(200),
    /** Daily only: the speakers' answers of the day, in the order they came. */
    speakerAnswers: z.array(SpeakerAnswerDigestSchema).max(MAX_NAMES).optional(),
    /** How many answers there were in all (the list stops at MAX_NAMES). */
    speakerAnswerCount: z.number().int().min(0).optional(),
    /** "Mina aviseringar" in the console, where the frequency is changed. */
    settingsUrl: HttpUrlSchema,
  })
  .refine((payload) => payload.events.length > 0 || (payload.speakerAnswers?.length ?? 0) > 0, 'nothing to tell')

type Payload = z.output<typeof OrganizerRegistrationsSchema>
type Person = z.output<typeof PersonSchema>

const totals = (payload: Payload) => ({
  registered: payload.events.reduce((sum, event) => sum + event.registeredCount, 0),
  cancelled: payload.events.reduce((sum, event) => sum + event.cancelledCount, 0),
})

const answerCount = (payload: Payload) => payload.speakerAnswerCount ?? payload.speakerAnswers?.length ?? 0

function subject(payload: Payload, locale: Locale): string {
  if (payload.frequency === 'daily') {
    const params = { ...totals(payload), answers: answerCount(payload), day: formatLongDate(new Date(payload.day!), locale) }
    if (payload.events.length === 0) return t(locale, 'mail.organizerRegistrations.subject.dailySpeakers', params)
    if (answerCount(payload) > 0) return t(locale, 'mail.organizerRegistrations.subject.dailyBoth', params)
    return t(locale, 'mail.organizerRegistrations.subject.daily', params)
  }
  const [event] = payload.events
  const person = event.registered[0] ?? event.cancelled[0]
  const key = event.registered.length ? 'mail.organizerRegistrations.subject.registered' : 'mail.organizerRegistrations.subject.cancelled'
  return t(locale, key, { name: person?.name ?? '', title: event.eventTitle })
}

function personLine(person: Person, locale: Locale): string {
  const mode = t(locale, `mail.organizerRegistrations.mode.${person.attendanceMode}`)
  return person.status === 'waitlisted' ? `${person.name} (${mode}, ${t(locale, 'mail.organizerRegistrations.waitlisted')})` : `${person.name} (${mode})`
}

function more(shown: number, count: number, locale: Locale): string | null {
  return count > shown ? t(locale, 'mail.organizerRegistrations.more', { count: count - shown }) : null
}

function introOf(payload: Payload, locale: Locale): string {
  const key = payload.events.length === 0 ? 'mail.organizerRegistrations.intro.dailySpeakers' : `mail.organizerRegistrations.intro.${payload.frequency}`
  return t(locale, key as 'mail.organizerRegistrations.intro.daily', { day: payload.day ? formatLongDate(new Date(payload.day), locale) : '' })
}

/** "Åsa Öberg: Tackat nej – Co-Days 2027 (Anledning: …)". */
function answerLine(answer: NonNullable<Payload['speakerAnswers']>[number], locale: Locale): string {
  const line = `${answer.speakerName}: ${t(locale, `speakers.status.${answer.answer}`)} – ${answer.eventTitle}`
  return answer.reason ? `${line} (${t(locale, 'mail.speakerAnswer.reason')}: ${answer.reason})` : line
}

export const organizerRegistrations = defineTemplate({
  name: 'organizer-registrations',
  kind: 'notification',
  schema: OrganizerRegistrationsSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const intro = introOf(payload, locale)
    const answers = payload.speakerAnswers ?? []
    return (
      <EmailLayout context={context} preview={intro} heading={subject(payload, locale)}>
        <Paragraph>{intro}</Paragraph>
        {payload.events.map((event) => (
          <div key={event.url}>
            <Paragraph>
              <strong>{event.eventTitle}</strong>
            </Paragraph>
            <Facts
              rows={[
                ...(event.registeredCount
                  ? [
                      {
                        label: t(locale, 'mail.organizerRegistrations.registered', { count: event.registeredCount }),
                        value: [...event.registered.map((person) => personLine(person, locale)), more(event.registered.length, event.registeredCount, locale)]
                          .filter(Boolean)
                          .join(', '),
                      },
                    ]
                  : []),
                ...(event.cancelledCount
                  ? [
                      {
                        label: t(locale, 'mail.organizerRegistrations.cancelled', { count: event.cancelledCount }),
                        value: [...event.cancelled.map((person) => person.name), more(event.cancelled.length, event.cancelledCount, locale)]
                          .filter(Boolean)
                          .join(', '),
                      },
                    ]
                  : []),
                {
                  label: t(locale, 'mail.organizerRegistrations.now'),
                  value: t(locale, 'mail.organizerRegistrations.standing', { confirmed: event.confirmed, waitlisted: event.waitlisted }),
                },
              ]}
            />
            <Paragraph>
              <InlineLink href={event.url}>{t(locale, 'mail.organizerRegistrations.list', { title: event.eventTitle })}</InlineLink>
            </Paragraph>
          </div>
        ))}
        {answers.length ? (
          <div>
            <Paragraph>
              <strong>{t(locale, 'mail.organizerRegistrations.speakerAnswers', { count: answerCount(payload) })}</strong>
            </Paragraph>
            {answers.map((answer, index) => (
              <Paragraph key={`${answer.url}-${index}`}>
                <InlineLink href={answer.url}>{answerLine(answer, locale)}</InlineLink>
              </Paragraph>
            ))}
            {more(answers.length, answerCount(payload), locale) ? <Paragraph>{more(answers.length, answerCount(payload), locale)}</Paragraph> : null}
          </div>
        ) : null}
        <SmallPrint>
          {t(locale, 'mail.organizerRegistrations.settings')} <InlineLink href={payload.settingsUrl}>{payload.settingsUrl}</InlineLink>
        </SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    const blocks = payload.events.flatMap((event) => [
      '',
      event.eventTitle,
      ...(event.registeredCount
        ? [
            `${t(locale, 'mail.organizerRegistrations.registered', { count: event.registeredCount })}:`,
            ...event.registered.map((person) => `- ${personLine(person, locale)}`),
            more(event.registered.length, event.registeredCount, locale),
          ]
        : []),
      ...(event.cancelledCount
        ? [
            `${t(locale, 'mail.organizerRegistrations.cancelled', { count: event.cancelledCount })}:`,
            ...event.cancelled.map((person) => `- ${person.name}`),
            more(event.cancelled.length, event.cancelledCount, locale),
          ]
        : []),
      `${t(locale, 'mail.organizerRegistrations.now')}: ${t(locale, 'mail.organizerRegistrations.standing', { confirmed: event.confirmed, waitlisted: event.waitlisted })}`,
      link(t(locale, 'mail.organizerRegistrations.list', { title: event.eventTitle }), event.url),
    ])
    const answers = payload.speakerAnswers ?? []
    const answerBlock = answers.length
      ? [
          '',
          `${t(locale, 'mail.organizerRegistrations.speakerAnswers', { count: answerCount(payload) })}:`,
          ...answers.flatMap((answer) => [`- ${answerLine(answer, locale)}`, `  ${answer.url}`]),
          more(answers.length, answerCount(payload), locale),
        ]
      : []
    return textLayout(context, [
      subject(payload, locale),
      '',
      introOf(payload, locale),
      ...blocks,
      ...answerBlock,
      '',
      link(t(locale, 'mail.organizerRegistrations.settings'), payload.settingsUrl),
    ])
  },
  sample: (locale) => ({
    frequency: 'daily' as const,
    day: '2027-02-10T23:00:00.000Z',
    events: [
      {
        eventTitle: 'Sörmland Social Innovation Day',
        url: `https://samling.example/organizer/region-sormland/events/00000000-0000-4000-8000-000000000001/registrations${locale === 'en' ? '?lang=en' : ''}`,
        registered: [
          { name: 'Anna Svensson', status: 'confirmed' as const, attendanceMode: 'on_site' as const },
          { name: 'Sam Okafor', status: 'waitlisted' as const, attendanceMode: 'on_site' as const },
        ],
        cancelled: [{ name: 'Karl Berg', status: 'cancelled' as const, attendanceMode: 'online' as const }],
        registeredCount: 2,
        cancelledCount: 1,
        confirmed: 118,
        waitlisted: 4,
      },
    ],
    speakerAnswers: [
      {
        eventTitle: 'Sörmland Social Innovation Day',
        speakerName: 'Åsa Öberg',
        answer: 'declined' as const,
        reason: locale === 'sv' ? 'Jag är bortrest den veckan.' : 'I am away that week.',
        url: `https://samling.example/organizer/region-sormland/events/00000000-0000-4000-8000-000000000001/speakers${locale === 'en' ? '?lang=en' : ''}`,
      },
    ],
    speakerAnswerCount: 1,
    settingsUrl: `https://samling.example/organizer/region-sormland/members${locale === 'en' ? '?lang=en' : ''}#notifications`,
  }),
})
