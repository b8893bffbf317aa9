import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import { db, type Tx } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { DomainError } from '../errors.server.ts'
import type { Person } from '../generated/prisma/client.ts'
import type { Locale } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { wakeMailWorker } from '../mail/worker.server.ts'
import { LINK_MINUTES } from './link-lifetime.ts'

/**
 * Passwordless sign-in with single-use links (docs/decisions/0006-passwordless-sign-in.md).
 *
 * - A link carries 32 random bytes (256 bits, base64url); only their SHA-256 is stored, so a
 *   leaked database copy cannot be used to sign in.
 * - Opening a link (GET) only shows a button; signing in is a POST, because mail scanners such as
 *   Outlook Safe Links open every link in a message.
 * - Links are mailed only to addresses that already belong to a Person (invited members, owners
 *   created with `npm run create-owner`, the demo organizer). Every request gets the same answer and
 *   writes the same kind of row, so the page never tells whether an address has an account.
 * - Rate limits are counted from `login_tokens`, so they hold across several app instances that
 *   share one PostgreSQL.
 */
export { LINK_MINUTES }
export const RATE_WINDOW_MINUTES = 15
export const MAX_LINKS_PER_EMAIL = 3
export const MAX_LINKS_PER_IP = 10
/** Stored in `login_tokens.ip` when the client address is unknown (no proxy header). */
export const UNKNOWN_IP = 'unknown'

export const EmailSchema = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .pipe(z.email())
  .transform((value) => normalizeEmail(value))

/** People are stored with lower-cased, trimmed addresses (a CHECK constraint insists). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A sign-in link that is unknown, used or expired: the person must ask for a new one. */
export class InvalidSignInLinkError extends DomainError {
  constructor() {
    super('accounts.link.invalid', 410, { minutes: LINK_MINUTES })
  }
}

/** Too many links asked for, per address or per client IP. `retryAfterSeconds` feeds Retry-After. */
export class SignInRateLimitedError extends DomainError {
  constructor(
    readonly scope: 'email' | 'ip',
    readonly retryAfterSeconds: number,
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    super(scope === 'email' ? 'accounts.rateLimit.email' : 'accounts.rateLimit.ip', 429, { minutes }, 'email', { 'Retry-After': String(retryAfterSeconds) })
  }
}

/**
 * Where to go after signing in: only a path on our own site. The value is parsed against a fixed
 * base (so dot segments, `%2e` included, are resolved as a browser would), must keep that origin,
 * and the NORMALISED path must still start with exactly one '/': `/%2e//evil.example` resolves to
 * `//evil.example`, which a browser reads as another host (`/\` likewise). Anything else → null.
 * The result is stable: passing it through again returns it unchanged.
 */
export function safeRedirectTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return null
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null
  // Control characters (tabs and newlines are stripped by URL parsers) could smuggle a second slash.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null
  let url: URL
  try {
    url = new URL(value, REDIRECT_BASE)
  } catch {
    return null
  }
  if (url.origin !== REDIRECT_BASE) return null
  const target = url.pathname + url.search + url.hash
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return null
  return target
}

const REDIRECT_BASE = 'http://samling.invalid'

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/

/**
 * The client's IP for rate limiting. Preference: a `clientIp` the server put into the load context
 * (Express's `req.ip`, which honours `trust proxy`); otherwise the right-most non-loopback entry of
 * X-Forwarded-For, which is the address our own reverse proxy saw (entries to its left are
 * whatever the client claimed); otherwise the constant UNKNOWN_IP, so all such clients share one
 * bucket.
 */
export function clientIp(request: Request, context?: unknown): string {
  const fromContext = (context as { clientIp?: unknown } | undefined)?.clientIp
  if (typeof fromContext === 'string' && fromContext.trim()) return fromContext.trim().slice(0, 64)
  const forwarded = request.headers.get('X-Forwarded-For')
  if (forwarded) {
    const hops = forwarded
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop.length > 0 && hop.length <= 64)
    for (let index = hops.length - 1; index >= 0; index--) {
      if (!LOOPBACK.test(hops[index])) return hops[index]
    }
  }
  return UNKNOWN_IP
}

export type RequestSignInLinkInput = {
  email: string
  /**
   * The language the person chose on the page (`chosenLocale`: ?lang= or /en/), which the mail and
   * the link's page speak; null on a page in the default language, then the Person's stored one.
   */
  locale: Locale | null
  ip: string
  /** A path checked with safeRedirectTo; carried in the link. */
  redirectTo?: string | null
}

/**
 * Records a sign-in request and, if the address belongs to a Person, enqueues a `sign-in-link`
 * mail in the same transaction, and wakes the mail worker so the link leaves at once. The mail
 * speaks the language the person chose on the page, else their stored language; a request never
 * changes the stored language (anyone may ask for a link for any address). Returns nothing either way, on purpose.
 * Throws SignInRateLimitedError (429) after MAX_LINKS_PER_EMAIL requests for one address or
 * MAX_LINKS_PER_IP from one IP within RATE_WINDOW_MINUTES; refused requests are not counted.
 * Advisory locks on the address and the IP serialise concurrent requests, so the limits are exact
 * even across app instances.
 */
export async function requestSignInLink(input: RequestSignInLinkInput): Promise<void> {
  const email = normalizeEmail(input.email)
  const ip = input.ip
  const token = randomBytes(32).toString('base64url')
  await db.$transaction(async (tx) => {
    // Always lock in the same order (address, then IP), so two requests cannot deadlock.
    await advisoryLock(tx, `login-email:${email}`)
    await advisoryLock(tx, `login-ip:${ip}`)
    const byEmail = await recentRequests(tx, 'email', email)
    if (byEmail.count >= MAX_LINKS_PER_EMAIL) throw new SignInRateLimitedError('email', byEmail.retryAfterSeconds)
    const byIp = await recentRequests(tx, 'ip', ip)
    if (byIp.count >= MAX_LINKS_PER_IP) throw new SignInRateLimitedError('ip', byIp.retryAfterSeconds)

    // A row for every request (also for unknown addresses): it is what the limits count.
    await tx.$executeRaw`
      INSERT INTO login_tokens (id, token_hash, email, expires_at, ip, created_at)
      VALUES (gen_random_uuid(), ${hashToken(token)}, ${email}, now() + make_interval(mins => ${LINK_MINUTES}::int), ${ip}, now())`

    const person = await tx.person.findUnique({ where: { email }, select: { locale: true } })
    if (!person) return
    // The mail, and the page the link opens, speak the language the person just used, if they chose one.
    const locale = input.locale ?? person.locale
    await enqueueMail(tx, {
      template: 'sign-in-link',
      to: email,
      locale,
      payload: { url: signInLinkUrl(token, locale, input.redirectTo ?? null), expiresMinutes: LINK_MINUTES },
    })
  })
  // After the commit, and for unknown addresses too (the same work either way, as the answer is).
  wakeMailWorker()
}

/** `${appUrl}/login/<token>`, keeping the page language and a safe redirectTo. */
export function signInLinkUrl(token: string, locale: Locale, redirectTo: string | null): string {
  const params = new URLSearchParams()
  const target = safeRedirectTo(redirectTo)
  if (target) params.set('redirectTo', target)
  if (locale === 'en') params.set('lang', 'en')
  const query = params.toString()
  return `${config().appUrl}/login/${encodeURIComponent(token)}${query ? `?${query}` : ''}`
}

/** Read-only: whether a link could still be used. Opening the link page calls this; it changes nothing. */
export async function isSignInLinkUsable(token: string): Promise<boolean> {
  if (!isTokenShaped(token)) return false
  const rows = await db.$queryRaw<{ ok: number }[]>`
    SELECT 1 AS ok FROM login_tokens WHERE token_hash = ${hashToken(token)} AND used_at IS NULL AND expires_at > now()`
  return rows.length > 0
}

/**
 * Uses a link: marks the token used in ONE conditional UPDATE (so of two simultaneous POSTs only
 * one wins), creates the Person if the address has none, records last_login_at, and retires the
 * address's other unused links. Throws InvalidSignInLinkError for unknown, used or expired tokens.
 * The caller starts the session (createSession) after this returns.
 */
export async function signInWithLink(input: { token: string; locale: Locale }): Promise<Person> {
  if (!isTokenShaped(input.token)) throw new InvalidSignInLinkError()
  const tokenHash = hashToken(input.token)
  return db.$transaction(async (tx) => {
    const used = await tx.$queryRaw<{ email: string }[]>`
      UPDATE login_tokens SET used_at = now()
      WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > now()
      RETURNING email`
    const email = used[0]?.email
    if (!email) throw new InvalidSignInLinkError()
    await tx.$executeRaw`UPDATE login_tokens SET used_at = now() WHERE email = ${email} AND used_at IS NULL`
    return tx.person.upsert({
      where: { email },
      create: { email, locale: input.locale, lastLoginAt: new Date() },
      update: { lastLoginAt: new Date() },
    })
  })
}

function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}

async function advisoryLock(tx: Tx, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`
}

async function recentRequests(tx: Tx, column: 'email' | 'ip', value: string): Promise<{ count: number; retryAfterSeconds: number }> {
  const rows =
    column === 'email'
      ? await tx.$queryRaw<{ count: number; retry: number | null }[]>`
          SELECT count(*)::int AS count,
                 ceil(extract(epoch FROM (min(created_at) + make_interval(mins => ${RATE_WINDOW_MINUTES}::int) - now())))::int AS retry
          FROM login_tokens WHERE email = ${value} AND created_at > now() - make_interval(mins => ${RATE_WINDOW_MINUTES}::int)`
      : await tx.$queryRaw<{ count: number; retry: number | null }[]>`
          SELECT count(*)::int AS count,
                 ceil(extract(epoch FROM (min(created_at) + make_interval(mins => ${RATE_WINDOW_MINUTES}::int) - now())))::int AS retry
          FROM login_tokens WHERE ip = ${value} AND created_at > now() - make_interval(mins => ${RATE_WINDOW_MINUTES}::int)`
  const row = rows[0]
  return { count: Number(row?.count ?? 0), retryAfterSeconds: Math.max(1, Number(row?.retry ?? 60)) }
}
