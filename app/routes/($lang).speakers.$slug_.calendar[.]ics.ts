import { ownerFeedLoader } from '../public/feed-response.server.ts'

/**
 * GET /speakers/:slug/calendar.ics (and /en/…, ?lang=en): the speaker's calendar feed (app/calendar/feeds.server.ts).
 */
export const loader = ownerFeedLoader('speaker', 'ics')
