import type { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { AttendeeEventSchema, eventRows, htmlRows, linkRow, ManageLink, manageText, sampleEvent, sampleManageUrl, textRows } from './attendee.tsx'
import { EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { textLayout } from './text.ts'

/** An interest-only event (e.g. a recruitment lab): we mail once when registration opens. */
export const InterestRegisteredSchema = AttendeeEventSchema.extend({
  manageUrl: secret(HttpUrlSchema),
})

type Payload = z.output<typeof InterestRegisteredSchema>

const factRows = (payload: Payload, locale: Locale) => [...eventRows(payload, locale), linkRow(payload, locale)]

const subject = (payload: Payload, locale: Locale) => t(locale, 'mail.interest.subject', { title: payload.eventTitle })

export const interestRegistered = defineTemplate({
  name: 'interest-registered',
  kind: 'transactional',
  schema: InterestRegisteredSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, 'mail.interest.intro', { title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={subject(payload, locale)}>
        <Paragraph>{intro}</Paragraph>
        <Facts rows={htmlRows(factRows(payload, locale))} />
        <ManageLink url={payload.manageUrl} locale={locale} label={t(locale, 'mail.interest.manage')} help={t(locale, 'mail.interest.manageHelp')} />
        <SmallPrint>{t(locale, 'mail.attendee.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      t(locale, 'mail.interest.intro', { title: payload.eventTitle }),
      '',
      ...textRows(factRows(payload, locale)),
      '',
      ...manageText(payload.manageUrl, locale, { label: t(locale, 'mail.interest.manage'), help: t(locale, 'mail.interest.manageHelp') }),
      '',
      t(locale, 'mail.attendee.why'),
    ])
  },
  sample: (locale) => {
    const { replyTo, organizationName, eventUrl } = sampleEvent(locale)
    return {
      replyTo,
      organizationName,
      eventTitle: locale === 'sv' ? 'Rekryteringslabbet för socialt företagande' : 'The social enterprise recruitment lab',
      eventUrl,
      manageUrl: sampleManageUrl(locale),
    }
  },
})
