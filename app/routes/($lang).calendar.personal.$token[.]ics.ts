import type { LoaderFunctionArgs } from '@remix-run/node'
import { openPersonalFeed } from '../calendar/feeds.server.ts'
import { feedLocale, feedResponse } from '../public/feed-response.server.ts'
import { orNotFound } from '../public/route.server.ts'

/**
 * GET /calendar/personal/<token>.ics (and /en/…, ?lang=en): everything the token's address is
 * registered for. 404 for an unknown or revoked token; private, because it carries stream links.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = feedLocale(request, params)
  const feed = await orNotFound(locale, () => openPersonalFeed(params.token ?? '', locale))
  return feedResponse(request, feed, { cacheControl: 'private, max-age=300' })
}
