import type { LoaderFunctionArgs } from '@remix-run/node'
import { openFeed } from '../calendar/feeds.server.ts'
import { parseListingQuery } from '../events/listing.server.ts'
import { t } from '../i18n/index.ts'
import { feedLocale, feedResponse, PUBLIC_FEED_CACHE } from '../public/feed-response.server.ts'

/**
 * GET /calendar.ics (and /en/…, ?lang=en): every public event, upcoming and the last 90 days, with
 * the filters of `/` (county, format, organization, series, q). An invalid filter is a 400 rather
 * than a silently wider feed.
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
  const feed = await openFeed({ kind: 'site', filters: { county, format, organization, series, q } }, locale)
  return feedResponse(request, feed, { cacheControl: PUBLIC_FEED_CACHE })
}
