import { Prisma } from '../generated/prisma/client.ts'
import { db, type Tx } from '../db/client.server.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { attendeeMailFacts } from './mail.server.ts'

/**
 * Interest-only events (Sopact's recruitment lab): people leave their address and are mailed ONCE
 * when registration opens, i.e. when the event is published with registration mode 'open' and its
 * window has begun (registrationOpensAt passed, or none) and not ended. Whether that happens by an
 * organizer switching the mode (updateEvent calls notifyInterestedPeople in its transaction) or by
 * the opening time passing (scheduled every minute), each interest registration is claimed by one
 * UPDATE … WHERE interest_notified_at IS NULL, so it is mailed once however many processes run
 * this at once. Kind 'notification': someone who unsubscribed is not mailed.
 */

/** Interest registrations of `eventId` (or of every event) that are due their "registration is open" mail at `now`. */
async function claimDue(tx: Tx, now: Date, eventId?: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE registrations AS r SET interest_notified_at = ${now}::timestamptz
      FROM events e
     WHERE e.id = r.event_id AND r.status = 'interest' AND r.interest_notified_at IS NULL
       AND e.status = 'published' AND e.registration_mode = 'open'
       AND (e.registration_opens_at IS NULL OR e.registration_opens_at <= ${now}::timestamptz)
       AND (e.registration_closes_at IS NULL OR e.registration_closes_at > ${now}::timestamptz)
       AND e.starts_at > ${now}::timestamptz
       ${eventId ? Prisma.sql`AND e.id = ${eventId}::uuid` : Prisma.empty}
    RETURNING r.id::text AS id`
  return rows.map((row) => row.id)
}

async function mailClaimed(tx: Tx, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0
  const registrations = await tx.registration.findMany({
    where: { id: { in: ids } },
    include: { event: { include: { organization: true } } },
    orderBy: { createdAt: 'asc' },
  })
  let queued = 0
  for (const registration of registrations) {
    const { event } = registration
    const facts = attendeeMailFacts({ event, registration })
    const row = await enqueueMail(tx, {
      template: 'registration-opened',
      to: registration.email,
      locale: registration.locale,
      organizationId: event.organizationId,
      eventId: event.id,
      registrationId: registration.id,
      dedupKey: `registration-opened:${registration.id}`,
      payload: {
        ...facts,
        // The place as the public page says it: the person has not chosen a mode yet.
        ...(event.registrationClosesAt ? { registrationClosesAt: event.registrationClosesAt } : {}),
      },
    })
    if (row) queued++
  }
  return queued
}

/**
 * For updateEvent and publishEvent: inside their transaction, after the event row was written,
 * mails the event's interest registrations if registration is open now. Returns how many.
 */
export async function notifyInterestedPeople(tx: Tx, input: { eventId: string; now?: Date }): Promise<number> {
  return mailClaimed(tx, await claimDue(tx, input.now ?? new Date(), input.eventId))
}

/** Every minute: the events whose registration window opened since. Idempotent; returns how many mails it queued. */
export async function scheduleOpenedRegistrations(input: { now?: Date } = {}): Promise<{ queued: number }> {
  const now = input.now ?? new Date()
  const queued = await db.$transaction(async (tx) => mailClaimed(tx, await claimDue(tx, now)), { timeout: 60_000 })
  return { queued }
}
