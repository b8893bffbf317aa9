import { getPublicEvent } from '../events/event-page.server.ts'
import type { Locale } from '../i18n/index.ts'
import { eventCalendarEntry } from './entries.server.ts'
import { buildEventDownloadIcs } from './ics.server.ts'

export type CalendarFile = { filename: string; content: string }

/**
 * One public event as an .ics download (METHOD:PUBLISH), with the same UID and SEQUENCE as the
 * invitations in mail, so importing both gives one entry. Throws NotFoundError for an unknown slug
 * or a draft. Cancelled and postponed events download too, marked as such.
 */
export async function eventCalendarFile(input: { slug: string; locale: Locale }): Promise<CalendarFile> {
  const event = await getPublicEvent(input.slug)
  return { filename: `${event.slug}.ics`, content: buildEventDownloadIcs([eventCalendarEntry(event, input.locale)], input.locale) }
}
