import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { AttendeeEventSchema, EventTimesSchema, eventRows, type FactRow, htmlRows, sampleEvent, sampleInvite, textRows, timeRows } from './attendee.tsx'
import { EmailLayout, Facts, InlineLink, Paragraph, SmallPrint } from './layout.tsx'
import { CalendarInviteSchema, LineSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { link, textLayout } from './text.ts'

/**
 * A place was given back, by the person or by the organizer on their behalf. Carries METHOD:CANCEL
 * with the event's UID, so the entry leaves the person's calendar.
 */
export const RegistrationCancelledSchema = AttendeeEventSchema.extend(EventTimesSchema.shape).extend({
  /** The venue or "Digitalt"/"Online", if known. */
  place: LineSchema.optional(),
  by: z.enum(['attendee', 'organizer']),
  invite: CalendarInviteSchema.refine((invite) => invite.method === 'CANCEL', 'a cancellation carries a CANCEL'),
})

type Payload = z.output<typeof RegistrationCancelledSchema>

const factRows = (payload: Payload, locale: Locale): FactRow[] => [...eventRows(payload, locale), ...timeRows(payload, locale)]

const subject = (payload: Payload, locale: Locale) => t(locale, 'mail.cancelled.subject', { title: payload.eventTitle })

export const registrationCancelled = defineTemplate({
  name: 'registration-cancelled',
  kind: 'transactional',
  schema: RegistrationCancelledSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, `mail.cancelled.intro.${payload.by}`, { title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={subject(payload, locale)}>
        <Paragraph>{intro}</Paragraph>
        <Facts rows={htmlRows(factRows(payload, locale))} />
        <SmallPrint>{t(locale, 'mail.cancelled.calendar')}</SmallPrint>
        <Paragraph>
          {t(locale, 'mail.cancelled.again')} <InlineLink href={payload.eventUrl}>{payload.eventUrl}</InlineLink>
        </Paragraph>
        {payload.by === 'organizer' && context.replyTo ? <SmallPrint>{t(locale, 'mail.cancelled.questions')}</SmallPrint> : null}
        <SmallPrint>{t(locale, 'mail.attendee.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      t(locale, `mail.cancelled.intro.${payload.by}`, { title: payload.eventTitle }),
      '',
      ...textRows(factRows(payload, locale)),
      '',
      t(locale, 'mail.cancelled.calendar'),
      '',
      link(t(locale, 'mail.cancelled.again').replace(/:$/, ''), payload.eventUrl),
      payload.by === 'organizer' && context.replyTo ? `\n${t(locale, 'mail.cancelled.questions')}` : null,
      '',
      t(locale, 'mail.attendee.why'),
    ])
  },
  sample: (locale) => ({ ...sampleEvent(locale), by: 'attendee' as const, invite: sampleInvite(locale, 'CANCEL') }),
})
