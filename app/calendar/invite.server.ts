import { z } from 'zod'
import type { CalendarInvite } from '../../emails/schemas.ts'
import { config } from '../env.server.ts'
import type { AttendanceMode } from '../generated/prisma/enums.ts'
import type { Locale } from '../i18n/index.ts'
import { type CalendarEventFacts, eventCalendarEntry } from './entries.server.ts'

export type InviteEvent = CalendarEventFacts & { organization: { name: string; contactEmail: string | null } }
export type InviteRegistration = { name: string; email: string; attendanceMode: AttendanceMode }

/** The address part of "Samling <no-reply@samling.se>". */
export function addressOf(mailbox: string): string {
  return (/<([^>]+)>/.exec(mailbox)?.[1] ?? mailbox).trim()
}

const EmailSchema = z.email()

/**
 * A stored address if it is one (trimmed), else undefined. An organization's contact address is
 * typed by people; a malformed one must cost the Reply-To, not every registration (the mail's schema
 * would refuse it and roll the registration back).
 */
export function usableEmail(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed && EmailSchema.safeParse(trimmed).success ? trimmed : undefined
}

/**
 * The calendar invitation a mail to `registration` carries (RFC 5546): the event's stable UID, its
 * facts in `locale`, the organization as ORGANIZER (its contact address, else Samling's sender)
 * and the person as ATTENDEE. A CANCEL carries revision + 1, because a calendar program applies a
 * cancellation only when its SEQUENCE is higher than the invitation it has. The location is the
 * venue or "Digitalt"/"Online", never the stream link. Pure apart from reading the configuration.
 */
export function calendarInviteFor(input: {
  event: InviteEvent
  registration: InviteRegistration
  method: CalendarInvite['method']
  locale: Locale
}): CalendarInvite {
  const { event, registration, method, locale } = input
  const entry = eventCalendarEntry(event, locale, { attendanceMode: registration.attendanceMode })
  return {
    method,
    uid: entry.uid,
    sequence: method === 'CANCEL' ? event.revision + 1 : event.revision,
    startsAt: entry.startsAt.toISOString(),
    endsAt: entry.endsAt.toISOString(),
    summary: entry.summary.slice(0, 300),
    location: entry.location,
    description: entry.description.slice(0, 4000),
    url: entry.url,
    organizerName: event.organization.name,
    organizerEmail: usableEmail(event.organization.contactEmail) ?? addressOf(config().mailFrom),
    attendeeName: registration.name,
    attendeeEmail: registration.email,
    updatedAt: entry.updatedAt.toISOString(),
  }
}
