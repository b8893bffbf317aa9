import type { LoaderFunctionArgs } from '@remix-run/node'
import { openFeed, type FeedFormat, type OpenFeed } from '../calendar/feeds.server.ts'
import { notFound } from '../errors.server.ts'
import { parseListingQuery } from '../events/listing.server.ts'
import { localeFromPath, t, type Locale } from '../i18n/index.ts'
import { isSlug } from '../slug.ts'
import { orNotFound } from './route.server.ts'

/**
 * The HTTP side of the calendar feeds (app/calendar/feeds.server.ts): validators first, the body only
 * when the calendar program does not already have it.
 */

/** `/en/…` or `?lang=en` is English; `/…` Swedish; any other first segment (`/de/…`) a 404. */
export function feedLocale(request: Request, params: { lang?: string }): Locale {
  if (params.lang !== undefined && params.lang !== 'en') throw notFound('sv')
  const url = new URL(request.url)
  if (params.lang === 'en' || localeFromPath(url.pathname) === 'en') return 'en'
  return url.searchParams.get('lang') === 'en' ? 'en' : 'sv'
}

/** RFC 9110 §13.1.1: If-None-Match with `*` or a list of (possibly weak-marked) tags. */
function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8'
/** RFC 4287 §7: the media type of an Atom document (`/feed.xml`). */
export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8'

/**
 * 304 when the request's If-None-Match (or, without it, If-Modified-Since) says the program has this
 * version, without building the text; otherwise the feed as text/calendar (or `contentType`).
 */
export async function feedResponse(
  request: Request,
  feed: OpenFeed,
  options: { cacheControl: string; filename?: string; contentType?: string },
): Promise<Response> {
  const contentType = options.contentType ?? CALENDAR_CONTENT_TYPE
  const headers = new Headers({ 'Content-Type': contentType, 'Cache-Control': options.cacheControl, ETag: feed.etag })
  if (feed.lastModified) headers.set('Last-Modified', feed.lastModified.toUTCString())
  if (options.filename) headers.set('Content-Disposition', `attachment; filename="${options.filename}"`)
  const ifNoneMatch = request.headers.get('if-none-match')
  const ifModifiedSince = request.headers.get('if-modified-since')
  const isFresh = ifNoneMatch
    ? noneMatch(ifNoneMatch, feed.etag)
    : !!ifModifiedSince && !!feed.lastModified && Math.floor(feed.lastModified.getTime() / 1000) * 1000 <= Date.parse(ifModifiedSince)
  if (isFresh) {
    headers.delete('Content-Type')
    headers.delete('Content-Disposition')
    return new Response(null, { status: 304, headers })
  }
  return new Response(await feed.body(), { headers })
}

/** Public feeds may be kept by proxies and programs for five minutes. */
export const PUBLIC_FEED_CACHE = 'public, max-age=300'

const CONTENT_TYPES: Record<FeedFormat, string> = { ics: CALENDAR_CONTENT_TYPE, atom: ATOM_CONTENT_TYPE }

/**
 * The loader of `/calendar.ics` and `/feed.xml` (and /en/…, ?lang=en): every public event, upcoming
 * and the last 90 days, with the filters of `/` (county, format, organization, series, q). One
 * loader for both formats, so both hold the same events. An invalid filter is a 400 rather than a
 * silently wider feed.
 */
export function siteFeedLoader(format: FeedFormat) {
  return async ({ request, params }: LoaderFunctionArgs): Promise<Response> => {
    const locale = feedLocale(request, params)
    const { query, invalid } = parseListingQuery(new URL(request.url).searchParams)
    if (invalid.length) {
      return new Response(t(locale, 'public.filters.invalid', { parameters: invalid.join(', ') }), {
        status: 400,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      })
    }
    const { county, format: eventFormat, organization, series, q } = query
    const feed = await openFeed({ kind: 'site', filters: { county, format: eventFormat, organization, series, q } }, locale, undefined, format)
    return feedResponse(request, feed, { cacheControl: PUBLIC_FEED_CACHE, contentType: CONTENT_TYPES[format] })
  }
}

const NOT_FOUND = { organization: 'error.organizationNotFound', series: 'error.seriesNotFound', speaker: 'error.speakerNotFound' } as const

/**
 * The loader of `/organizations|series|speakers/:slug/calendar.ics` and `…/feed.xml` (and /en/…,
 * ?lang=en): one owner's feed (app/calendar/feeds.server.ts), 404 for an unknown or draft owner.
 */
export function ownerFeedLoader(kind: keyof typeof NOT_FOUND, format: FeedFormat) {
  return async ({ request, params }: LoaderFunctionArgs): Promise<Response> => {
    const locale = feedLocale(request, params)
    const slug = params.slug ?? ''
    if (!isSlug(slug)) throw notFound(locale, NOT_FOUND[kind])
    const feed = await orNotFound(locale, () => openFeed({ kind, slug }, locale, undefined, format))
    return feedResponse(request, feed, { cacheControl: PUBLIC_FEED_CACHE, contentType: CONTENT_TYPES[format] })
  }
}
