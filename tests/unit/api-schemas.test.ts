import { describe, expect, it } from 'vitest'
import { ApiEventsQuerySchema, decodeCursor, encodeCursor, isNotModified, parseApiEventsQuery, weakEtag } from '../../app/api/events.server.ts'
import { ListingQuerySchema, parseListingQuery } from '../../app/events/listing.server.ts'

const api = (query: string) => parseApiEventsQuery(new URLSearchParams(query))

describe('the listing query (/ and /archive)', () => {
  it('accepts every filter and treats empty form fields as "all"', () => {
    expect(
      ListingQuerySchema.parse({ county: 'varmland', format: 'hybrid', organization: 'region-varmland', series: 're-act', q: '  Karlstad ', page: '2' }),
    ).toEqual({
      county: 'varmland',
      format: 'hybrid',
      organization: 'region-varmland',
      series: 're-act',
      q: 'Karlstad',
      page: 2,
    })
    expect(ListingQuerySchema.parse({ county: '', format: '', organization: '', series: '', q: '   ', page: '' })).toEqual({ page: 1 })
  })

  it('rejects an unknown county, a made-up format, a non-slug and page 0', () => {
    expect(ListingQuerySchema.safeParse({ county: 'atlantis' }).success).toBe(false)
    expect(ListingQuerySchema.safeParse({ format: 'telepathy' }).success).toBe(false)
    expect(ListingQuerySchema.safeParse({ organization: 'Region Värmland' }).success).toBe(false)
    expect(ListingQuerySchema.safeParse({ page: '0' }).success).toBe(false)
    expect(ListingQuerySchema.safeParse({ page: '1.5' }).success).toBe(false)
    expect(ListingQuerySchema.safeParse({ q: 'x'.repeat(101) }).success).toBe(false)
  })

  it('drops invalid values from the address and names them, keeping the valid ones', () => {
    expect(parseListingQuery(new URLSearchParams('county=atlantis&format=online&page=-3'))).toEqual({
      query: { format: 'online', page: 1 },
      invalid: ['county', 'page'],
    })
  })
})

describe('the /api/events query', () => {
  it('defaults to 20 events per page', () => {
    expect(api('')).toEqual({ ok: true, query: { limit: 20 } })
  })

  it('reads filters, status, limit and a Stockholm date range', () => {
    const result = api('county=skane&format=online&organization=mind&series=re-act&q=barn&status=cancelled&limit=100&from=2027-03-01&to=2027-03-31')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.query).toMatchObject({
      county: 'skane',
      format: 'online',
      organization: 'mind',
      series: 're-act',
      q: 'barn',
      status: 'cancelled',
      limit: 100,
    })
    // Whole Stockholm days: from midnight on 1 March to midnight after 31 March (both CET, +01:00).
    expect(result.query.from?.toISOString()).toBe('2027-02-28T23:00:00.000Z')
    expect(result.query.to?.toISOString()).toBe('2027-03-31T22:00:00.000Z')
  })

  it('accepts date-times with an offset', () => {
    const result = api('from=2027-02-12T09:00:00%2B01:00')
    expect(result.ok && result.query.from?.toISOString()).toBe('2027-02-12T08:00:00.000Z')
  })

  it.each([
    ['county=atlantis', 'county'],
    ['format=vr', 'format'],
    ['organization=Not%20A%20Slug', 'organization'],
    ['status=draft', 'status'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['from=yesterday', 'from'],
    ['from=2027-02-30', 'from'],
    ['to=2027-13-01', 'to'],
    ['from=2027-03-01&to=2027-02-01', 'to'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('names the bad parameter in %s', (query, parameter) => {
    const result = api(query)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.error.parameter).toBe(parameter)
    expect(result.error.error.message).toMatch(new RegExp(`^${parameter} `))
  })

  it.each(['from=0000-01-01T00:00:00Z', 'to=0000-01-01T00:00:00Z', 'from=0000-01-01', 'to=1899-12-31', 'from=1899-12-31T23:59:59%2B00:00'])(
    'refuses %s (a year PostgreSQL cannot store) with a clear message',
    (query) => {
      const result = api(query)
      const parameter = query.split('=')[0]
      expect(result).toEqual({ ok: false, error: { error: { parameter, message: `${parameter} must be between 1900-01-01 and 9999-12-31` } } })
    },
  )

  it('refuses a cursor that encodes year 0 or year −1', () => {
    const id = '3f1c2a9e-1b2c-4d5e-8f90-123456789abc'
    for (const iso of ['0000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z']) {
      const cursor = Buffer.from(`${iso}|${id}`).toString('base64url')
      expect(decodeCursor(cursor), iso).toBeNull()
      expect(api(`cursor=${cursor}`)).toEqual({ ok: false, error: { error: { parameter: 'cursor', message: 'cursor is not a cursor this API gave out' } } })
    }
  })

  it('says which statuses exist when given a draft', () => {
    const result = api('status=draft')
    expect(!result.ok && result.error.error.message).toBe('status must be one of published, cancelled, postponed')
  })

  it('gives back exactly the cursor it handed out', () => {
    const cursor = { startsAt: new Date('2027-02-12T08:00:00.000Z'), id: '3f1c2a9e-1b2c-4d5e-8f90-123456789abc' }
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor)
    expect(ApiEventsQuerySchema.safeParse({ cursor: encodeCursor(cursor) }).success).toBe(true)
    expect(decodeCursor(Buffer.from('2027-02-12|x').toString('base64url'))).toBeNull()
  })
})

describe('ETags', () => {
  it('are weak, equal for equal bodies and different for different bodies', () => {
    expect(weakEtag('{"a":1}')).toMatch(/^W\/"[A-Za-z0-9_-]+"$/)
    expect(weakEtag('{"a":1}')).toBe(weakEtag('{"a":1}'))
    expect(weakEtag('{"a":1}')).not.toBe(weakEtag('{"a":2}'))
  })

  it('match If-None-Match with or without the W/ prefix, in a list, or *', () => {
    const etag = weakEtag('x')
    const request = (value: string) => new Request('http://localhost/api/events', { headers: { 'If-None-Match': value } })
    expect(isNotModified(request(etag), etag)).toBe(true)
    expect(isNotModified(request(`"other", ${etag.slice(2)}`), etag)).toBe(true)
    expect(isNotModified(request('*'), etag)).toBe(true)
    expect(isNotModified(request('"other"'), etag)).toBe(false)
    expect(isNotModified(new Request('http://localhost/'), etag)).toBe(false)
  })
})
