import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import {
  AttendanceModeSchema,
  AttendeeEventSchema,
  EventTimesSchema,
  eventRows,
  type FactRow,
  htmlRows,
  linkRow,
  ManageLink,
  manageText,
  sampleEvent,
  sampleManageUrl,
  textRows,
  timeRows,
} from './attendee.tsx'
import { EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, LineSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { textLayout } from './text.ts'

/** The chosen mode is full: the person is in the queue at `position` (no calendar invitation yet). */
export const RegistrationWaitlistedSchema = AttendeeEventSchema.extend(EventTimesSchema.shape).extend({
  place: LineSchema,
  attendanceMode: AttendanceModeSchema,
  position: z.number().int().min(1),
  manageUrl: secret(HttpUrlSchema),
})

type Payload = z.output<typeof RegistrationWaitlistedSchema>

function factRows(payload: Payload, locale: Locale): FactRow[] {
  return [
    ...eventRows(payload, locale),
    ...timeRows(payload, locale),
    { label: t(locale, 'mail.attendee.mode'), value: t(locale, `attendanceMode.${payload.attendanceMode}`) },
    { label: t(locale, 'mail.waitlisted.position'), value: String(payload.position) },
    linkRow(payload, locale),
  ]
}

const subject = (payload: Payload, locale: Locale) => t(locale, 'mail.waitlisted.subject', { title: payload.eventTitle })

export const registrationWaitlisted = defineTemplate({
  name: 'registration-waitlisted',
  kind: 'transactional',
  schema: RegistrationWaitlistedSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, 'mail.waitlisted.intro', { title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={subject(payload, locale)}>
        <Paragraph>{intro}</Paragraph>
        <Facts rows={htmlRows(factRows(payload, locale))} />
        <Paragraph>{t(locale, 'mail.waitlisted.howItWorks')}</Paragraph>
        <ManageLink url={payload.manageUrl} locale={locale} help={t(locale, 'mail.waitlisted.manageHelp')} />
        <SmallPrint>{t(locale, 'mail.attendee.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      t(locale, 'mail.waitlisted.intro', { title: payload.eventTitle }),
      '',
      ...textRows(factRows(payload, locale)),
      '',
      t(locale, 'mail.waitlisted.howItWorks'),
      '',
      ...manageText(payload.manageUrl, locale, { help: t(locale, 'mail.waitlisted.manageHelp') }),
      '',
      t(locale, 'mail.attendee.why'),
    ])
  },
  sample: (locale) => ({
    ...sampleEvent(locale),
    place: 'Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna',
    attendanceMode: 'on_site' as const,
    position: 3,
    manageUrl: sampleManageUrl(locale),
  }),
})
