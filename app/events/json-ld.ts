import { localePath, pick, t, type Locale } from '../i18n/index.ts'
import { stockholmClock } from '../time.ts'
import type { PublicEvent } from './event-page.server.ts'

/**
 * schema.org `Event` for search engines (https://schema.org/Event,
 * https://developers.google.com/search/docs/appearance/structured-data/event). Times carry their
 * offset, the online link is never included (a VirtualLocation points to the event page instead).
 */
export type EventJsonLd = Record<string, unknown>

const STATUS = {
  published: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
  postponed: 'https://schema.org/EventPostponed',
} as const

const ATTENDANCE = {
  on_site: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
} as const

/** "2027-02-12T09:00:00+01:00": an instant as ISO 8601 with the Stockholm offset of that moment. */
export function isoWithOffset(instant: Date): string {
  const c = stockholmClock(instant)
  const wall = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, instant.getUTCSeconds())
  const offsetMinutes = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${new Date(wall).toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

export function buildEventJsonLd(event: PublicEvent, opts: { appUrl: string; locale: Locale }): EventJsonLd {
  const { appUrl, locale } = opts
  const url = `${appUrl}${localePath(locale, `/events/${event.slug}`)}`
  const place =
    event.format !== 'online'
      ? {
          '@type': 'Place',
          name: event.venueName ?? event.city ?? undefined,
          address: {
            '@type': 'PostalAddress',
            streetAddress: event.venueAddress ?? undefined,
            postalCode: event.postalCode ?? undefined,
            addressLocality: event.city ?? undefined,
            addressRegion: event.county ? t(locale, `county.${event.county}`) : undefined,
            addressCountry: 'SE',
          },
        }
      : undefined
  const virtual = event.format !== 'on_site' ? { '@type': 'VirtualLocation', url } : undefined
  const location = place && virtual ? [place, virtual] : (place ?? virtual)
  const priced = event.ticketTypes.filter((ticket) => ticket.priceOre > 0)
  const offers = priced.map((ticket) => ({
    '@type': 'Offer',
    name: pick(ticket, 'name', locale),
    price: (ticket.priceOre / 100).toFixed(2),
    priceCurrency: 'SEK',
    url,
  }))
  const summary = pick(event, 'summary', locale)
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: pick(event, 'title', locale),
    ...(summary ? { description: summary } : {}),
    url,
    startDate: isoWithOffset(event.startsAt),
    endDate: isoWithOffset(event.endsAt),
    eventStatus: STATUS[event.status],
    eventAttendanceMode: ATTENDANCE[event.format],
    location,
    organizer: {
      '@type': 'Organization',
      name: event.organization.name,
      url: event.organization.website ?? `${appUrl}${localePath(locale, `/organizations/${event.organization.slug}`)}`,
    },
    ...(offers.length ? { offers: offers.length === 1 ? offers[0] : offers } : {}),
    ...(event.series
      ? {
          superEvent: {
            '@type': 'EventSeries',
            name: pick(event.series, 'title', locale),
            url: `${appUrl}${localePath(locale, `/series/${event.series.slug}`)}`,
          },
        }
      : {}),
    inLanguage: locale === 'sv' ? 'sv-SE' : 'en',
  }
}

/** JSON for inside a <script> element: `<` is escaped so no text can close the element. */
export function jsonLdScriptContent(data: EventJsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
