import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical, { escape, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import type { CalendarInvite } from '../../emails/schemas.ts'
import { t, type Locale } from '../i18n/index.ts'
import { inStockholm, TIME_ZONE } from '../time.ts'

/**
 * The only code in Samling that writes iCalendar text (RFC 5545, RFC 5546 for mail), with
 * ical-generator and @touch4it/ical-timezones (docs/decisions/0014-calendar-module.md). Everything
 * else hands it plain facts: the .ics download, the invitations in mail and, later, every feed.
 *
 * Choices that calendar programs punish when wrong (docs: /work/shared/research lessons 1, 2, 6, 7):
 * - Times are written as Stockholm wall time with `TZID=Europe/Stockholm` and that zone's real
 *   VTIMEZONE (CET/CEST rules), never as a GMT-named zone. Dates go in as TZDate: given a plain
 *   Date, ical-generator would read the wall time from the server's own clock.
 * - The calendar has no zone of its own (`name: null`), so DTSTAMP and LAST-MODIFIED stay UTC with Z.
 * - DTSTAMP is the event's stored update time, not "now": generating the same facts twice gives the
 *   same bytes, so a resend after a crash is the same invitation.
 * - Cancelled entries stay in the calendar with STATUS:CANCELLED, and their title says so, because
 *   Google drops the status and shows nothing otherwise.
 */
export type CalendarEntryStatus = 'confirmed' | 'postponed' | 'cancelled'

/** One VEVENT, in the reader's language, as every calendar Samling writes needs it. */
export type CalendarEntry = {
  /** From calendarUid() (app/calendar/uid.ts); never changes for the same event. */
  uid: string
  /** The event's revision; a higher number replaces what the calendar program has. */
  sequence: number
  startsAt: Date
  endsAt: Date
  /** The title as the reader sees it, already prefixed (see entrySummary). */
  summary: string
  status: CalendarEntryStatus
  /** An address, or "Digitalt"/"Online"; never the stream link. */
  location: string
  /** Plain text. */
  description: string
  url: string
  /** When the facts last changed: DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date
}

export type CalendarPerson = { name: string; email: string }

/** "INSTÄLLT: Titel" / "UPPSKJUTET: Titel", so clients that ignore STATUS still tell people. */
export function entrySummary(title: string, status: CalendarEntryStatus, locale: Locale): string {
  if (status === 'cancelled') return `${t(locale, 'calendar.prefix.cancelled')}: ${title}`
  if (status === 'postponed') return `${t(locale, 'calendar.prefix.postponed')}: ${title}`
  return title
}

const STATUS: Record<CalendarEntryStatus, ICalEventStatus> = {
  confirmed: ICalEventStatus.CONFIRMED,
  postponed: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
}

export type CalendarMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL'

export type CalendarInput = {
  method: CalendarMethod
  locale: Locale
  /** NAME and X-WR-CALNAME: what a subscribed calendar is called in the program (lessons row 5). */
  name?: string
  /** X-WR-CALDESC: one line on what a subscribed calendar holds. */
  description?: string
  entries: CalendarEntry[]
  /** Mail invitations: who invites (ORGANIZER) and who is invited (ATTENDEE); RFC 5546 requires both. */
  invitation?: { organizer: CalendarPerson; attendee: CalendarPerson }
  /** Feeds: REFRESH-INTERVAL and X-PUBLISHED-TTL in seconds. */
  refreshSeconds?: number
}

/**
 * A whole VCALENDAR as text: CRLF line ends, lines folded at 75 octets (UTF-8, so å/ä/ö count as
 * two), one VTIMEZONE for Europe/Stockholm. Pure: the same input gives the same bytes.
 */
export function buildCalendar(input: CalendarInput): string {
  const calendar = ical({
    prodId: { company: 'Samling', product: 'Samling', language: input.locale.toUpperCase() },
    method: ICalCalendarMethod[input.method],
    // ical-generator writes NAME, X-WR-CALNAME and X-WR-CALDESC as given (its events' TEXT values it
    // escapes): a comma, semicolon or line break in an organization's name would break the line.
    name: input.name ? escape(input.name, false) : null,
    description: input.description ? escape(input.description, false) : null,
    // No calendar zone: DTSTAMP stays UTC; the generator still writes the VTIMEZONE for each event's TZID.
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: input.refreshSeconds ?? null,
  })
  for (const entry of input.entries) {
    const event = calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      start: inStockholm(entry.startsAt),
      end: inStockholm(entry.endsAt),
      timezone: TIME_ZONE,
      stamp: entry.updatedAt,
      lastModified: entry.updatedAt,
      summary: entry.summary,
      status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : STATUS[entry.status],
      location: entry.location || null,
      description: entry.description || null,
      url: entry.url,
    })
    if (input.invitation) {
      const { organizer, attendee } = input.invitation
      event.organizer({ name: organizer.name, email: organizer.email })
      event.createAttendee({
        name: attendee.name || null,
        email: attendee.email,
        role: ICalAttendeeRole.REQ,
        // The place is already taken (or given back): nobody should be asked to reply.
        rsvp: false,
        status: input.method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      })
    }
  }
  const text = calendarPropertiesFirst(calendar.toString())
  return text.endsWith('\r\n') ? text : `${text}\r\n`
}

/**
 * RFC 5545 §3.4 puts every calendar property before the first component (`icalbody = calprops
 * component`), but ical-generator 11 writes REFRESH-INTERVAL and X-PUBLISHED-TTL after the
 * VTIMEZONE. Lenient parsers still read them; a strict one may drop them or the whole feed, so the
 * two lines go back up to the other calendar properties.
 */
function calendarPropertiesFirst(text: string): string {
  const refresh = /^REFRESH-INTERVAL;VALUE=DURATION:[^\r\n]*\r\nX-PUBLISHED-TTL:[^\r\n]*\r\n/m.exec(text)
  if (!refresh) return text
  const rest = text.slice(0, refresh.index) + text.slice(refresh.index + refresh[0].length)
  const firstComponent = rest.search(/^BEGIN:V(?!CALENDAR)/m)
  if (firstComponent < 0 || firstComponent > refresh.index) return text
  return rest.slice(0, firstComponent) + refresh[0] + rest.slice(firstComponent)
}

/**
 * The text/calendar part of a mail (METHOD:REQUEST or METHOD:CANCEL) from a mail payload's
 * invitation, or several (a speaker's sessions: one VEVENT each, sharing the first one's METHOD,
 * ORGANIZER and ATTENDEE). The worker sends it with the same `method=` in the MIME type, which
 * Outlook insists on.
 */
export function buildInvitationIcs(invites: CalendarInvite | CalendarInvite[], locale: Locale): string {
  const all = Array.isArray(invites) ? invites : [invites]
  const [first] = all
  return buildCalendar({
    method: first.method,
    locale,
    entries: all.map((invite) => ({
      uid: invite.uid,
      sequence: invite.sequence,
      startsAt: new Date(invite.startsAt),
      endsAt: new Date(invite.endsAt),
      summary: invite.summary,
      status: invite.method === 'CANCEL' ? 'cancelled' : 'confirmed',
      location: invite.location,
      description: invite.description,
      url: invite.url,
      updatedAt: new Date(invite.updatedAt),
    })),
    invitation: {
      organizer: { name: first.organizerName, email: first.organizerEmail },
      attendee: { name: first.attendeeName, email: first.attendeeEmail },
    },
  })
}

/**
 * A download (METHOD:PUBLISH) of one or more events, e.g. /events/:slug/calendar.ics; `name` is the
 * calendar's name, the first entry's title by default.
 */
export function buildEventDownloadIcs(entries: CalendarEntry[], locale: Locale, name?: string): string {
  return buildCalendar({ method: 'PUBLISH', locale, name: name ?? entries[0]?.summary, entries })
}
