import { db } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { localePath, type Locale } from '../i18n/index.ts'
import { deriveToken, hashToken, isTokenShaped } from './tokens.server.ts'

/**
 * A person's calendar subscription (`/calendar/personal/<token>.ics`): one per e-mail address, so it
 * holds every event that address is registered for. Calendar programs have no cookie, so the URL is
 * the secret (lessons row 3): 256 bits derived like the manage link (HMAC with SESSION_SECRET from the
 * row's id and version), only its SHA-256 stored. Revoking clears the hash and bumps the version, so
 * the old URL is a 404 for ever and a new one differs. docs/decisions/0013-personal-links.md
 */
export type PersonalFeedRow = { id: string; emailNormalized: string; tokenVersion: number; tokenHash: string | null }

function feedToken(feed: { id: string; tokenVersion: number }): string {
  return deriveToken('calendar', feed.id, feed.tokenVersion)
}

/** The subscription URL of an address, or null while it has none (never made, or revoked). Reads only. */
export async function findPersonalFeedUrl(emailNormalized: string, locale: Locale): Promise<string | null> {
  const feed = await db.personalFeed.findUnique({ where: { emailNormalized } })
  if (!feed?.tokenHash) return null
  return personalFeedUrl(feedToken(feed), locale)
}

export function personalFeedUrl(token: string, locale: Locale): string {
  return `${config().appUrl.replace(/\/$/, '')}${localePath(locale, `/calendar/personal/${token}.ics`)}`
}

/** Turns the subscription on (a new URL if it was revoked before). Repeating it while on changes nothing. */
export async function enablePersonalFeed(input: { emailNormalized: string }): Promise<string> {
  return db.$transaction(async (tx) => {
    const existing = await tx.personalFeed.findUnique({ where: { emailNormalized: input.emailNormalized } })
    if (existing?.tokenHash) return feedToken(existing)
    const row = existing
      ? await tx.personalFeed.update({ where: { id: existing.id }, data: { tokenVersion: existing.tokenVersion + 1 } })
      : await tx.personalFeed.create({ data: { emailNormalized: input.emailNormalized } })
    const token = feedToken(row)
    await tx.personalFeed.update({ where: { id: row.id }, data: { tokenHash: hashToken(token) } })
    return token
  })
}

/** Turns the subscription off: its URL answers 404 from now on. Safe to repeat. */
export async function revokePersonalFeed(input: { emailNormalized: string }): Promise<void> {
  await db.personalFeed.updateMany({
    where: { emailNormalized: input.emailNormalized, tokenHash: { not: null } },
    data: { tokenHash: null, tokenVersion: { increment: 1 } },
  })
}

/** The subscription a token opens, or null (malformed, unknown or revoked): found by its hash, never compared by hand. */
export async function findPersonalFeed(token: string): Promise<PersonalFeedRow | null> {
  if (!isTokenShaped(token)) return null
  return db.personalFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, emailNormalized: true, tokenVersion: true, tokenHash: true },
  })
}
