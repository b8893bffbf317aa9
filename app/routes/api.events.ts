import type { LoaderFunctionArgs } from '@remix-run/node'
import { apiError, apiListingCache, cachedBody, cachedJson, listApiEvents, parseApiEventsQuery } from '../api/events.server.ts'
import { siteUrl } from '../public/route.server.ts'

/** GET /api/events: public events as JSON with filters and cursor pagination (docs/api.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const parsed = parseApiEventsQuery(url.searchParams)
  if (!parsed.ok) return apiError(parsed.error)
  // Same query (whatever the parameter order) → same cache entry for a few seconds.
  const key = [...url.searchParams]
    .filter(([name]) => name in parsed.query || name === 'cursor')
    .sort()
    .join('&')
  const entry = await apiListingCache.get(key, async () => cachedBody(JSON.stringify(await listApiEvents(parsed.query, { appUrl: siteUrl() }))))
  return cachedJson(request, entry.body, entry.etag)
}
