import { siteFeedLoader } from '../public/feed-response.server.ts'

/**
 * GET /feed.xml (and /en/…, ?lang=en): the Atom twin of /calendar.ics (app/calendar/atom.server.ts),
 * the same events with the same filters of `/`; a 400 for an invalid filter.
 */
export const loader = siteFeedLoader('atom')
