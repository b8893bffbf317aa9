import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatDateTime, formatEventWhen } from '../app/time.ts'
import { ActionButton, EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * An organizer invites someone to speak (app/speakers/invitations.server.ts). Whoever holds the link
 * can accept or decline for the invitee, so it is a secret (encrypted in the outbox, erased once
 * sent). The text part carries every fact, the organizer's message and the whole link.
 */
export const SpeakerInvitationSchema = ReplyToSchema.extend({
  inviteeName: z.string().trim().max(200),
  organizationName: LineSchema,
  eventTitle: LineSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  role: z.enum(['speaker', 'moderator', 'panelist']),
  sessions: z.array(z.object({ title: LineSchema, startsAt: InstantSchema, endsAt: InstantSchema })).max(50),
  message: z.string().max(4000),
  answerBy: InstantSchema,
  url: secret(HttpUrlSchema),
})

type Payload = z.output<typeof SpeakerInvitationSchema>

function params(payload: Payload, locale: Locale) {
  return { title: payload.eventTitle, organization: payload.organizationName, role: t(locale, `speakers.role.${payload.role}`) }
}

function greeting(payload: Payload, locale: Locale) {
  return payload.inviteeName
    ? t(locale, 'mail.registrationInvite.greeting', { name: payload.inviteeName })
    : t(locale, 'mail.registrationInvite.greetingNoName')
}

function facts(payload: Payload, locale: Locale) {
  const zone = t(locale, 'mail.common.timeZone')
  const when = (start: string, end: string) => `${formatEventWhen(new Date(start), new Date(end), locale)} (${zone})`
  return [
    { label: t(locale, 'mail.speakerInvitation.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.speakerInvitation.when'), value: when(payload.startsAt, payload.endsAt) },
    { label: t(locale, 'mail.speakerInvitation.role'), value: t(locale, `speakers.role.${payload.role}`) },
    ...payload.sessions.map((session) => ({
      label: t(locale, 'mail.speakerInvitation.session'),
      value: `${session.title}, ${when(session.startsAt, session.endsAt)}`,
    })),
    { label: t(locale, 'mail.speakerInvitation.answerBy'), value: `${formatDateTime(new Date(payload.answerBy), locale)} (${zone})` },
  ]
}

export const speakerInvitation = defineTemplate({
  name: 'speaker-invitation',
  kind: 'transactional',
  schema: SpeakerInvitationSchema,
  subject: (payload, locale) => t(locale, 'mail.speakerInvitation.subject', params(payload, locale)),
  Email({ payload, context }) {
    const { locale } = context
    return (
      <EmailLayout
        context={context}
        preview={t(locale, 'mail.speakerInvitation.preview', params(payload, locale))}
        heading={t(locale, 'mail.speakerInvitation.heading', params(payload, locale))}
      >
        <Paragraph>{greeting(payload, locale)}</Paragraph>
        <Paragraph>{t(locale, 'mail.speakerInvitation.body', params(payload, locale))}</Paragraph>
        {payload.message ? <Paragraph>{payload.message}</Paragraph> : null}
        <Facts rows={facts(payload, locale)} />
        <ActionButton href={payload.url} label={t(locale, 'mail.speakerInvitation.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.speakerInvitation.personal')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      t(locale, 'mail.speakerInvitation.heading', params(payload, locale)),
      '',
      greeting(payload, locale),
      '',
      t(locale, 'mail.speakerInvitation.body', params(payload, locale)),
      '',
      payload.message ? `${payload.message}\n` : null,
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
    startsAt: '2027-05-18T07:00:00.000Z',
    endsAt: '2027-05-19T14:00:00.000Z',
    role: 'panelist' as const,
    sessions: [
      {
        title: locale === 'sv' ? 'Panel: välfärd som samskapas' : 'Panel: co-created welfare',
        startsAt: '2027-05-18T08:00:00.000Z',
        endsAt: '2027-05-18T09:00:00.000Z',
      },
    ],
    message:
      locale === 'sv' ? 'Vi hörde dig på SI Summit och vill gärna ha med dig i panelen.' : 'We heard you at SI Summit and would love to have you on the panel.',
    answerBy: '2027-03-01T22:59:00.000Z',
    url: `https://samling.example${locale === 'sv' ? '' : '/en'}/invitations/EXAMPLE-TOKEN-EXAMPLE-TOKEN-EXAMPLE-TOKEN-12`,
    replyTo: 'hej@codays.se',
  }),
})
