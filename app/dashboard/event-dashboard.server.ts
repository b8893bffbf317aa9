import { db } from '../db/client.server.ts'
import { COUNTIES, SECTORS } from '../enums.ts'
import { NotFoundError } from '../errors.server.ts'
import type { AttendanceMode, County, Sector } from '../generated/prisma/enums.ts'
import type { Access } from '../organizations/access.server.ts'
import { capacityOf, modesOf } from '../registrations/seats.server.ts'
import { stockholmDay } from '../time.ts'

/**
 * The numbers of one event's dashboard (ADR 0025), read in a handful of grouped queries: who is
 * registered on site and online, the waitlist, cancellations, seats left, check-ins and, once the
 * event has ended, no-shows (confirmed, not checked in). Sector, län and mode count confirmed
 * registrations; "over time" counts every registration (also later cancelled or waitlisted, not
 * interest) on the Stockholm day it was made. Exact counts: this page is for the organization's
 * own members, who may read the registration list anyway (small groups are hidden in what leaves
 * the console: the organization report and its CSV).
 */

export type ModeNumbers = {
  mode: AttendanceMode
  confirmed: number
  waitlisted: number
  cancelled: number
  /** null = no limit. */
  capacity: number | null
  left: number | null
  checkedIn: number
  /**
   * Confirmed on site but not checked in, once the event has ended; null before that, and always
   * for online places: nothing records who followed a stream, so they are not counted as no-shows.
   */
  noShows: number | null
}

export type GroupCount<K extends string> = { key: K; count: number }

export type EventDashboard = {
  event: { id: string; titleSv: string; titleEn: string; startsAt: Date; endsAt: Date; hasEnded: boolean }
  modes: ModeNumbers[]
  totals: { confirmed: number; waitlisted: number; cancelled: number; checkedIn: number; noShows: number | null }
  /** Per Stockholm day with a registration: how many were made that day and the running total. */
  overTime: { day: string; count: number; cumulative: number }[]
  sectors: GroupCount<Sector | 'unknown'>[]
  /** Counties with someone, in län-code order, then abroad and unknown when present. */
  counties: GroupCount<County | 'abroad' | 'unknown'>[]
}

/** The dashboard of an event of the access's organization; another organization's event is a NotFoundError. */
export async function getEventDashboard(input: { access: Access; eventId: string; now?: Date }): Promise<EventDashboard> {
  const now = input.now ?? new Date()
  const event = await db.event.findFirst({
    where: { id: input.eventId, organizationId: input.access.organization.id },
    select: { id: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true, format: true, capacityOnSite: true, capacityOnline: true },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const where = { eventId: event.id }
  const confirmed = { ...where, status: 'confirmed' as const }
  const [byStatus, checkedIn, sectors, counties, created] = await Promise.all([
    db.registration.groupBy({ by: ['attendanceMode', 'status'], where, _count: { _all: true } }),
    db.registration.groupBy({ by: ['attendanceMode'], where: { ...confirmed, checkedInAt: { not: null } }, _count: { _all: true } }),
    db.registration.groupBy({ by: ['sector'], where: confirmed, _count: { _all: true } }),
    db.registration.groupBy({ by: ['county', 'abroad'], where: confirmed, _count: { _all: true } }),
    db.registration.findMany({ where: { ...where, status: { not: 'interest' } }, select: { createdAt: true }, orderBy: { createdAt: 'asc' } }),
  ])
  const hasEnded = event.endsAt.getTime() < now.getTime()
  const count = (mode: AttendanceMode, status: string) => byStatus.find((row) => row.attendanceMode === mode && row.status === status)?._count._all ?? 0
  const offered = modesOf(event)
  const modes: ModeNumbers[] = (['on_site', 'online'] as const)
    .filter((mode) => offered.includes(mode) || byStatus.some((row) => row.attendanceMode === mode))
    .map((mode) => {
      const modeConfirmed = count(mode, 'confirmed')
      const modeCheckedIn = checkedIn.find((row) => row.attendanceMode === mode)?._count._all ?? 0
      const capacity = capacityOf(event, mode)
      return {
        mode,
        confirmed: modeConfirmed,
        waitlisted: count(mode, 'waitlisted'),
        cancelled: count(mode, 'cancelled'),
        capacity,
        left: capacity === null ? null : Math.max(0, capacity - modeConfirmed),
        checkedIn: modeCheckedIn,
        noShows: hasEnded && mode === 'on_site' ? modeConfirmed - modeCheckedIn : null,
      }
    })
  const sum = (pick: (mode: ModeNumbers) => number) => modes.reduce((total, mode) => total + pick(mode), 0)

  const overTime: EventDashboard['overTime'] = []
  let cumulative = 0
  for (const row of created) {
    const day = stockholmDay(row.createdAt)
    cumulative += 1
    const last = overTime.at(-1)
    if (last?.day === day) {
      last.count += 1
      last.cumulative = cumulative
    } else overTime.push({ day, count: 1, cumulative })
  }

  const sectorCount = (key: Sector | null) => sectors.find((row) => row.sector === key)?._count._all ?? 0
  const countyCount = (key: County) => counties.filter((row) => row.county === key).reduce((total, row) => total + row._count._all, 0)
  const abroad = counties.filter((row) => row.county === null && row.abroad).reduce((total, row) => total + row._count._all, 0)
  const unknownCounty = counties.filter((row) => row.county === null && !row.abroad).reduce((total, row) => total + row._count._all, 0)
  return {
    event: { id: event.id, titleSv: event.titleSv, titleEn: event.titleEn, startsAt: event.startsAt, endsAt: event.endsAt, hasEnded },
    modes,
    totals: {
      confirmed: sum((mode) => mode.confirmed),
      waitlisted: sum((mode) => mode.waitlisted),
      cancelled: sum((mode) => mode.cancelled),
      checkedIn: sum((mode) => mode.checkedIn),
      noShows: hasEnded ? sum((mode) => mode.noShows ?? 0) : null,
    },
    overTime,
    sectors: [
      ...SECTORS.map((key) => ({ key, count: sectorCount(key) })),
      ...(sectorCount(null) ? [{ key: 'unknown' as const, count: sectorCount(null) }] : []),
    ],
    counties: [
      ...COUNTIES.map((key) => ({ key, count: countyCount(key) })).filter((row) => row.count > 0),
      ...(abroad ? [{ key: 'abroad' as const, count: abroad }] : []),
      ...(unknownCounty ? [{ key: 'unknown' as const, count: unknownCounty }] : []),
    ],
  }
}
