import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { AttendeeEventSchema, EventTimesSchema, eventRows, type FactRow, htmlRows, sampleEvent, sampleInvite, textRows, timeRows } from './attendee.tsx'
import { EmailLayout, Facts, InlineLink, Paragraph, SmallPrint } from './layout.tsx'
import { CalendarInviteSchema, LineSchema } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { link, textLayout } from './text.ts'

/**
 * A place was given back, by the person or by the organizer on their behalf: carries METHOD:CANCEL
 * with the event's UID, so the entry leaves the person's calendar. Someone who only stood in the
 * waitlist (`from: 'waitlist'`) never got an invitation, so that mail carries none.
 */
export const RegistrationCancelledSchema = AttendeeEventSchema.extend(EventTimesSchema.shape).extend({
  /** The venue or "Digitalt"/"Online", if known. */
  place: LineSchema.optional(),
  by: z.enum(['attendee', 'organizer']),
  from: z.enum(['place', 'waitlist']).default('place'),
  invite: CalendarInviteSchema.refine((invite) => invite.method === 'CANCEL', 'a cancellation carries a CANCEL').optional(),
})

type Payload = z.output<typeof RegistrationCancelledSchema>

const factRows = (payload: Payload, locale: Locale): FactRow[] => [...eventRows(payload, locale), ...timeRows(payload, locale)]

const subject = (payload: Payload, locale: Locale) =>
  t(locale, payload.from === 'waitlist' ? 'mail.cancelled.subject.waitlist' : 'mail.cancelled.subject', { title: payload.eventTitle })

const intro = (payload: Payload, locale: Locale) =>
  t(locale, payload.from === 'waitlist' ? `mail.cancelled.introWaitlist.${payload.by}` : `mail.cancelled.intro.${payload.by}`, { title: payload.eventTitle })

export const registrationCancelled = defineTemplate({
  name: 'registration-cancelled',
  kind: 'transactional',
  schema: RegistrationCancelledSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    return (
      <EmailLayout context={context} preview={intro(payload, locale)} heading={subject(payload, locale)}>
        <Paragraph>{intro(payload, locale)}</Paragraph>
        <Facts rows={htmlRows(factRows(payload, locale))} />
        {payload.invite ? <SmallPrint>{t(locale, 'mail.cancelled.calendar')}</SmallPrint> : null}
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
      intro(payload, locale),
      '',
      ...textRows(factRows(payload, locale)),
      payload.invite ? `\n${t(locale, 'mail.cancelled.calendar')}` : null,
      '',
      link(t(locale, 'mail.cancelled.again').replace(/:$/, ''), payload.eventUrl),
      payload.by === 'organizer' && context.replyTo ? `\n${t(locale, 'mail.cancelled.questions')}` : null,
      '',
      t(locale, 'mail.attendee.why'),
    ])
  },
  sample: (locale) => ({ ...sampleEvent(locale), by: 'attendee' as const, invite: sampleInvite(locale, 'CANCEL') }),
})
