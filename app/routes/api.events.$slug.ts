import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiError, cachedJson, serializeEventDetail } from '../api/events.server.ts'
import { findPublicEvent } from '../events/event-page.server.ts'
import { siteUrl } from '../public/route.server.ts'
import { isSlug } from '../slug.ts'

/** GET /api/events/:slug: one public event with programme, speakers, venue and series; never the online link. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? ''
  if (!isSlug(slug)) return apiError({ error: { parameter: 'slug', message: 'slug must be lower-case words joined by hyphens' } })
  const event = await findPublicEvent(slug)
  if (!event) return apiError({ error: { parameter: 'slug', message: `no public event has the slug "${slug}"` } }, 404)
  return cachedJson(request, JSON.stringify(serializeEventDetail(event, siteUrl())))
}
