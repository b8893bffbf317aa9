import { createHash } from 'node:crypto'
import { PublicCache } from '../cache.server.ts'
import { db } from '../db/client.server.ts'
import { NotFoundError } from '../errors.server.ts'
import { Prisma } from '../generated/prisma/client.ts'
import type { AttendanceMode, EventFormat, EventStatus, SpeakerRole } from '../generated/prisma/enums.ts'
import { eventFilterSql, PUBLIC_STATUSES, type EventFilters } from '../events/listing.server.ts'
import { pick, t, type Locale } from '../i18n/index.ts'
import { findPersonalFeed } from '../registrations/personal-feed.server.ts'
import { streamLinkFor } from '../registrations/stream-link.server.ts'
import { buildAtomFeed, type AtomRow } from './atom.server.ts'
import { eventCalendarEntry, itemCalendarEntry, type CalendarEventFacts, type CalendarItemFacts } from './entries.server.ts'
import { buildCalendar, type CalendarEntry } from './ics.server.ts'

/**
 * The public calendar feeds (issue 9): the whole site with the listing's filters, one organization,
 * one series, one speaker's sessions and one event (or its programme, one VEVENT per item). They are
 * built by buildCalendar like the download and the mail, so UIDs, zone and status rules are shared.
 *
 * A feed is answered in two steps, so a calendar program polling every hour costs little:
 *  1. `openFeed` runs ONE cheap query (count, newest update time and a digest of ids and update
 *     times of the rows in the feed, plus the owner's update time) and derives the strong ETag and
 *     Last-Modified from it. The version lives in the database, so every app instance agrees, and a
 *     conditional request is answered 304 without building anything.
 *  2. `body()` builds the text only when no copy for that version is kept in memory. The text is a
 *     pure function of the rows (DTSTAMP is the stored update time), so an unchanged feed is
 *     byte-identical from one request, or one instance, to the next.
 * The stream link is never selected here: public feeds are shared.
 */
export type FeedSelection =
  | { kind: 'site'; filters: EventFilters }
  | { kind: 'organization'; slug: string }
  | { kind: 'series'; slug: string }
  | { kind: 'speaker'; slug: string }
  | { kind: 'event'; slug: string; programme: boolean }

/** iCalendar (the default) or Atom (`/feed.xml`, app/calendar/atom.server.ts): the same rows, another text. */
export type FeedFormat = 'ics' | 'atom'

export type OpenFeed = {
  /** Strong: equal ETags mean equal bytes. */
  etag: string
  /** When this version of the feed was first seen (see versionModifiedAt); null for an empty or free-text feed. */
  lastModified: Date | null
  body: () => Promise<string>
}

/** Site and organization feeds: what is coming and what happened in the last 90 days. */
export const FEED_PAST_DAYS = 90
/** REFRESH-INTERVAL and X-PUBLISHED-TTL (lessons row 5). */
export const FEED_REFRESH_SECONDS = 3600
/** Bump when the text a feed is built into changes shape, so no ETag from older code is reused. */
const FEED_FORMAT = 2

const PUBLIC_STATUS_SQL = Prisma.raw(`e.status IN (${PUBLIC_STATUSES.map((status) => `'${status}'`).join(', ')})`)

type Owner = { id: string | null; name: string; updatedAt: Date | null }
type Version = { count: number; digest: string }

/**
 * The feed's validators and a way to its text. Throws NotFoundError for an unknown or draft
 * organization, series, event or a speaker without public sessions, as their pages do.
 */
export async function openFeed(selection: FeedSelection, locale: Locale, now?: Date, format: FeedFormat = 'ics'): Promise<OpenFeed> {
  // The format is in the key, so the Atom text has its own ETag, body and feed_versions row.
  const key = JSON.stringify(format === 'ics' ? [selection, locale] : [selection, locale, format])
  // Without an explicit `now`, the validators come from a short in-process cache (PublicCache: a
  // few seconds, and never past a write through this process), so a burst of polls or 304s costs
  // no query at all; other instances' writes show within that time, as on the public pages.
  const open = () => openFeedVersion(selection, key, now ?? new Date())
  const { etag, lastModified, owner, scope } = now ? await open() : await versionCache.get(key, open)
  return { etag, lastModified, body: () => cachedBody(key, etag, () => buildFeedText(selection, scope, owner, locale, format)) }
}

type FeedVersion = { etag: string; lastModified: Date | null; owner: Owner; scope: Scope }
const versionCache = new PublicCache<FeedVersion>(2_000)

async function openFeedVersion(selection: FeedSelection, key: string, now: Date): Promise<FeedVersion> {
  const owner = await findOwner(selection)
  const scope = feedScope(selection, owner, now)
  const version = await scopeVersion(scope)
  const etag = `"${createHash('sha256')
    .update(JSON.stringify([FEED_FORMAT, key, owner.name, owner.updatedAt?.getTime() ?? null, version.count, version.digest]))
    .digest('base64url')
    .slice(0, 32)}"`
  // A free-text search can name endless feeds: those (and empty feeds) keep no row and say no Last-Modified.
  const bounded = version.count > 0 && !(selection.kind === 'site' && selection.filters.q)
  return { etag, lastModified: bounded ? await versionModifiedAt(key, etag) : null, owner, scope }
}

// ---------------------------------------------------------------------------------------------
// Which rows a feed holds
// ---------------------------------------------------------------------------------------------

/** Events (conditions over e, o, s) or programme items (over i, e) in a feed. */
type Scope = { rows: 'events'; conditions: Prisma.Sql[] } | { rows: 'items'; conditions: Prisma.Sql[]; speakerId?: string }

function feedScope(selection: FeedSelection, owner: Owner, now: Date): Scope {
  const since = new Date(now.getTime() - FEED_PAST_DAYS * 24 * 60 * 60 * 1000)
  switch (selection.kind) {
    case 'site':
      return { rows: 'events', conditions: [...eventFilterSql(selection.filters), Prisma.sql`e.ends_at >= ${since}`] }
    case 'organization':
      return { rows: 'events', conditions: [PUBLIC_STATUS_SQL, Prisma.sql`e.organization_id = ${owner.id}::uuid`, Prisma.sql`e.ends_at >= ${since}`] }
    case 'series':
      return { rows: 'events', conditions: [PUBLIC_STATUS_SQL, Prisma.sql`e.series_id = ${owner.id}::uuid`] }
    case 'event':
      return selection.programme
        ? { rows: 'items', conditions: [PUBLIC_STATUS_SQL, Prisma.sql`e.id = ${owner.id}::uuid`] }
        : { rows: 'events', conditions: [PUBLIC_STATUS_SQL, Prisma.sql`e.id = ${owner.id}::uuid`] }
    case 'speaker':
      return { rows: 'items', conditions: [PUBLIC_STATUS_SQL], speakerId: owner.id ?? undefined }
  }
}

function itemsFrom(scope: Extract<Scope, { rows: 'items' }>): Prisma.Sql {
  const roles = scope.speakerId ? Prisma.sql`JOIN programme_roles pr ON pr.item_id = i.id AND pr.speaker_id = ${scope.speakerId}::uuid` : Prisma.empty
  return Prisma.sql`FROM programme_items i JOIN events e ON e.id = i.event_id LEFT JOIN rooms rm ON rm.id = i.room_id ${roles}`
}

const EVENTS_FROM = Prisma.sql`FROM events e JOIN organizations o ON o.id = e.organization_id LEFT JOIN series s ON s.id = e.series_id`

/** The cheap query behind the ETag: one aggregate over the feed's rows, no text built. */
async function scopeVersion(scope: Scope): Promise<Version> {
  const where = Prisma.join(scope.conditions, ' AND ')
  const rows =
    scope.rows === 'events'
      ? await db.$queryRaw<Version[]>`
          SELECT count(*)::int AS count,
            md5(coalesce(string_agg(e.id::text || ':' || (extract(epoch FROM e.updated_at) * 1000)::bigint, ',' ORDER BY e.id), '')) AS digest
          ${EVENTS_FROM} WHERE ${where}`
      : await db.$queryRaw<Version[]>`
          SELECT count(*)::int AS count,
            md5(coalesce(string_agg(i.id::text || ':' || (extract(epoch FROM i.updated_at) * 1000)::bigint || ':' || (extract(epoch FROM e.updated_at) * 1000)::bigint
              || ':' || coalesce(rm.name, ''), ',' ORDER BY i.id), '')) AS digest
          ${itemsFrom(scope)} WHERE ${where}`
  return rows[0]
}

/** Who the feed is about; its name goes into NAME/X-WR-CALNAME, its update time into the ETag. */
async function findOwner(selection: FeedSelection): Promise<Owner> {
  switch (selection.kind) {
    case 'site':
      return { id: null, name: '', updatedAt: null }
    case 'organization': {
      const organization = await db.organization.findUnique({ where: { slug: selection.slug }, select: { id: true, name: true, updatedAt: true } })
      if (!organization) throw new NotFoundError('error.organizationNotFound')
      return organization
    }
    case 'series': {
      const series = await db.series.findFirst({
        where: { slug: selection.slug, status: { not: 'draft' } },
        select: { id: true, titleSv: true, titleEn: true, updatedAt: true },
      })
      if (!series) throw new NotFoundError('error.seriesNotFound')
      return { id: series.id, name: JSON.stringify([series.titleSv, series.titleEn]), updatedAt: series.updatedAt }
    }
    case 'speaker': {
      const speaker = await db.speakerProfile.findFirst({
        where: { slug: selection.slug, roles: { some: { item: { event: { status: { in: [...PUBLIC_STATUSES] } } } } } },
        select: { id: true, name: true, updatedAt: true },
      })
      if (!speaker) throw new NotFoundError('error.speakerNotFound')
      return speaker
    }
    case 'event': {
      const event = await db.event.findFirst({ where: { slug: selection.slug, status: { in: [...PUBLIC_STATUSES] } }, select: { id: true, updatedAt: true } })
      if (!event) throw new NotFoundError('error.eventNotFound')
      // Its update time is in the ETag also when the programme feed has no items (and falls back to the event).
      return { id: event.id, name: '', updatedAt: event.updatedAt }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Building the text
// ---------------------------------------------------------------------------------------------

type EventRow = Omit<CalendarEventFacts, 'status' | 'format'> & { status: EventStatus; format: EventFormat }

const EVENT_COLUMNS = Prisma.sql`e.id, e.slug, e.title_sv AS "titleSv", e.title_en AS "titleEn", e.summary_sv AS "summarySv", e.summary_en AS "summaryEn",
  e.status::text AS status, e.format::text AS format, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.venue_name AS "venueName",
  e.venue_address AS "venueAddress", e.postal_code AS "postalCode", e.city, e.revision, e.updated_at AS "updatedAt"`

function eventFacts(row: EventRow): CalendarEventFacts {
  return { ...row, startsAt: new Date(row.startsAt), endsAt: new Date(row.endsAt), updatedAt: new Date(row.updatedAt) }
}

/** A programme item with its event (EVENT_COLUMNS, ITEM_COLUMNS), from programme_items i LEFT JOIN rooms rm. */
type ItemRow = EventRow & {
  itemId: string
  itemTitleSv: string
  itemTitleEn: string
  itemDescriptionSv: string
  itemDescriptionEn: string
  itemStartsAt: Date
  itemEndsAt: Date
  itemRevision: number
  itemUpdatedAt: Date
  room: string | null
}

const ITEM_COLUMNS = Prisma.sql`i.id AS "itemId", i.title_sv AS "itemTitleSv", i.title_en AS "itemTitleEn", i.description_sv AS "itemDescriptionSv",
  i.description_en AS "itemDescriptionEn", i.starts_at AS "itemStartsAt", i.ends_at AS "itemEndsAt", i.revision AS "itemRevision",
  i.updated_at AS "itemUpdatedAt", rm.name AS room`

function itemFacts(row: ItemRow): CalendarItemFacts {
  return {
    id: row.itemId,
    titleSv: row.itemTitleSv,
    titleEn: row.itemTitleEn,
    descriptionSv: row.itemDescriptionSv,
    descriptionEn: row.itemDescriptionEn,
    startsAt: new Date(row.itemStartsAt),
    endsAt: new Date(row.itemEndsAt),
    revision: row.itemRevision,
    updatedAt: new Date(row.itemUpdatedAt),
    room: row.room,
  }
}

/** What the Atom text needs beyond the calendar entry (author, published); unused by the iCalendar text. */
type AtomColumns = { organizationName: string; organizationSlug: string; publishedAt: Date | null; createdAt: Date }

const ATOM_EVENT_COLUMNS = Prisma.sql`e.published_at AS "publishedAt", e.created_at AS "createdAt"`

function firstPublic(row: AtomColumns): Date {
  return new Date(row.publishedAt ?? row.createdAt)
}

async function feedEntries(scope: Scope, locale: Locale): Promise<{ entries: CalendarEntry[]; events: CalendarEventFacts[]; rows: AtomRow[] }> {
  const where = Prisma.join(scope.conditions, ' AND ')
  if (scope.rows === 'events') {
    const rows = await db.$queryRaw<(EventRow & AtomColumns)[]>`
      SELECT ${EVENT_COLUMNS}, ${ATOM_EVENT_COLUMNS}, o.name AS "organizationName", o.slug AS "organizationSlug"
      ${EVENTS_FROM} WHERE ${where} ORDER BY e.starts_at ASC, e.id ASC`
    const events = rows.map(eventFacts)
    const entries = events.map((event) => eventCalendarEntry(event, locale))
    const atomRows = rows.map((row, index) => ({
      entry: entries[index],
      id: row.id,
      event: events[index],
      organization: { name: row.organizationName, slug: row.organizationSlug },
      publishedAt: firstPublic(row),
    }))
    return { entries, events, rows: atomRows }
  }
  const rows = await db.$queryRaw<(ItemRow & AtomColumns & { itemCreatedAt: Date })[]>`
    SELECT ${EVENT_COLUMNS}, ${ITEM_COLUMNS}, ${ATOM_EVENT_COLUMNS}, i.created_at AS "itemCreatedAt",
      (SELECT og.name FROM organizations og WHERE og.id = e.organization_id) AS "organizationName",
      (SELECT og.slug FROM organizations og WHERE og.id = e.organization_id) AS "organizationSlug"
    ${itemsFrom(scope)} WHERE ${where} ORDER BY i.starts_at ASC, i.id ASC`
  const atomRows = rows.map((row) => {
    const item = itemFacts(row)
    const event = eventFacts(row)
    // An item added to an already public event became public when it was added.
    const [eventPublic, itemCreatedAt] = [firstPublic(row), new Date(row.itemCreatedAt)]
    const publishedAt = eventPublic > itemCreatedAt ? eventPublic : itemCreatedAt
    const entry = itemCalendarEntry(item, event, locale)
    return { entry, id: item.id, event, item, organization: { name: row.organizationName, slug: row.organizationSlug }, publishedAt }
  })
  return { entries: atomRows.map((row) => row.entry), events: [], rows: atomRows }
}

async function buildFeedText(selection: FeedSelection, scope: Scope, owner: Owner, locale: Locale, format: FeedFormat): Promise<string> {
  const found = await feedEntries(scope, locale)
  let { entries } = found
  let name: string
  let description: string
  switch (selection.kind) {
    case 'site': {
      const label = await filterLabel(selection.filters, locale)
      name = label ? t(locale, 'calendar.feed.named', { name: label }) : t(locale, 'calendar.feed.site')
      description = t(locale, 'calendar.feed.site.description')
      break
    }
    case 'organization':
      name = t(locale, 'calendar.feed.named', { name: owner.name })
      description = t(locale, 'calendar.feed.organization.description', { name: owner.name })
      break
    case 'series': {
      const [titleSv, titleEn] = JSON.parse(owner.name) as [string, string]
      const title = pick({ titleSv, titleEn }, 'title', locale)
      name = t(locale, 'calendar.feed.named', { name: title })
      description = t(locale, 'calendar.feed.series.description', { name: title })
      break
    }
    case 'speaker':
      name = t(locale, 'calendar.feed.named', { name: owner.name })
      description = t(locale, 'calendar.feed.speaker.description', { name: owner.name })
      break
    case 'event': {
      const [event] = (await feedEntries({ rows: 'events', conditions: [PUBLIC_STATUS_SQL, Prisma.sql`e.id = ${owner.id}::uuid`] }, locale)).events
      const title = pick(event, 'title', locale)
      name = t(locale, 'calendar.feed.named', { name: title })
      description = t(locale, selection.programme ? 'calendar.feed.programme.description' : 'calendar.feed.event.description', { name: title })
      // An event without a programme is its own one entry.
      if (selection.programme && entries.length === 0) entries = [eventCalendarEntry(event, locale)]
      break
    }
  }
  if (format === 'atom') return buildAtomFeed({ selection, locale, name, description, rows: found.rows, ownerUpdatedAt: owner.updatedAt })
  return buildCalendar({ method: 'PUBLISH', locale, name, description, entries, refreshSeconds: FEED_REFRESH_SECONDS })
}

/** "Södermanlands län · Digitalt · Region Sörmland" for a filtered site feed (no commas: they would be escaped in NAME); '' without filters. */
async function filterLabel(filters: EventFilters, locale: Locale): Promise<string> {
  const parts: string[] = []
  if (filters.county) parts.push(t(locale, `county.${filters.county}`))
  if (filters.format) parts.push(t(locale, `format.${filters.format}`))
  if (filters.organization) {
    const organization = await db.organization.findUnique({ where: { slug: filters.organization }, select: { name: true } })
    parts.push(organization?.name ?? filters.organization)
  }
  if (filters.series) {
    const series = await db.series.findUnique({ where: { slug: filters.series }, select: { titleSv: true, titleEn: true } })
    parts.push(series ? pick(series, 'title', locale) : filters.series)
  }
  if (filters.q) parts.push(`”${filters.q}”`)
  return parts.join(' · ')
}

// ---------------------------------------------------------------------------------------------
// The serialized bodies, per feed and version
// ---------------------------------------------------------------------------------------------

const MAX_CACHED_FEEDS = 500
const bodies = new Map<string, { etag: string; body: Promise<string> }>()

/** The kept text of `key` when it was built for `etag`; otherwise builds it (concurrent misses share one build). */
function cachedBody(key: string, etag: string, build: () => Promise<string>): Promise<string> {
  const kept = bodies.get(key)
  if (kept && kept.etag === etag) return kept.body
  if (bodies.size >= MAX_CACHED_FEEDS) bodies.clear()
  const entry = { etag, body: build() }
  bodies.set(key, entry)
  entry.body.catch(() => {
    if (bodies.get(key) === entry) bodies.delete(key)
  })
  return entry.body
}

/** For tests and benchmarks: forget every kept feed text. */
export function forgetFeedBodies() {
  bodies.clear()
  versionCache.clear()
}

/**
 * The feed's Last-Modified: when its current ETag was first seen (table feed_versions), in whole
 * seconds and at least a second after the version before. Not the newest update time of its rows:
 * an event that leaves the feed (its 90-day window ends, it is unpublished, a registration is
 * cancelled) makes no row newer, and If-Modified-Since would then keep the old feed for ever.
 * One read while the feed is unchanged; a write only when it changed. The clock is the database's,
 * so every instance gives the same date.
 */
async function versionModifiedAt(key: string, etag: string): Promise<Date> {
  const id = createHash('sha256').update(key).digest('base64url')
  const kept = await db.feedVersion.findUnique({ where: { key: id } })
  if (kept?.etag === etag) return kept.modifiedAt
  const [row] = await db.$queryRaw<{ modifiedAt: Date | string }[]>`
    INSERT INTO feed_versions (key, etag, modified_at) VALUES (${id}, ${etag}, date_trunc('second', now()))
    ON CONFLICT (key) DO UPDATE SET
      modified_at = CASE WHEN feed_versions.etag = excluded.etag THEN feed_versions.modified_at
        ELSE greatest(excluded.modified_at, feed_versions.modified_at + interval '1 second') END,
      etag = excluded.etag
    RETURNING modified_at AS "modifiedAt"`
  return new Date(row.modifiedAt)
}

// ---------------------------------------------------------------------------------------------
// The personal feed: everything one address is registered for, and the sessions it speaks in
// ---------------------------------------------------------------------------------------------

type PersonalRow = EventRow & { onlineUrl: string | null; registrationStatus: 'confirmed' | 'waitlisted'; attendanceMode: AttendanceMode }
type SessionRow = ItemRow & { role: SpeakerRole }

/**
 * `/calendar/personal/<token>.ics`: the public events the address is confirmed or waitlisted for
 * (waitlisted ones say so in the title) and the programme items of public events where a speaker
 * profile of the person with that address has a role (titled with the role: "(talare)"), with the
 * same UIDs as every other path, so a session is one entry whether it came from here or from the
 * speaker's public feed. Unlike the public feeds, the stream link is in the event entry of someone
 * entitled to it (isEntitledToStream: confirmed, online or hybrid), because this feed is that
 * person's own. Items the person starred on a manage page ("Mitt program", ADR 0030) are their own
 * entries too. Throws NotFoundError for a malformed, unknown or revoked token.
 */
export async function openPersonalFeed(token: string, locale: Locale): Promise<OpenFeed> {
  const feed = await findPersonalFeed(token)
  if (!feed) throw new NotFoundError('error.notFound.title')
  const registrations = Prisma.sql`FROM registrations r JOIN events e ON e.id = r.event_id
    WHERE r.email_normalized = ${feed.emailNormalized} AND r.status IN ('confirmed', 'waitlisted') AND ${PUBLIC_STATUS_SQL}`
  // people.email is stored trimmed and lower-cased (a CHECK constraint), as email_normalized is.
  // One entry per item, also when two of the person's profiles share it (the first role counts).
  const sessions = Prisma.sql`SELECT DISTINCT ON (i.id) ${EVENT_COLUMNS}, ${ITEM_COLUMNS}, pr.role::text AS role
    FROM programme_items i JOIN events e ON e.id = i.event_id LEFT JOIN rooms rm ON rm.id = i.room_id
      JOIN programme_roles pr ON pr.item_id = i.id JOIN speaker_profiles sp ON sp.id = pr.speaker_id JOIN people p ON p.id = sp.person_id
    WHERE p.email = ${feed.emailNormalized} AND ${PUBLIC_STATUS_SQL}
    ORDER BY i.id, pr.role, pr.speaker_id`
  // "Mitt program" (ADR 0030): items starred on the manage page of a live registration of the
  // address, once per item, and not when the person speaks in it (that entry, with the role, wins).
  const starred = Prisma.sql`SELECT DISTINCT ON (i.id) ${EVENT_COLUMNS}, ${ITEM_COLUMNS}
    FROM programme_stars ps JOIN registrations r ON r.id = ps.registration_id
      JOIN programme_items i ON i.id = ps.item_id JOIN events e ON e.id = i.event_id LEFT JOIN rooms rm ON rm.id = i.room_id
    WHERE r.email_normalized = ${feed.emailNormalized} AND r.status IN ('confirmed', 'waitlisted') AND ${PUBLIC_STATUS_SQL}
      AND NOT EXISTS (SELECT 1 FROM programme_roles spr JOIN speaker_profiles ssp ON ssp.id = spr.speaker_id JOIN people sp ON sp.id = ssp.person_id
        WHERE spr.item_id = i.id AND sp.email = ${feed.emailNormalized})
    ORDER BY i.id`
  // One query for the validators: the registrations with their events, and the sessions with
  // their events, rooms and roles (a role in the title, so a changed role changes the ETag).
  const [version] = await db.$queryRaw<Version[]>`
    WITH booked AS (
      SELECT count(*)::int AS count,
        coalesce(string_agg(r.id::text || ':' || (extract(epoch FROM r.updated_at) * 1000)::bigint || ':' || (extract(epoch FROM e.updated_at) * 1000)::bigint, ',' ORDER BY r.id), '') AS ids
      ${registrations}
    ), speaking AS (
      SELECT count(*)::int AS count,
        coalesce(string_agg(s."itemId"::text || ':' || (extract(epoch FROM s."itemUpdatedAt") * 1000)::bigint || ':' || (extract(epoch FROM s."updatedAt") * 1000)::bigint
          || ':' || coalesce(s.room, '') || ':' || s.role, ',' ORDER BY s."itemId"), '') AS ids
      FROM (${sessions}) s
    ), stars AS (
      SELECT count(*)::int AS count,
        coalesce(string_agg(s."itemId"::text || ':' || (extract(epoch FROM s."itemUpdatedAt") * 1000)::bigint || ':' || (extract(epoch FROM s."updatedAt") * 1000)::bigint
          || ':' || coalesce(s.room, ''), ',' ORDER BY s."itemId"), '') AS ids
      FROM (${starred}) s
    )
    SELECT booked.count + speaking.count + stars.count AS count, md5(booked.ids || '|' || speaking.ids || '|' || stars.ids) AS digest
    FROM booked, speaking, stars`
  const key = JSON.stringify(['personal', feed.id, feed.tokenVersion, locale])
  const etag = `"${createHash('sha256')
    .update(JSON.stringify([FEED_FORMAT, key, version.count, version.digest]))
    .digest('base64url')
    .slice(0, 32)}"`
  const build = async () => {
    const booked = await db.$queryRaw<PersonalRow[]>`
      SELECT ${EVENT_COLUMNS}, e.online_url AS "onlineUrl", r.status::text AS "registrationStatus", r.attendance_mode::text AS "attendanceMode"
      ${registrations}`
    const speaking = await db.$queryRaw<SessionRow[]>`${sessions}`
    const stars = await db.$queryRaw<ItemRow[]>`${starred}`
    const entries = [
      ...booked.map(({ onlineUrl, registrationStatus, attendanceMode, ...row }) => {
        const event = eventFacts(row)
        const entry = eventCalendarEntry(event, locale, { attendanceMode })
        const streamLink = streamLinkFor({ format: event.format, onlineUrl }, { status: registrationStatus })
        return {
          ...entry,
          summary: registrationStatus === 'waitlisted' ? `${entry.summary} (${t(locale, 'calendar.personal.waitlisted')})` : entry.summary,
          description: streamLink ? `${entry.description}\n\n${t(locale, 'calendar.personal.streamLink')}: ${streamLink}` : entry.description,
        }
      }),
      ...speaking.map((row) => {
        const entry = itemCalendarEntry(itemFacts(row), eventFacts(row), locale)
        return { ...entry, summary: `${entry.summary} (${t(locale, `calendar.personal.role.${row.role}`)})` }
      }),
      // The item's own UID and SEQUENCE (item revision + event revision), as in the programme feed.
      ...stars.map((row) => itemCalendarEntry(itemFacts(row), eventFacts(row), locale)),
    ].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
    return buildCalendar({
      method: 'PUBLISH',
      locale,
      name: t(locale, 'calendar.feed.named', { name: t(locale, 'calendar.personal.name') }),
      description: t(locale, 'calendar.personal.description'),
      entries,
      refreshSeconds: FEED_REFRESH_SECONDS,
    })
  }
  const lastModified = version.count > 0 ? await versionModifiedAt(key, etag) : null
  return { etag, lastModified, body: () => cachedBody(key, etag, build) }
}
