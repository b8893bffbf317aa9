import { recordAudit } from '../audit/audit.server.ts'
import { db } from '../db/client.server.ts'
import { pick } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { invitationToken, invitationUrl, NOTICE_EVENT, notifyOrganizers } from './invitations.server.ts'

/**
 * What happens to an unanswered speaker invitation over time (issue 10 §1, ADR 0020), run every
 * minute from the scheduled mail (app/registrations/scheduled-mail.server.ts):
 *
 * - One reminder ('speaker-reminder', the same personal link) 48 hours before the answer-by date,
 *   or halfway between sending and the date when the invitation was sent less than 4 days before it
 *   (so a speaker with three days gets it after a day and a half, not at once). Only for sent/viewed
 *   invitations before their date; never after an answer, a revocation or the date.
 * - Once the answer-by date has passed, the invitation is marked `expired` (with `expired_at`), an
 *   audit entry is written and the organizers hear of it through the same notice as answers.
 *
 * Safe with several instances at the same minute: each invitation is claimed by a conditional
 * UPDATE (reminder_sent_at IS NULL / status still open) in its own transaction, which PostgreSQL
 * serialises on the row, so only one instance goes on to queue the mail; the outbox's dedupKey is
 * a second guard. Moving the date forward (changeAnswerBy) reopens an expired invitation and clears
 * reminder_sent_at, so it can be reminded and expire again.
 */

/** The reminder goes this long before the answer-by date… */
export const REMINDER_LEAD_MS = 48 * 3600_000

/** When the reminder of an invitation is due. */
export function reminderDueAt(invitation: { createdAt: Date; expiresAt: Date }): Date {
  const window = invitation.expiresAt.getTime() - invitation.createdAt.getTime()
  // …or halfway, when the speaker was given less than twice the lead (4 days).
  return new Date(invitation.expiresAt.getTime() - Math.min(REMINDER_LEAD_MS, Math.max(0, window) / 2))
}

const BATCH = 200

/** Queues every reminder that is due at `now`; returns how many. */
export async function scheduleInvitationReminders(input: { now?: Date } = {}): Promise<{ queued: number }> {
  const now = input.now ?? new Date()
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM speaker_invitations
     WHERE status IN ('sent', 'viewed') AND reminder_sent_at IS NULL
       AND expires_at > ${now}::timestamptz
       AND expires_at - LEAST(${REMINDER_LEAD_MS} * interval '1 millisecond', GREATEST(expires_at - created_at, interval '0') / 2) <= ${now}::timestamptz
     ORDER BY expires_at, id
     LIMIT ${BATCH}`
  let queued = 0
  for (const { id } of due) {
    const sent = await db.$transaction(async (tx) => {
      const claimed = await tx.speakerInvitation.updateMany({
        where: { id, status: { in: ['sent', 'viewed'] }, reminderSentAt: null, expiresAt: { gt: now } },
        data: { reminderSentAt: now },
      })
      if (claimed.count === 0) return false
      const invitation = await tx.speakerInvitation.findUniqueOrThrow({
        where: { id },
        include: {
          event: { include: { organization: { select: { name: true } } } },
          items: { include: { item: { select: { titleSv: true, titleEn: true, startsAt: true, endsAt: true } } } },
        },
      })
      const { locale, event } = invitation
      const row = await enqueueMail(tx, {
        template: 'speaker-reminder',
        to: invitation.email,
        locale,
        organizationId: event.organizationId,
        eventId: event.id,
        dedupKey: `speaker-reminder:${invitation.id}:${invitation.expiresAt.toISOString()}`,
        payload: {
          inviteeName: invitation.name,
          organizationName: event.organization.name,
          eventTitle: pick(event, 'title', locale),
          role: invitation.role,
          sessions: invitation.items
            .map(({ item }) => ({ title: pick(item, 'title', locale), startsAt: item.startsAt, endsAt: item.endsAt }))
            .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
            .slice(0, 50),
          answerBy: invitation.expiresAt,
          url: invitationUrl(invitationToken(invitation), locale),
        },
      })
      return row !== null
    })
    if (sent) queued++
  }
  return { queued }
}

/** Marks every open invitation whose answer-by date has passed as expired, once each, and tells the organizers; returns how many. */
export async function expireInvitations(input: { now?: Date } = {}): Promise<{ expired: number }> {
  const now = input.now ?? new Date()
  const due = await db.speakerInvitation.findMany({
    where: { status: { in: ['sent', 'viewed'] }, expiresAt: { lte: now } },
    select: { id: true },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
    take: BATCH,
  })
  let expired = 0
  for (const { id } of due) {
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.speakerInvitation.updateMany({
        where: { id, status: { in: ['sent', 'viewed'] }, expiresAt: { lte: now } },
        data: { status: 'expired', expiredAt: now },
      })
      if (claimed.count === 0) return false
      const invitation = await tx.speakerInvitation.findUniqueOrThrow({ where: { id }, include: { event: NOTICE_EVENT } })
      await recordAudit(tx, {
        organizationId: invitation.event.organizationId,
        actorId: null,
        action: 'speakerInvitation.expired',
        entityType: 'speakerInvitation',
        entityId: invitation.id,
        data: { eventId: invitation.event.id, answerBy: invitation.expiresAt.toISOString() },
      })
      await notifyOrganizers(tx, invitation, { answer: 'expired' })
      return true
    })
    if (done) expired++
  }
  return { expired }
}

/** Both steps, in the order a person would expect: remind what is still open, then close what is past. */
export async function scheduleSpeakerInvitationMail(input: { now?: Date } = {}): Promise<{ reminders: number; expired: number }> {
  const now = input.now ?? new Date()
  const { queued } = await scheduleInvitationReminders({ now })
  const { expired } = await expireInvitations({ now })
  return { reminders: queued, expired }
}
