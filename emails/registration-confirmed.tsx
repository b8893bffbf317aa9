import { Img } from '@react-email/components'
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
  priceText,
  sampleEvent,
  sampleInvite,
  sampleManageUrl,
  textRows,
  timeRows,
} from './attendee.tsx'
import { EmailLayout, Facts, Paragraph, SmallPrint } from './layout.tsx'
import { CalendarInviteSchema, CHECK_IN_QR_CID, CheckInTicketSchema, HttpUrlSchema, LineSchema, secret } from './schemas.ts'
import { defineTemplate } from './template.ts'
import { textLayout } from './text.ts'

/**
 * A confirmed place: after registering, after being promoted from the waitlist, resent from the
 * console or the "already registered" path, or after the person changed it. Carries the calendar
 * invitation (METHOD:REQUEST) and the personal manage link.
 */
export const RegistrationConfirmedSchema = AttendeeEventSchema.extend(EventTimesSchema.shape).extend({
  /** The venue's address, or "Digitalt"/"Online" (never the stream link: that comes with the reminder). */
  place: LineSchema,
  attendanceMode: AttendanceModeSchema,
  reason: z.enum(['registered', 'promoted', 'resent', 'changed']),
  manageUrl: secret(HttpUrlSchema),
  seriesTitle: LineSchema.optional(),
  ticket: z.object({ name: LineSchema, priceOre: z.number().int().min(0), vatRate: z.number().int().min(0).max(100) }).optional(),
  invoice: z
    .object({
      orgNumber: LineSchema,
      address: z.string().trim().max(1000).optional(),
      eReference: z.string().trim().max(300).optional(),
      buyerReference: z.string().trim().max(300).optional(),
    })
    .optional(),
  /** Sub-sessions with their own sign-up that the person chose (e.g. the lunch meetup). */
  itemTitles: z.array(LineSchema).max(50).optional(),
  invite: CalendarInviteSchema.refine((invite) => invite.method === 'REQUEST', 'a confirmation carries a REQUEST'),
  /** A place on site: the check-in ticket (ADR 0026), shown as an inline QR image and a short code. Secret: it checks the person in. */
  checkIn: secret(CheckInTicketSchema.optional()),
})

type Payload = z.output<typeof RegistrationConfirmedSchema>

function factRows(payload: Payload, locale: Locale): FactRow[] {
  const rows = eventRows(payload, locale)
  if (payload.seriesTitle) rows.splice(1, 0, { label: t(locale, 'mail.attendee.series'), value: payload.seriesTitle })
  rows.push(...timeRows(payload, locale))
  rows.push({ label: t(locale, 'mail.attendee.mode'), value: t(locale, `attendanceMode.${payload.attendanceMode}`) })
  if (payload.ticket) {
    rows.push({ label: t(locale, 'mail.confirmed.ticket'), value: payload.ticket.name })
    rows.push({ label: t(locale, 'mail.confirmed.price'), value: priceText(payload.ticket.priceOre, payload.ticket.vatRate, locale) })
  }
  if (payload.invoice) {
    const invoice = payload.invoice
    rows.push({ label: t(locale, 'mail.confirmed.invoiceOrgNumber'), value: invoice.orgNumber })
    if (invoice.address) rows.push({ label: t(locale, 'mail.confirmed.invoiceAddress'), value: invoice.address.replace(/\s*\n\s*/g, ', ') })
    if (invoice.eReference) rows.push({ label: t(locale, 'mail.confirmed.invoiceEReference'), value: invoice.eReference })
    if (invoice.buyerReference) rows.push({ label: t(locale, 'mail.confirmed.buyerReference'), value: invoice.buyerReference })
  }
  rows.push(linkRow(payload, locale))
  return rows
}

const subject = (payload: Payload, locale: Locale) => t(locale, `mail.confirmed.subject.${payload.reason}`, { title: payload.eventTitle })

export const registrationConfirmed = defineTemplate({
  name: 'registration-confirmed',
  kind: 'transactional',
  schema: RegistrationConfirmedSchema,
  subject,
  Email({ payload, context }) {
    const { locale } = context
    const intro = t(locale, `mail.confirmed.intro.${payload.reason}`, { title: payload.eventTitle })
    return (
      <EmailLayout context={context} preview={intro} heading={subject(payload, locale)}>
        <Paragraph>{intro}</Paragraph>
        <Facts rows={htmlRows(factRows(payload, locale))} />
        {payload.itemTitles?.length ? (
          <>
            <Paragraph>
              <strong>{t(locale, 'mail.confirmed.items')}</strong>
            </Paragraph>
            <ul>
              {payload.itemTitles.map((title) => (
                <li key={title}>{title}</li>
              ))}
            </ul>
          </>
        ) : null}
        {payload.invoice ? <SmallPrint>{t(locale, 'mail.confirmed.invoiceHelp')}</SmallPrint> : null}
        {payload.checkIn ? (
          <>
            <Paragraph>
              <strong>{t(locale, 'mail.checkIn.heading')}</strong>
              <br />
              {t(locale, 'mail.checkIn.intro')}
            </Paragraph>
            <Img
              src={`cid:${CHECK_IN_QR_CID}`}
              width="270"
              height="270"
              alt={t(locale, 'checkIn.ticket.alt', { title: payload.eventTitle })}
              style={{ display: 'block', margin: '0 0 8px' }}
            />
            <Paragraph>{t(locale, 'mail.checkIn.code', { code: payload.checkIn.code })}</Paragraph>
          </>
        ) : null}
        <ManageLink url={payload.manageUrl} locale={locale} />
        <SmallPrint>{t(locale, 'mail.confirmed.calendar')}</SmallPrint>
        <SmallPrint>{t(locale, 'mail.attendee.why')}</SmallPrint>
      </EmailLayout>
    )
  },
  text(payload, context) {
    const { locale } = context
    return textLayout(context, [
      subject(payload, locale),
      '',
      t(locale, `mail.confirmed.intro.${payload.reason}`, { title: payload.eventTitle }),
      '',
      ...textRows(factRows(payload, locale)),
      ...(payload.itemTitles?.length ? ['', `${t(locale, 'mail.confirmed.items')}:`, ...payload.itemTitles.map((title) => `- ${title}`)] : []),
      payload.invoice ? `\n${t(locale, 'mail.confirmed.invoiceHelp')}` : null,
      ...(payload.checkIn
        ? ['', `${t(locale, 'mail.checkIn.heading')}: ${t(locale, 'mail.checkIn.textIntro')}`, t(locale, 'mail.checkIn.code', { code: payload.checkIn.code })]
        : []),
      '',
      ...manageText(payload.manageUrl, locale),
      '',
      t(locale, 'mail.confirmed.calendar'),
      t(locale, 'mail.attendee.why'),
    ])
  },
  sample: (locale) => ({
    ...sampleEvent(locale),
    place: 'Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna',
    attendanceMode: 'on_site' as const,
    reason: 'registered' as const,
    manageUrl: sampleManageUrl(locale),
    ticket: { name: locale === 'sv' ? 'Ordinarie' : 'Standard', priceOre: 29500, vatRate: 25 },
    invoice: { orgNumber: '212000-0142', address: 'Eskilstuna kommun\nFack 4711\n631 86 Eskilstuna', buyerReference: 'Åsa Öberg, ansvar 1234' },
    itemTitles: [locale === 'sv' ? 'Lunchträff för forskare' : "Researchers' lunch meetup"],
    invite: sampleInvite(locale, 'REQUEST'),
    checkIn: { token: `00000000-0000-4000-8000-000000000000.${'S'.repeat(43)}`, code: 'K7QF-3MXD' },
  }),
})
