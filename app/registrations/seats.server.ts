import type { AttendanceMode, Event, Organization, Series, TicketType } from '../generated/prisma/client.ts'
import { PublicCache } from '../cache.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { NotFoundError } from '../errors.server.ts'
import { enqueueConfirmation } from './mail.server.ts'

/**
 * Seats: the one source of truth is the registrations table itself (confirmed rows per event and
 * attendance mode), counted only while the event row is locked (SELECT … FOR UPDATE). Every path
 * that takes or frees a seat (registering, cancelling, changing mode, an organizer raising the
 * capacity) runs inside such a transaction, so two people asking for the last seat at the same
 * instant are served one after the other: one gets it, the other is waitlisted (lessons row 10).
 */
export type SeatEvent = Event & { organization: Organization; series: Series | null; ticketTypes: TicketType[] }

export type ModeSeats = {
  capacity: number | null
  confirmed: number
  waitlisted: number
  left: number | null
  /** When the last person joined this mode's waitlist (a newcomer queues strictly after it). */
  lastQueuedAt: Date | null
}
export type SeatCounts = Record<AttendanceMode, ModeSeats>

/**
 * Locks the event row for the rest of the transaction and returns it with what registration needs.
 */
export async function lockEventForRegistration(tx: Tx, where: { id: string } | { slug: string }): Promise<SeatEvent> {
  const rows =
    'id' in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM events WHERE id = ${where.id}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM events WHERE slug = ${where.slug} FOR UPDATE`
  if (rows.length === 0) throw new NotFoundError('error.eventNotFound')
  return tx.event.findUniqueOrThrow({
    where: { id: rows[0].id },
    include: { organization: true, series: true, ticketTypes: { orderBy: { position: 'asc' } } },
  })
}

export type EventContext = { id: string; organization: Organization; series: Series | null; ticketTypes: TicketType[] }

/**
 * What registration needs around the event row (its organization, series and ticket types), kept
 * for a few seconds and dropped on any write to them (app/cache.server.ts), so the lock is held
 * for the event row alone. None of it decides a seat; the event row itself is always read under
 * the lock.
 */
const contexts = new PublicCache<EventContext | null>(5_000, 1_000)

/** Read it BEFORE the transaction: on PGlite (one connection) a query outside a running transaction waits for it. */
export function eventContext(where: { id: string } | { slug: string }): Promise<EventContext | null> {
  const key = 'id' in where ? `id:${where.id}` : `slug:${where.slug}`
  return contexts.get(key, async () => {
    const found = await db.event.findUnique({
      where: 'id' in where ? { id: where.id } : { slug: where.slug },
      select: { id: true, organization: true, series: true, ticketTypes: { orderBy: { position: 'asc' } } },
    })
    return found
  })
}

/**
 * The same as lockEventForRegistration in two statements under the lock (the lock, then the row),
 * with the event's organization, series and tickets read before it: the registration path, where
 * the time the lock is held is the time every other registrant for this event waits.
 */
export async function lockEventRow(tx: Tx, context: EventContext | null): Promise<SeatEvent> {
  if (!context) throw new NotFoundError('error.eventNotFound')
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM events WHERE id = ${context.id}::uuid FOR UPDATE`
  if (rows.length === 0) throw new NotFoundError('error.eventNotFound')
  const event = await tx.event.findUniqueOrThrow({ where: { id: context.id } })
  return { ...event, organization: context.organization, series: context.series, ticketTypes: context.ticketTypes }
}

/** The capacity of one attendance mode: null = unlimited; a mode the event's format lacks has 0. */
export function capacityOf(event: Pick<Event, 'format' | 'capacityOnSite' | 'capacityOnline'>, mode: AttendanceMode): number | null {
  if (mode === 'on_site') return event.format === 'online' ? 0 : event.capacityOnSite
  return event.format === 'on_site' ? 0 : event.capacityOnline
}

/** The attendance modes an event offers, in the order the form shows them. */
export function modesOf(event: Pick<Event, 'format'>): AttendanceMode[] {
  return event.format === 'hybrid' ? ['on_site', 'online'] : event.format === 'online' ? ['online'] : ['on_site']
}

/** Confirmed and waitlisted per mode. Exact inside a transaction that holds the event lock. */
export async function countSeats(client: Tx | typeof db, event: Pick<Event, 'id' | 'format' | 'capacityOnSite' | 'capacityOnline'>): Promise<SeatCounts> {
  return seatsFrom(event, await seatRows(client, event.id))
}

type SeatRow = { attendanceMode: AttendanceMode; status: string; _count: { _all: number }; _max: { queuedAt: Date | null } }

async function seatRows(client: Tx | typeof db, eventId: string): Promise<SeatRow[]> {
  const rows = await client.registration.groupBy({
    by: ['attendanceMode', 'status'],
    where: { eventId, status: { in: ['confirmed', 'waitlisted'] } },
    _count: { _all: true },
    _max: { queuedAt: true },
  })
  return rows as SeatRow[]
}

/**
 * Seat counts and whether `email` already has a registration for the event (of any status), in
 * one statement: the registration path's two questions under the lock.
 */
export async function seatsAndExisting(tx: Tx, event: Pick<Event, 'id' | 'format' | 'capacityOnSite' | 'capacityOnline'>, email: string) {
  const rows = await tx.$queryRaw<{ mode: AttendanceMode | null; status: string | null; n: bigint; last: Date | null; mine: boolean }[]>`
    SELECT attendance_mode AS mode, status::text AS status, count(*) AS n, max(queued_at) AS last, false AS mine
      FROM registrations WHERE event_id = ${event.id}::uuid AND status IN ('confirmed', 'waitlisted')
      GROUP BY attendance_mode, status
    UNION ALL
    SELECT NULL, NULL, 0, NULL, true FROM registrations WHERE event_id = ${event.id}::uuid AND email_normalized = ${email}`
  const seatRowsFound: SeatRow[] = rows
    .filter((row) => !row.mine)
    .map((row) => ({
      attendanceMode: row.mode!,
      status: row.status!,
      _count: { _all: Number(row.n) },
      _max: { queuedAt: row.last ? new Date(row.last) : null },
    }))
  return { seats: seatsFrom(event, seatRowsFound), hasExisting: rows.some((row) => row.mine) }
}

function seatsFrom(event: Pick<Event, 'format' | 'capacityOnSite' | 'capacityOnline'>, rows: SeatRow[]): SeatCounts {
  const count = (mode: AttendanceMode, status: 'confirmed' | 'waitlisted') =>
    rows.find((row) => row.attendanceMode === mode && row.status === status)?._count._all ?? 0
  const seats = (mode: AttendanceMode): ModeSeats => {
    const capacity = capacityOf(event, mode)
    const confirmed = count(mode, 'confirmed')
    const lastQueuedAt = rows.find((row) => row.attendanceMode === mode && row.status === 'waitlisted')?._max.queuedAt ?? null
    return { capacity, confirmed, waitlisted: count(mode, 'waitlisted'), left: capacity === null ? null : Math.max(0, capacity - confirmed), lastQueuedAt }
  }
  return { on_site: seats('on_site'), online: seats('online') }
}

/** Seat counts for the console and public pages (not locked: a snapshot). */
export async function getSeatCounts(eventId: string): Promise<SeatCounts> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { id: true, format: true, capacityOnSite: true, capacityOnline: true } })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return countSeats(db, event)
}

/**
 * The moment a newcomer joins a waitlist: now, or just after the last person in it (timestamps
 * have millisecond precision, and two people in the same millisecond must still have an order).
 */
export function nextQueuedAt(seats: ModeSeats, now = new Date()): Date {
  return seats.lastQueuedAt && seats.lastQueuedAt >= now ? new Date(seats.lastQueuedAt.getTime() + 1) : now
}

/** Place in the FIFO queue of the registration's mode (1 = next to get a seat). */
export async function waitlistPosition(client: Tx | typeof db, registration: { id: string; eventId: string; attendanceMode: AttendanceMode; queuedAt: Date }) {
  const ahead = await client.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM registrations
    WHERE event_id = ${registration.eventId}::uuid AND status = 'waitlisted' AND attendance_mode = ${registration.attendanceMode}::"AttendanceMode"
      AND (queued_at, id) < (${registration.queuedAt}::timestamptz, ${registration.id}::uuid)`
  return Number(ahead[0]?.n ?? 0) + 1
}

export type PromotionReason = 'cancellation' | 'capacity' | 'mode-change' | 'organizer'

/**
 * Fills free seats from the waitlist, first come first served, per mode: inside the caller's
 * transaction (event locked). Each promotion is confirmed, audited with its reason and mailed a
 * confirmation with the calendar invitation. Returns the promoted registrations' ids.
 */
export async function promoteFromWaitlist(tx: Tx, event: SeatEvent, reason: PromotionReason, actorId: string | null = null): Promise<string[]> {
  const seats = await countSeats(tx, event)
  const promoted: string[] = []
  for (const mode of modesOf(event)) {
    const { left, waitlisted } = seats[mode]
    if (waitlisted === 0 || left === 0) continue
    const next = await tx.registration.findMany({
      where: { eventId: event.id, status: 'waitlisted', attendanceMode: mode },
      orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
      take: left ?? waitlisted,
      include: { ticketType: true },
    })
    for (const registration of next) {
      const updated = await tx.registration.update({
        where: { id: registration.id },
        data: { status: 'confirmed', promotedAt: new Date() },
        include: { ticketType: true },
      })
      await recordAudit(tx, {
        organizationId: event.organizationId,
        actorId,
        action: 'registration.promoted',
        entityType: 'registration',
        entityId: registration.id,
        data: { eventId: event.id, mode, reason },
      })
      await enqueueConfirmation(tx, { event, registration: updated, reason: 'promoted' })
      promoted.push(registration.id)
    }
  }
  return promoted
}
