import { db } from '../db/client.server.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import { pick, type Locale } from '../i18n/index.ts'
import { formatLongDate, formatTimeRange } from '../time.ts'

/**
 * "Mitt program" (issue 11 §5b, ADR 0030): the programme items a registrant starred on their
 * manage page. A star belongs to one registration (the manage link names it), so the shared event
 * page never needs to know who reads it. Starred items go into the person's calendar feed
 * (app/calendar/feeds.server.ts, openPersonalFeed).
 */
export type MyProgrammeItem = {
  id: string
  title: string
  /** "torsdag 11 februari 2027" */
  day: string
  /** "11.30–12.00" */
  time: string
  startsAt: string
  room: string | null
  isStarred: boolean
  /** Items with their own sign-up (the researchers' lunch): seats and how many are left. */
  seats: { capacity: number; left: number } | null
}

export type MyProgramme = {
  /** The whole programme (breaks and lunches left out: nobody needs a star for fika), in time order. */
  items: MyProgrammeItem[]
  /** The starred ones, in time order. */
  starred: MyProgrammeItem[]
  /** Stars can be changed: the registration holds a seat (or a waitlist place) and the event is published and not over. */
  canChange: boolean
}

type Registrant = { id: string; status: string; eventId: string }

const PAUSES = ['break', 'lunch'] as const

/** What the manage page shows under "Mitt program". Reads only. */
export async function getMyProgramme(input: { registration: Registrant; locale: Locale; now?: Date }): Promise<MyProgramme> {
  const { registration, locale } = input
  const event = await db.event.findUniqueOrThrow({
    where: { id: registration.eventId },
    select: {
      status: true,
      endsAt: true,
      programmeItems: {
        where: { type: { notIn: [...PAUSES] } },
        orderBy: [{ startsAt: 'asc' }, { room: { position: 'asc' } }, { titleSv: 'asc' }],
        select: {
          id: true,
          titleSv: true,
          titleEn: true,
          startsAt: true,
          endsAt: true,
          capacity: true,
          room: { select: { name: true } },
          _count: { select: { signups: true } },
          stars: { where: { registrationId: registration.id }, select: { itemId: true } },
        },
      },
    },
  })
  const items = event.programmeItems.map((item) => ({
    id: item.id,
    title: pick(item, 'title', locale),
    day: formatLongDate(item.startsAt, locale),
    time: formatTimeRange(item.startsAt, item.endsAt, locale),
    startsAt: item.startsAt.toISOString(),
    room: item.room?.name ?? null,
    isStarred: item.stars.length > 0,
    seats: item.capacity === null ? null : { capacity: item.capacity, left: Math.max(0, item.capacity - item._count.signups) },
  }))
  return { items, starred: items.filter((item) => item.isStarred), canChange: whyNot(registration, event, input.now ?? new Date()) === null }
}

function whyNot(registration: Registrant, event: { status: string; endsAt: Date }, now: Date): DomainError | null {
  if (registration.status === 'cancelled') return new DomainError('myProgramme.error.cancelled', 409)
  if (registration.status !== 'confirmed' && registration.status !== 'waitlisted') return new DomainError('myProgramme.error.notRegistered', 409)
  if (event.status !== 'published' || event.endsAt <= now) return new DomainError('myProgramme.error.ended', 409)
  return null
}

/** The registration and the item, checked: throws 404 for an item of another event, 409 when stars cannot change. */
async function checkStar(input: { registrationId: string; itemId: string; now?: Date }) {
  const registration = await db.registration.findUnique({
    where: { id: input.registrationId },
    select: { id: true, status: true, eventId: true, event: { select: { status: true, endsAt: true } } },
  })
  if (!registration) throw new NotFoundError('registration.error.notFound')
  const item = await db.programmeItem.findFirst({ where: { id: input.itemId, eventId: registration.eventId }, select: { id: true } })
  if (!item) throw new NotFoundError('myProgramme.error.item')
  const refused = whyNot(registration, registration.event, input.now ?? new Date())
  if (refused) throw refused
  return registration
}

/**
 * Stars an item of the registration's own event. Safe to repeat (a second star changes nothing).
 * Throws NotFoundError ('myProgramme.error.item', 404) for an item of another event, and
 * DomainError 409 for a cancelled registration or an event that is over or not published.
 */
export async function starItem(input: { registrationId: string; itemId: string; now?: Date }): Promise<void> {
  await checkStar(input)
  await db.programmeStar.createMany({ data: [{ registrationId: input.registrationId, itemId: input.itemId }], skipDuplicates: true })
}

/** Removes a star; the same checks as starItem. Safe to repeat. */
export async function unstarItem(input: { registrationId: string; itemId: string; now?: Date }): Promise<void> {
  await checkStar(input)
  await db.programmeStar.deleteMany({ where: { registrationId: input.registrationId, itemId: input.itemId } })
}
