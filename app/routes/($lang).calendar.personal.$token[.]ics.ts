import type { LoaderFunctionArgs } from '@remix-run/node'
import { clientIp } from '../accounts/sign-in.server.ts'
import { openPersonalFeed } from '../calendar/feeds.server.ts'
import { NotFoundError } from '../errors.server.ts'
import { t } from '../i18n/index.ts'
import { feedLocale, feedResponse } from '../public/feed-response.server.ts'
import { orNotFound } from '../public/route.server.ts'
import { countFeedGuess, feedGuessWait } from '../rate-limits.server.ts'

/**
 * GET /calendar/personal/<token>.ics (and /en/…, ?lang=en): everything the token's address is
 * registered for. 404 for an unknown or revoked token, counted per IP: after too many, 429 with
 * Retry-After for any token. Private, because it carries stream links.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = feedLocale(request, params)
  const ip = clientIp(request, context)
  const wait = await feedGuessWait(ip)
  if (wait) {
    return new Response(t(locale, 'calendar.personal.rateLimited', { minutes: Math.max(1, Math.ceil(wait / 60)) }), {
      status: 429,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(wait), 'Cache-Control': 'no-store' },
    })
  }
  const feed = await orNotFound(locale, async () => {
    try {
      return await openPersonalFeed(params.token ?? '', locale)
    } catch (error) {
      if (error instanceof NotFoundError) await countFeedGuess(ip)
      throw error
    }
  })
  return feedResponse(request, feed, { cacheControl: 'private, max-age=300' })
}
