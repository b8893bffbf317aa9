import type { LoaderFunctionArgs } from '@remix-run/node'
import { openFeed } from '../calendar/feeds.server.ts'
import { notFound } from '../errors.server.ts'
import { ATOM_CONTENT_TYPE, feedLocale, feedResponse, PUBLIC_FEED_CACHE } from '../public/feed-response.server.ts'
import { orNotFound } from '../public/route.server.ts'
import { isSlug } from '../slug.ts'

/** GET /organizations/:slug/feed.xml (and /en/…, ?lang=en): the Atom twin of the organization's calendar.ics (app/calendar/atom.server.ts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = feedLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.organizationNotFound')
  const feed = await orNotFound(locale, () => openFeed({ kind: 'organization', slug }, locale, undefined, 'atom'))
  return feedResponse(request, feed, { cacheControl: PUBLIC_FEED_CACHE, contentType: ATOM_CONTENT_TYPE })
}
