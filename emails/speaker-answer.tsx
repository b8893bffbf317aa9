import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { EmailLayout, ActionButton, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, LineSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, textLayout } from './text.ts'

/**
 * A speaker answered an invitation, or its answer-by date passed unanswered
 * (app/speakers/invitations.server.ts): sent at once to the organization's organizers and owners
 * who chose 'immediate' for speaker answers (Membership.speakerAnswerMail; 'daily' members read it
 * in the daily digest instead). A notification: the
 * unsubscribe link applies. Carries the reason and the suggested person when the speaker gave them.
 */
export const SpeakerAnswerSchema = z.object({
  eventTitle: LineSchema,
  speakerName: LineSchema,
  /** 'expired': the answer-by date passed without an answer (the scheduled job marks it). */
  answer: z.enum(['accepted', 'declined', 'expired']),
  reason: z.string().trim().max(2000).optional(),
  suggestion: z.object({ name: LineSchema, email: z.email() }).optional(),
  /** The event's speakers page in the console. */
  url: HttpUrlSchema,
  settingsUrl: HttpUrlSchema,
})

type Payload = z.output<typeof SpeakerAnswerSchema>

const params = (payload: Payload) => ({ name: payload.speakerName, title: payload.eventTitle })
const subject = (payload: Payload, locale: Locale) => t(locale, `mail.speakerAnswer.subject.${payload.answer}`, params(payload))

function facts(payload: Payload, locale: Locale) {
  return [
    ...(payload.reason ? [{ label: t(locale, 'mail.speakerAnswer.reason'), value: payload.reason }] : []),
    ...(payload.suggestion ? [{ label: t(locale, 'mail.speakerAnswer.suggestion'), value: `${payload.suggestion.name} <${payload.suggestion.email}>` }] : []),
  ]
}

export const speakerAnswer = defineTemplate({
  name: 'speaker-answer',
  kind: 'notification',
  schema: SpeakerAnswerSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const rows = facts(payload, locale)
    return (
      <EmailLayout context={context} preview={subject(payload, locale)} heading={subject(payload, locale)}>
        <Paragraph>{t(locale, `mail.speakerAnswer.body.${payload.answer}`, params(payload))}</Paragraph>
        {rows.length ? <Facts rows={rows} /> : null}
        <ActionButton href={payload.url} label={t(locale, 'mail.speakerAnswer.button')} locale={locale} />
        <SmallPrint>
          {t(locale, 'mail.organizerRegistrations.settings')} {payload.settingsUrl}
        </SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      t(locale, `mail.speakerAnswer.body.${payload.answer}`, params(payload)),
      ...facts(payload, locale).map((row) => fact(row.label, row.value)),
      '',
      `${t(locale, 'mail.speakerAnswer.button')}:`,
      payload.url,
      '',
      `${t(locale, 'mail.organizerRegistrations.settings')}:`,
      payload.settingsUrl,
    ])
  },
  sample: (locale) => ({
    eventTitle: 'Co-Days 2027',
    speakerName: 'Åsa Öberg',
    answer: 'declined' as const,
    reason: locale === 'sv' ? 'Jag är bortrest den veckan.' : 'I am away that week.',
    suggestion: { name: 'Kim Berg', email: 'kim@example.se' },
    url: `https://samling.example/organizer/co-days/events/00000000-0000-4000-8000-000000000002/speakers${locale === 'en' ? '?lang=en' : ''}`,
    settingsUrl: `https://samling.example/organizer/co-days/members${locale === 'en' ? '?lang=en' : ''}#notifications`,
  }),
})
