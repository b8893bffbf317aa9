import { createHmac, timingSafeEqual } from 'node:crypto'
import { db } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import type { Locale } from '../i18n/index.ts'

/**
 * Unsubscribe links for notification mail (RFC 8058). The token is the recipient's address signed
 * with SESSION_SECRET, so it needs no table and cannot be guessed for someone else. The page that
 * honours it is app/routes/unsubscribe.$token.tsx (GET shows a button, POST acts, and a mail
 * provider's one-click POST acts too); the worker then skips that address's notification mail.
 * Transactional mail (sign-in links, registration mail, an event that moved or was cancelled) still goes.
 */
const SEPARATOR = '.'

function sign(value: string): string {
  return createHmac('sha256', config().sessionSecret).update(`unsubscribe:${value}`).digest('base64url').slice(0, 32)
}

export function unsubscribeToken(recipient: string): string {
  const address = recipient.trim().toLowerCase()
  return `${Buffer.from(address).toString('base64url')}${SEPARATOR}${sign(address)}`
}

/** The address a token was made for, or null when it was tampered with. */
export function readUnsubscribeToken(token: string): string | null {
  if (token.length > 1000) return null
  const [encoded, signature, extra] = token.split(SEPARATOR)
  if (!encoded || !signature || extra !== undefined) return null
  const address = Buffer.from(encoded, 'base64url').toString('utf8')
  const expected = Buffer.from(sign(address))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? address : null
}

/** The page that unsubscribes `recipient`, in the language of the mail it is in. */
export function unsubscribeUrl(recipient: string, locale: Locale = 'sv'): string {
  return `${config().appUrl}/unsubscribe/${unsubscribeToken(recipient)}${locale === 'en' ? '?lang=en' : ''}`
}

/** mailto: fallback for clients without One-Click (goes to the sender's domain). */
export function unsubscribeMailto(recipient: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(config().mailFrom)?.[1] ?? 'samling.localhost'
  return `mailto:unsubscribe@${domain}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeToken(recipient)}`)}`
}

/** Whether the address has unsubscribed from notification mail. */
export async function isOptedOut(address: string): Promise<boolean> {
  const row = await db.mailOptOut.findUnique({ where: { emailNormalized: address.trim().toLowerCase() }, select: { emailNormalized: true } })
  return row !== null
}

/** Of these addresses, the ones that unsubscribed (the worker asks once per batch). */
export async function optedOutAmong(addresses: string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set()
  const rows = await db.mailOptOut.findMany({ where: { emailNormalized: { in: [...new Set(addresses)] } }, select: { emailNormalized: true } })
  return new Set(rows.map((row) => row.emailNormalized))
}

/**
 * Unsubscribes the token's address from notification mail. Returns the address, or null for a
 * tampered token (the page answers 404). Idempotent: a second call (a mail scanner, a double click,
 * the provider's one-click POST after the person's own) changes nothing.
 */
export async function unsubscribe(token: string): Promise<string | null> {
  const address = readUnsubscribeToken(token)
  if (!address) return null
  // ON CONFLICT DO NOTHING: two POSTs at the same instant both succeed.
  await db.mailOptOut.createMany({ data: [{ emailNormalized: address }], skipDuplicates: true })
  return address
}

/** Undoes unsubscribe (the page offers it right after). Idempotent; null for a tampered token. */
export async function resubscribe(token: string): Promise<string | null> {
  const address = readUnsubscribeToken(token)
  if (!address) return null
  await db.mailOptOut.deleteMany({ where: { emailNormalized: address } })
  return address
}
