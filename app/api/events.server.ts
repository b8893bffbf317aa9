import { createHash } from 'node:crypto'
import { z } from 'zod'
import { Prisma } from '../generated/prisma/client.ts'
import { EventFiltersShape, eventFilterSql, eventRows, PUBLIC_STATUSES, type EventCardRow } from '../events/listing.server.ts'
import { PublicCache } from '../cache.server.ts'
import type { PublicEvent } from '../events/event-page.server.ts'
import { isoWithOffset } from '../events/json-ld.ts'
import { parseStockholmLocal, startOfStockholmDay } from '../time.ts'

/**
 * The open JSON API (docs/api.md): `/api/events` and `/api/events/:slug`. Texts come in both
 * languages, times as ISO 8601 with the Stockholm offset. The online link is never part of it.
 */

export const API_DEFAULT_LIMIT = 20
export const API_MAX_LIMIT = 100

type Cursor = { startsAt: Date; id: string }

/**
 * The instants the API accepts (in `from`, `to` and cursors). PostgreSQL has no year 0 and JavaScript
 * happily makes one, so anything outside these years is a 400 instead of a 22008 from the database.
 */
export const API_EARLIEST = new Date('1900-01-01T00:00:00.000Z')
export const API_LATEST = new Date('9999-12-31T23:59:59.999Z')
const OUT_OF_RANGE = 'must be between 1900-01-01 and 9999-12-31'

function isInApiRange(instant: Date): boolean {
  return instant >= API_EARLIEST && instant <= API_LATEST
}

/** Cursors are opaque to clients: base64url of "<startsAt ISO>|<event id>" of the last event served. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.startsAt.toISOString()}|${cursor.id}`).toString('base64url')
}

export function decodeCursor(value: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return null
  const [iso, id, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|')
  if (extra !== undefined || !iso || !id) return null
  const startsAt = new Date(iso)
  if (Number.isNaN(startsAt.getTime()) || startsAt.toISOString() !== iso || !isInApiRange(startsAt)) return null
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null
  return { startsAt, id }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/** A date ("2027-02-12", a Stockholm day) or a date-time with offset ("2027-02-12T09:00:00+01:00"). */
function instantParam(edge: 'start' | 'end') {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      let instant: Date | null = null
      if (DATE_ONLY.test(value)) {
        if (Number(value.slice(0, 4)) < API_EARLIEST.getUTCFullYear()) {
          ctx.addIssue({ code: 'custom', message: OUT_OF_RANGE })
          return z.NEVER
        }
        const midnight = parseStockholmLocal(`${value} 00:00`)
        if (midnight) instant = edge === 'start' ? midnight : startOfStockholmDay(midnight, 1)
      } else if (z.iso.datetime({ offset: true }).safeParse(value).success) {
        instant = new Date(value)
      }
      if (instant && !Number.isNaN(instant.getTime())) {
        if (isInApiRange(instant)) return instant
        ctx.addIssue({ code: 'custom', message: OUT_OF_RANGE })
        return z.NEVER
      }
      ctx.addIssue({ code: 'custom', message: 'must be a date (2027-02-12) or a date-time with offset (2027-02-12T09:00:00+01:00)' })
      return z.NEVER
    })
    .optional()
}

/** The query string of `/api/events`. Unknown parameters are ignored; invalid ones are a 400. */
export const ApiEventsQuerySchema = z
  .object({
    ...EventFiltersShape,
    from: instantParam('start'),
    to: instantParam('end'),
    status: z.enum(PUBLIC_STATUSES, { message: 'must be one of published, cancelled, postponed' }).optional(),
    cursor: z
      .string()
      .transform((value, ctx) => {
        const cursor = decodeCursor(value)
        if (!cursor) {
          ctx.addIssue({ code: 'custom', message: 'is not a cursor this API gave out' })
          return z.NEVER
        }
        return cursor
      })
      .optional(),
    limit: z.coerce
      .number({ message: 'must be a whole number from 1 to 100' })
      .int('must be a whole number from 1 to 100')
      .min(1, 'must be a whole number from 1 to 100')
      .max(API_MAX_LIMIT, 'must be a whole number from 1 to 100')
      .default(API_DEFAULT_LIMIT),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, { message: 'must be after from', path: ['to'] })
export type ApiEventsQuery = z.output<typeof ApiEventsQuerySchema>

export type ApiError = { error: { parameter: string; message: string } }

/** Parses the query string, or names the first bad parameter (`{ error: { parameter, message } }`). */
export function parseApiEventsQuery(params: URLSearchParams): { ok: true; query: ApiEventsQuery } | { ok: false; error: ApiError } {
  const raw: Record<string, string> = {}
  for (const key of Object.keys(ApiEventsQuerySchema.shape)) {
    const value = params.get(key)
    if (value !== null) raw[key] = value
  }
  const result = ApiEventsQuerySchema.safeParse(raw)
  if (result.success) return { ok: true, query: result.data }
  const issue = result.error.issues[0]
  const parameter = String(issue.path[0] ?? 'query')
  return { ok: false, error: { error: { parameter, message: `${parameter} ${apiMessage(issue)}` } } }
}

function apiMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map(String).join(', ')}`
  if (issue.code === 'invalid_format' && issue.format === 'regex') return 'must be a slug such as "re-act"'
  if (issue.message.startsWith('must') || issue.message.startsWith('is ')) return issue.message
  return 'is not valid'
}

export type ApiEventSummary = {
  slug: string
  url: string
  title: { sv: string; en: string }
  summary: { sv: string; en: string }
  status: string
  format: string
  startsAt: string
  endsAt: string
  timeZone: 'Europe/Stockholm'
  city: string | null
  county: string | null
  organization: { slug: string; name: string; url: string }
  series: { slug: string; title: { sv: string; en: string }; position: number | null; url: string } | null
}

export function serializeEventSummary(row: EventCardRow, appUrl: string): ApiEventSummary {
  return {
    slug: row.slug,
    url: `${appUrl}/events/${row.slug}`,
    title: { sv: row.titleSv, en: row.titleEn },
    summary: { sv: row.summarySv, en: row.summaryEn },
    status: row.status,
    format: row.format,
    startsAt: isoWithOffset(row.startsAt),
    endsAt: isoWithOffset(row.endsAt),
    timeZone: 'Europe/Stockholm',
    city: row.city,
    county: row.county,
    organization: { ...row.organization, url: `${appUrl}/organizations/${row.organization.slug}` },
    series: row.series
      ? {
          slug: row.series.slug,
          title: { sv: row.series.titleSv, en: row.series.titleEn },
          position: row.seriesPosition,
          url: `${appUrl}/series/${row.series.slug}`,
        }
      : null,
  }
}

/**
 * One page of public events in start order, from `cursor` on. Without `from`, events that have
 * already ended are left out. `nextCursor` is null on the last page.
 */
export async function listApiEvents(query: ApiEventsQuery, opts: { appUrl: string; now?: Date }) {
  const conditions = eventFilterSql(query)
  if (query.status) conditions.push(Prisma.sql`e.status = CAST(${query.status} AS "EventStatus")`)
  conditions.push(Prisma.sql`e.ends_at >= ${query.from ?? opts.now ?? new Date()}`)
  if (query.to) conditions.push(Prisma.sql`e.starts_at < ${query.to}`)
  if (query.cursor) {
    const { startsAt, id } = query.cursor
    conditions.push(Prisma.sql`(e.starts_at > ${startsAt} OR (e.starts_at = ${startsAt} AND e.id > CAST(${id} AS uuid)))`)
  }
  const rows = await eventRows({ conditions, direction: 'asc', limit: query.limit + 1 })
  const page = rows.slice(0, query.limit)
  const last = page[page.length - 1]
  return {
    events: page.map((row) => serializeEventSummary(row, opts.appUrl)),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ startsAt: last.startsAt, id: last.id }) : null,
  }
}

const bilingual = (sv: string, en: string) => ({ sv, en })

/** `/api/events/:slug`: the event with venue, programme, speakers, series and prices; never the online link. */
export function serializeEventDetail(event: PublicEvent, appUrl: string) {
  return {
    slug: event.slug,
    url: `${appUrl}/events/${event.slug}`,
    title: bilingual(event.titleSv, event.titleEn),
    summary: bilingual(event.summarySv, event.summaryEn),
    description: bilingual(event.descriptionSv, event.descriptionEn),
    status: event.status,
    cancellationReason: event.status === 'cancelled' ? event.cancellationReason : null,
    format: event.format,
    startsAt: isoWithOffset(event.startsAt),
    endsAt: isoWithOffset(event.endsAt),
    timeZone: 'Europe/Stockholm' as const,
    venue:
      event.format === 'online'
        ? null
        : { name: event.venueName, address: event.venueAddress, postalCode: event.postalCode, city: event.city, county: event.county },
    online: event.format === 'on_site' ? null : { linkSentTo: 'registered attendees' as const },
    capacity: { onSite: event.capacityOnSite, online: event.capacityOnline },
    registration: {
      mode: event.registrationMode,
      opensAt: event.registrationOpensAt ? isoWithOffset(event.registrationOpensAt) : null,
      closesAt: event.registrationClosesAt ? isoWithOffset(event.registrationClosesAt) : null,
    },
    tickets: event.ticketTypes.map((ticket) => ({
      name: bilingual(ticket.nameSv, ticket.nameEn),
      priceSek: ticket.priceOre / 100,
      vatRate: ticket.vatRate,
      currency: 'SEK',
    })),
    organization: { slug: event.organization.slug, name: event.organization.name, url: `${appUrl}/organizations/${event.organization.slug}` },
    series: event.series
      ? {
          slug: event.series.slug,
          title: bilingual(event.series.titleSv, event.series.titleEn),
          url: `${appUrl}/series/${event.series.slug}`,
          parts: event.series.parts.map((part) => ({
            slug: part.slug,
            title: bilingual(part.titleSv, part.titleEn),
            position: part.position,
            status: part.status,
            startsAt: isoWithOffset(part.startsAt),
            endsAt: isoWithOffset(part.endsAt),
          })),
        }
      : null,
    programme: event.items.map((item) => ({
      id: item.id,
      type: item.type,
      title: bilingual(item.titleSv, item.titleEn),
      description: bilingual(item.descriptionSv, item.descriptionEn),
      startsAt: isoWithOffset(item.startsAt),
      endsAt: isoWithOffset(item.endsAt),
      room: item.room,
      track: item.track ? bilingual(item.track.nameSv, item.track.nameEn) : null,
      capacity: item.capacity,
      recordingUrl: item.recordingUrl,
      slidesUrl: item.slidesUrl,
      speakers: item.speakers.map((speaker) => ({ slug: speaker.slug, name: speaker.name, role: speaker.role })),
    })),
    speakers: [...new Map(event.items.flatMap((item) => item.speakers).map((s) => [s.slug, s])).values()].map((speaker) => ({
      slug: speaker.slug,
      name: speaker.name,
      title: bilingual(speaker.titleSv, speaker.titleEn),
      affiliation: speaker.affiliation,
      url: `${appUrl}/speakers/${speaker.slug}`,
    })),
  }
}

/** A weak ETag of a response body (RFC 9110 §8.8.3): equal bodies, equal tags. */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`
}

/** True when the client's If-None-Match already names this ETag (weak comparison, `*` too). */
export function isNotModified(request: Request, etag: string): boolean {
  const header = request.headers.get('if-none-match')
  if (!header) return false
  const bare = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => {
    const value = tag.trim()
    return value === '*' || value.replace(/^W\//, '') === bare
  })
}

export const API_CACHE_CONTROL = 'public, max-age=60'

/**
 * A JSON answer with ETag and caching headers, or an empty 304 when the client has it already.
 * The body is built once per distinct body (cached by `etag`), so hot listings cost a hash lookup.
 */
export function cachedJson(request: Request, body: string, etag = weakEtag(body)): Response {
  const headers = { ETag: etag, 'Cache-Control': API_CACHE_CONTROL, Vary: 'Accept-Encoding' }
  if (isNotModified(request, etag)) return new Response(null, { status: 304, headers })
  return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } })
}

export function apiError(error: ApiError, status = 400): Response {
  return new Response(JSON.stringify(error), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } })
}

/** A listing body and its ETag, built once per distinct query while cached. */
export type CachedBody = { body: string; etag: string }

export function cachedBody(body: string): CachedBody {
  return { body, etag: weakEtag(body) }
}

/**
 * Listing bodies live 3 s (and until the next write, see PublicCache): new events show up within
 * seconds, and a burst of requests costs one query and one JSON.stringify.
 */
export const apiListingCache = new PublicCache<CachedBody>(3_000, 500)
