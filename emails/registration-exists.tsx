import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import {
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

/**
 * A second registration with the same address (a double click, a forgotten sign-up): nothing
 * changes, and the person gets the link to the registration they already have ("du är redan anmäld").
 */
export const RegistrationExistsSchema = AttendeeEventSchema.extend(EventTimesSchema.shape).extend({
  place: LineSchema.optional(),
  status: z.enum(['confirmed', 'waitlisted', 'interest']),
  manageUrl: secret(HttpUrlSchema),
})

type Payload = z.output<typeof RegistrationExistsSchema>

const factRows = (payload: Payload, locale: Locale): FactRow[] => [...eventRows(payload, locale), ...timeRows(payload, locale), linkRow(payload, locale)]

const subject = (payload: Payload, locale: Locale) => t(locale, `mail.exists.subject.${payload.status}`, { title: payload.eventTitle })

export const registrationExists = defineTemplate({
  name: 'registration-exists',
  kind: 'transactional',
  schema: RegistrationExistsSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, `mail.exists.intro.${payload.status}`, { title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={subject(payload, locale)}>
        <Paragraph>{intro}</Paragraph>
        <Facts rows={htmlRows(factRows(payload, locale))} />
        <Paragraph>{t(locale, 'mail.exists.help')}</Paragraph>
        <ManageLink url={payload.manageUrl} locale={locale} />
        <SmallPrint>{t(locale, 'mail.attendee.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      t(locale, `mail.exists.intro.${payload.status}`, { title: payload.eventTitle }),
      '',
      ...textRows(factRows(payload, locale)),
      '',
      t(locale, 'mail.exists.help'),
      ...manageText(payload.manageUrl, locale),
      '',
      t(locale, 'mail.attendee.why'),
    ])
  },
  sample: (locale) => ({ ...sampleEvent(locale), status: 'confirmed' as const, manageUrl: sampleManageUrl(locale) }),
})
