import type { LoaderFunctionArgs } from '@remix-run/node'
import { beforeEach, describe, expect, it } from 'vitest'
import { apiListingCache } from '../../app/api/events.server.ts'
import { db } from '../../app/db/client.server.ts'
import { loader as listLoader } from '../../app/routes/api.events.ts'
import { loader as detailLoader } from '../../app/routes/api.events.$slug.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createOrganization, createSeries } from './support/public-fixtures.ts'

useTestDatabase()
beforeEach(() => apiListingCache.clear())

type Loader = (args: LoaderFunctionArgs) => Promise<Response>
const list = (query: string, headers: Record<string, string> = {}) =>
  (listLoader as Loader)({ request: new Request(`http://localhost/api/events${query}`, { headers }), params: {}, context: {} })
const detail = (slug: string, headers: Record<string, string> = {}) =>
  (detailLoader as Loader)({ request: new Request(`http://localhost/api/events/${slug}`, { headers }), params: { slug }, context: {} })

type Body = { events: { slug: string; status: string; format: string; county: string | null; startsAt: string }[]; nextCursor: string | null }
const slugsOf = async (response: Response) => ((await response.json()) as Body).events.map((event) => event.slug)

describe('GET /api/events', () => {
  it('filters by county, format, organization, series, text and status', async () => {
    const organization = await createOrganization()
    const series = await createSeries(organization.id)
    const skane = await createEvent(organization.id, { county: 'skane', city: 'Malmö', inDays: 1 })
    const online = await createEvent(organization.id, { format: 'online', county: null, city: null, inDays: 2, seriesId: series.id, seriesPosition: 1 })
    const cancelled = await createEvent(organization.id, { status: 'cancelled', cancellationReason: 'Storm', titleSv: 'Stormdagen', inDays: 3 })
    const org = `organization=${organization.slug}`
    expect(await slugsOf(await list(`?${org}`))).toEqual([skane.slug, online.slug, cancelled.slug])
    expect(await slugsOf(await list(`?${org}&county=skane`))).toEqual([skane.slug])
    expect(await slugsOf(await list(`?${org}&format=online`))).toEqual([online.slug])
    expect(await slugsOf(await list(`?series=${series.slug}`))).toEqual([online.slug])
    expect(await slugsOf(await list(`?${org}&q=STORM`))).toEqual([cancelled.slug])
    expect(await slugsOf(await list(`?${org}&status=cancelled`))).toEqual([cancelled.slug])
  })

  it('leaves out drafts and, unless `from` says otherwise, events that have ended', async () => {
    const organization = await createOrganization()
    await createEvent(organization.id, { status: 'draft' })
    const past = await createEvent(organization.id, { inDays: -10 })
    expect(await slugsOf(await list(`?organization=${organization.slug}`))).toEqual([])
    const from = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10)
    expect(await slugsOf(await list(`?organization=${organization.slug}&from=${from}`))).toEqual([past.slug])
  })

  it('limits to events starting before `to` (a whole Stockholm day)', async () => {
    const organization = await createOrganization()
    const early = await createEvent(organization.id, { startsAt: new Date('2099-03-01T22:30:00Z'), endsAt: new Date('2099-03-01T23:30:00Z') }) // 2 March 00.30 in Stockholm
    await createEvent(organization.id, { startsAt: new Date('2099-03-02T23:30:00Z'), endsAt: new Date('2099-03-03T01:00:00Z') }) // 3 March
    expect(await slugsOf(await list(`?organization=${organization.slug}&from=2099-03-02&to=2099-03-02`))).toEqual([early.slug])
  })

  it('walks every event exactly once with cursors, even when two start at the same minute', async () => {
    const organization = await createOrganization()
    const created = []
    const sameStart = new Date('2099-05-01T08:00:00Z')
    for (let i = 0; i < 4; i++) created.push(await createEvent(organization.id, { startsAt: sameStart, endsAt: new Date('2099-05-01T10:00:00Z') }))
    for (let i = 0; i < 4; i++) created.push(await createEvent(organization.id, { inDays: 1 + i }))
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const response = await list(`?organization=${organization.slug}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      const body = (await response.json()) as Body
      seen.push(...body.events.map((event) => event.slug))
      cursor = body.nextCursor
      pages++
    } while (cursor && pages < 10)
    expect(pages).toBe(3)
    expect(new Set(seen).size).toBe(seen.length)
    expect(new Set(seen)).toEqual(new Set(created.map((event) => event.slug)))
    const expectedOrder = [...created].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id)).map((event) => event.slug)
    expect(seen).toEqual(expectedOrder)
  })

  it('answers 304 to a client that already has the same body, with caching headers', async () => {
    const organization = await createOrganization()
    await createEvent(organization.id)
    const first = await list(`?organization=${organization.slug}`)
    expect(first.status).toBe(200)
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=60')
    expect(first.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    const etag = first.headers.get('ETag')!
    expect(etag).toMatch(/^W\/".+"$/)
    const again = await list(`?organization=${organization.slug}`, { 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('ETag')).toBe(etag)
    apiListingCache.clear()
    await createEvent(organization.id, { inDays: 20 })
    const changed = await list(`?organization=${organization.slug}`, { 'If-None-Match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('ETag')).not.toBe(etag)
  })

  it('answers 400 naming the parameter for an invalid value', async () => {
    for (const [query, parameter] of [
      ['?county=atlantis', 'county'],
      ['?limit=500', 'limit'],
      ['?cursor=%%%', 'cursor'],
      ['?from=igår', 'from'],
      ['?status=draft', 'status'],
      ['?from=0000-01-01T00:00:00Z', 'from'],
      ['?to=0000-01-01T00:00:00Z', 'to'],
      [`?cursor=${Buffer.from('-000001-01-01T00:00:00.000Z|3f1c2a9e-1b2c-4d5e-8f90-123456789abc').toString('base64url')}`, 'cursor'],
    ]) {
      const response = await list(query)
      expect(response.status, query).toBe(400)
      const body = await response.json()
      expect(body.error.parameter).toBe(parameter)
      expect(typeof body.error.message).toBe('string')
    }
  })

  it('never includes the online link', async () => {
    const organization = await createOrganization()
    await createEvent(organization.id, { format: 'online', onlineUrl: 'https://meet.example.org/api-hemlis-99' })
    const text = await (await list(`?organization=${organization.slug}`)).text()
    expect(text).toContain(organization.slug)
    expect(text).not.toContain('api-hemlis-99')
  })

  it('gives times with the Stockholm offset (summer and winter)', async () => {
    const organization = await createOrganization()
    await createEvent(organization.id, { startsAt: new Date('2099-07-01T07:00:00Z'), endsAt: new Date('2099-07-01T08:00:00Z') })
    await createEvent(organization.id, { startsAt: new Date('2099-12-01T08:00:00Z'), endsAt: new Date('2099-12-01T09:00:00Z') })
    const body = (await (await list(`?organization=${organization.slug}`)).json()) as Body
    expect(body.events.map((event) => event.startsAt)).toEqual(['2099-07-01T09:00:00+02:00', '2099-12-01T09:00:00+01:00'])
  })
})

describe('GET /api/events/:slug', () => {
  it('gives the event with programme, speakers, venue and series, but never the online link', async () => {
    const organization = await createOrganization()
    const series = await createSeries(organization.id, { titleSv: 'Re-Act', titleEn: 'Re-Act' })
    const event = await createEvent(organization.id, {
      format: 'hybrid',
      onlineUrl: 'https://meet.example.org/detalj-hemlis-42',
      seriesId: series.id,
      seriesPosition: 1,
      venueName: 'Munktellarenan',
      city: 'Eskilstuna',
      county: 'sodermanland',
    })
    const item = await db.programmeItem.create({
      data: { eventId: event.id, type: 'panel', titleSv: 'Panel', titleEn: 'Panel', startsAt: event.startsAt, endsAt: event.endsAt },
    })
    const speaker = await db.speakerProfile.create({ data: { slug: `sara-${event.slug}`, name: 'Sara Svensson' } })
    await db.programmeRole.create({ data: { itemId: item.id, speakerId: speaker.id, role: 'panelist' } })
    const response = await detail(event.slug)
    expect(response.status).toBe(200)
    const text = await response.clone().text()
    expect(text).not.toContain('detalj-hemlis-42')
    const body = await response.json()
    expect(body.venue).toEqual({ name: 'Munktellarenan', address: null, postalCode: null, city: 'Eskilstuna', county: 'sodermanland' })
    expect(body.online).toEqual({ linkSentTo: 'registered attendees' })
    expect(body.series).toMatchObject({ slug: series.slug, parts: [{ slug: event.slug, position: 1 }] })
    expect(body.programme).toEqual([expect.objectContaining({ type: 'panel', speakers: [{ slug: speaker.slug, name: 'Sara Svensson', role: 'panelist' }] })])
    expect(body.speakers).toEqual([expect.objectContaining({ slug: speaker.slug, name: 'Sara Svensson' })])
    const etag = response.headers.get('ETag')!
    expect((await detail(event.slug, { 'If-None-Match': etag })).status).toBe(304)
  })

  it('answers 404 JSON for a draft or unknown event, and 400 for a malformed slug', async () => {
    const organization = await createOrganization()
    const draft = await createEvent(organization.id, { status: 'draft' })
    const notPublic = await detail(draft.slug)
    expect(notPublic.status).toBe(404)
    expect((await notPublic.json()).error.parameter).toBe('slug')
    expect((await detail('finns-inte')).status).toBe(404)
    expect((await detail('Inte OK')).status).toBe(400)
  })
})
