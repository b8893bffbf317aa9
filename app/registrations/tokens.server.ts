import { createHash, createHmac } from 'node:crypto'
import { config } from '../env.server.ts'
import { localePath, type Locale } from '../i18n/index.ts'

/**
 * Personal links of attendees: the manage link of a registration and the invitation link of an
 * invite-only event. A token is derived from the row's id with SESSION_SECRET (HMAC-SHA256, 256 bits,
 * base64url), and only its SHA-256 is stored, so a reader of the database cannot act as anyone, while
 * Samling can mail the same link again ("du är redan anmäld") without invalidating the one the person
 * already has. Bumping `tokenVersion` revokes every link sent so far. docs/decisions/0013-personal-links.md
 */
/**
 * 'speaker-invitation': an invitation to speak (app/speakers/invitations.server.ts); 'proposal': a proposer's page (app/proposals/);
 * 'panel': the audience questions' screen on stage (app/audience-questions/, ADR 0029);
 * 'check-in' and 'check-in-code': the QR code and the short code shown at the door (app/check-in/tokens.server.ts).
 */
export type TokenPurpose = 'manage' | 'invite' | 'calendar' | 'speaker-invitation' | 'proposal' | 'panel' | 'check-in' | 'check-in-code'

export function deriveToken(purpose: TokenPurpose, id: string, version = 0): string {
  return createHmac('sha256', config().sessionSecret).update(`${purpose}:${id}:${version}`).digest('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A well-formed token (43 base64url characters); anything else is a 404 without a query. */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}

export function manageToken(registration: { id: string; tokenVersion: number }): string {
  return deriveToken('manage', registration.id, registration.tokenVersion)
}

export function manageTokenHash(registration: { id: string; tokenVersion: number }): string {
  return hashToken(manageToken(registration))
}

export function inviteToken(invite: { id: string }): string {
  return deriveToken('invite', invite.id)
}

function appUrl(): string {
  return config().appUrl.replace(/\/$/, '')
}

/** The attendee's own page: /registrations/<token> (Swedish) or /en/registrations/<token>. */
export function manageUrl(token: string, locale: Locale): string {
  return `${appUrl()}${localePath(locale, `/registrations/${token}`)}`
}

/** The personal registration link of an invite-only event: /events/<slug>/register?invite=<token>. */
export function inviteUrl(eventSlug: string, token: string, locale: Locale): string {
  return `${appUrl()}${localePath(locale, `/events/${eventSlug}/register`)}?invite=${token}`
}
