import { ownerFeedLoader } from '../public/feed-response.server.ts'

/**
 * GET /series/:slug/calendar.ics (and /en/…, ?lang=en): the series's calendar feed (app/calendar/feeds.server.ts).
 */
export const loader = ownerFeedLoader('series', 'ics')
