import { z } from 'zod'
import { db } from '../db/client.server.ts'
import { Prisma } from '../generated/prisma/client.ts'
import { PublicCache } from '../cache.server.ts'
import { County, EventFormat, EventStatus } from '../generated/prisma/enums.ts'
import { pick, t, type Locale } from '../i18n/index.ts'
import { SLUG_PATTERN } from '../slug.ts'
import { formatEventWhen } from '../time.ts'
import { shownImage, type ShownImage } from '../uploads/media.ts'

/**
 * The public listings: upcoming events on `/`, past events on `/archive`, and the filters both share
 * (also used by the JSON API). Listings never load every event: one query fetches one page plus one
 * row (to know whether there is a next page), with the organization and series a card shows.
 */

/** Statuses the public may see. Drafts never leave the organizer's pages. */
export const PUBLIC_STATUSES = [EventStatus.published, EventStatus.cancelled, EventStatus.postponed] as const
export type PublicStatus = (typeof PUBLIC_STATUSES)[number]
export const LISTING_PAGE_SIZE = 12

/** Empty form fields ("" from an unselected <select>) mean "no filter". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value)
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : value)
const slugParam = z.preprocess(blankToUndefined, z.string().max(80).regex(SLUG_PATTERN, 'must be a slug such as "re-act"').optional())

/** The filters shared by `/`, `/archive` and `/api/events`. */
export const EventFiltersShape = {
  county: z.preprocess(blankToUndefined, z.enum(County).optional()),
  format: z.preprocess(blankToUndefined, z.enum(EventFormat).optional()),
  organization: slugParam,
  series: slugParam,
  q: z.preprocess(trimmed, z.string().max(100, 'must be at most 100 characters').optional()),
}
export const EventFiltersSchema = z.object(EventFiltersShape)
export type EventFilters = z.output<typeof EventFiltersSchema>

/** Query string of `/` and `/archive`: the filters plus `page` (1-based). */
export const ListingQuerySchema = z.object({
  ...EventFiltersShape,
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(1)),
})
export type ListingQuery = z.output<typeof ListingQuerySchema>

/**
 * Reads a listing's query string. Invalid values are dropped and named in `invalid`, so the page can
 * still be shown (with status 400 and a message) instead of failing.
 */
export function parseListingQuery(params: URLSearchParams): { query: ListingQuery; invalid: string[] } {
  const keys = Object.keys(ListingQuerySchema.shape)
  const raw: Record<string, string> = {}
  for (const key of keys) {
    const value = params.get(key)
    if (value !== null) raw[key] = value
  }
  const first = ListingQuerySchema.safeParse(raw)
  if (first.success) return { query: first.data, invalid: [] }
  const invalid = [...new Set(first.error.issues.map((issue) => String(issue.path[0])))]
  for (const key of invalid) delete raw[key]
  return { query: ListingQuerySchema.parse(raw), invalid }
}

/** What an event card needs, and nothing more. */
export const eventCardSelect = {
  id: true,
  slug: true,
  titleSv: true,
  titleEn: true,
  summarySv: true,
  summaryEn: true,
  status: true,
  format: true,
  startsAt: true,
  endsAt: true,
  city: true,
  county: true,
  seriesPosition: true,
  coverAltSv: true,
  coverAltEn: true,
  coverImage: { select: { id: true, kind: true, variants: true, width: true, height: true } },
  organization: { select: { slug: true, name: true } },
  series: { select: { slug: true, titleSv: true, titleEn: true } },
} satisfies Prisma.EventSelect
export type EventCardRow = Prisma.EventGetPayload<{ select: typeof eventCardSelect }>

/** An event card as the page shows it: every text already in the visitor's language. */
export type EventCardView = {
  slug: string
  title: string
  /** Set when the title is shown in the other language (an English page falling back to Swedish). */
  titleLang?: Locale
  summary: string
  summaryLang?: Locale
  status: PublicStatus
  format: EventFormat
  startsAt: string
  when: string
  city: string | null
  countyLabel: string | null
  organization: { slug: string; name: string }
  series: { slug: string; title: string; position: number | null } | null
  cover: ShownImage | null
}

function fallbackLang(record: Record<string, unknown>, field: string, locale: Locale): Locale | undefined {
  if (locale === 'sv') return undefined
  const value = record[`${field}En`]
  return typeof value === 'string' && value.trim() ? undefined : 'sv'
}

export function toEventCard(row: EventCardRow, locale: Locale): EventCardView {
  return {
    slug: row.slug,
    title: pick(row, 'title', locale),
    titleLang: fallbackLang(row, 'title', locale),
    summary: pick(row, 'summary', locale),
    summaryLang: fallbackLang(row, 'summary', locale),
    status: row.status as PublicStatus,
    format: row.format,
    startsAt: row.startsAt.toISOString(),
    when: formatEventWhen(row.startsAt, row.endsAt, locale),
    city: row.city,
    countyLabel: row.county ? t(locale, `county.${row.county}`) : null,
    organization: row.organization,
    series: row.series ? { slug: row.series.slug, title: pick(row.series, 'title', locale), position: row.seriesPosition } : null,
    cover: shownImage(row.coverImage, pick(row, 'coverAlt', locale)),
  }
}

export type EventPage = { cards: EventCardView[]; page: number; hasNext: boolean }

/** `e.status IN (…)` spelled out (not a parameter), so the planner can use the partial index events_published_starts_at_idx. */
const PUBLIC_STATUS_SQL = Prisma.raw(`e.status IN (${PUBLIC_STATUSES.map((status) => `'${status}'`).join(', ')})`)

/** `%`, `_` and `\` in a search are literal characters, as in Prisma's `contains`. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`

/** The SQL conditions for the shared filters (public statuses only), for `eventRows`. */
export function eventFilterSql(filters: EventFilters): Prisma.Sql[] {
  const conditions = [PUBLIC_STATUS_SQL]
  if (filters.county) conditions.push(Prisma.sql`e.county = CAST(${filters.county} AS "County")`)
  if (filters.format) conditions.push(Prisma.sql`e.format = CAST(${filters.format} AS "EventFormat")`)
  if (filters.organization) conditions.push(Prisma.sql`o.slug = ${filters.organization}`)
  if (filters.series) conditions.push(Prisma.sql`s.slug = ${filters.series}`)
  if (filters.q) {
    const pattern = likePattern(filters.q)
    conditions.push(
      Prisma.sql`(e.title_sv ILIKE ${pattern} OR e.title_en ILIKE ${pattern} OR e.summary_sv ILIKE ${pattern} OR e.summary_en ILIKE ${pattern} OR e.city ILIKE ${pattern})`,
    )
  }
  return conditions
}

type FlatCardRow = Omit<EventCardRow, 'organization' | 'series' | 'coverImage'> & {
  coverId: string | null
  coverVariants: Prisma.JsonValue
  coverWidth: number | null
  coverHeight: number | null
  organizationSlug: string
  organizationName: string
  seriesSlug: string | null
  seriesTitleSv: string | null
  seriesTitleEn: string | null
}

/**
 * Event cards matching `conditions` (from `eventFilterSql` plus time bounds), in start order, with
 * their organization and series: ONE statement with joins, where Prisma would send three.
 */
export async function eventRows(input: { conditions: Prisma.Sql[]; direction: 'asc' | 'desc'; limit: number; offset?: number }): Promise<EventCardRow[]> {
  const order = input.direction === 'asc' ? Prisma.sql`e.starts_at ASC, e.id ASC` : Prisma.sql`e.starts_at DESC, e.id DESC`
  const rows = await db.$queryRaw<FlatCardRow[]>`
    SELECT e.id, e.slug, e.title_sv AS "titleSv", e.title_en AS "titleEn", e.summary_sv AS "summarySv", e.summary_en AS "summaryEn",
      e.status::text AS status, e.format::text AS format, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.city, e.county::text AS county,
      e.series_position AS "seriesPosition", o.slug AS "organizationSlug", o.name AS "organizationName",
      e.cover_alt_sv AS "coverAltSv", e.cover_alt_en AS "coverAltEn", m.id AS "coverId", m.variants AS "coverVariants",
      m.width AS "coverWidth", m.height AS "coverHeight",
      s.slug AS "seriesSlug", s.title_sv AS "seriesTitleSv", s.title_en AS "seriesTitleEn"
    FROM events e
    JOIN organizations o ON o.id = e.organization_id
    LEFT JOIN series s ON s.id = e.series_id
    LEFT JOIN media_files m ON m.id = e.cover_image_id
    WHERE ${Prisma.join(input.conditions, ' AND ')}
    ORDER BY ${order}
    LIMIT ${input.limit} OFFSET ${input.offset ?? 0}`
  return rows.map(
    ({ organizationSlug, organizationName, seriesSlug, seriesTitleSv, seriesTitleEn, coverId, coverVariants, coverWidth, coverHeight, ...row }) => ({
      ...row,
      coverImage: coverId === null ? null : { id: coverId, kind: 'cover' as const, variants: coverVariants, width: coverWidth, height: coverHeight },
      startsAt: new Date(row.startsAt),
      endsAt: new Date(row.endsAt),
      organization: { slug: organizationSlug, name: organizationName },
      series: seriesSlug === null ? null : { slug: seriesSlug, titleSv: seriesTitleSv ?? '', titleEn: seriesTitleEn ?? '' },
    }),
  )
}

/** Listing pages for a few seconds, per filter + page + language (see PublicCache). */
const listingCache = new PublicCache<EventPage>(5_000)

/** One page of the public listing: which events, which page, in which language. */
export type PublicEventsQuery = {
  filters: EventFilters
  page: number
  when: 'upcoming' | 'past'
  locale: Locale
  now?: Date
  pageSize?: number
}

/**
 * One page of upcoming events (not yet ended, soonest first) or past events (ended, newest first).
 * Cancelled and postponed events stay listed so nobody travels to a cancelled conference.
 * Without an explicit `now`, pages are served from a short in-memory cache.
 */
export function listPublicEvents(input: PublicEventsQuery): Promise<EventPage> {
  if (input.now) return loadPublicEvents(input)
  const { filters } = input
  const key = JSON.stringify([
    input.when,
    input.page,
    input.pageSize ?? LISTING_PAGE_SIZE,
    input.locale,
    filters.county,
    filters.format,
    filters.organization,
    filters.series,
    filters.q,
  ])
  return listingCache.get(key, () => loadPublicEvents(input))
}

async function loadPublicEvents(input: PublicEventsQuery): Promise<EventPage> {
  const now = input.now ?? new Date()
  const pageSize = input.pageSize ?? LISTING_PAGE_SIZE
  const conditions = eventFilterSql(input.filters)
  conditions.push(input.when === 'upcoming' ? Prisma.sql`e.ends_at >= ${now}` : Prisma.sql`e.ends_at < ${now}`)
  const rows = await eventRows({ conditions, direction: input.when === 'upcoming' ? 'asc' : 'desc', limit: pageSize + 1, offset: (input.page - 1) * pageSize })
  return {
    cards: rows.slice(0, pageSize).map((row) => toEventCard(row, input.locale)),
    page: input.page,
    hasNext: rows.length > pageSize,
  }
}

export type FilterOptions = {
  organizations: { slug: string; name: string }[]
  series: { slug: string; titleSv: string; titleEn: string }[]
}

const optionsCache = new PublicCache<FilterOptions>(5_000, 1)

/**
 * Organizations and series that have public events, for the filter form. Cached in memory for a
 * few seconds (and until the next write): the lists change rarely, and `/` is the busiest page.
 */
export function getFilterOptions(): Promise<FilterOptions> {
  return optionsCache.get('options', loadFilterOptions)
}

async function loadFilterOptions(): Promise<FilterOptions> {
  const visible = { some: { status: { in: [...PUBLIC_STATUSES] } } }
  const organizations = await db.organization.findMany({ where: { events: visible }, select: { slug: true, name: true }, orderBy: { name: 'asc' } })
  const series = await db.series.findMany({
    where: { status: { not: 'draft' }, parts: visible },
    select: { slug: true, titleSv: true, titleEn: true },
    orderBy: { titleSv: 'asc' },
  })
  return { organizations, series }
}

/** The query string of a listing, for links that keep the filters (pagination, "clear" etc.). */
export function listingSearch(query: Partial<ListingQuery>): string {
  const params = new URLSearchParams()
  for (const key of ['q', 'county', 'format', 'organization', 'series'] as const) {
    const value = query[key]
    if (value) params.set(key, String(value))
  }
  if (query.page && query.page > 1) params.set('page', String(query.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}
