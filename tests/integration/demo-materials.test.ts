import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { loadDemoIfEmpty } from '../../app/demo/load-demo.server.ts'
import { getEventPageView } from '../../app/events/event-page-view.server.ts'
import { listSeriesRecordings } from '../../app/events/materials.server.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const NOW = new Date('2026-11-23T10:00:00Z')

describe('the demo’s recordings and slides (issue 11 §5)', () => {
  beforeAll(async () => {
    expect(await loadDemoIfEmpty({ now: NOW })).toBe(true)
  })

  it('gives past events recordings and slides, keeps a recording without consent off the page, and shows one event as already announced', async () => {
    const past = await db.event.findMany({
      where: { endsAt: { lt: NOW }, status: 'published' },
      orderBy: { startsAt: 'asc' },
      select: { id: true, slug: true, materialsMailedAt: true },
    })
    expect(past.length).toBeGreaterThan(0)
    for (const event of past) expect(await db.eventMaterial.count({ where: { eventId: event.id } })).toBeGreaterThanOrEqual(2)
    expect(await db.eventMaterial.count({ where: { event: { endsAt: { gte: NOW } } } })).toBe(0)

    const [first] = past
    expect(first.materialsMailedAt).not.toBeNull()
    expect(past.slice(1).every((event) => event.materialsMailedAt === null)).toBe(true)
    const confirmed = await db.registration.count({ where: { eventId: first.id, status: 'confirmed' } })
    expect(await db.outboxMessage.count({ where: { eventId: first.id, template: 'materials-published', status: 'sent' } })).toBe(confirmed)

    const view = await getEventPageView(first.slug, { locale: 'sv', appUrl: 'https://samling.test' })
    expect(view.materials.map((material) => material.label)).toEqual(['Hela inspelningen', 'Alla bilder (PDF)'])
    const itemRecordings = await db.eventMaterial.findMany({ where: { eventId: first.id, itemId: { not: null } }, select: { url: true } })
    const shown = view.days.flatMap((day) => day.items).flatMap((item) => item.eventMaterials.map((material) => material.href))
    if (itemRecordings.length === 2) {
      expect(shown).toEqual([itemRecordings[0].url])
    }
  })

  it('the series page collects the held part’s recordings', async () => {
    const held = await db.event.findFirst({ where: { endsAt: { lt: NOW }, seriesId: { not: null } }, select: { series: { select: { slug: true } } } })
    if (!held?.series) return
    const recordings = await listSeriesRecordings({ seriesSlug: held.series.slug, now: NOW })
    expect(recordings.length).toBeGreaterThan(0)
  })
})
