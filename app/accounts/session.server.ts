import { createCookieSessionStorage, redirect } from '@remix-run/node'
import { db } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { DomainError } from '../errors.server.ts'
import type { Person } from '../generated/prisma/client.ts'
import { isSameOrigin } from '../same-origin.ts'

/**
 * Sessions: a signed, httpOnly, SameSite=Lax cookie holding the id of a row in `sessions`, so
 * sign-out and expiry are enforced on the server (a stolen old cookie stops working).
 */
const SESSION_DAYS = 14

type SessionData = { sessionId: string }
let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined
function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: 'samling_session',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: config().appUrl.startsWith('https:'),
      secrets: [config().sessionSecret],
      maxAge: SESSION_DAYS * 24 * 3600,
    },
  })
  return storage
}

/** The signed-in person, or null. */
export async function getCurrentPerson(request: Request): Promise<Person | null> {
  const session = await sessionStorage().getSession(request.headers.get('Cookie'))
  const sessionId = session.get('sessionId')
  if (typeof sessionId !== 'string' || !/^[0-9a-f-]{36}$/.test(sessionId)) return null
  const row = await db.session.findFirst({ where: { id: sessionId, expiresAt: { gt: new Date() } }, include: { person: true } })
  return row?.person ?? null
}

/** The signed-in person; otherwise redirects to /login and back here afterwards. */
export async function requirePerson(request: Request): Promise<Person> {
  const person = await getCurrentPerson(request)
  if (person) return person
  const url = new URL(request.url)
  const lang = url.searchParams.get('lang') === 'en' ? '&lang=en' : ''
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}${lang}`)
}

/** Starts a session for a person; returns the Set-Cookie header value. */
export async function createSession(personId: string): Promise<string> {
  // Expired sessions are ignored anyway; dropping this person's keeps the table small.
  await db.session.deleteMany({ where: { personId, expiresAt: { lte: new Date() } } })
  const row = await db.session.create({ data: { personId, expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000) } })
  const session = await sessionStorage().getSession()
  session.set('sessionId', row.id)
  return sessionStorage().commitSession(session)
}

/** Ends the session of this request (idempotent); returns the Set-Cookie header value. */
export async function destroySession(request: Request): Promise<string> {
  const session = await sessionStorage().getSession(request.headers.get('Cookie'))
  const sessionId = session.get('sessionId')
  if (typeof sessionId === 'string' && /^[0-9a-f-]{36}$/.test(sessionId)) {
    await db.session.deleteMany({ where: { id: sessionId } })
  }
  return sessionStorage().destroySession(session)
}

/**
 * Every state-changing POST must come from our own pages: the Origin (or, failing that, Referer)
 * must match APP_URL's origin or the request's own, scheme included (app/same-origin.ts). Throws a 403 with a message in the user's language.
 */
export function assertSameOrigin(request: Request): void {
  if (request.method === 'GET' || request.method === 'HEAD') return
  const origin = request.headers.get('Origin') ?? refererOrigin(request.headers.get('Referer'))
  if (!isSameOrigin(origin, { appUrl: config().appUrl, requestUrl: request.url })) throw new DomainError('form.badOrigin', 403)
}

function refererOrigin(referer: string | null): string | null {
  if (!referer) return null
  try {
    return new URL(referer).origin
  } catch {
    return null
  }
}

/**
 * Deletes expired sessions and sign-in requests older than a day (the rate limits look back 15
 * minutes). Safe to run at any time and from several instances; returns how many rows went.
 * Meant for the hourly background work.
 */
export async function pruneExpiredSignIns(): Promise<{ sessions: number; loginTokens: number }> {
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } })
  const loginTokens = await db.loginToken.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 24 * 3600 * 1000) } } })
  return { sessions: sessions.count, loginTokens: loginTokens.count }
}
