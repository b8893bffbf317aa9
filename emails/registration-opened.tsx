import { type z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatDateTime, formatEventWhen } from '../app/time.ts'
import { ActionButton, EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { fact, link, textLayout } from './text.ts'

/**
 * Someone left their address on an interest-only event (Sopact's recruitment lab) and registration
 * is now open: sent once per interest registration (app/registrations/interest.server.ts). A
 * notification, so the unsubscribe link applies. The link is the public event page, where the
 * person registers like anyone else: nothing in it acts on their behalf.
 */
export const RegistrationOpenedSchema = ReplyToSchema.extend({
  eventTitle: LineSchema,
  eventUrl: HttpUrlSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  /** The address, or "Digitalt"/"Online". */
  place: LineSchema,
  registrationClosesAt: InstantSchema.optional(),
})

type Payload = z.output<typeof RegistrationOpenedSchema>

function rows(payload: Payload, locale: Locale) {
  const when = `${formatEventWhen(new Date(payload.startsAt), new Date(payload.endsAt), locale)} (${t(locale, 'mail.common.timeZone')})`
  return [
    { label: t(locale, 'mail.registrationOpened.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.registrationOpened.when'), value: when },
    { label: t(locale, 'mail.registrationOpened.where'), value: payload.place },
    ...(payload.registrationClosesAt
      ? [{ label: t(locale, 'mail.registrationOpened.closes'), value: formatDateTime(new Date(payload.registrationClosesAt), locale) }]
      : []),
  ]
}

export const registrationOpened = defineTemplate({
  name: 'registration-opened',
  kind: 'notification',
  schema: RegistrationOpenedSchema,
  subject: (payload, locale) => t(locale, 'mail.registrationOpened.subject', { title: payload.eventTitle }),
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, 'mail.registrationOpened.intro', { title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={t(locale, 'mail.registrationOpened.subject', { title: payload.eventTitle })}>
        <Paragraph>{intro}</Paragraph>
        <Facts rows={rows(payload, locale)} />
        <ActionButton href={payload.eventUrl} label={t(locale, 'mail.registrationOpened.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.registrationOpened.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      t(locale, 'mail.registrationOpened.subject', { title: payload.eventTitle }),
      '',
      t(locale, 'mail.registrationOpened.intro', { title: payload.eventTitle }),
      '',
      ...rows(payload, locale).map((row) => fact(row.label, row.value)),
      '',
      link(t(locale, 'mail.registrationOpened.button'), payload.eventUrl),
      '',
      t(locale, 'mail.registrationOpened.why'),
    ])
  },
  sample: (locale) => ({
    eventTitle: locale === 'sv' ? 'Rekryteringslabbet: så når vi nya medarbetare' : 'The recruitment lab: reaching new colleagues',
    eventUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/rekryteringslabbet`,
    startsAt: '2027-03-18T12:00:00.000Z',
    endsAt: '2027-03-18T15:00:00.000Z',
    place: 'Sopact, Storgatan 4, Umeå',
    registrationClosesAt: '2027-03-11T22:59:00.000Z',
    replyTo: 'lab@sopact.se',
  }),
})
