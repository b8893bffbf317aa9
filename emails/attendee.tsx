import { z } from 'zod'
import { t, type Locale } from '../app/i18n/index.ts'
import { formatEventWhen } from '../app/time.ts'
import { ActionButton, InlineLink, SmallPrint } from './layout.tsx'
import { HttpUrlSchema, InstantSchema, LineSchema, ReplyToSchema } from './schemas.ts'
import { fact, link } from './text.ts'

/**
 * What every mail to an attendee shares (registration-confirmed, -waitlisted, -cancelled, -exists,
 * interest-registered): the organization, the event, and the text and HTML of the facts. The text
 * part carries every fact in full, because Outlook copies the body, not the invitation, into the
 * calendar entry (indico#6358), and text-only readers must miss nothing.
 */
export const AttendeeEventSchema = ReplyToSchema.extend({
  organizationName: LineSchema,
  eventTitle: LineSchema,
  eventUrl: HttpUrlSchema,
})

export const EventTimesSchema = z.object({ startsAt: InstantSchema, endsAt: InstantSchema })

export const AttendanceModeSchema = z.enum(['on_site', 'online'])

/** "295" or "295,50" (Swedish) / "295.50" (English) from öre. */
function kronor(ore: number, locale: Locale): string {
  return ore % 100 === 0 ? String(ore / 100) : (ore / 100).toFixed(2).replace('.', locale === 'sv' ? ',' : '.')
}

/** "295 kr inkl. moms (varav moms 25 %: 59 kr)" or "Kostnadsfritt". */
export function priceText(priceOre: number, vatRate: number, locale: Locale): string {
  if (priceOre === 0) return t(locale, 'common.free')
  const price = t(locale, 'common.price', { amount: kronor(priceOre, locale) })
  if (vatRate <= 0) return price
  const vatOre = Math.round((priceOre * vatRate) / (100 + vatRate))
  return `${price} (${t(locale, 'mail.confirmed.vat', { rate: vatRate, amount: kronor(vatOre, locale) })})`
}

export type FactRow = { label: string; value: string; href?: string }

/** "tors 12 feb 2027, kl. 09.00–16.00 (svensk tid)". */
export function whenText(times: { startsAt: string; endsAt: string }, locale: Locale): string {
  return `${formatEventWhen(new Date(times.startsAt), new Date(times.endsAt), locale)} (${t(locale, 'mail.common.timeZone')})`
}

/** The place as a person reads it: the address, or "Digitalt – länken till sändningen kommer före start". */
export function placeText(place: string, mode: 'on_site' | 'online', locale: Locale): string {
  return mode === 'online' ? `${place} – ${t(locale, 'mail.attendee.streamLater')}` : place
}

export function eventRows(payload: { eventTitle: string; organizationName: string }, locale: Locale): FactRow[] {
  return [
    { label: t(locale, 'mail.attendee.event'), value: payload.eventTitle },
    { label: t(locale, 'mail.attendee.organizer'), value: payload.organizationName },
  ]
}

export function timeRows(payload: { startsAt: string; endsAt: string; place?: string; attendanceMode?: 'on_site' | 'online' }, locale: Locale): FactRow[] {
  const rows: FactRow[] = [{ label: t(locale, 'mail.attendee.when'), value: whenText(payload, locale) }]
  if (payload.place) rows.push({ label: t(locale, 'mail.attendee.where'), value: placeText(payload.place, payload.attendanceMode ?? 'on_site', locale) })
  return rows
}

export function linkRow(payload: { eventUrl: string }, locale: Locale): FactRow {
  return { label: t(locale, 'mail.attendee.link'), value: payload.eventUrl, href: payload.eventUrl }
}

/** Rows for the HTML Facts panel (links clickable). */
export function htmlRows(rows: FactRow[]) {
  return rows.map((row) => ({ label: row.label, value: row.href ? <InlineLink href={row.href}>{row.value}</InlineLink> : row.value }))
}

/** Rows for the text part: "Tid: …", links whole on their own line. */
export function textRows(rows: FactRow[]): string[] {
  return rows.map((row) => (row.href ? link(row.label, row.value) : fact(row.label, row.value)))
}

/** The personal manage link: a button plus the full address, and why it must not be shared. */
export function ManageLink(props: { url: string; locale: Locale; label?: string; help?: string }) {
  return (
    <>
      <ActionButton href={props.url} label={props.label ?? t(props.locale, 'mail.attendee.manageButton')} locale={props.locale} />
      <SmallPrint>{props.help ?? t(props.locale, 'mail.attendee.manageHelp')}</SmallPrint>
    </>
  )
}

export function manageText(url: string, locale: Locale, options: { label?: string; help?: string } = {}): string[] {
  return [link(options.label ?? t(locale, 'mail.attendee.manage'), url), options.help ?? t(locale, 'mail.attendee.manageHelp')]
}

/** A sample event for previews and tests: Välfärdens innovationsdag, 09.00–16.00 Stockholm time. */
export function sampleEvent(locale: Locale) {
  return {
    replyTo: 'info@motesplats.se',
    organizationName: 'Mötesplats Social Innovation',
    eventTitle: locale === 'sv' ? 'Välfärdens innovationsdag 2027' : 'Welfare innovation day 2027',
    eventUrl: `https://samling.example${locale === 'sv' ? '' : '/en'}/events/valfardens-innovationsdag-2027`,
    startsAt: '2027-02-12T08:00:00.000Z',
    endsAt: '2027-02-12T15:00:00.000Z',
  }
}

export function sampleManageUrl(locale: Locale): string {
  return `https://samling.example${locale === 'sv' ? '' : '/en'}/registrations/exempel-aBcD3fGh1jKlMn0pQrStUvWxYz0123456789-_ab`
}

/** The REQUEST or CANCEL invitation that goes with the sample event. */
export function sampleInvite(locale: Locale, method: 'REQUEST' | 'CANCEL') {
  const event = sampleEvent(locale)
  return {
    method,
    uid: 'event-3f0c6f2e-8d7a-4b1e-9c55-0a1b2c3d4e5f@samling',
    sequence: method === 'CANCEL' ? 3 : 2,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    summary: event.eventTitle,
    location: 'Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna',
    description: `${locale === 'sv' ? 'En dag om tjänstedesign och samskapande i kommuner och regioner.' : 'A day on service design and co-creation.'}\n\n${event.eventUrl}`,
    url: event.eventUrl,
    organizerName: event.organizationName,
    organizerEmail: 'info@motesplats.se',
    attendeeName: 'Åsa Öberg',
    attendeeEmail: 'asa.oberg@kommun.se',
    updatedAt: '2026-11-30T12:34:56.000Z',
  }
}
