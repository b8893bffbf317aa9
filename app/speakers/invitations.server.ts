import { randomUUID } from 'node:crypto'
import { normalizeEmail } from '../accounts/sign-in.server.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import type { InvitationStatus, SpeakerRole } from '../generated/prisma/enums.ts'
import { localePath, pick, type Locale } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { wakeMailWorker } from '../mail/worker.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { deriveToken, hashToken, isTokenShaped } from '../registrations/tokens.server.ts'
import { assertOrganizationSpeakers, listOrganizationSpeakers, speakerProfileFor } from './profiles.server.ts'
import { mailAcceptance } from './session-mail.server.ts'

/**
 * Invitations to speak (issue 10, docs/decisions/0020-speaker-invitations.md). An organizer invites
 * one or several people to programme items of an event with a role; each gets a personal link
 * (/invitations/<token>) by mail. The states:
 *
 *   sent → viewed → accepted | declined | revoked, and sent/viewed → expired once the answer-by date
 *   has passed (computed from `expiresAt` against the `now` a caller passes, so no job has to run
 *   for an invitation to stop working; tests pin the clock).
 *
 * The token is derived from the row's id with SESSION_SECRET (purpose 'speaker-invitation', 256
 * bits) and only its SHA-256 is stored, like the manage links of registrations, so the same link
 * can be mailed again and a reader of the database cannot answer for anyone.
 */

/** The most people one invite form may name. */
export const MAX_INVITEES = 50
export const MESSAGE_MAX = 4000
export const REASON_MAX = 2000

export type InvitationState = InvitationStatus

export type Invitee = { speakerId: string } | { name: string; email: string }

type Clock = { now?: Date }

/** Still open for an answer: sent or viewed, with the answer-by date not passed. */
const OPEN: InvitationStatus[] = ['sent', 'viewed']

/** The status a person sees: an open invitation past its answer-by date is expired, whatever the row says. */
export function effectiveStatus(invitation: { status: InvitationStatus; expiresAt: Date }, now: Date = new Date()): InvitationState {
  if (OPEN.includes(invitation.status) && invitation.expiresAt.getTime() <= now.getTime()) return 'expired'
  return invitation.status
}

export function invitationToken(invitation: { id: string }): string {
  return deriveToken('speaker-invitation', invitation.id)
}

/** The speaker's page: /invitations/<token> (Swedish) or /en/invitations/<token>. */
export function invitationUrl(token: string, locale: Locale): string {
  return `${config().appUrl.replace(/\/$/, '')}${localePath(locale, `/invitations/${token}`)}`
}

async function findManagedEvent(tx: Tx, access: Access, eventId: string) {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
  const event = await tx.event.findFirst({ where: { id: eventId, organizationId: access.organization.id } })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

type ManagedEvent = Awaited<ReturnType<typeof findManagedEvent>>
type MailItem = { titleSv: string; titleEn: string; startsAt: Date; endsAt: Date }

async function mailInvitation(
  tx: Tx,
  input: {
    access: Access
    event: ManagedEvent
    invitation: { id: string; name: string; email: string; locale: Locale; role: SpeakerRole; message: string; expiresAt: Date }
    items: MailItem[]
    replyTo?: string
    dedupKey: string
  },
) {
  const { invitation, event } = input
  const locale = invitation.locale
  await enqueueMail(tx, {
    template: 'speaker-invitation',
    to: invitation.email,
    locale,
    organizationId: input.access.organization.id,
    eventId: event.id,
    dedupKey: input.dedupKey,
    payload: {
      inviteeName: invitation.name,
      organizationName: input.access.organization.name,
      eventTitle: pick(event, 'title', locale),
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      role: invitation.role,
      sessions: input.items.map((item) => ({ title: pick(item, 'title', locale), startsAt: item.startsAt, endsAt: item.endsAt })),
      message: invitation.message,
      answerBy: invitation.expiresAt,
      url: invitationUrl(invitationToken(invitation), locale),
      ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    },
  })
}

export type CreateInvitationsInput = {
  access: Access
  eventId: string
  invitees: Invitee[]
  role: SpeakerRole
  /** Programme items of this event; an invitation may cover several (or none: the event as a whole). */
  itemIds: string[]
  message: string
  /** The answer-by date; after it the invitation is expired. */
  answerBy: Date
  /** The language of the invitation mail and page. */
  locale: Locale
  /** The organizer's address, for Reply-To. */
  replyTo?: string
} & Clock

/**
 * Organizers and owners. One invitation per person (an existing speaker profile of the organization
 * or a name and e-mail), each mailed its personal link ('speaker-invitation', once: dedupKey), with
 * one audit entry each, all in one transaction. Throws 403 for viewers, 404 for another
 * organization's event, 400 (with the field) for an item of another event, a profile the
 * organization does not have or one without an address, or an answer-by date not in the future.
 * Someone who already has an open invitation (sent or viewed, before its answer-by date) to the
 * event is a 409 on the e-mail field: resend that one instead of mailing a second link.
 */
export async function createInvitations(input: CreateInvitationsInput) {
  const now = input.now ?? new Date()
  if (input.invitees.length === 0) throw new DomainError('speakers.console.noInvitees', 400, {}, 'email')
  if (input.invitees.length > MAX_INVITEES) throw new DomainError('speakers.console.tooMany', 400, { max: MAX_INVITEES }, 'email')
  if (input.answerBy.getTime() <= now.getTime()) throw new DomainError('speakers.console.answerByPast', 400, {}, 'answerBy')
  const itemIds = [...new Set(input.itemIds)]
  const created = await db.$transaction(async (tx) => {
    const event = await findManagedEvent(tx, input.access, input.eventId)
    const items = await tx.programmeItem.findMany({ where: { id: { in: itemIds }, eventId: event.id }, orderBy: { startsAt: 'asc' } })
    if (items.length !== itemIds.length) throw new DomainError('speakers.console.itemNotFound', 400, {}, 'items')
    const speakerIds = input.invitees.flatMap((invitee) => ('speakerId' in invitee ? [invitee.speakerId] : []))
    await assertOrganizationSpeakers(tx, input.access.organization.id, speakerIds)
    const profiles = await tx.speakerProfile.findMany({ where: { id: { in: speakerIds } }, include: { person: { select: { email: true } } } })
    const ids: string[] = []
    for (const invitee of input.invitees) {
      const profile = 'speakerId' in invitee ? profiles.find((p) => p.id === invitee.speakerId) : undefined
      const email = profile ? profile.person?.email : 'email' in invitee ? invitee.email.trim() : undefined
      if (!email) throw new DomainError('speakers.console.profileWithoutEmail', 400, { name: profile?.name ?? '' }, 'speakers')
      const name = profile ? profile.name : 'name' in invitee ? invitee.name.trim() : ''
      const open = await tx.speakerInvitation.findFirst({
        where: { eventId: event.id, email: { equals: email, mode: 'insensitive' }, status: { in: ['sent', 'viewed'] }, expiresAt: { gt: now } },
        select: { id: true },
      })
      if (open) throw new DomainError('speakers.console.alreadyInvited', 409, { name: name || email }, profile ? 'speakerId' : 'email')
      // The token is derived from the id, so the id is chosen before the row exists.
      const id = randomUUID()
      const invitation = await tx.speakerInvitation.create({
        data: {
          id,
          eventId: event.id,
          speakerId: profile?.id ?? null,
          email,
          name,
          role: input.role,
          message: input.message.trim(),
          tokenHash: hashToken(invitationToken({ id })),
          locale: input.locale,
          expiresAt: input.answerBy,
          invitedById: input.access.personId,
          items: { create: items.map((item) => ({ itemId: item.id })) },
        },
      })
      await mailInvitation(tx, {
        access: input.access,
        event,
        invitation: { ...invitation, locale: input.locale },
        items,
        replyTo: input.replyTo,
        dedupKey: `speaker-invitation:${id}`,
      })
      await recordAudit(tx, {
        organizationId: input.access.organization.id,
        actorId: input.access.personId,
        action: 'speakerInvitation.sent',
        entityType: 'speakerInvitation',
        entityId: id,
        data: { eventId: event.id, email: normalizeEmail(email), role: input.role, items: items.length },
      })
      ids.push(id)
    }
    return ids
  })
  wakeMailWorker()
  return { created: created.length, ids: created }
}

export type InvitationView = NonNullable<Awaited<ReturnType<typeof findInvitationByToken>>>

/**
 * What the speaker's page shows for a personal link, with the status as of `now` (expired once the
 * answer-by date passed); null for an unknown or malformed token (no query for a malformed one).
 * Reads only.
 */
export async function findInvitationByToken(input: { token: string } & Clock) {
  if (!isTokenShaped(input.token)) return null
  const invitation = await db.speakerInvitation.findUnique({
    where: { tokenHash: hashToken(input.token) },
    include: {
      event: { include: { organization: { select: { name: true } } } },
      items: { include: { item: { include: { room: { select: { name: true } } } } } },
    },
  })
  if (!invitation) return null
  const items = invitation.items
    .map(({ item }) => ({
      id: item.id,
      titleSv: item.titleSv,
      titleEn: item.titleEn,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      room: item.room?.name ?? null,
    }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
  return {
    id: invitation.id,
    status: effectiveStatus(invitation, input.now),
    name: invitation.name,
    role: invitation.role,
    message: invitation.message,
    locale: invitation.locale,
    answerBy: invitation.expiresAt,
    respondedAt: invitation.respondedAt,
    event: {
      titleSv: invitation.event.titleSv,
      titleEn: invitation.event.titleEn,
      slug: invitation.event.slug,
      startsAt: invitation.event.startsAt,
      endsAt: invitation.event.endsAt,
      organizationName: invitation.event.organization.name,
    },
    items,
  }
}

/**
 * Opening the page: a sent invitation becomes viewed (with the time); any other state, an expired
 * one or an unknown token changes nothing. Safe to repeat: the first view's time stays.
 */
export async function markViewed(input: { token: string } & Clock): Promise<void> {
  if (!isTokenShaped(input.token)) return
  const now = input.now ?? new Date()
  await db.speakerInvitation.updateMany({
    where: { tokenHash: hashToken(input.token), status: 'sent', expiresAt: { gt: now } },
    data: { status: 'viewed', viewedAt: now },
  })
}

/** The invitation of a token, locked for the rest of the transaction (two answers at once are served one after the other). */
async function lockByToken(tx: Tx, token: string) {
  if (!isTokenShaped(token)) throw new NotFoundError('speakers.invitation.notFound')
  const tokenHash = hashToken(token)
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM speaker_invitations WHERE token_hash = ${tokenHash} FOR UPDATE`
  if (rows.length === 0) throw new NotFoundError('speakers.invitation.notFound')
  return tx.speakerInvitation.findUniqueOrThrow({
    where: { id: rows[0].id },
    include: {
      items: { select: { itemId: true } },
      event: NOTICE_EVENT,
    },
  })
}

type Locked = Awaited<ReturnType<typeof lockByToken>>

/** What notifyOrganizers reads of an invitation's event. */
export const NOTICE_EVENT = { select: { id: true, organizationId: true, titleSv: true, titleEn: true, organization: { select: { slug: true } } } } as const

function consoleUrl(path: string, locale: Locale): string {
  return `${config().appUrl.replace(/\/$/, '')}${path}${locale === 'en' ? '?lang=en' : ''}`
}

/**
 * Tells the organization's organizers and owners about an answer, or that the answer-by date passed
 * unanswered ('expired', from the scheduled job), at once ('speaker-answer', a notification): those
 * who chose 'immediate' for speaker answers (Membership.speakerAnswerMail; 'daily' ones read it in
 * the next digest, 'off' ones nowhere). Once per invitation and member (dedupKey; an expiry once
 * per answer-by date, since moving the date forward reopens the invitation).
 */
export async function notifyOrganizers(
  tx: Tx,
  invitation: Pick<Locked, 'id' | 'name' | 'email' | 'expiresAt' | 'event'>,
  answer: { answer: 'accepted' } | { answer: 'expired' } | { answer: 'declined'; reason: string | null; suggestion?: { name: string; email: string } },
) {
  const { event } = invitation
  const members = await tx.membership.findMany({
    where: { organizationId: event.organizationId, role: { in: ['owner', 'organizer'] }, speakerAnswerMail: 'immediate' },
    include: { person: { select: { id: true, email: true, locale: true } } },
    orderBy: { createdAt: 'asc' },
  })
  for (const { person } of members) {
    await enqueueMail(tx, {
      template: 'speaker-answer',
      to: person.email,
      locale: person.locale,
      organizationId: event.organizationId,
      eventId: event.id,
      dedupKey:
        answer.answer === 'expired'
          ? `speaker-answer:${invitation.id}:expired:${invitation.expiresAt.toISOString()}:${person.id}`
          : `speaker-answer:${invitation.id}:${person.id}`,
      payload: {
        eventTitle: pick(event, 'title', person.locale),
        speakerName: invitation.name || invitation.email,
        answer: answer.answer,
        ...(answer.answer === 'declined' && answer.reason ? { reason: answer.reason } : {}),
        ...(answer.answer === 'declined' && answer.suggestion ? { suggestion: answer.suggestion } : {}),
        url: consoleUrl(`/organizer/${event.organization.slug}/events/${event.id}/speakers`, person.locale),
        settingsUrl: `${consoleUrl(`/organizer/${event.organization.slug}/members`, person.locale)}#notifications`,
      },
    })
  }
  return members.length
}

/** The error for answering an invitation that can no longer be answered that way. */
function closedError(status: InvitationState): DomainError {
  if (status === 'revoked') return new DomainError('speakers.invitation.revokedError', 410)
  if (status === 'expired') return new DomainError('speakers.invitation.expiredError', 410)
  if (status === 'accepted') return new DomainError('speakers.invitation.alreadyAccepted', 409)
  return new DomainError('speakers.invitation.alreadyDeclined', 409)
}

/**
 * The speaker says yes. Creates or links their speaker profile (through the Person of the invited
 * address) and puts them on each invited programme item with the invitation's role. Idempotent: a
 * second accept changes nothing and answers `{ alreadyAccepted: true }`. The organizers hear of it
 * at once ('speaker-answer'). Throws NotFoundError for
 * an unknown token, 410 for a revoked or expired invitation, 409 for a declined one.
 */
export async function acceptInvitation(input: { token: string } & Clock) {
  const now = input.now ?? new Date()
  let wake = false
  const result = await db.$transaction(async (tx) => {
    const invitation = await lockByToken(tx, input.token)
    const status = effectiveStatus(invitation, now)
    if (status === 'accepted') return { alreadyAccepted: true, speakerId: invitation.speakerId, personId: null }
    if (!OPEN.includes(status)) throw closedError(status)
    const { speakerId, personId } = await speakerProfileFor(tx, {
      email: invitation.email,
      name: invitation.name,
      locale: invitation.locale,
      preferredId: invitation.speakerId,
    })
    for (const { itemId } of invitation.items) {
      await tx.programmeRole.upsert({
        where: { itemId_speakerId: { itemId, speakerId } },
        create: { itemId, speakerId, role: invitation.role },
        update: { role: invitation.role },
      })
    }
    await tx.speakerInvitation.update({ where: { id: invitation.id }, data: { status: 'accepted', respondedAt: now, speakerId } })
    await recordAudit(tx, {
      organizationId: invitation.event.organizationId,
      actorId: null,
      action: 'speakerInvitation.accepted',
      entityType: 'speakerInvitation',
      entityId: invitation.id,
      data: { eventId: invitation.event.id, items: invitation.items.length },
    })
    await mailAcceptance(tx, { invitationId: invitation.id })
    wake = true
    await notifyOrganizers(tx, invitation, { answer: 'accepted' })
    return { alreadyAccepted: false, speakerId, personId }
  })
  if (wake) wakeMailWorker()
  return result
}

export type DeclineInput = {
  token: string
  reason?: string
  /** Someone else the speaker suggests (both or neither). */
  suggestion?: { name: string; email: string }
} & Clock

/**
 * The speaker says no, with an optional reason and an optional suggestion of someone else. Repeating
 * it is safe (the first answer stays). The organizers hear of it at once, with the reason and
 * the suggestion. Throws NotFoundError for an unknown token, 410 for a revoked
 * or expired invitation, 409 for an accepted one.
 */
export async function declineInvitation(input: DeclineInput) {
  const now = input.now ?? new Date()
  let wake = false
  const result = await db.$transaction(async (tx) => {
    const invitation = await lockByToken(tx, input.token)
    const status = effectiveStatus(invitation, now)
    if (status === 'declined') return { alreadyDeclined: true }
    if (!OPEN.includes(status)) throw closedError(status)
    const reason = input.reason?.trim().slice(0, REASON_MAX) || null
    const suggestion =
      input.suggestion?.name.trim() && input.suggestion.email.trim() ? { name: input.suggestion.name.trim(), email: input.suggestion.email.trim() } : undefined
    await tx.speakerInvitation.update({
      where: { id: invitation.id },
      data: {
        status: 'declined',
        respondedAt: now,
        declineReason: reason,
        suggestedName: suggestion?.name ?? null,
        suggestedEmail: suggestion?.email ?? null,
      },
    })
    await recordAudit(tx, {
      organizationId: invitation.event.organizationId,
      actorId: null,
      action: 'speakerInvitation.declined',
      entityType: 'speakerInvitation',
      entityId: invitation.id,
      data: { eventId: invitation.event.id, hasReason: reason !== null, hasSuggestion: Boolean(suggestion) },
    })
    if (await notifyOrganizers(tx, invitation, { answer: 'declined', reason, suggestion })) wake = true
    return { alreadyDeclined: false }
  })
  if (wake) wakeMailWorker()
  return result
}

async function findManagedInvitation(tx: Tx, access: Access, eventId: string, invitationId: string) {
  const event = await findManagedEvent(tx, access, eventId)
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM speaker_invitations WHERE id = ${invitationId}::uuid AND event_id = ${event.id}::uuid FOR UPDATE`
  if (rows.length === 0) throw new NotFoundError('speakers.invitation.notFound')
  const invitation = await tx.speakerInvitation.findUniqueOrThrow({
    where: { id: rows[0].id },
    include: { items: { include: { item: true }, orderBy: { item: { startsAt: 'asc' } } } },
  })
  return { event, invitation }
}

/**
 * Organizers and owners. The link stops working. Refused with 409 once the speaker accepted (take
 * them off the programme instead). Repeating it is safe: a revoked invitation stays revoked.
 */
export async function revokeInvitation(input: { access: Access; eventId: string; invitationId: string } & Clock) {
  const now = input.now ?? new Date()
  await db.$transaction(async (tx) => {
    const { invitation } = await findManagedInvitation(tx, input.access, input.eventId, input.invitationId)
    if (invitation.status === 'revoked') return
    if (invitation.status === 'accepted') throw new DomainError('speakers.invitation.revokeAccepted', 409)
    await tx.speakerInvitation.update({ where: { id: invitation.id }, data: { status: 'revoked', revokedAt: now } })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'speakerInvitation.revoked',
      entityType: 'speakerInvitation',
      entityId: invitation.id,
      data: { email: normalizeEmail(invitation.email) },
    })
  })
}

/**
 * Organizers and owners. Mails the same personal link again (it does not change). Throws 409 unless
 * the invitation is still open (sent or viewed, before its answer-by date). Each call is one more mail.
 */
export async function resendInvitation(input: { access: Access; eventId: string; invitationId: string; replyTo?: string } & Clock) {
  const now = input.now ?? new Date()
  await db.$transaction(async (tx) => {
    const { event, invitation } = await findManagedInvitation(tx, input.access, input.eventId, input.invitationId)
    if (!OPEN.includes(effectiveStatus(invitation, now))) throw new DomainError('speakers.console.resendClosed', 409)
    await mailInvitation(tx, {
      access: input.access,
      event,
      invitation,
      items: invitation.items.map(({ item }) => item),
      replyTo: input.replyTo,
      dedupKey: `speaker-invitation:${invitation.id}:${now.getTime()}`,
    })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'speakerInvitation.resent',
      entityType: 'speakerInvitation',
      entityId: invitation.id,
      data: { email: normalizeEmail(invitation.email) },
    })
  })
  wakeMailWorker()
}

/**
 * Organizers and owners. Moves an invitation's answer-by date (earlier or later). An expired one
 * (by the date or marked by the job) is reopened: sent again, or viewed if the speaker had opened
 * it, with reminder_sent_at cleared so it gets one reminder before the new date. Throws 409
 * ('speakers.console.deadlineClosed') for an accepted, declined or revoked invitation, 400 (field
 * answerBy) for a date not in the future, 404 for another event's invitation. Audited; no mail.
 */
export async function changeAnswerBy(input: { access: Access; eventId: string; invitationId: string; answerBy: Date } & Clock) {
  const now = input.now ?? new Date()
  await db.$transaction(async (tx) => {
    const { invitation } = await findManagedInvitation(tx, input.access, input.eventId, input.invitationId)
    const status = effectiveStatus(invitation, now)
    if (status !== 'expired' && !OPEN.includes(status)) throw new DomainError('speakers.console.deadlineClosed', 409)
    if (input.answerBy.getTime() <= now.getTime()) throw new DomainError('speakers.console.answerByPast', 400, {}, 'answerBy')
    const reopened = status === 'expired'
    await tx.speakerInvitation.update({
      where: { id: invitation.id },
      data: {
        expiresAt: input.answerBy,
        ...(reopened ? { status: invitation.viewedAt ? 'viewed' : 'sent', expiredAt: null, reminderSentAt: null } : {}),
      },
    })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'speakerInvitation.deadlineChanged',
      entityType: 'speakerInvitation',
      entityId: invitation.id,
      data: { from: invitation.expiresAt.toISOString(), to: input.answerBy.toISOString(), reopened },
    })
  })
}

/** Viewers and up. The event's invitations, newest first, with the status as of `now`; another organization's event is a 404. */
export async function listInvitations(input: { access: Access; eventId: string } & Clock) {
  const event = await db.event.findFirst({ where: { id: input.eventId, organizationId: input.access.organization.id }, select: { id: true } })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const rows = await db.speakerInvitation.findMany({
    where: { eventId: event.id },
    orderBy: [{ createdAt: 'desc' }, { name: 'asc' }],
    include: { items: { include: { item: { select: { id: true, titleSv: true, titleEn: true, startsAt: true } } } } },
    take: 1000,
  })
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: effectiveStatus(row, input.now),
    answerBy: row.expiresAt,
    viewedAt: row.viewedAt,
    respondedAt: row.respondedAt,
    declineReason: row.declineReason,
    suggestedName: row.suggestedName,
    suggestedEmail: row.suggestedEmail,
    items: row.items.map(({ item }) => item).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()),
  }))
}

/** Viewers and up. What the invite form offers: the event's programme items by time, and the organization's speaker profiles that have an address. */
export async function listInvitationChoices(input: { access: Access; eventId: string }) {
  const event = await db.event.findFirst({ where: { id: input.eventId, organizationId: input.access.organization.id }, select: { id: true } })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const [items, profiles] = await Promise.all([
    db.programmeItem.findMany({
      where: { eventId: event.id },
      orderBy: [{ startsAt: 'asc' }, { titleSv: 'asc' }],
      select: { id: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true },
      take: 500,
    }),
    listOrganizationSpeakers(input.access.organization.id),
  ])
  const withAddress = await db.speakerProfile.findMany({
    where: { id: { in: profiles.map((profile) => profile.id) }, person: { isNot: null } },
    select: { id: true },
  })
  const reachable = new Set(withAddress.map((profile) => profile.id))
  return { items, profiles: profiles.filter((profile) => reachable.has(profile.id)) }
}
