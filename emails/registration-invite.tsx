import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatEventWhen } from '../app/time.ts'
import { ActionButton, EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * An organizer put someone on the guest list of an invite-only event (Co-Days). The link is the
 * only way in: whoever holds it can register as this guest, so it is a secret (stored encrypted in
 * the outbox, erased once sent). The text part carries every fact and the whole link.
 */
export const RegistrationInviteSchema = ReplyToSchema.extend({
  inviteeName: z.string().trim().max(200),
  organizationName: LineSchema,
  eventTitle: LineSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  /** The venue's address, or "Digitalt"/"Online" (never the stream link). */
  place: LineSchema,
  url: secret(HttpUrlSchema),
})

type Payload = z.output<typeof RegistrationInviteSchema>

function params(payload: Payload) {
  return { title: payload.eventTitle, organization: payload.organizationName }
}

function greeting(payload: Payload, locale: Locale) {
  return payload.inviteeName
    ? t(locale, 'mail.registrationInvite.greeting', { name: payload.inviteeName })
    : t(locale, 'mail.registrationInvite.greetingNoName')
}

function facts(payload: Payload, locale: Locale) {
  const when = `${formatEventWhen(new Date(payload.startsAt), new Date(payload.endsAt), locale)} (${t(locale, 'mail.common.timeZone')})`
  return [
    { label: t(locale, 'mail.registrationInvite.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.registrationInvite.when'), value: when },
    { label: t(locale, 'mail.registrationInvite.where'), value: payload.place },
  ]
}

export const registrationInvite = defineTemplate({
  name: 'registration-invite',
  kind: 'transactional',
  schema: RegistrationInviteSchema,
  subject: (payload, locale) => t(locale, 'mail.registrationInvite.subject', params(payload)),
  Email({ payload, context }) {
    const { locale } = context
    return (
      <EmailLayout
        context={context}
        preview={t(locale, 'mail.registrationInvite.preview', params(payload))}
        heading={t(locale, 'mail.registrationInvite.heading', params(payload))}
      >
        <Paragraph>{greeting(payload, locale)}</Paragraph>
        <Paragraph>{t(locale, 'mail.registrationInvite.body', params(payload))}</Paragraph>
        <Facts rows={facts(payload, locale)} />
        <ActionButton href={payload.url} label={t(locale, 'mail.registrationInvite.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.registrationInvite.personal')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      t(locale, 'mail.registrationInvite.heading', params(payload)),
      '',
      greeting(payload, locale),
      '',
      t(locale, 'mail.registrationInvite.body', params(payload)),
      '',
      ...facts(payload, locale).map((row) => fact(row.label, row.value)),
      '',
      link(t(locale, 'mail.registrationInvite.button'), payload.url),
      '',
      t(locale, 'mail.registrationInvite.personal'),
    ])
  },
  sample: (locale) => ({
    inviteeName: 'Åsa Öberg',
    organizationName: 'Co-Days',
    eventTitle: locale === 'sv' ? 'Co-Days 2027: samskapande för välfärd' : 'Co-Days 2027: co-creating welfare',
    startsAt: '2027-05-18T07:00:00.000Z',
    endsAt: '2027-05-19T14:00:00.000Z',
    place: 'Kulturhuset, Sergels torg, Stockholm',
    url: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/co-days-2027?invite=EXAMPLE-TOKEN-EXAMPLE-TOKEN-EXAMPLE-TOKEN-12`,
    replyTo: 'hej@codays.se',
  }),
})
