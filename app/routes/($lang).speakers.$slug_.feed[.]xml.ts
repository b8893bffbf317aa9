import { ownerFeedLoader } from '../public/feed-response.server.ts'

/**
 * GET /speakers/:slug/feed.xml (and /en/…, ?lang=en): the Atom twin of the speaker's calendar.ics (app/calendar/atom.server.ts).
 */
export const loader = ownerFeedLoader('speaker', 'atom')
