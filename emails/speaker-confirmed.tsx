import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { ActionButton, EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { CalendarInvitesSchema, HttpUrlSchema, LineSchema, ReplyToSchema } from './schemas.ts'
import { sampleSessionInvite, sampleSpeakerSession, sessionRows, speakerGreeting, SpeakerRoleSchema, SpeakerSessionSchema } from './speaker-sessions.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * The speaker accepted (app/speakers/session-mail.server.ts): what, when, where and in which role,
 * with their sessions as a calendar invitation (METHOD:REQUEST, one VEVENT per programme item, the
 * item's UID from the programme feed) and the link to their own pages (/speaker, behind sign-in).
 */
export const SpeakerConfirmedSchema = ReplyToSchema.extend({
  speakerName: z.string().trim().max(200),
  organizationName: LineSchema,
  eventTitle: LineSchema,
  role: SpeakerRoleSchema,
  sessions: z.array(SpeakerSessionSchema).max(50),
  /** The speaker's own pages: /speaker or /en/speaker. */
  speakerUrl: HttpUrlSchema,
  invite: CalendarInvitesSchema.refine((invites) => invites[0].method === 'REQUEST', 'a confirmation carries a REQUEST').optional(),
})

type Payload = z.output<typeof SpeakerConfirmedSchema>

function params(payload: Payload, locale: Locale) {
  return { title: payload.eventTitle, organization: payload.organizationName, role: t(locale, `speakers.role.${payload.role}`) }
}

const greeting = (payload: Payload, locale: Locale) => speakerGreeting(payload.speakerName, locale)

function intro(payload: Payload, locale: Locale): string {
  const body = t(locale, 'mail.speakerConfirmed.body', params(payload, locale))
  return payload.invite ? `${body} ${t(locale, 'mail.speakerConfirmed.calendar')}` : body
}

function facts(payload: Payload, locale: Locale) {
  return [
    { label: t(locale, 'mail.speakerInvitation.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.speakerInvitation.role'), value: t(locale, `speakers.role.${payload.role}`) },
    ...payload.sessions.flatMap((session) => sessionRows(session, locale)),
  ]
}

export const speakerConfirmed = defineTemplate({
  name: 'speaker-confirmed',
  kind: 'transactional',
  schema: SpeakerConfirmedSchema,
  subject: (payload, locale) => t(locale, 'mail.speakerConfirmed.subject', params(payload, locale)),
  Email({ payload, context }) {
    const { locale } = context
    return (
      <EmailLayout context={context} preview={intro(payload, locale)} heading={t(locale, 'mail.speakerConfirmed.subject', params(payload, locale))}>
        <Paragraph>{greeting(payload, locale)}</Paragraph>
        <Paragraph>{intro(payload, locale)}</Paragraph>
        <Facts rows={facts(payload, locale)} />
        <ActionButton href={payload.speakerUrl} label={t(locale, 'mail.speakerConfirmed.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.speakerConfirmed.pages')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      t(locale, 'mail.speakerConfirmed.subject', params(payload, locale)),
      '',
      greeting(payload, locale),
      '',
      intro(payload, locale),
      '',
      ...facts(payload, locale).map((row) => fact(row.label, row.value)),
      '',
      link(t(locale, 'mail.speakerConfirmed.button'), payload.speakerUrl),
      '',
      t(locale, 'mail.speakerConfirmed.pages'),
    ])
  },
  sample: (locale) => ({
    speakerName: 'Åsa Öberg',
    organizationName: 'Co-Days',
    eventTitle: locale === 'sv' ? 'Co-Days 2027: samskapande för välfärd' : 'Co-Days 2027: co-creating welfare',
    role: 'panelist' as const,
    sessions: [sampleSpeakerSession(locale)],
    speakerUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/speaker`,
    invite: [sampleSessionInvite(locale, 'REQUEST', 0)],
    replyTo: 'hej@codays.se',
  }),
})
