import { ownerFeedLoader } from '../public/feed-response.server.ts'

/**
 * GET /organizations/:slug/feed.xml (and /en/…, ?lang=en): the Atom twin of the organization's calendar.ics (app/calendar/atom.server.ts).
 */
export const loader = ownerFeedLoader('organization', 'atom')
