import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { normalizeEmail } from '../accounts/sign-in.server.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { eventLocation } from '../calendar/entries.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import type { Locale } from '../i18n/index.ts'
import { pick } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { wakeMailWorker } from '../mail/worker.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { hashToken, inviteToken, inviteUrl, isTokenShaped } from './tokens.server.ts'

/**
 * The guest list of an invite-only event (Co-Days): organizers paste or upload invitees, each gets
 * a personal link by mail, and only those links can register (the public registration asks
 * findInviteByToken). An invite's token is derived from its id (tokens.server.ts), so the row is
 * created with an id chosen here and the same link can be mailed again without changing it.
 */

/** The most invitees one paste or file may hold; a bigger guest list is sent in parts. */
export const MAX_INVITEES = 1000
/** The longest pasted list (characters) and uploaded file (bytes) we read; shown on the form. */
export const MAX_LIST_CHARS = 200_000
export const MAX_UPLOAD_BYTES = 256 * 1024

const NAME_MAX = 200
const AddressSchema = z.string().max(254).pipe(z.email())
// eslint-disable-next-line no-control-regex -- a control character (NUL, from a binary file) makes the line unreadable
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

export type ParsedInvitee = { line: number; name: string; email: string; emailNormalized: string }
export type InviteLineProblem = { line: number; text: string }
export type ParsedInviteList = {
  invitees: ParsedInvitee[]
  /** Lines that name no address we can use, with their 1-based number. */
  invalid: InviteLineProblem[]
  /** Lines whose address appeared earlier in the same list (skipped). */
  duplicates: number
}

function unquote(text: string): string {
  return text
    .trim()
    .replace(/^["'”“]+|["'”“]+$/g, '')
    .trim()
}

function isAddress(text: string): boolean {
  return AddressSchema.safeParse(text).success
}

/** A first line such as "Namn;E-post" or "name,email" from a spreadsheet export. */
function isHeader(text: string): boolean {
  return !text.includes('@') && /^(namn|name|förnamn|e-?post|e-?mail|mail|adress)\b/i.test(text)
}

/** One line: "Namn <e-post>", "e-post", or "Namn;e-post" (also comma or tab, in either order). Null when no address is found. */
function parseLine(text: string): { name: string; email: string } | null {
  if (CONTROL.test(text)) return null
  const angle = /^(.*)<([^<>]+)>\s*[,;]?$/.exec(text)
  if (angle) {
    const email = angle[2].trim()
    return isAddress(email) ? { name: unquote(angle[1]), email } : null
  }
  const parts = text
    .split(/[;\t,]/)
    .map(unquote)
    .filter((part) => part !== '')
  const emailIndex = parts.findIndex(isAddress)
  if (emailIndex < 0) return null
  // Anything else on the line that is not an address is the name (a CSV with "Förnamn,Efternamn,E-post" keeps both).
  const name = parts.filter((part, i) => i !== emailIndex && !part.includes('@')).join(' ')
  return { name, email: parts[emailIndex] }
}

/**
 * Reads a pasted or uploaded guest list, one invitee per line. Blank lines, lines starting with #
 * and a header line are skipped; a repeated address (case and spaces ignored) is kept once. Never
 * throws: lines it cannot read are returned with their numbers, so the form can name them.
 */
export function parseInviteList(text: string): ParsedInviteList {
  const invitees: ParsedInvitee[] = []
  const invalid: InviteLineProblem[] = []
  const seen = new Set<string>()
  let duplicates = 0
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  lines.forEach((raw, index) => {
    const line = index + 1
    const text = raw.trim()
    if (text === '' || text.startsWith('#')) return
    if (invitees.length === 0 && invalid.length === 0 && isHeader(text)) return
    const parsed = parseLine(text)
    if (!parsed || parsed.name.length > NAME_MAX) {
      invalid.push({ line, text: text.length > 80 ? `${text.slice(0, 79)}…` : text })
      return
    }
    const emailNormalized = normalizeEmail(parsed.email)
    if (seen.has(emailNormalized)) {
      duplicates += 1
      return
    }
    seen.add(emailNormalized)
    invitees.push({ line, name: parsed.name, email: parsed.email, emailNormalized })
  })
  return { invitees, invalid, duplicates }
}

/** Some lines of a guest list could not be read: a 400 on the list field that names them. */
export class InvalidInviteListError extends DomainError {
  constructor(readonly problems: InviteLineProblem[]) {
    const shown = problems
      .slice(0, 10)
      .map((problem) => `${problem.line} (”${problem.text}”)`)
      .join(', ')
    super('organizer.invites.invalidLines', 400, { lines: problems.length > 10 ? `${shown} …` : shown, count: problems.length }, 'list')
  }
}

type InvitableEvent = Awaited<ReturnType<typeof findManagedEvent>>

async function findManagedEvent(tx: Tx, access: Access, eventId: string) {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
  const event = await tx.event.findFirst({ where: { id: eventId, organizationId: access.organization.id } })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

function inviteLocale(locale: string): Locale {
  return locale === 'en' ? 'en' : 'sv'
}

/** The event's place as mail shows it (eventLocation), cut to a mail line's 300 characters: a long venue name and address together may be longer. */
function placeOf(event: InvitableEvent, locale: Locale): string {
  const place = eventLocation(event, locale)
  return place.length > 300 ? `${place.slice(0, 299)}…` : place
}

async function mailInvite(tx: Tx, access: Access, event: InvitableEvent, invite: { id: string; name: string; email: string; locale: string }, replyTo: string) {
  const locale = inviteLocale(invite.locale)
  await enqueueMail(tx, {
    template: 'registration-invite',
    to: invite.email,
    locale,
    organizationId: access.organization.id,
    eventId: event.id,
    payload: {
      inviteeName: invite.name,
      organizationName: access.organization.name,
      eventTitle: pick(event, 'title', locale),
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      place: placeOf(event, locale),
      url: inviteUrl(event.slug, inviteToken(invite), locale),
      replyTo,
    },
  })
}

export type InviteGuestsInput = {
  access: Access
  eventId: string
  /** The pasted list and/or the uploaded file's text. */
  list: string
  /** The language of the invitation mail. */
  locale: Locale
  /** The organizer's address, for Reply-To. */
  replyTo: string
}

/**
 * Organizers and owners. Adds everyone on the list who is not invited yet and mails each a personal
 * link (`registration-invite`, in `locale`), all in one transaction with one audit entry. Throws
 * InvalidInviteListError (400, naming the lines) when any line is unreadable, so nothing is half
 * added; DomainError 409 when the event is not invite-only, 400 when the list is empty or too long.
 * Repeating it is safe: addresses already on the list are skipped (and not mailed again).
 */
export async function inviteGuests(input: InviteGuestsInput) {
  const parsed = parseInviteList(input.list)
  if (parsed.invalid.length) throw new InvalidInviteListError(parsed.invalid)
  if (parsed.invitees.length === 0) throw new DomainError('organizer.invites.empty', 400, {}, 'list')
  if (parsed.invitees.length > MAX_INVITEES) throw new DomainError('organizer.invites.tooMany', 400, { max: MAX_INVITEES }, 'list')
  const result = await db.$transaction(async (tx) => {
    const event = await findManagedEvent(tx, input.access, input.eventId)
    if (event.registrationMode !== 'invite_only') throw new DomainError('organizer.invites.notInviteOnly', 409)
    const existing = await tx.registrationInvite.findMany({
      where: { eventId: event.id, emailNormalized: { in: parsed.invitees.map((invitee) => invitee.emailNormalized) } },
      select: { emailNormalized: true },
    })
    const known = new Set(existing.map((row) => row.emailNormalized))
    const fresh = parsed.invitees.filter((invitee) => !known.has(invitee.emailNormalized))
    const rows = fresh.map((invitee) => {
      // The token is derived from the id, so the id is chosen before the row exists.
      const id = randomUUID()
      return {
        id,
        eventId: event.id,
        name: invitee.name,
        email: invitee.email,
        emailNormalized: invitee.emailNormalized,
        locale: input.locale,
        tokenHash: hashToken(inviteToken({ id })),
      }
    })
    if (rows.length) await tx.registrationInvite.createMany({ data: rows })
    for (const row of rows) await mailInvite(tx, input.access, event, row, input.replyTo)
    if (rows.length) {
      await recordAudit(tx, {
        organizationId: input.access.organization.id,
        actorId: input.access.personId,
        action: 'invite.added',
        entityType: 'event',
        entityId: event.id,
        data: { count: rows.length },
      })
    }
    return { added: rows.length, alreadyInvited: parsed.invitees.length - rows.length, duplicates: parsed.duplicates }
  })
  if (result.added) wakeMailWorker()
  return result
}

export type InviteStatus = 'pending' | 'registered' | 'revoked'

/** Viewers and up. The guest list by name, with each invite's status; another organization's event is a 404. */
export async function listInvites(input: { access: Access; eventId: string }) {
  const event = await db.event.findFirst({ where: { id: input.eventId, organizationId: input.access.organization.id }, select: { id: true } })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const invites = await db.registrationInvite.findMany({
    where: { eventId: event.id },
    orderBy: [{ name: 'asc' }, { emailNormalized: 'asc' }],
    select: { id: true, name: true, email: true, locale: true, createdAt: true, revokedAt: true, registration: { select: { status: true } } },
  })
  return invites.map((invite) => ({
    id: invite.id,
    name: invite.name,
    email: invite.email,
    locale: invite.locale,
    createdAt: invite.createdAt,
    status: (invite.revokedAt ? 'revoked' : invite.registration && invite.registration.status !== 'cancelled' ? 'registered' : 'pending') as InviteStatus,
  }))
}

async function findInvite(tx: Tx, eventId: string, inviteId: string) {
  const invite = await tx.registrationInvite.findFirst({ where: { id: inviteId, eventId }, include: { registration: { select: { id: true } } } })
  if (!invite) throw new NotFoundError()
  return invite
}

/**
 * Organizers and owners. The link stops working (a registration already made with it stays; cancel
 * that separately). Repeating it is safe: a revoked invite stays revoked, with its first date.
 */
export async function revokeInvite(input: { access: Access; eventId: string; inviteId: string }) {
  await db.$transaction(async (tx) => {
    const event = await findManagedEvent(tx, input.access, input.eventId)
    const invite = await findInvite(tx, event.id, input.inviteId)
    if (invite.revokedAt) return
    await tx.registrationInvite.update({ where: { id: invite.id }, data: { revokedAt: new Date() } })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'invite.revoked',
      entityType: 'registrationInvite',
      entityId: invite.id,
      data: { email: invite.emailNormalized },
    })
  })
}

/**
 * Organizers and owners. Mails the same personal link again (it does not change). Throws 409 for a
 * revoked invite or one already used to register. Each call is one more mail.
 */
export async function resendInvite(input: { access: Access; eventId: string; inviteId: string; replyTo: string }) {
  await db.$transaction(async (tx) => {
    const event = await findManagedEvent(tx, input.access, input.eventId)
    const invite = await findInvite(tx, event.id, input.inviteId)
    if (invite.revokedAt) throw new DomainError('organizer.invites.resendRevoked', 409)
    if (invite.registration) throw new DomainError('organizer.invites.resendRegistered', 409)
    await mailInvite(tx, input.access, event, invite, input.replyTo)
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'invite.resent',
      entityType: 'registrationInvite',
      entityId: invite.id,
      data: { email: invite.emailNormalized },
    })
  })
  wakeMailWorker()
}

/**
 * The invite a personal link stands for, if it belongs to this event and is not revoked; else null
 * (a malformed token is null without a query). For the public registration of invite-only events.
 * It does not say whether the invite was used already: the registration's own uniqueness does.
 */
export async function findInviteByToken(input: { eventId: string; token: string }) {
  if (!isTokenShaped(input.token)) return null
  const invite = await db.registrationInvite.findUnique({ where: { tokenHash: hashToken(input.token) } })
  if (!invite || invite.eventId !== input.eventId || invite.revokedAt) return null
  return invite
}
