/**
 * Pages whose answer depends on who asks (the console, sign-in, sign-out, the dev mailbox, an
 * attendee's own page, a speaker's invitation page, a proposer's page, the panel screen of audience questions, the register and propose pages that answer a submitted form): no
 * shared cache or browser history may keep them, and caches must key them on the cookie. Applied
 * by entry.server to documents and their `?_data=` JSON, and by server.ts to every other answer on
 * these paths (a redirect to /login that Remix sends without rendering, for one).
 */
const PERSONAL_PAGE =
  /^\/(organizer|speaker|login|logout|dev\/mailbox|unsubscribe|(en\/)?(registrations|invitations|proposals|panel)|(en\/)?(events|series)\/[^/]+\/(register|propose))(\/|$)/

export function isPersonalPath(pathname: string): boolean {
  return PERSONAL_PAGE.test(pathname)
}

/** Sets `Cache-Control: private, no-store` and adds `Vary: Cookie` on a personal path's answer. */
export function markPersonal(pathname: string, headers: Headers): void {
  if (!isPersonalPath(pathname)) return
  headers.set('Cache-Control', 'private, no-store')
  const vary = headers.get('Vary')
  if (!vary?.split(',').some((name) => name.trim().toLowerCase() === 'cookie')) headers.set('Vary', vary ? `${vary}, Cookie` : 'Cookie')
}
