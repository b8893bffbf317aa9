import { Prisma } from '../generated/prisma/client.ts'
import type { County, EventFormat, ProgrammeItemType, RegistrationMode, SpeakerRole } from '../generated/prisma/enums.ts'
import { db } from '../db/client.server.ts'
import { NotFoundError } from '../errors.server.ts'
import { PublicCache } from '../cache.server.ts'
import type { PublicStatus } from './listing.server.ts'

/**
 * One public event with everything its page and `/api/events/:slug` show: organization, series with
 * its other parts, ticket types and the programme with rooms, tracks and speakers.
 *
 * It is read with ONE SQL statement that builds a JSON document (Prisma would need a query per
 * relation), because the event page is among the busiest pages and embedded PGlite is one connection.
 * The online link (`online_url`) is deliberately never selected: it goes only to registered attendees.
 */
export type PublicEvent = {
  id: string
  slug: string
  titleSv: string
  titleEn: string
  summarySv: string
  summaryEn: string
  descriptionSv: string
  descriptionEn: string
  status: PublicStatus
  format: EventFormat
  startsAt: Date
  endsAt: Date
  timeZone: string
  venueName: string | null
  venueAddress: string | null
  postalCode: string | null
  city: string | null
  county: County | null
  capacityOnSite: number | null
  capacityOnline: number | null
  registrationMode: RegistrationMode
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
  cancellationReason: string | null
  revision: number
  updatedAt: Date
  organization: { slug: string; name: string; website: string | null }
  /** The cover image (a media_files row's public fields) and its descriptions, or null. */
  cover: { id: string; kind: 'cover'; variants: unknown; width: number | null; height: number | null; altSv: string; altEn: string } | null
  series: {
    slug: string
    titleSv: string
    titleEn: string
    parts: { slug: string; titleSv: string; titleEn: string; position: number | null; status: PublicStatus; startsAt: Date; endsAt: Date }[]
  } | null
  ticketTypes: { nameSv: string; nameEn: string; priceOre: number; vatRate: number }[]
  items: PublicProgrammeItem[]
  /** Recordings and slides the organizers attached (app/events/materials.server.ts), only those that may be public. */
  materials: PublicEventMaterial[]
}

export type PublicEventMaterial = {
  itemId: string | null
  kind: 'recording' | 'slides'
  url: string | null
  mediaId: string | null
  mediaName: string | null
  titleSv: string
  titleEn: string
}

export type PublicProgrammeItem = {
  id: string
  type: ProgrammeItemType
  titleSv: string
  titleEn: string
  descriptionSv: string
  descriptionEn: string
  startsAt: Date
  endsAt: Date
  room: string | null
  /** The room's place in the console's order (the grid's column order). */
  roomPosition?: number | null
  track: { nameSv: string; nameEn: string } | null
  capacity: number | null
  recordingUrl: string | null
  slidesUrl: string | null
  speakers: PublicItemSpeaker[]
  /** Slides and other material the item's speakers added themselves (app/speakers/own.server.ts). */
  materials: PublicMaterial[]
}

export type PublicMaterial = { title: string; url: string | null; mediaId: string | null; mediaName: string | null; speaker: string }

export type PublicItemSpeaker = {
  slug: string
  name: string
  titleSv: string
  titleEn: string
  affiliation: string
  role: SpeakerRole
}

const EVENT_DOCUMENT = Prisma.sql`
SELECT json_build_object(
  'id', e.id, 'slug', e.slug,
  'titleSv', e.title_sv, 'titleEn', e.title_en, 'summarySv', e.summary_sv, 'summaryEn', e.summary_en,
  'descriptionSv', e.description_sv, 'descriptionEn', e.description_en,
  'status', e.status, 'format', e.format, 'startsAt', e.starts_at, 'endsAt', e.ends_at, 'timeZone', e.time_zone,
  'venueName', e.venue_name, 'venueAddress', e.venue_address, 'postalCode', e.postal_code, 'city', e.city, 'county', e.county,
  'capacityOnSite', e.capacity_on_site, 'capacityOnline', e.capacity_online,
  'registrationMode', e.registration_mode, 'registrationOpensAt', e.registration_opens_at, 'registrationClosesAt', e.registration_closes_at,
  'cancellationReason', e.cancellation_reason, 'revision', e.revision, 'updatedAt', e.updated_at,
  'organization', json_build_object('slug', o.slug, 'name', o.name, 'website', o.website),
  'cover', CASE WHEN mf.id IS NULL THEN NULL ELSE json_build_object(
    'id', mf.id, 'kind', mf.kind, 'variants', mf.variants, 'width', mf.width, 'height', mf.height,
    'altSv', e.cover_alt_sv, 'altEn', e.cover_alt_en) END,
  'series', CASE WHEN s.id IS NULL OR s.status = 'draft' THEN NULL ELSE json_build_object(
    'slug', s.slug, 'titleSv', s.title_sv, 'titleEn', s.title_en,
    'parts', (SELECT coalesce(json_agg(json_build_object(
        'slug', p.slug, 'titleSv', p.title_sv, 'titleEn', p.title_en, 'position', p.series_position,
        'status', p.status, 'startsAt', p.starts_at, 'endsAt', p.ends_at)
        ORDER BY p.series_position NULLS LAST, p.starts_at), '[]'::json)
      FROM events p WHERE p.series_id = s.id AND p.status <> 'draft')
  ) END,
  'ticketTypes', (SELECT coalesce(json_agg(json_build_object(
      'nameSv', tt.name_sv, 'nameEn', tt.name_en, 'priceOre', tt.price_ore, 'vatRate', tt.vat_rate)
      ORDER BY tt.position, tt.price_ore), '[]'::json)
    FROM ticket_types tt WHERE tt.event_id = e.id),
  'items', (SELECT coalesce(json_agg(json_build_object(
      'id', i.id, 'type', i.type, 'titleSv', i.title_sv, 'titleEn', i.title_en,
      'descriptionSv', i.description_sv, 'descriptionEn', i.description_en,
      'startsAt', i.starts_at, 'endsAt', i.ends_at, 'room', r.name, 'roomPosition', r.position,
      'track', CASE WHEN tr.id IS NULL THEN NULL ELSE json_build_object('nameSv', tr.name_sv, 'nameEn', tr.name_en) END,
      'capacity', i.capacity, 'recordingUrl', i.recording_url, 'slidesUrl', i.slides_url,
      'speakers', (SELECT coalesce(json_agg(json_build_object(
          'slug', sp.slug, 'name', sp.name, 'titleSv', sp.title_sv, 'titleEn', sp.title_en,
          'affiliation', sp.affiliation, 'role', pr.role)
          ORDER BY pr.position, sp.name), '[]'::json)
        FROM programme_roles pr JOIN speaker_profiles sp ON sp.id = pr.speaker_id WHERE pr.item_id = i.id),
      'materials', (SELECT coalesce(json_agg(json_build_object(
          'title', m.title, 'url', m.url, 'mediaId', m.media_id, 'mediaName', mf.original_name, 'speaker', msp.name)
          ORDER BY m.created_at, m.id), '[]'::json)
        FROM speaker_materials m JOIN speaker_profiles msp ON msp.id = m.speaker_id
        LEFT JOIN media_files mf ON mf.id = m.media_id WHERE m.item_id = i.id))
      ORDER BY i.starts_at, r.position NULLS FIRST, i.ends_at, i.title_sv), '[]'::json)
    FROM programme_items i
    LEFT JOIN rooms r ON r.id = i.room_id
    LEFT JOIN tracks tr ON tr.id = i.track_id
    WHERE i.event_id = e.id),
  'materials', (SELECT coalesce(json_agg(json_build_object(
      'itemId', em.item_id, 'kind', em.kind, 'url', em.url, 'mediaId', em.media_id, 'mediaName', emf.original_name,
      'titleSv', em.title_sv, 'titleEn', em.title_en)
      ORDER BY em.kind, em.created_at, em.id), '[]'::json)
    FROM event_materials em LEFT JOIN media_files emf ON emf.id = em.media_id
    WHERE em.event_id = e.id
      -- An item's recording is public only when every speaker of the item said yes to publishing (ADR 0028).
      AND (em.kind <> 'recording' OR em.item_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM programme_roles cr WHERE cr.item_id = em.item_id AND cr.publish_consent IS NOT TRUE)))
) AS doc
FROM events e
JOIN organizations o ON o.id = e.organization_id
LEFT JOIN series s ON s.id = e.series_id
LEFT JOIN media_files mf ON mf.id = e.cover_image_id`

type RawDocument = Record<string, unknown>

const toDate = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string))

function reviveEvent(doc: RawDocument): PublicEvent {
  const event = doc as unknown as PublicEvent & Record<string, unknown>
  event.startsAt = toDate(doc.startsAt)!
  event.endsAt = toDate(doc.endsAt)!
  event.registrationOpensAt = toDate(doc.registrationOpensAt)
  event.registrationClosesAt = toDate(doc.registrationClosesAt)
  event.updatedAt = toDate(doc.updatedAt)!
  for (const item of event.items) {
    item.startsAt = toDate(item.startsAt)!
    item.endsAt = toDate(item.endsAt)!
  }
  for (const part of event.series?.parts ?? []) {
    part.startsAt = toDate(part.startsAt)!
    part.endsAt = toDate(part.endsAt)!
  }
  return event
}

/** Event documents by slug for a few seconds (and until the next write, see PublicCache); misses too. */
const documentCache = new PublicCache<PublicEvent | null>(5_000, 2_000)

/**
 * A published, cancelled or postponed event by slug, or null (missing, or still a draft).
 * The result is shared between requests: treat it as read-only.
 */
export function findPublicEvent(slug: string): Promise<PublicEvent | null> {
  return documentCache.get(slug, () => loadPublicEvent(slug))
}

async function loadPublicEvent(slug: string): Promise<PublicEvent | null> {
  const rows = await db.$queryRaw<{ doc: RawDocument | string }[]>`${EVENT_DOCUMENT} WHERE e.slug = ${slug} AND e.status <> 'draft'`
  const doc = rows[0]?.doc
  if (!doc) return null
  return reviveEvent(typeof doc === 'string' ? JSON.parse(doc) : doc)
}

/** Like findPublicEvent, but throws NotFoundError ('error.eventNotFound') instead of returning null. */
export async function getPublicEvent(slug: string): Promise<PublicEvent> {
  const event = await findPublicEvent(slug)
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

/** The distinct speakers of an event, in programme order (the first session a speaker appears in). */
export function eventSpeakers(event: PublicEvent): PublicItemSpeaker[] {
  const seen = new Map<string, PublicItemSpeaker>()
  for (const item of event.items) for (const speaker of item.speakers) if (!seen.has(speaker.slug)) seen.set(speaker.slug, speaker)
  return [...seen.values()]
}

/** Where registration stands at `now`: before the window, inside it, or after it. */
export function registrationState(event: Pick<PublicEvent, 'registrationOpensAt' | 'registrationClosesAt' | 'endsAt'> & { status: string }, now = new Date()) {
  if (event.status === 'cancelled' || event.endsAt < now) return 'closed' as const
  if (event.registrationOpensAt && event.registrationOpensAt > now) return 'not-yet-open' as const
  if (event.registrationClosesAt && event.registrationClosesAt < now) return 'closed' as const
  return 'open' as const
}

/** Only http(s) links from organizers are shown (recordings, slides, websites). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null
  } catch {
    return null
  }
}
