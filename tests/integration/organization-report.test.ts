import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { loader } from '../../app/routes/organizer.$org.report.tsx'
import { loader as csvLoader } from '../../app/routes/organizer.$org.report_.csv.ts'
import { body, call, cookieFor, createMember, createOrganization, getRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'

useTestDatabase()

let org: { id: string; slug: string }
let viewer: string
let outsider: string

type Report = {
  fieldErrors: Record<string, string>
  report: null | {
    totals: { events: number; confirmed: number | string; checkedIn: number | string; people: number | string }
    events: { title: string; confirmed: string; checkedIn: string }[]
    sectors: { label: string; confirmed: string; checkedIn: string }[]
    counties: { label: string; confirmed: string; checkedIn: string }[]
  }
}

beforeAll(async () => {
  org = await createOrganization('coompanion-rapport', 'Coompanion')
  const other = await createOrganization('annan-rapport', 'Annan')
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  outsider = await cookieFor((await createMember(other.id, 'owner')).id)
  const at = (day: string) => ({ startsAt: new Date(`${day}T08:00:00.000Z`), endsAt: new Date(`${day}T12:00:00.000Z`) })
  // 31 December 23:30 in Stockholm is still 2025 (22:30 UTC): outside a 2026 period.
  const newYearsEve = await createEvent(org.id, {
    titleSv: 'Nyårsafton',
    startsAt: new Date('2025-12-31T22:30:00.000Z'),
    endsAt: new Date('2026-01-01T01:00:00.000Z'),
  })
  const spring = await createEvent(org.id, { titleSv: 'Vårträffen', titleEn: 'Spring meeting', ...at('2026-03-10') })
  const autumn = await createEvent(org.id, { titleSv: 'Höstträffen', ...at('2026-10-01') })
  const small = await createEvent(org.id, { titleSv: 'Liten workshop', ...at('2026-11-02') })
  await createEvent(org.id, { titleSv: 'Inställd', status: 'cancelled', cancellationReason: 'Sjukdom', ...at('2026-05-05') })
  await createEvent(other.id, { titleSv: 'Någon annans', ...at('2026-04-04') })
  await createRegistration(newYearsEve.id, { sector: 'other' })
  for (let i = 0; i < 12; i++) {
    await createRegistration(spring.id, {
      email: `person${i}@kommun.se`,
      sector: i < 8 ? 'public_sector' : 'civil_society',
      county: i < 9 ? 'sodermanland' : 'gotland',
      checkedInAt: i < 10 ? new Date('2026-03-10T08:00:00.000Z') : null,
    })
  }
  // The same 6 people again in the autumn, one of them from academia.
  for (let i = 0; i < 6; i++) {
    await createRegistration(autumn.id, { email: `person${i}@kommun.se`, sector: i === 0 ? 'academia' : 'public_sector', county: 'sodermanland' })
  }
  await createRegistration(autumn.id, { status: 'cancelled', sector: 'private_sector' })
  for (let i = 0; i < 2; i++) await createRegistration(small.id, { sector: 'public_sector', county: 'sodermanland' })
})

const path = (query: string) => `/organizer/${org.slug}/report${query}`

describe('the organization report (issue 11 §1)', () => {
  it('counts the events held in the Swedish period, their confirmed and checked-in participants, and hides groups under 5', async () => {
    const response = await call(loader, getRequest(path('?from=2026-01-01&to=2026-12-31'), viewer), { org: org.slug })
    expect(response.status).toBe(200)
    const { report } = await body<Report>(response)
    expect(report!.totals).toEqual({ events: 3, confirmed: 20, checkedIn: 10, people: 14 })
    expect(report!.events.map((event) => [event.title, event.confirmed, event.checkedIn])).toEqual([
      ['Vårträffen', '12', '10'],
      ['Höstträffen', '6', '0'],
      ['Liten workshop', '< 5', '0'],
    ])
    expect(report!.sectors.map((row) => [row.label, row.confirmed])).toEqual([
      ['Offentlig sektor', '15'],
      ['Idéburen sektor', '< 5'],
      ['Privat sektor', '0'],
      ['Akademi', '< 5'],
      ['Annat', '0'],
    ])
    expect(report!.counties.map((row) => [row.label, row.confirmed, row.checkedIn])).toEqual([
      ['Södermanlands län', '17', '9'],
      ['Gotlands län', '< 5', '< 5'],
    ])
  })

  it('a period of only the spring has one event', async () => {
    const { report } = await body<Report>(await call(loader, getRequest(path('?from=2026-03-10&to=2026-03-10'), viewer), { org: org.slug }))
    expect(report!.events.map((event) => event.title)).toEqual(['Vårträffen'])
  })

  it('an end before the start is a 400 with the message at the field, in Swedish', async () => {
    const response = await call(loader, getRequest(path('?from=2026-05-01&to=2026-04-01'), viewer), { org: org.slug })
    expect(response.status).toBe(400)
    expect((await body<Report>(response)).fieldErrors).toEqual({ to: 'Slutdatumet kan inte ligga före startdatumet.' })
    const bad = await call(loader, getRequest(path('?from=2026-02-30&to=2026-04-01'), viewer), { org: org.slug })
    expect((await body<Report>(bad)).fieldErrors).toEqual({ from: 'Skriv ett datum som 2026-01-31.' })
  })

  it('downloads as Excel-sv CSV (BOM, semicolon) and RFC 4180, parsed by csv-parse, with "< 5" and no exact small count', async () => {
    const response = await call(csvLoader, getRequest(`${path('/csv')}?from=2026-01-01&to=2026-12-31&dialect=excel-sv`, viewer), { org: org.slug })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Disposition')).toContain('rapport-coompanion-rapport-2026-01-01-2026-12-31.csv')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(new TextDecoder().decode(bytes), { delimiter: ';' }) as string[][]
    expect(rows[0]).toEqual(['Del', 'Grupp', 'Datum', 'Antal', 'Incheckade'])
    expect(rows).toContainEqual(['Evenemang', 'Liten workshop', '2026-11-02 09:00', '< 5', '0'])
    expect(rows).toContainEqual(['Sektor', 'Akademi', '', '< 5', '0'])
    expect(rows).toContainEqual(['Län', 'Gotlands län', '', '< 5', '< 5'])
    for (const row of rows.slice(1).filter((row) => row[1] !== 'Hållna evenemang'))
      for (const cell of row.slice(3)) expect(['1', '2', '3', '4']).not.toContain(cell)

    const rfc = await call(csvLoader, getRequest(`${path('/csv')}?from=2026-01-01&to=2026-12-31&dialect=rfc4180&lang=en`, viewer), { org: org.slug })
    const rfcBytes = new Uint8Array(await rfc.arrayBuffer())
    expect(rfcBytes[0]).toBe('P'.charCodeAt(0))
    const en = parse(new TextDecoder().decode(rfcBytes)) as string[][]
    expect(en[0]).toEqual(['Part', 'Group', 'Date', 'Count', 'Checked in'])
    expect(en).toContainEqual(['Total', 'Participants (confirmed registrations)', '', '20', '10'])
    expect(en).toContainEqual(['Event', 'Spring meeting', '2026-03-10T09:00:00+01:00', '12', '10'])
  })

  it('is a 404 for another organization, page and CSV; a bad dialect is a 400', async () => {
    expect((await call(loader, getRequest(path(''), outsider), { org: org.slug })).status).toBe(404)
    expect((await call(csvLoader, getRequest(`${path('/csv')}?from=2026-01-01&to=2026-12-31`, outsider), { org: org.slug })).status).toBe(404)
    expect((await call(csvLoader, getRequest(`${path('/csv')}?from=2026-01-01&to=2026-12-31&dialect=xls`, viewer), { org: org.slug })).status).toBe(400)
  })
})
