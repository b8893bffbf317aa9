import { beforeAll, describe, expect, it } from 'vitest'
import { listPublicEvents, type EventFilters } from '../../app/events/listing.server.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createOrganization, createSeries } from './support/public-fixtures.ts'

useTestDatabase()

const upcoming = (filters: EventFilters, page = 1, pageSize = 100) => listPublicEvents({ filters, page, when: 'upcoming', locale: 'sv', pageSize })
const slugs = (result: { cards: { slug: string }[] }) => result.cards.map((card) => card.slug)

describe('the upcoming-events listing', () => {
  it('shows only events in the chosen län when a county is picked', async () => {
    const organization = await createOrganization()
    const inSkane = await createEvent(organization.id, { county: 'skane', city: 'Malmö' })
    const inVarmland = await createEvent(organization.id, { county: 'varmland' })
    const result = await upcoming({ county: 'skane' })
    expect(slugs(result)).toContain(inSkane.slug)
    expect(slugs(result)).not.toContain(inVarmland.slug)
    expect(new Set(result.cards.map((card) => card.countyLabel))).toEqual(new Set(['Skåne län']))
  })

  it('shows only digital events when the format Digitalt is picked', async () => {
    const organization = await createOrganization()
    const online = await createEvent(organization.id, { format: 'online', city: null, county: null })
    const onSite = await createEvent(organization.id, { format: 'on_site' })
    const result = await upcoming({ format: 'online', organization: organization.slug })
    expect(slugs(result)).toEqual([online.slug])
    expect(slugs(result)).not.toContain(onSite.slug)
  })

  it('shows exactly one organizer’s events, soonest first, with the organizer name on each card', async () => {
    const organization = await createOrganization({ name: 'Region Värmland' })
    const other = await createOrganization()
    const later = await createEvent(organization.id, { inDays: 20 })
    const sooner = await createEvent(organization.id, { inDays: 5 })
    await createEvent(other.id)
    const result = await upcoming({ organization: organization.slug })
    expect(slugs(result)).toEqual([sooner.slug, later.slug])
    expect(result.cards.map((card) => card.organization.name)).toEqual(['Region Värmland', 'Region Värmland'])
  })

  it('shows the parts of a series with the series title on the card', async () => {
    const organization = await createOrganization()
    const series = await createSeries(organization.id, { titleSv: 'Re-Act' })
    const part1 = await createEvent(organization.id, { seriesId: series.id, seriesPosition: 1, inDays: 3, format: 'online' })
    const part2 = await createEvent(organization.id, { seriesId: series.id, seriesPosition: 2, inDays: 4, format: 'online' })
    await createEvent(organization.id)
    const result = await upcoming({ series: series.slug })
    expect(slugs(result)).toEqual([part1.slug, part2.slug])
    expect(result.cards[1].series).toEqual({ slug: series.slug, title: 'Re-Act', position: 2 })
  })

  it('finds events by a word in the Swedish or English title, the summary or the town, whatever the case', async () => {
    const organization = await createOrganization()
    const bySv = await createEvent(organization.id, { titleSv: 'Zylofondagen', inDays: 1 })
    const byEn = await createEvent(organization.id, { titleEn: 'The ZYLOFON summit', inDays: 2 })
    const bySummary = await createEvent(organization.id, { summarySv: 'Om zylofoner i välfärden', inDays: 3 })
    const byCity = await createEvent(organization.id, { city: 'Zylofonby', inDays: 4 })
    await createEvent(organization.id, { titleSv: 'Något helt annat', inDays: 5 })
    expect(slugs(await upcoming({ q: 'zyLOfon' }))).toEqual([bySv.slug, byEn.slug, bySummary.slug, byCity.slug])
  })

  it('never lists a draft, neither upcoming nor in the archive', async () => {
    const organization = await createOrganization()
    await createEvent(organization.id, { status: 'draft', titleSv: 'Hemligt utkast kvarg' })
    await createEvent(organization.id, { status: 'draft', titleSv: 'Gammalt utkast kvarg', inDays: -30 })
    expect(slugs(await upcoming({ q: 'kvarg' }))).toEqual([])
    expect(slugs(await listPublicEvents({ filters: { q: 'kvarg' }, page: 1, when: 'past', locale: 'sv' }))).toEqual([])
  })

  it('keeps cancelled and postponed events listed, marked with their status', async () => {
    const organization = await createOrganization()
    await createEvent(organization.id, { status: 'cancelled', cancellationReason: 'Sjukdom', inDays: 1 })
    await createEvent(organization.id, { status: 'postponed', inDays: 2 })
    const result = await upcoming({ organization: organization.slug })
    expect(result.cards.map((card) => card.status)).toEqual(['cancelled', 'postponed'])
  })

  it('pages through 14 events 12 at a time without repeating or skipping one', async () => {
    const organization = await createOrganization()
    const created = []
    for (let i = 0; i < 14; i++) created.push(await createEvent(organization.id, { inDays: 1 + i }))
    const page1 = await upcoming({ organization: organization.slug }, 1, 12)
    const page2 = await upcoming({ organization: organization.slug }, 2, 12)
    expect(page1.cards).toHaveLength(12)
    expect(page1.hasNext).toBe(true)
    expect(page2.cards).toHaveLength(2)
    expect(page2.hasNext).toBe(false)
    expect([...slugs(page1), ...slugs(page2)]).toEqual(created.map((event) => event.slug))
  })

  it('shows the date in Swedish style on each card', async () => {
    const organization = await createOrganization()
    const startsAt = new Date('2099-02-12T08:00:00Z')
    await createEvent(organization.id, { startsAt, endsAt: new Date('2099-02-12T15:00:00Z') })
    const result = await upcoming({ organization: organization.slug })
    expect(result.cards[0].when).toBe('tors 12 feb 2099, kl. 09.00–16.00')
  })
})

describe('the archive', () => {
  let organizationSlug = ''
  let slugsByAge: string[] = []
  beforeAll(async () => {
    const organization = await createOrganization()
    organizationSlug = organization.slug
    const old = await createEvent(organization.id, { inDays: -60 })
    const recent = await createEvent(organization.id, { inDays: -2 })
    await createEvent(organization.id, { inDays: 3 })
    slugsByAge = [recent.slug, old.slug]
  })

  it('lists past events newest first and leaves upcoming ones out', async () => {
    const result = await listPublicEvents({ filters: { organization: organizationSlug }, page: 1, when: 'past', locale: 'sv' })
    expect(slugs(result)).toEqual(slugsByAge)
  })

  it('keeps an event that has started but not ended among the upcoming ones', async () => {
    const organization = await createOrganization()
    const startsAt = new Date(Date.now() - 60 * 60 * 1000)
    const ongoing = await createEvent(organization.id, { startsAt, endsAt: new Date(Date.now() + 60 * 60 * 1000) })
    expect(slugs(await upcoming({ organization: organization.slug }))).toEqual([ongoing.slug])
    expect(slugs(await listPublicEvents({ filters: { organization: organization.slug }, page: 1, when: 'past', locale: 'sv' }))).toEqual([])
  })
})
