import { z } from 'zod'
import type { CalendarInvite } from '../../emails/schemas.ts'
import { config } from '../env.server.ts'
import type { AttendanceMode } from '../generated/prisma/enums.ts'
import type { Locale } from '../i18n/index.ts'
import { type CalendarEventFacts, eventCalendarEntry } from './entries.server.ts'

export type InviteEvent = CalendarEventFacts & { organization: { name: string; contactEmail: string | null } }
export type InviteRegistration = {
  name: string
  email: string
  attendanceMode: AttendanceMode
  /** Bumped each time a cancelled registration comes back (and when links are revoked). */
  tokenVersion?: number
}

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
 * SEQUENCE of the invitation a registration gets: the event's revision, plus two for every time the
 * registration came back after a cancellation (tokenVersion), plus one for a CANCEL. A calendar
 * program applies a message only when its SEQUENCE is higher than what it has, so: an edit (a new
 * revision) outranks the last REQUEST, a CANCEL outranks the REQUEST it cancels, and a person who
 * cancels and registers again gets a REQUEST that outranks their CANCEL (revision + 1 alone would
 * not). Both terms only grow. A fresh registration has tokenVersion 0, so REQUEST = revision.
 */
export function inviteSequence(event: { revision: number }, registration: { tokenVersion?: number }, method: CalendarInvite['method']): number {
  return event.revision + 2 * (registration.tokenVersion ?? 0) + (method === 'CANCEL' ? 1 : 0)
}

/**
 * The calendar invitation a mail to `registration` carries (RFC 5546): the event's stable UID, its
 * facts in `locale`, the organization as ORGANIZER (its contact address, else Samling's sender)
 * and the person as ATTENDEE, SEQUENCE from inviteSequence. The location is the venue or
 * "Digitalt"/"Online", never the stream link. Pure apart from reading the configuration.
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
    sequence: inviteSequence(event, registration, method),
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
