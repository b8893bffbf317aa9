import type { LoaderFunctionArgs } from '@remix-run/node'
import { openFeed } from '../calendar/feeds.server.ts'
import { notFound } from '../errors.server.ts'
import { feedLocale, feedResponse, PUBLIC_FEED_CACHE } from '../public/feed-response.server.ts'
import { orNotFound } from '../public/route.server.ts'
import { isSlug } from '../slug.ts'

/** GET /organizations/:slug/calendar.ics (and /en/…, ?lang=en): the organization's calendar feed (app/calendar/feeds.server.ts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = feedLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.organizationNotFound')
  const feed = await orNotFound(locale, () => openFeed({ kind: 'organization', slug }, locale))
  return feedResponse(request, feed, { cacheControl: PUBLIC_FEED_CACHE })
}
