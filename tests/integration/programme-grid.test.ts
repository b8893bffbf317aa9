import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { DEMO_STAR_REGISTRATION_ID } from '../../app/demo/demo-stars.server.ts'
import { loadDemoIfEmpty } from '../../app/demo/load-demo.server.ts'
import { loader as eventPage } from '../../app/routes/($lang).events.$slug.tsx'
import { loader as starHelp } from '../../app/routes/($lang).events.$slug_.my-programme.tsx'
import { useTestDatabase } from '../support/database.ts'
import { callLoader } from './support/loaders.ts'

useTestDatabase()

const NOW = new Date('2026-11-23T10:00:00Z')
const CO_DAYS = 'co-days-social-innovation-varmland'

type Page = {
  programmeLayout: 'list' | 'grid'
  canStar: boolean
  view: { days: { heading: string; items: { id: string; title: string }[]; grid: { rooms: { name: string | null }[]; rows: { label: string }[] } | null }[] }
}

describe('the programme grid on the event page (issue 11 §5b)', () => {
  beforeAll(async () => {
    expect(await loadDemoIfEmpty({ now: NOW })).toBe(true)
  })

  it('gives each of Co-Days’ three multi-room days a grid with the rooms in the console’s order; ?view=grid chooses it, anything else the list', async () => {
    const grid = (await (await callLoader(eventPage, `/events/${CO_DAYS}?view=grid`, { slug: CO_DAYS })).json()) as Page
    expect(grid.programmeLayout).toBe('grid')
    expect(grid.canStar).toBe(true)
    expect(grid.view.days).toHaveLength(3)
    for (const day of grid.view.days) expect(day.grid?.rooms.map((room) => room.name)[0]).toBe('Stora salen')
    expect(grid.view.days[0].grid!.rooms.map((room) => room.name)).toEqual(['Stora salen', 'Klarälven', 'Vänern', 'Fiket'])
    expect(grid.view.days[0].grid!.rows[0].label).toBe('09.00–09.30')
    for (const query of ['', '?view=list', '?view=table']) {
      const list = (await (await callLoader(eventPage, `/events/${CO_DAYS}${query}`, { slug: CO_DAYS })).json()) as Page
      expect(list.programmeLayout).toBe('list')
    }
  })

  it('leaves a day in one room without a grid (Sörmland’s day in one hall)', async () => {
    const page = (await (
      await callLoader(eventPage, `/events/sormland-social-innovation-day?view=grid`, { slug: 'sormland-social-innovation-day' })
    ).json()) as Page
    expect(page.view.days.every((day) => day.grid === null)).toBe(true)
  })

  it('the star link’s page names the item and says where to star it, in Swedish and English', async () => {
    const grid = (await (await callLoader(eventPage, `/events/${CO_DAYS}`, { slug: CO_DAYS })).json()) as Page
    const item = grid.view.days[1].items.find((entry) => entry.title === 'Hur mäter vi effekt?')!
    const sv = (await (await callLoader(starHelp, `/events/${CO_DAYS}/my-programme?item=${item.id}`, { slug: CO_DAYS })).json()) as {
      item: { title: string; when: string }
    }
    expect(sv.item.title).toBe('Hur mäter vi effekt?')
    expect(sv.item.when).toMatch(/11\.30–12\.00$/)
    const en = (await (await callLoader(starHelp, `/en/events/${CO_DAYS}/my-programme?item=${item.id}`, { slug: CO_DAYS, lang: 'en' })).json()) as {
      item: { title: string }
    }
    expect(en.item.title).toBe('How do we measure impact?')
    const unknown = (await (await callLoader(starHelp, `/events/${CO_DAYS}/my-programme?item=not-a-uuid`, { slug: CO_DAYS })).json()) as { item: null }
    expect(unknown.item).toBeNull()
  })

  it('the demo has stars: Greta Lind’s three at Co-Days, other Co-Days participants’, and the researchers’ lunch in Piteå', async () => {
    const greta = await db.programmeStar.findMany({
      where: { registrationId: DEMO_STAR_REGISTRATION_ID },
      include: { item: true },
      orderBy: { item: { startsAt: 'asc' } },
    })
    expect(greta.map((star) => star.item.titleSv)).toEqual([
      'Social innovation i Värmland – var står vi?',
      'Från idé till pilot',
      'Samtal: upphandling och sociala innovatörer',
    ])
    expect(await db.programmeStar.count({ where: { item: { event: { slug: CO_DAYS } } } })).toBeGreaterThan(10)
    expect(await db.programmeStar.count({ where: { item: { event: { slug: 'social-innovation-i-norr' }, capacity: { not: null } } } })).toBeGreaterThan(0)
  })
})
