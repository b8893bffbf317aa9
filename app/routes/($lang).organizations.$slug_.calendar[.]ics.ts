import { ownerFeedLoader } from '../public/feed-response.server.ts'

/**
 * GET /organizations/:slug/calendar.ics (and /en/…, ?lang=en): the organization's calendar feed (app/calendar/feeds.server.ts).
 */
export const loader = ownerFeedLoader('organization', 'ics')
