import { renderMarkdown } from '../markdown.server.ts'
import { pick, t, type Locale } from '../i18n/index.ts'
import type { EventFormat, ProgrammeItemType, SpeakerRole } from '../generated/prisma/enums.ts'
import { formatEventWhen, formatLongDate, formatTimeRange, stockholmDay } from '../time.ts'
import { PublicCache } from '../cache.server.ts'
import { eventSpeakers, getPublicEvent, safeHttpUrl, type PublicEvent, type PublicItemSpeaker } from './event-page.server.ts'
import { programmeGrid, type ProgrammeGrid } from './programme-grid.server.ts'
import { buildEventJsonLd, type EventJsonLd } from './json-ld.ts'
import type { PublicStatus } from './listing.server.ts'
import { mediaUrl, shownImage, type ShownImage } from '../uploads/media.ts'

/**
 * The event page's data, every text already in the visitor's language and every time already
 * formatted in Stockholm time, so the page component only lays it out. Never carries the online link.
 */
export type EventPageView = {
  slug: string
  title: string
  titleLang?: Locale
  summary: string
  descriptionHtml: string
  status: PublicStatus
  cancellationReason: string | null
  format: EventFormat
  startsAt: string
  endsAt: string
  when: string
  venue: { name: string | null; address: string | null; postalCode: string | null; city: string | null; countyLabel: string | null } | null
  placeText: string | null
  isOnSite: boolean
  isOnline: boolean
  capacityOnSite: number | null
  capacityOnline: number | null
  prices: { name: string; price: string }[]
  organization: { slug: string; name: string }
  cover: ShownImage | null
  series: {
    slug: string
    title: string
    parts: { slug: string; title: string; when: string; position: number | null; isCurrent: boolean; status: PublicStatus }[]
  } | null
  days: ProgrammeDay[]
  /** Recordings and slides of the whole event. */
  materials: MaterialLink[]
  speakers: { slug: string; name: string; title: string; affiliation: string }[]
  jsonLd: EventJsonLd
}

export type SpeakerGroupView = {
  role: SpeakerRole
  /** "Moderator", "Panelister", "Talare" (plural when more than one). */
  label: string
  people: { slug: string; name: string; detail: string }[]
}

/** A Stockholm day of the programme; `grid` only for a day in more than one room (programme-grid.server.ts). */
export type ProgrammeDay = { day: string; heading: string; items: ProgrammeItemView[]; grid: ProgrammeGrid | null }

export type ProgrammeItemView = {
  id: string
  type: ProgrammeItemType
  typeLabel: string
  title: string
  titleLang?: Locale
  startsAt: string
  endsAt: string
  time: string
  descriptionHtml: string
  room: string | null
  track: string | null
  capacity: number | null
  recordingUrl: string | null
  slidesUrl: string | null
  speakers: { slug: string; name: string; roleLabel: string; role: string }[]
  /** The item's people grouped by role (moderator, speakers, panelists), each with title and affiliation. */
  speakerGroups: SpeakerGroupView[]
  /** The speakers' own material: links (http/https only) and uploaded files. */
  materials: { title: string; href: string; speaker: string }[]
  /** Recordings and slides the organizers attached to this item (consent already respected). */
  eventMaterials: MaterialLink[]
}

/** A recording or slides link as shown: "Inspelning: Öppningstal" or the organizer's own title. */
export type MaterialLink = { kind: 'recording' | 'slides'; label: string; href: string }

function materialLinks(materials: PublicEvent['materials'], itemId: string | null, fallbackTitle: string, locale: Locale): MaterialLink[] {
  return (materials ?? []).flatMap((material) => {
    if (material.itemId !== itemId) return []
    const href = material.mediaId ? mediaUrl({ id: material.mediaId, kind: 'slides', originalName: material.mediaName ?? 'file' }) : safeHttpUrl(material.url)
    if (!href) return []
    const own = pick(material, 'title', locale).trim()
    const label = own || `${t(locale, `materials.kind.${material.kind}`)}: ${fallbackTitle}`
    return [{ kind: material.kind, label, href }]
  })
}

/** "295 kr inkl. moms", "295,50 kr inkl. moms" or "Kostnadsfritt". */
export function formatPrice(priceOre: number, locale: Locale): string {
  if (priceOre === 0) return t(locale, 'common.free')
  const kronor = priceOre % 100 === 0 ? String(priceOre / 100) : (priceOre / 100).toFixed(2).replace('.', locale === 'sv' ? ',' : '.')
  return t(locale, 'common.price', { amount: kronor })
}

const ROLE_ORDER: SpeakerRole[] = ['moderator', 'speaker', 'panelist']

/** An item's people by role, moderator first: "Moderator: Anna Berg, projektledare, Coompanion". */
export function speakerGroups(speakers: PublicItemSpeaker[], locale: Locale): SpeakerGroupView[] {
  return ROLE_ORDER.flatMap((role) => {
    const people = speakers.filter((speaker) => speaker.role === role)
    if (!people.length) return []
    return [
      {
        role,
        label: t(locale, people.length > 1 ? `public.event.roleGroup.${role}.other` : `public.event.roleGroup.${role}.one`),
        people: people.map((speaker) => ({
          slug: speaker.slug,
          name: speaker.name,
          detail: [pick(speaker, 'title', locale), speaker.affiliation].filter((part) => part.trim()).join(', '),
        })),
      },
    ]
  })
}

export function buildEventPageView(event: PublicEvent, opts: { locale: Locale; appUrl: string; now?: Date }): EventPageView {
  const { locale } = opts
  const isOnSite = event.format !== 'online'
  const isOnline = event.format !== 'on_site'
  const countyLabel = event.county ? t(locale, `county.${event.county}`) : null
  const venue = isOnSite ? { name: event.venueName, address: event.venueAddress, postalCode: event.postalCode, city: event.city, countyLabel } : null
  const placeText = venue
    ? [venue.name, venue.address, [venue.postalCode, venue.city].filter(Boolean).join(' ')].filter((part) => part && part.trim()).join(', ') || null
    : null

  const days = new Map<string, ProgrammeDay>()
  for (const item of event.items) {
    const day = stockholmDay(item.startsAt)
    if (!days.has(day)) days.set(day, { day, heading: formatLongDate(item.startsAt, locale), items: [], grid: null })
    const title = pick(item, 'title', locale)
    days.get(day)!.items.push({
      id: item.id,
      type: item.type,
      typeLabel: t(locale, `itemType.${item.type}`),
      title,
      titleLang: locale === 'en' && !item.titleEn.trim() ? 'sv' : undefined,
      startsAt: item.startsAt.toISOString(),
      endsAt: item.endsAt.toISOString(),
      time: formatTimeRange(item.startsAt, item.endsAt, locale),
      descriptionHtml: renderMarkdown(pick(item, 'description', locale), { topHeadingLevel: 5 }),
      room: item.room,
      track: item.track ? pick(item.track, 'name', locale) : null,
      capacity: item.capacity,
      recordingUrl: safeHttpUrl(item.recordingUrl),
      slidesUrl: safeHttpUrl(item.slidesUrl),
      speakers: item.speakers.map((speaker) => ({
        slug: speaker.slug,
        name: speaker.name,
        role: speaker.role,
        roleLabel: t(locale, `speakerRole.${speaker.role}`),
      })),
      speakerGroups: speakerGroups(item.speakers, locale),
      materials: (item.materials ?? []).flatMap((material) => {
        const href = material.mediaId
          ? mediaUrl({ id: material.mediaId, kind: 'slides', originalName: material.mediaName ?? 'file' })
          : safeHttpUrl(material.url)
        return href ? [{ title: material.title, href, speaker: material.speaker }] : []
      }),
      eventMaterials: materialLinks(event.materials, item.id, title, locale),
    })
  }

  for (const day of days.values())
    day.grid = programmeGrid(
      event.items.filter((item) => stockholmDay(item.startsAt) === day.day),
      locale,
    )

  return {
    slug: event.slug,
    title: pick(event, 'title', locale),
    titleLang: locale === 'en' && !event.titleEn.trim() ? 'sv' : undefined,
    summary: pick(event, 'summary', locale),
    descriptionHtml: renderMarkdown(pick(event, 'description', locale), { topHeadingLevel: 3 }),
    status: event.status,
    cancellationReason: event.status === 'cancelled' ? event.cancellationReason : null,
    format: event.format,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    when: formatEventWhen(event.startsAt, event.endsAt, locale),
    venue,
    placeText,
    isOnSite,
    isOnline,
    capacityOnSite: event.capacityOnSite,
    capacityOnline: event.capacityOnline,
    prices: event.ticketTypes.map((ticket) => ({ name: pick(ticket, 'name', locale), price: formatPrice(ticket.priceOre, locale) })),
    organization: { slug: event.organization.slug, name: event.organization.name },
    cover: event.cover ? shownImage(event.cover, pick(event.cover, 'alt', locale)) : null,
    series: event.series
      ? {
          slug: event.series.slug,
          title: pick(event.series, 'title', locale),
          parts: event.series.parts.map((part) => ({
            slug: part.slug,
            title: pick(part, 'title', locale),
            when: formatEventWhen(part.startsAt, part.endsAt, locale),
            position: part.position,
            isCurrent: part.slug === event.slug,
            status: part.status,
          })),
        }
      : null,
    days: [...days.values()],
    materials: materialLinks(event.materials, null, pick(event, 'title', locale), locale),
    speakers: eventSpeakers(event).map((speaker) => ({
      slug: speaker.slug,
      name: speaker.name,
      title: pick(speaker, 'title', locale),
      affiliation: speaker.affiliation,
    })),
    jsonLd: buildEventJsonLd(event, { appUrl: opts.appUrl, locale }),
  }
}

/** Built event pages per slug + language for a few seconds (and until the next write, see PublicCache). */
const viewCache = new PublicCache<EventPageView>(5_000, 2_000)

/**
 * The event page's view for a public event, or NotFoundError ('error.eventNotFound'). Shared between
 * requests for a few seconds: registration opening/closing shows within that time.
 */
export function getEventPageView(slug: string, opts: { locale: Locale; appUrl: string }): Promise<EventPageView> {
  return viewCache.get(`${opts.locale} ${opts.appUrl} ${slug}`, async () => buildEventPageView(await getPublicEvent(slug), opts))
}
