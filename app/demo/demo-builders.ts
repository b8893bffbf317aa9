import type { ProgrammeItemType, SpeakerRole } from '../generated/prisma/enums.ts'
import { slugify } from '../slug.ts'
import { at, type CalendarDay } from './demo-calendar.ts'
import type { DemoEvent, DemoItem, DemoSpeaker } from './demo-types.ts'

const DAY_MS = 24 * 60 * 60 * 1000

type ItemOptions = {
  descriptionSv?: string
  descriptionEn?: string
  room?: string
  track?: string
  capacity?: number
  recordingUrl?: string
  slidesUrl?: string
  speakers?: Array<[slug: string, role: SpeakerRole]>
}

/** One programme item on `day` from `from` to `to` (Stockholm wall times). */
export function item(
  day: CalendarDay,
  from: string,
  to: string,
  type: ProgrammeItemType,
  titleSv: string,
  titleEn: string,
  options: ItemOptions = {},
): DemoItem {
  return {
    type,
    titleSv,
    titleEn,
    descriptionSv: options.descriptionSv ?? '',
    descriptionEn: options.descriptionEn ?? '',
    startsAt: at(day, from),
    endsAt: at(day, to),
    room: options.room ?? null,
    track: options.track ?? null,
    capacity: options.capacity ?? null,
    recordingUrl: options.recordingUrl ?? null,
    slidesUrl: options.slidesUrl ?? null,
    speakers: (options.speakers ?? []).map(([slug, role]) => ({ slug, role })),
  }
}

type EventInput = Pick<
  DemoEvent,
  'slug' | 'organizationSlug' | 'titleSv' | 'titleEn' | 'summarySv' | 'summaryEn' | 'descriptionSv' | 'descriptionEn' | 'format' | 'startsAt' | 'endsAt'
> &
  Partial<DemoEvent>

/** An event with the defaults of the demo: published, free, open registration, nothing else set. */
export function event(input: EventInput): DemoEvent {
  return {
    seriesSlug: null,
    seriesPosition: null,
    status: 'published',
    venueName: null,
    venueAddress: null,
    postalCode: null,
    city: null,
    county: null,
    onlineUrl: input.format === 'on_site' ? null : `https://example.org/stream/${input.slug}`,
    capacityOnSite: null,
    capacityOnline: null,
    registrationMode: 'open',
    registrationOpensAt: null,
    registrationClosesAt: null,
    publishedAt: null,
    rooms: [],
    tracks: [],
    ticketTypes: [],
    items: [],
    ...input,
  }
}

/** When a demo event was published: a month before it starts, and never after `now`. */
export function publishedAt(now: Date, startsAt: Date): Date {
  return new Date(Math.min(now.getTime() - 21 * DAY_MS, startsAt.getTime() - 30 * DAY_MS))
}

/** A speaker profile whose slug comes from the name ("Maja Ekström" → "maja-ekstrom"). */
export function speaker(name: string, fields: Omit<DemoSpeaker, 'slug' | 'name'>): DemoSpeaker {
  return { slug: slugify(name), name, ...fields }
}

/**
 * Presentations are published after the day: items of an event that has ended get slides and,
 * for talks on the main stage, a recording.
 */
export function withMaterialIfPast(now: Date, slug: string, items: DemoItem[]): DemoItem[] {
  return items.map((entry, index) => {
    if (entry.endsAt.getTime() > now.getTime() || ['break', 'lunch', 'meetup'].includes(entry.type)) return entry
    return {
      ...entry,
      slidesUrl: entry.slidesUrl ?? `https://example.org/presentationer/${slug}/${index + 1}.pdf`,
      recordingUrl: entry.recordingUrl ?? `https://example.org/inspelningar/${slug}/${index + 1}`,
    }
  })
}
