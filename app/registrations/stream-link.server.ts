import type { Event, Registration } from '../generated/prisma/client.ts'

/**
 * Who may have an event's stream link (issue 8, §4): online attendees, and everyone at a hybrid
 * event; nobody at an on-site event. Only confirmed registrations: the waitlist has no place yet.
 * The link goes only into these people's mail (reminders, a changed link) and their manage page:
 * never public pages, feeds or calendar entries.
 */
export function isEntitledToStream(event: Pick<Event, 'format' | 'onlineUrl'>, registration: Pick<Registration, 'status'>): boolean {
  if (!event.onlineUrl || registration.status !== 'confirmed') return false
  return event.format !== 'on_site'
}

export function streamLinkFor(event: Pick<Event, 'format' | 'onlineUrl'>, registration: Pick<Registration, 'status'>): string | undefined {
  return isEntitledToStream(event, registration) ? event.onlineUrl! : undefined
}
