import { beforeAll, describe, expect, it } from 'vitest'
import { getEventDashboard } from '../../app/dashboard/event-dashboard.server.ts'
import { loader } from '../../app/routes/organizer.$org.events.$id.dashboard.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'

useTestDatabase()

type Chart = { caption: string; summary: string; bars: { label: string; value: number; display: string }[]; table: { rows: (string | number)[][] } }
type Page = {
  glance: {
    onSite: number | null
    online: number | null
    waitlisted: number
    cancelled: number
    checkedIn: number
    noShows: number | null
    left: { mode: string; text: string }[]
  }
  charts: { overTime: { summary: string; points: { label: string; value: number }[] }; sector: Chart; county: Chart; mode: Chart }
}

let org: { id: string; slug: string }
let viewer: string
let outsider: string
let held: { id: string }
let upcoming: { id: string }

beforeAll(async () => {
  org = await createOrganization('coompanion-dashboard', 'Coompanion')
  const other = await createOrganization('annan-dashboard', 'Annan')
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  outsider = await cookieFor((await createMember(other.id, 'owner')).id)
  held = await createEvent(org.id, {
    format: 'hybrid',
    capacityOnSite: 10,
    startsAt: new Date('2026-11-10T08:00:00.000Z'),
    endsAt: new Date('2026-11-10T12:00:00.000Z'),
  })
  upcoming = await createEvent(org.id, { capacityOnSite: 5, startsAt: new Date('2027-03-10T08:00:00.000Z'), endsAt: new Date('2027-03-10T12:00:00.000Z') })
  const day = (d: number) => new Date(`2026-11-0${d}T09:00:00.000Z`)
  // On site: 6 confirmed (4 checked in), 1 waitlisted, 1 cancelled; online: 3 confirmed (1 joined), 1 interest.
  for (let i = 0; i < 6; i++) {
    await createRegistration(held.id, {
      attendanceMode: 'on_site',
      sector: i < 3 ? 'public_sector' : 'civil_society',
      county: i < 5 ? 'sodermanland' : null,
      abroad: i === 5,
      createdAt: day(1 + (i % 3)),
      checkedInAt: i < 4 ? new Date('2026-11-10T07:55:00.000Z') : null,
    })
  }
  await createRegistration(held.id, { attendanceMode: 'on_site', status: 'waitlisted', createdAt: day(4) })
  await createRegistration(held.id, { attendanceMode: 'on_site', status: 'cancelled', createdAt: day(4) })
  for (let i = 0; i < 3; i++) {
    await createRegistration(held.id, {
      attendanceMode: 'online',
      sector: 'academia',
      county: 'uppsala',
      createdAt: day(2),
      checkedInAt: i === 0 ? new Date('2026-11-10T08:05:00.000Z') : null,
    })
  }
  await createRegistration(held.id, { attendanceMode: 'online', status: 'interest', createdAt: day(5) })
  await createRegistration(upcoming.id, { attendanceMode: 'on_site', sector: 'private_sector', county: 'stockholm' })
})

const page = async (eventId: string, cookie = viewer, lang = '') => {
  const response = await call(loader, getRequest(`/organizer/${org.slug}/events/${eventId}/dashboard${lang}`, cookie), { org: org.slug, id: eventId })
  expect(response.status).toBe(200)
  return body<Page>(response)
}

describe('the event dashboard (issue 11 §1)', () => {
  it('counts on site, online, waitlist, cancellations, seats left, check-ins and no-shows of an event that has ended', async () => {
    const numbers = await getEventDashboard({
      access: { organization: { id: org.id } as never, role: 'viewer', personId: '' },
      eventId: held.id,
      now: new Date('2026-12-01T10:00:00Z'),
    })
    expect(numbers.modes).toEqual([
      { mode: 'on_site', confirmed: 6, waitlisted: 1, cancelled: 1, capacity: 10, left: 4, checkedIn: 4, noShows: 2 },
      { mode: 'online', confirmed: 3, waitlisted: 0, cancelled: 0, capacity: null, left: null, checkedIn: 1, noShows: null },
    ])
    expect(numbers.totals).toEqual({ confirmed: 9, waitlisted: 1, cancelled: 1, checkedIn: 5, noShows: 2 })
    // Every registration but the interest one, on its Stockholm day, as a running total.
    expect(numbers.overTime).toEqual([
      { day: '2026-11-01', count: 2, cumulative: 2 },
      { day: '2026-11-02', count: 5, cumulative: 7 },
      { day: '2026-11-03', count: 2, cumulative: 9 },
      { day: '2026-11-04', count: 2, cumulative: 11 },
    ])
    expect(numbers.sectors).toEqual([
      { key: 'public_sector', count: 3 },
      { key: 'civil_society', count: 3 },
      { key: 'private_sector', count: 0 },
      { key: 'academia', count: 3 },
      { key: 'other', count: 0 },
    ])
    expect(numbers.counties).toEqual([
      { key: 'uppsala', count: 3 },
      { key: 'sodermanland', count: 5 },
      { key: 'abroad', count: 1 },
    ])
  })

  it('shows no no-shows before the event has ended', async () => {
    const data = await page(upcoming.id)
    expect(data.glance).toMatchObject({ onSite: 1, online: null, checkedIn: 0, noShows: null })
    expect(data.glance.left).toEqual([{ mode: 'På plats', text: '4 av 5' }])
  })

  it('gives the viewer the charts with Swedish labels, exact values and a summary; English with ?lang=en', async () => {
    const data = await page(held.id)
    expect(data.glance).toMatchObject({ onSite: 6, online: 3, waitlisted: 1, cancelled: 1, checkedIn: 5, noShows: 2 })
    expect(data.charts.sector.bars.map((bar) => [bar.label, bar.display])).toEqual([
      ['Offentlig sektor', '3'],
      ['Idéburen sektor', '3'],
      ['Privat sektor', '0'],
      ['Akademi', '3'],
      ['Annat', '0'],
    ])
    expect(data.charts.county.table.rows).toEqual([
      ['Uppsala län', '3', '33 %'],
      ['Södermanlands län', '5', '56 %'],
      ['Utanför Sverige', '1', '11 %'],
    ])
    expect(data.charts.mode.summary).toBe('9 bekräftade. Störst: På plats med 6.')
    expect(data.charts.overTime.points.at(-1)?.value).toBe(11)
    const en = await page(held.id, viewer, '?lang=en')
    expect(en.charts.mode.summary).toBe('9 confirmed. Largest: On site with 6.')
  })

  it('is a 404 for a member of another organization', async () => {
    const response = await call(loader, getRequest(`/organizer/${org.slug}/events/${held.id}/dashboard`, outsider), { org: org.slug, id: held.id })
    expect(response.status).toBe(404)
  })
})
