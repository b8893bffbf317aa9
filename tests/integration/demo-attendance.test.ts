import { beforeAll, describe, expect, it } from 'vitest'
import { getEventDashboard } from '../../app/dashboard/event-dashboard.server.ts'
import { db } from '../../app/db/client.server.ts'
import { loadDemoIfEmpty } from '../../app/demo/load-demo.server.ts'
import { anonymizationDate } from '../../app/privacy/retention.server.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const NOW = new Date('2026-12-03T10:00:00Z')

describe('the demo’s check-ins and no-shows (issue 11 §1)', () => {
  beforeAll(async () => {
    expect(await loadDemoIfEmpty({ now: NOW })).toBe(true)
  })

  it('checks in all but every seventh confirmed on-site registration of the past hybrid meeting, at the door, and no one else', async () => {
    const event = await db.event.findUniqueOrThrow({ where: { slug: 'natverkstraff-social-innovation-skane' }, include: { organization: true } })
    expect(event.endsAt.getTime()).toBeLessThan(NOW.getTime())
    const dashboard = await getEventDashboard({ access: { organization: event.organization, role: 'viewer', personId: '' }, eventId: event.id, now: NOW })
    expect(dashboard.modes.map(({ mode, confirmed, checkedIn, noShows }) => ({ mode, confirmed, checkedIn, noShows }))).toEqual([
      { mode: 'on_site', confirmed: 46, checkedIn: 40, noShows: 6 },
      { mode: 'online', confirmed: 22, checkedIn: 0, noShows: null },
    ])
    const forum = await db.event.findUniqueOrThrow({ where: { slug: 'valfardsforum-vasteras' } })
    const everyone = await db.registration.findMany({ where: { checkedInAt: { not: null } }, select: { checkedInAt: true, eventId: true } })
    // The only other past event held on site is the anonymized forum (demo-retention.server.ts).
    expect(everyone.every((row) => row.eventId === event.id || row.eventId === forum.id)).toBe(true)
    const times = everyone.filter((row) => row.eventId === event.id)
    const minutes = times.map((row) => (row.checkedInAt!.getTime() - event.startsAt.getTime()) / 60_000)
    expect(Math.min(...minutes)).toBeGreaterThanOrEqual(-15)
    expect(Math.max(...minutes)).toBeLessThanOrEqual(30)
    // Registrations of a past event were made before it.
    expect(await db.registration.count({ where: { eventId: event.id, createdAt: { gte: event.startsAt } } })).toBe(0)
  })

  it('gives the past events registrations from every sector and several län, so the charts show something', async () => {
    const rows = await db.registration.groupBy({ by: ['sector'], where: { status: 'confirmed', event: { endsAt: { lt: NOW } } }, _count: { _all: true } })
    expect(rows.filter((row) => row.sector !== null).length).toBe(5)
    const counties = await db.registration.groupBy({ by: ['county'], where: { status: 'confirmed', event: { endsAt: { lt: NOW } } }, _count: { _all: true } })
    expect(counties.filter((row) => row.county !== null).length).toBeGreaterThanOrEqual(4)
  })
})

describe('the demo’s event whose retention has passed (issue 12 §1)', () => {
  it('is already anonymized at load, as of the day its period ended, with its counts and the job’s audit entry intact', async () => {
    const forum = await db.event.findUniqueOrThrow({ where: { slug: 'valfardsforum-vasteras' }, include: { organization: true } })
    const due = anonymizationDate(forum, forum.organization)
    expect(due.getTime()).toBeLessThan(NOW.getTime())
    expect(forum.anonymizedAt).toEqual(due)
    const rows = await db.registration.findMany({ where: { eventId: forum.id } })
    expect(rows).toHaveLength(75)
    expect(
      rows.every((row) => row.anonymizedAt !== null && row.name === '' && row.email.endsWith('@anonymized.invalid') && row.organizationName === null),
    ).toBe(true)
    const dashboard = await getEventDashboard({ access: { organization: forum.organization, role: 'viewer', personId: '' }, eventId: forum.id, now: NOW })
    expect(dashboard.modes.map(({ mode, confirmed, checkedIn, cancelled }) => ({ mode, confirmed, checkedIn, cancelled }))).toEqual([
      { mode: 'on_site', confirmed: 52, checkedIn: 45, cancelled: 4 },
      { mode: 'online', confirmed: 19, checkedIn: 0, cancelled: 0 },
    ])
    expect(dashboard.sectors.filter((row) => row.key !== 'unknown').length).toBe(5)
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: 'retention.anonymized' } })
    expect(audit).toMatchObject({ organizationId: forum.organizationId, actorId: null, createdAt: due })
    expect(audit.data).toMatchObject({ eventIds: [forum.id], registrations: 75 })
    // The other past events keep their people: their retention has not passed.
    expect(await db.registration.count({ where: { anonymizedAt: { not: null }, eventId: { not: forum.id } } })).toBe(0)
  })
})
