import { timingSafeEqual } from 'node:crypto'
import { deriveToken } from '../registrations/tokens.server.ts'

/**
 * The ticket an attendee shows at the door (ADR 0026): `<registration id>.<HMAC>`, where the HMAC is
 * deriveToken('check-in', id, tokenVersion), a purpose of its own, so it never opens the manage page
 * and a manage link never checks anyone in. It carries no name or address, only the registration's
 * random id; forging one needs SESSION_SECRET, and nothing about it is stored (the server recomputes
 * the HMAC from the row's id and tokenVersion). Bumping tokenVersion (a cancelled registration taken
 * up again) makes every earlier ticket invalid, like the manage link.
 *
 * The short code (8 characters, "K7QF-3MXD") is for the plain-text part of the mail and for a phone
 * with a broken camera: typed into the check-in page's search, it is matched against the codes of
 * the event's own registrations, so 40 bits are plenty (nobody can test codes offline).
 */
export type CheckInSubject = { id: string; tokenVersion: number }

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/
/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function checkInToken(registration: CheckInSubject): string {
  return `${registration.id}.${deriveToken('check-in', registration.id, registration.tokenVersion)}`
}

/** The registration id a token names, or null when it cannot be a ticket (no database read needed). */
export function checkInTokenId(token: string): string | null {
  return TOKEN.exec(token.trim())?.[1] ?? null
}

/** Whether `token` is the current ticket of `registration` (constant-time comparison of the HMAC). */
export function isCheckInTokenOf(token: string, registration: CheckInSubject): boolean {
  const match = TOKEN.exec(token.trim())
  if (!match || match[1] !== registration.id) return false
  const expected = Buffer.from(deriveToken('check-in', registration.id, registration.tokenVersion))
  const given = Buffer.from(match[2])
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The short code, "XXXX-XXXX" (40 bits of its own HMAC in Crockford base32). */
export function checkInCode(registration: CheckInSubject): string {
  const bytes = Buffer.from(deriveToken('check-in-code', registration.id, registration.tokenVersion), 'base64url')
  let bits = 0n
  for (const byte of bytes.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte)
  let code = ''
  for (let i = 7; i >= 0; i--) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)]
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/**
 * A typed code in canonical form ("k7qf 3mxd", "K7QF3MXD", "k7qf-3mxo" all give "K7QF-3MXD"), or null
 * when the text cannot be a code (then the search looks for a name or address instead).
 */
export function normalizeCheckInCode(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(compact)) return null
  return `${compact.slice(0, 4)}-${compact.slice(4)}`
}

/** Who gets a ticket: a confirmed place on site at an event that happens on site (not online-only, not cancelled). */
export function hasCheckInTicket(registration: { status: string; attendanceMode: string }, event: { format: string; status: string }): boolean {
  return registration.status === 'confirmed' && registration.attendanceMode === 'on_site' && event.format !== 'online' && event.status !== 'cancelled'
}

/** The ticket of a registration (token for the QR code, short code for typing), or null when it has none. */
export function checkInTicketFor(
  registration: CheckInSubject & { status: string; attendanceMode: string },
  event: { format: string; status: string },
): { token: string; code: string } | null {
  if (!hasCheckInTicket(registration, event)) return null
  return { token: checkInToken(registration), code: checkInCode(registration) }
}
