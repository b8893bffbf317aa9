import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { ActionButton, EmailLayout, Facts, Paragraph } from './layout.tsx'
import { CalendarInviteSchema, HttpUrlSchema, LineSchema, ReplyToSchema } from './schemas.ts'
import { sampleSessionInvite, sampleSpeakerSession, sessionRows, speakerGreeting, SpeakerSessionSchema } from './speaker-sessions.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * A session a speaker accepted changed (app/speakers/session-mail.server.ts): it moved to another
 * time or room (an updated METHOD:REQUEST with a higher SEQUENCE), was taken out of the programme,
 * or the speaker was taken off it (METHOD:CANCEL for the item's UID).
 */
export const SpeakerSessionChangedSchema = ReplyToSchema.extend({
  speakerName: z.string().trim().max(200),
  eventTitle: LineSchema,
  change: z.enum(['moved', 'cancelled', 'removed']),
  session: SpeakerSessionSchema,
  speakerUrl: HttpUrlSchema,
  invite: CalendarInviteSchema,
})

type Payload = z.output<typeof SpeakerSessionChangedSchema>

const params = (payload: Payload) => ({ title: payload.session.title, event: payload.eventTitle })
const subject = (payload: Payload, locale: Locale) => t(locale, `mail.speakerSession.subject.${payload.change}`, params(payload))
const greeting = (payload: Payload, locale: Locale) => speakerGreeting(payload.speakerName, locale)

export const speakerSessionChanged = defineTemplate({
  name: 'speaker-session-changed',
  kind: 'transactional',
  schema: SpeakerSessionChangedSchema.refine(
    (payload) => (payload.change === 'moved') === (payload.invite.method === 'REQUEST'),
    'a move carries a REQUEST, a cancellation a CANCEL',
  ),
  subject,
  Email({ payload, context }) {
    const { locale } = context
    return (
      <EmailLayout context={context} preview={t(locale, `mail.speakerSession.body.${payload.change}`, params(payload))} heading={subject(payload, locale)}>
        <Paragraph>{greeting(payload, locale)}</Paragraph>
        <Paragraph>{t(locale, `mail.speakerSession.body.${payload.change}`, params(payload))}</Paragraph>
        <Facts rows={sessionRows(payload.session, locale)} />
        <ActionButton href={payload.speakerUrl} label={t(locale, 'mail.speakerConfirmed.button')} locale={locale} />
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      greeting(payload, locale),
      '',
      t(locale, `mail.speakerSession.body.${payload.change}`, params(payload)),
      '',
      ...sessionRows(payload.session, locale).map((row) => fact(row.label, row.value)),
      '',
      link(t(locale, 'mail.speakerConfirmed.button'), payload.speakerUrl),
    ])
  },
  sample: (locale) => ({
    speakerName: 'Åsa Öberg',
    eventTitle: 'Co-Days 2027',
    change: 'moved' as const,
    session: sampleSpeakerSession(locale),
    speakerUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/speaker`,
    invite: sampleSessionInvite(locale, 'REQUEST', 1),
  }),
})
