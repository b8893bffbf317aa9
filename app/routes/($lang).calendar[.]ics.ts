import { siteFeedLoader } from '../public/feed-response.server.ts'

/**
 * GET /calendar.ics (and /en/…, ?lang=en): every public event, upcoming and the last 90 days, with the
 * filters of `/`; a 400 for an invalid filter. The Atom twin is /feed.xml.
 */
export const loader = siteFeedLoader('ics')
