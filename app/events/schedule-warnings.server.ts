import { db } from '../db/client.server.ts'
import { pick, t, type Locale } from '../i18n/index.ts'
import { formatDate, formatEventWhen, formatTime, repeatedWallTime } from '../time.ts'

/**
 * What an organizer should check about an event's times, derived from what is stored (so it is
 * true whichever form, import or API made the change):
 *  - programme items that start before the event starts or end after it ends (moving the start from
 *    09:00 to 09:30 leaves the 09:00 item outside);
 *  - times in the hour the autumn switch repeats, and which of the two Samling uses.
 * Shown in the console and, to the event's organizers only, on the public event page.
 */
export type ScheduleWarnings = {
  when: string
  itemsOutside: { id: string; title: string; time: string }[]
  repeatedTimes: string[]
}

type ScheduleItem = { id: string; titleSv: string; titleEn: string; startsAt: Date; endsAt: Date }
type ScheduleInput = { startsAt: Date; endsAt: Date; items: ScheduleItem[] }

/** The warnings for an event and its items, or null when there is nothing to check. */
export function scheduleWarnings(event: ScheduleInput, locale: Locale): ScheduleWarnings | null {
  const items = [...event.items].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
  const itemsOutside = items
    .filter((item) => item.startsAt < event.startsAt || item.endsAt > event.endsAt)
    .map((item) => ({ id: item.id, title: pick(item, 'title', locale), time: formatEventWhen(item.startsAt, item.endsAt, locale) }))
  const repeatedTimes: string[] = []
  const note = (what: string, instant: Date) => {
    const repeated = repeatedWallTime(instant)
    if (!repeated) return
    repeatedTimes.push(
      t(locale, 'organizer.schedule.repeated', {
        what,
        time: formatTime(instant, locale),
        date: formatDate(instant, locale),
        which: t(locale, repeated.isFirst ? 'organizer.schedule.first' : 'organizer.schedule.second'),
        offset: repeated.offset,
      }),
    )
  }
  note(t(locale, 'organizer.schedule.start'), event.startsAt)
  note(t(locale, 'organizer.schedule.end'), event.endsAt)
  for (const item of items) {
    note(pick(item, 'title', locale), item.startsAt)
    note(pick(item, 'title', locale), item.endsAt)
  }
  if (!itemsOutside.length && !repeatedTimes.length) return null
  return { when: formatEventWhen(event.startsAt, event.endsAt, locale), itemsOutside, repeatedTimes }
}

const ITEM_FIELDS = { id: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true } as const

/** The warnings for an event of the organization (null for none, or for another organization's event). */
export async function findScheduleWarnings(input: { organizationId: string; eventId: string; locale: Locale }): Promise<ScheduleWarnings | null> {
  const event = await db.event.findFirst({
    where: { id: input.eventId, organizationId: input.organizationId },
    select: { startsAt: true, endsAt: true, programmeItems: { select: ITEM_FIELDS } },
  })
  return event ? scheduleWarnings({ ...event, items: event.programmeItems }, input.locale) : null
}

/**
 * The warnings for the public event page, only when the signed-in person is a member (any role) of
 * the event's organization; null for everyone else. Never cache the result across visitors.
 */
export async function findScheduleWarningsForMember(input: { personId: string; eventSlug: string; locale: Locale }): Promise<ScheduleWarnings | null> {
  const event = await db.event.findFirst({
    where: { slug: input.eventSlug, organization: { memberships: { some: { personId: input.personId } } } },
    select: { startsAt: true, endsAt: true, programmeItems: { select: ITEM_FIELDS } },
  })
  return event ? scheduleWarnings({ ...event, items: event.programmeItems }, input.locale) : null
}
