import type { LoaderFunctionArgs } from '@remix-run/node'
import { openFeed } from '../calendar/feeds.server.ts'
import { notFound } from '../errors.server.ts'
import { feedLocale, feedResponse, PUBLIC_FEED_CACHE } from '../public/feed-response.server.ts'
import { orNotFound } from '../public/route.server.ts'
import { isSlug } from '../slug.ts'

/**
 * GET /events/:slug/calendar.ics (and /en/…, ?lang=en): the event for a calendar program, to
 * download or subscribe to; `?programme=1` gives one entry per programme item instead. 404 for
 * drafts and unknown slugs; 304 for a program that has this version.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = feedLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.eventNotFound')
  const programme = new URL(request.url).searchParams.get('programme') === '1'
  const feed = await orNotFound(locale, () => openFeed({ kind: 'event', slug, programme }, locale))
  return feedResponse(request, feed, { cacheControl: PUBLIC_FEED_CACHE, filename: `${slug}${programme ? '-programme' : ''}.ics` })
}
