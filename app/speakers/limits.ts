/**
 * The lengths and counts the speaker's own forms allow: shared by the server's checks
 * (own.server.ts) and the forms' maxLength (a server module is empty in the browser bundle).
 */
export const PROFILE_LIMITS = { name: 120, title: 160, affiliation: 160, bio: 4000, links: 5, link: 500 }
export const SESSION_LIMITS = { title: 200, description: 6000, notes: 2000, materialTitle: 200, materials: 10 }
