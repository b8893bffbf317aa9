import type { AttendanceMode, EventFormat, EventStatus } from '../generated/prisma/enums.ts'
import { config } from '../env.server.ts'
import { localePath, pick, t, type Locale } from '../i18n/index.ts'
import { type CalendarEntry, type CalendarEntryStatus, entrySummary } from './ics.server.ts'
import { calendarUid } from './uid.ts'

/**
 * What the calendar needs to know about an event: fits a Prisma Event as well as the public page's
 * PublicEvent. Deliberately without `onlineUrl`: the stream link never goes into a calendar entry,
 * because an .ics travels (forwarded invitations, shared feeds).
 */
export type CalendarEventFacts = {
  id: string
  slug: string
  titleSv: string
  titleEn: string
  summarySv: string
  summaryEn: string
  status: EventStatus
  format: EventFormat
  startsAt: Date
  endsAt: Date
  venueName: string | null
  venueAddress: string | null
  postalCode: string | null
  city: string | null
  revision: number
  updatedAt: Date
}

/** The public page of an event, absolute, in the reader's language. */
export function eventPageUrl(event: { slug: string }, locale: Locale): string {
  return `${config().appUrl.replace(/\/$/, '')}${localePath(locale, `/events/${event.slug}`)}`
}

/** "Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna", or null without a venue. */
export function venueLine(event: Pick<CalendarEventFacts, 'venueName' | 'venueAddress' | 'postalCode' | 'city'>): string | null {
  const parts = [event.venueName, event.venueAddress, [event.postalCode, event.city].filter(Boolean).join(' ')]
  return parts.filter((part) => part && part.trim()).join(', ') || null
}

/**
 * LOCATION for a reader: the venue for on-site and hybrid events, "Digitalt"/"Online" for online
 * events or for someone taking part online in a hybrid one (they will not travel there).
 */
export function eventLocation(event: CalendarEventFacts, locale: Locale, attendanceMode?: AttendanceMode): string {
  const venue = event.format === 'online' || attendanceMode === 'online' ? null : venueLine(event)
  const text = venue ?? t(locale, 'format.online')
  // Venue name, address and city may together be longer than one line of mail (300 characters).
  return text.length > 300 ? `${text.slice(0, 299).trimEnd()}…` : text
}

export function entryStatus(status: EventStatus): CalendarEntryStatus {
  return status === 'cancelled' ? 'cancelled' : status === 'postponed' ? 'postponed' : 'confirmed'
}

/** One event as a calendar entry: the same UID and SEQUENCE in the download, in mail and in feeds. */
export function eventCalendarEntry(event: CalendarEventFacts, locale: Locale, options: { attendanceMode?: AttendanceMode } = {}): CalendarEntry {
  const status = entryStatus(event.status)
  const url = eventPageUrl(event, locale)
  const summary = pick(event, 'summary', locale).trim()
  return {
    uid: calendarUid({ kind: 'event', id: event.id }),
    sequence: event.revision,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    summary: entrySummary(pick(event, 'title', locale), status, locale),
    status,
    location: eventLocation(event, locale, options.attendanceMode),
    // Plain text with the link at the end: Outlook and Google show DESCRIPTION as typed.
    description: [summary, url].filter(Boolean).join('\n\n'),
    url,
    updatedAt: event.updatedAt,
  }
}

/** What the calendar needs to know about a programme item (a talk, the lunch meetup). */
export type CalendarItemFacts = {
  id: string
  titleSv: string
  titleEn: string
  descriptionSv: string
  descriptionEn: string
  startsAt: Date
  endsAt: Date
  revision: number
  updatedAt: Date
  /** The room's name, if any. */
  room?: string | null
}

/**
 * One programme item as a calendar entry, with its own UID (one per item, never shared with the
 * event or another slot: lessons row 2). SEQUENCE is item revision + event revision, which rises
 * when either changes (both only grow), so moving the item or cancelling the event both update it.
 * It shares the event's status, place and page.
 */
export function itemCalendarEntry(item: CalendarItemFacts, event: CalendarEventFacts, locale: Locale): CalendarEntry {
  const status = entryStatus(event.status)
  const url = eventPageUrl(event, locale)
  const eventTitle = pick(event, 'title', locale)
  const place = eventLocation(event, locale)
  const updatedAt = item.updatedAt > event.updatedAt ? item.updatedAt : event.updatedAt
  return {
    uid: calendarUid({ kind: 'item', id: item.id }),
    sequence: item.revision + event.revision,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    summary: entrySummary(pick(item, 'title', locale), status, locale),
    status,
    location: item.room && event.format !== 'online' ? `${item.room}, ${place}` : place,
    description: [eventTitle, pick(item, 'description', locale).trim(), url].filter(Boolean).join('\n\n'),
    url,
    updatedAt,
  }
}
