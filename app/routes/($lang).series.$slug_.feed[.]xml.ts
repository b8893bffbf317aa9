import { ownerFeedLoader } from '../public/feed-response.server.ts'

/**
 * GET /series/:slug/feed.xml (and /en/…, ?lang=en): the Atom twin of the series's calendar.ics (app/calendar/atom.server.ts).
 */
export const loader = ownerFeedLoader('series', 'atom')
