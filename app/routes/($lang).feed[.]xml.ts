import type { LoaderFunctionArgs } from '@remix-run/node'
import { openFeed } from '../calendar/feeds.server.ts'
import { parseListingQuery } from '../events/listing.server.ts'
import { t } from '../i18n/index.ts'
import { ATOM_CONTENT_TYPE, feedLocale, feedResponse, PUBLIC_FEED_CACHE } from '../public/feed-response.server.ts'

/**
 * GET /feed.xml (and /en/…, ?lang=en): the Atom twin of /calendar.ics (app/calendar/atom.server.ts),
 * the same events with the same filters of `/`. An invalid filter is a 400 rather than a silently
 * wider feed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = feedLocale(request, params)
  const { query, invalid } = parseListingQuery(new URL(request.url).searchParams)
  if (invalid.length) {
    return new Response(t(locale, 'public.filters.invalid', { parameters: invalid.join(', ') }), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  }
  const { county, format, organization, series, q } = query
  const feed = await openFeed({ kind: 'site', filters: { county, format, organization, series, q } }, locale, undefined, 'atom')
  return feedResponse(request, feed, { cacheControl: PUBLIC_FEED_CACHE, contentType: ATOM_CONTENT_TYPE })
}
