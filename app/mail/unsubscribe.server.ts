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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A token for `recipient`: Samling-wide (notification mail, mail_opt_outs) or, with
 * `organizationId`, for that organization's bulk mailings only (organization_mail_opt_outs,
 * ADR 0027). The organization is part of what is signed, so a token cannot be moved to another one.
 */
export function unsubscribeToken(recipient: string, organizationId?: string): string {
  const address = recipient.trim().toLowerCase()
  const encoded = Buffer.from(address).toString('base64url')
  if (!organizationId) return `${encoded}${SEPARATOR}${sign(address)}`
  return `${encoded}${SEPARATOR}${organizationId}${SEPARATOR}${sign(`${organizationId}:${address}`)}`
}

/** What a token unsubscribes: an address, Samling-wide (organizationId null) or from one organization's mailings. */
export type UnsubscribeScope = { address: string; organizationId: string | null }

/** The address (and organization) a token was made for, or null when it was tampered with. */
export function readUnsubscribeScope(token: string): UnsubscribeScope | null {
  if (token.length > 1000) return null
  const parts = token.split(SEPARATOR)
  if (parts.length !== 2 && parts.length !== 3) return null
  const [encoded, ...rest] = parts
  const signature = rest.at(-1)!
  const organizationId = parts.length === 3 ? rest[0] : null
  if (!encoded || !signature || (organizationId !== null && !UUID.test(organizationId))) return null
  const address = Buffer.from(encoded, 'base64url').toString('utf8')
  const expected = Buffer.from(sign(organizationId ? `${organizationId}:${address}` : address))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? { address, organizationId } : null
}

/** The address a Samling-wide token was made for, or null when it was tampered with (or is an organization's). */
export function readUnsubscribeToken(token: string): string | null {
  const scope = readUnsubscribeScope(token)
  return scope && scope.organizationId === null ? scope.address : null
}

/** The page that unsubscribes `recipient` (from one organization's mailings, when given), in the language of the mail it is in. */
export function unsubscribeUrl(recipient: string, locale: Locale = 'sv', organizationId?: string): string {
  return `${config().appUrl}/unsubscribe/${unsubscribeToken(recipient, organizationId)}${locale === 'en' ? '?lang=en' : ''}`
}

/** mailto: fallback for clients without One-Click (goes to the sender's domain). */
export function unsubscribeMailto(recipient: string, organizationId?: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(config().mailFrom)?.[1] ?? 'samling.localhost'
  return `mailto:unsubscribe@${domain}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeToken(recipient, organizationId)}`)}`
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

/** Of these (organization, address) pairs, the ones whose address left that organization's mailings, as `<organizationId> <address>`. */
export async function organizationOptOutsAmong(pairs: Array<{ organizationId: string; address: string }>): Promise<Set<string>> {
  if (pairs.length === 0) return new Set()
  const rows = await db.organizationMailOptOut.findMany({
    where: { OR: pairs.map((pair) => ({ organizationId: pair.organizationId, emailNormalized: pair.address })) },
    select: { organizationId: true, emailNormalized: true },
  })
  return new Set(rows.map((row) => `${row.organizationId} ${row.emailNormalized}`))
}

/** Whether the token's address is unsubscribed in the token's scope. */
export async function isScopeOptedOut(scope: UnsubscribeScope): Promise<boolean> {
  if (!scope.organizationId) return isOptedOut(scope.address)
  const row = await db.organizationMailOptOut.findUnique({
    where: { organizationId_emailNormalized: { organizationId: scope.organizationId, emailNormalized: scope.address } },
    select: { emailNormalized: true },
  })
  return row !== null
}

/**
 * Unsubscribes the token's address: from notification mail (a Samling-wide token) or from that
 * organization's bulk mailings (an organization's token). Returns the scope, or null for a tampered
 * token (the page answers 404). Idempotent: a second call (a mail scanner, a double click, the
 * provider's one-click POST after the person's own) changes nothing.
 */
export async function unsubscribe(token: string): Promise<UnsubscribeScope | null> {
  const scope = readUnsubscribeScope(token)
  if (!scope) return null
  // ON CONFLICT DO NOTHING: two POSTs at the same instant both succeed.
  if (scope.organizationId) {
    await db.organizationMailOptOut.createMany({ data: [{ organizationId: scope.organizationId, emailNormalized: scope.address }], skipDuplicates: true })
  } else {
    await db.mailOptOut.createMany({ data: [{ emailNormalized: scope.address }], skipDuplicates: true })
  }
  return scope
}

/** Undoes unsubscribe (the page offers it right after). Idempotent; null for a tampered token. */
export async function resubscribe(token: string): Promise<UnsubscribeScope | null> {
  const scope = readUnsubscribeScope(token)
  if (!scope) return null
  if (scope.organizationId) await db.organizationMailOptOut.deleteMany({ where: { organizationId: scope.organizationId, emailNormalized: scope.address } })
  else await db.mailOptOut.deleteMany({ where: { emailNormalized: scope.address } })
  return scope
}

/** The name of the organization an organization's token is for (null when it no longer exists). */
export async function scopeOrganizationName(organizationId: string): Promise<string | null> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } })
  return organization?.name ?? null
}
