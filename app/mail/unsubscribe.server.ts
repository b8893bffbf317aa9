import { createHmac, timingSafeEqual } from 'node:crypto'
import { config } from '../env.server.ts'

/**
 * Unsubscribe links for notification mail (RFC 8058). The token is the recipient's address signed
 * with SESSION_SECRET, so it needs no table and cannot be guessed for someone else. The page that
 * honours it (/unsubscribe/<token>, GET shows a button, POST acts) belongs to another issue.
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
  const [encoded, signature] = token.split(SEPARATOR)
  if (!encoded || !signature) return null
  const address = Buffer.from(encoded, 'base64url').toString('utf8')
  const expected = Buffer.from(sign(address))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given) ? address : null
}

export function unsubscribeUrl(recipient: string): string {
  return `${config().appUrl}/unsubscribe/${unsubscribeToken(recipient)}`
}

/** mailto: fallback for clients without One-Click (goes to the sender's domain). */
export function unsubscribeMailto(recipient: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(config().mailFrom)?.[1] ?? 'samling.localhost'
  return `mailto:unsubscribe@${domain}?subject=${encodeURIComponent(`unsubscribe ${unsubscribeToken(recipient)}`)}`
}
