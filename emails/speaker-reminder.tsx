import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatDateTime } from '../app/time.ts'
import { ActionButton, EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema, secret } from './schemas.ts'
import { sessionWhen, speakerGreeting, SpeakerRoleSchema } from './speaker-sessions.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * The one reminder before an invitation's answer-by date when the speaker has not answered
 * (app/speakers/invitation-reminders.server.ts). Carries the same personal link as the invitation,
 * so it is a secret (encrypted in the outbox, erased once sent).
 */
export const SpeakerReminderSchema = ReplyToSchema.extend({
  inviteeName: z.string().trim().max(200),
  organizationName: LineSchema,
  eventTitle: LineSchema,
  role: SpeakerRoleSchema,
  sessions: z.array(z.object({ title: LineSchema, startsAt: InstantSchema, endsAt: InstantSchema })).max(50),
  answerBy: InstantSchema,
  url: secret(HttpUrlSchema),
})

type Payload = z.output<typeof SpeakerReminderSchema>

function params(payload: Payload, locale: Locale) {
  return {
    title: payload.eventTitle,
    organization: payload.organizationName,
    role: t(locale, `speakers.role.${payload.role}`),
    answerBy: `${formatDateTime(new Date(payload.answerBy), locale)} (${t(locale, 'mail.common.timeZone')})`,
  }
}

const greeting = (payload: Payload, locale: Locale) => speakerGreeting(payload.inviteeName, locale)

function facts(payload: Payload, locale: Locale) {
  return [
    { label: t(locale, 'mail.speakerInvitation.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.speakerInvitation.role'), value: t(locale, `speakers.role.${payload.role}`) },
    ...payload.sessions.map((session) => ({ label: t(locale, 'mail.speakerInvitation.session'), value: `${session.title}, ${sessionWhen(session, locale)}` })),
    { label: t(locale, 'mail.speakerInvitation.answerBy'), value: params(payload, locale).answerBy },
  ]
}

export const speakerReminder = defineTemplate({
  name: 'speaker-reminder',
  kind: 'transactional',
  schema: SpeakerReminderSchema,
  subject: (payload, locale) => t(locale, 'mail.speakerReminder.subject', params(payload, locale)),
  Email({ payload, context }) {
    const { locale } = context
    return (
      <EmailLayout
        context={context}
        preview={t(locale, 'mail.speakerReminder.body', params(payload, locale))}
        heading={t(locale, 'mail.speakerReminder.subject', params(payload, locale))}
      >
        <Paragraph>{greeting(payload, locale)}</Paragraph>
        <Paragraph>{t(locale, 'mail.speakerReminder.body', params(payload, locale))}</Paragraph>
        <Facts rows={facts(payload, locale)} />
        <ActionButton href={payload.url} label={t(locale, 'mail.speakerInvitation.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.speakerInvitation.personal')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      t(locale, 'mail.speakerReminder.subject', params(payload, locale)),
      '',
      greeting(payload, locale),
      '',
      t(locale, 'mail.speakerReminder.body', params(payload, locale)),
      '',
      ...facts(payload, locale).map((row) => fact(row.label, row.value)),
      '',
      link(t(locale, 'mail.speakerInvitation.button'), payload.url),
      '',
      t(locale, 'mail.speakerInvitation.personal'),
    ])
  },
  sample: (locale) => ({
    inviteeName: 'Åsa Öberg',
    organizationName: 'Co-Days',
    eventTitle: locale === 'sv' ? 'Co-Days 2027: samskapande för välfärd' : 'Co-Days 2027: co-creating welfare',
    role: 'panelist' as const,
    sessions: [
      {
        title: locale === 'sv' ? 'Panel: välfärd som samskapas' : 'Panel: co-created welfare',
        startsAt: '2027-05-18T08:00:00.000Z',
        endsAt: '2027-05-18T09:00:00.000Z',
      },
    ],
    answerBy: '2027-03-01T22:59:00.000Z',
    url: `https://samling.example${locale === 'sv' ? '' : '/en'}/invitations/EXAMPLE-TOKEN-EXAMPLE-TOKEN-EXAMPLE-TOKEN-12`,
    replyTo: 'hej@codays.se',
  }),
})
