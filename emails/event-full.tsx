import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatEventWhen } from '../app/time.ts'
import { ActionButton, EmailLayout, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { textLayout } from './text.ts'

/**
 * Every place of an event (or of one attendance mode of a hybrid event) is taken: sent once per
 * event, mode and capacity to the organization's members who get registration mail
 * (app/registrations/organizer-notices.server.ts). A notification: the unsubscribe link applies.
 */
export const EventFullSchema = z.object({
  eventTitle: LineSchema,
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  /** Which places ran out; 'all' for an event with one kind of place. */
  mode: z.enum(['on_site', 'online', 'all']),
  capacity: z.number().int().min(0),
  /** The event's registration list in the console. */
  url: HttpUrlSchema,
  settingsUrl: HttpUrlSchema,
})

type Payload = z.output<typeof EventFullSchema>

const subject = (payload: Payload, locale: Locale) => t(locale, `mail.eventFull.subject.${payload.mode}`, { title: payload.eventTitle })

const body = (payload: Payload, locale: Locale) =>
  t(locale, `mail.eventFull.body.${payload.mode}`, {
    title: payload.eventTitle,
    capacity: payload.capacity,
    when: formatEventWhen(new Date(payload.startsAt), new Date(payload.endsAt), locale),
  })

export const eventFull = defineTemplate({
  name: 'event-full',
  kind: 'notification',
  schema: EventFullSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    return (
      <EmailLayout context={context} preview={body(payload, locale)} heading={subject(payload, locale)}>
        <Paragraph>{body(payload, locale)}</Paragraph>
        <Paragraph>{t(locale, 'mail.eventFull.waitlist')}</Paragraph>
        <ActionButton href={payload.url} label={t(locale, 'mail.eventFull.button')} locale={locale} />
        <SmallPrint>{t(locale, 'mail.eventFull.once')}</SmallPrint>
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
      body(payload, locale),
      t(locale, 'mail.eventFull.waitlist'),
      '',
      `${t(locale, 'mail.eventFull.button')}:`,
      payload.url,
      '',
      t(locale, 'mail.eventFull.once'),
      `${t(locale, 'mail.organizerRegistrations.settings')}:`,
      payload.settingsUrl,
    ])
  },
  sample: (locale) => ({
    eventTitle: 'Social Innovation i Norr',
    startsAt: '2027-04-22T07:00:00.000Z',
    endsAt: '2027-04-22T14:00:00.000Z',
    mode: 'on_site' as const,
    capacity: 80,
    url: `https://samling.example/organizer/norr/events/00000000-0000-4000-8000-000000000002/registrations${locale === 'en' ? '?lang=en' : ''}`,
    settingsUrl: `https://samling.example/organizer/norr/members${locale === 'en' ? '?lang=en' : ''}#notifications`,
  }),
})
