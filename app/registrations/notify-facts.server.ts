import { config } from '../env.server.ts'
import type { Event, Registration } from '../generated/prisma/client.ts'
import { localePath, pick, t, type Locale } from '../i18n/index.ts'

/**
 * The facts every attendee mail of the change → notify path, the reminders and the "registration
 * is open" mail repeat in their text (title, Stockholm time, place, event URL: Outlook copies the
 * body, not the ICS, into the calendar entry, lessons row 8), in the registrant's language.
 */
export type FactsEvent = Pick<
  Event,
  'id' | 'slug' | 'titleSv' | 'titleEn' | 'startsAt' | 'endsAt' | 'format' | 'venueName' | 'venueAddress' | 'postalCode' | 'city' | 'onlineUrl'
> & {
  organization: { name: string; contactEmail: string | null }
}

export function eventUrl(event: Pick<Event, 'slug'>, locale: Locale): string {
  return `${config().appUrl.replace(/\/$/, '')}${localePath(locale, `/events/${event.slug}`)}`
}

/** The venue as one line, or "Digitalt"/"Online" for someone who takes part online (never the stream link). */
export function placeLine(event: FactsEvent, attendanceMode: Registration['attendanceMode'] | null, locale: Locale): string {
  const isOnline = event.format === 'online' || (event.format === 'hybrid' && attendanceMode === 'online')
  const venue = [event.venueName, event.venueAddress, [event.postalCode, event.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')
  return isOnline || !venue ? t(locale, 'format.online') : venue
}

export function attendeeFacts(event: FactsEvent, registration: Pick<Registration, 'locale' | 'attendanceMode'> | { locale: Locale; attendanceMode: null }) {
  const locale = registration.locale
  return {
    eventTitle: pick(event, 'title', locale),
    eventUrl: eventUrl(event, locale),
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    place: placeLine(event, registration.attendanceMode, locale),
    ...(event.organization.contactEmail ? { replyTo: event.organization.contactEmail } : {}),
  }
}

/**
 * Who may have the stream link (issue 8, §4): online attendees, and everyone at a hybrid event;
 * nobody at an on-site event. Only confirmed registrations: the waitlist has no place yet.
 */
export function isEntitledToStream(event: Pick<Event, 'format' | 'onlineUrl'>, registration: Pick<Registration, 'status'>): boolean {
  if (!event.onlineUrl || registration.status !== 'confirmed') return false
  return event.format !== 'on_site'
}

export function streamLinkFor(event: Pick<Event, 'format' | 'onlineUrl'>, registration: Pick<Registration, 'status'>): string | undefined {
  return isEntitledToStream(event, registration) ? event.onlineUrl! : undefined
}
