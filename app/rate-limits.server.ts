import { createHmac } from 'node:crypto'
import { db } from './db/client.server.ts'
import { config } from './env.server.ts'
import { DomainError } from './errors.server.ts'
import type { MessageKey } from './i18n/index.ts'

/**
 * Fixed-window rate limits kept in PostgreSQL (table rate_limits), so every app instance counts
 * the same requests. One atomic upsert per hit. Keys never hold an address or an IP in clear:
 * they are HMACs (the table must not become a list of who registered).
 */
export class RateLimitedError extends DomainError {
  constructor(key: MessageKey, retryAfterSeconds: number, field?: string) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    super(key, 429, { minutes }, field, { 'Retry-After': String(retryAfterSeconds) })
  }
}

export function rateLimitKey(scope: string, value: string): string {
  return `${scope}:${createHmac('sha256', config().sessionSecret).update(`${scope}:${value}`).digest('base64url').slice(0, 32)}`
}

/**
 * Counts one hit on each key (one statement however many keys); returns, per key, how many seconds
 * to wait when its limit is passed, else 0.
 */
export async function hitRateLimits(hits: { key: string; limit: number }[], windowMs: number, now = new Date()): Promise<number[]> {
  const windowStartedBefore = new Date(now.getTime() - windowMs)
  const keys = hits.map((hit) => hit.key)
  const rows = await db.$queryRaw<{ key: string; count: number; window_start: Date }[]>`
    INSERT INTO rate_limits (key, window_start, count) SELECT k, ${now}, 1 FROM unnest(${keys}::text[]) AS k
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= ${windowStartedBefore} THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= ${windowStartedBefore} THEN ${now} ELSE rate_limits.window_start END
    RETURNING key, count, window_start`
  return hits.map((hit) => {
    const row = rows.find((candidate) => candidate.key === hit.key)
    if (!row || row.count <= hit.limit) return 0
    return Math.max(1, Math.ceil((new Date(row.window_start).getTime() + windowMs - now.getTime()) / 1000))
  })
}

/** Forgets windows that ended (run hourly by the background work). */
export async function pruneRateLimits(olderThanMs = 3_600_000, now = new Date()): Promise<number> {
  return db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - olderThanMs) } } }).then((result) => result.count)
}

const REGISTRATION_WINDOW_MS = 10 * 60_000

/** Throws RateLimitedError (429 with Retry-After) when an IP or an address registers too often. */
export async function limitRegistrations(input: { ip: string; email: string }): Promise<void> {
  const limits = config().registrationLimits
  const [byIp, byEmail] = await hitRateLimits(
    [
      { key: rateLimitKey('register-ip', input.ip), limit: limits.perIp },
      { key: rateLimitKey('register-email', input.email.trim().toLowerCase()), limit: limits.perEmail },
    ],
    REGISTRATION_WINDOW_MS,
  )
  if (byIp) throw new RateLimitedError('registration.error.rateLimited', byIp)
  if (byEmail) throw new RateLimitedError('registration.error.rateLimited', byEmail, 'email')
}

/**
 * Throws RateLimitedError (429 with Retry-After) when an IP or an address sends proposals to open
 * calls too often: the registration limits and window, counted on keys of their own.
 */
export async function limitProposals(input: { ip: string; email: string }): Promise<void> {
  const limits = config().registrationLimits
  const [byIp, byEmail] = await hitRateLimits(
    [
      { key: rateLimitKey('propose-ip', input.ip), limit: limits.perIp },
      { key: rateLimitKey('propose-email', input.email.trim().toLowerCase()), limit: limits.perEmail },
    ],
    REGISTRATION_WINDOW_MS,
  )
  if (byIp) throw new RateLimitedError('proposals.error.rateLimited', byIp)
  if (byEmail) throw new RateLimitedError('proposals.error.rateLimited', byEmail, 'email')
}

const QUESTION_WINDOW_MS = 10 * 60_000
/** Audience questions one registration may send per 10 minutes (ADR 0029): enough for a keynote, not for a flood. */
export const QUESTIONS_PER_REGISTRATION = 5

/** Throws RateLimitedError (429 with Retry-After) when one registration sends audience questions too often. */
export async function limitQuestions(input: { registrationId: string }): Promise<void> {
  const [wait] = await hitRateLimits(
    [{ key: rateLimitKey('question-registration', input.registrationId), limit: QUESTIONS_PER_REGISTRATION }],
    QUESTION_WINDOW_MS,
  )
  if (wait) throw new RateLimitedError('questions.error.rateLimited', wait, 'text')
}

const FEED_GUESS_WINDOW_MS = 10 * 60_000
/** Unknown personal feed tokens one IP may ask for per window; a calendar program with a revoked link polls far less. */
export const FEED_GUESS_LIMIT = 20

/**
 * Seconds an IP must wait before asking for personal feeds again, or 0: after FEED_GUESS_LIMIT
 * unknown tokens in 10 minutes every token is refused, a right one too, so guessing gains nothing.
 * Reads only; `countFeedGuess` counts a miss.
 */
export async function feedGuessWait(ip: string, now = new Date()): Promise<number> {
  const row = await db.rateLimit.findUnique({ where: { key: rateLimitKey('feed-guess-ip', ip) } })
  if (!row || row.count < FEED_GUESS_LIMIT) return 0
  const endsAt = row.windowStart.getTime() + FEED_GUESS_WINDOW_MS
  return endsAt > now.getTime() ? Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)) : 0
}

export async function countFeedGuess(ip: string): Promise<void> {
  await hitRateLimits([{ key: rateLimitKey('feed-guess-ip', ip), limit: FEED_GUESS_LIMIT }], FEED_GUESS_WINDOW_MS)
}
