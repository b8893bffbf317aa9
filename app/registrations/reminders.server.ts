import { db } from '../db/client.server.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { attendeeMailFacts } from './mail.server.ts'
import { streamLinkFor } from './stream-link.server.ts'
import { manageToken, manageUrl } from './tokens.server.ts'

/**
 * Reminders 24 hours and 1 hour before each event (and each series part, which is an event), one
 * mail per confirmed registration (lessons rows 16 and 17: never one mail to many).
 *
 * A reminder is queued when it is due, never ahead: at `startsAt − lead`, until the next reminder's
 * time (the 24 h one until 1 h before, the 1 h one until the start), so a worker that was down
 * neither sends "starts tomorrow" an hour before nor "starts soon" after the start. Who gets one:
 * confirmed registrations (not waitlisted, cancelled or interest) of published events (not drafts,
 * cancelled or postponed ones) made before the reminder's time: a person who registers 3 hours
 * before gets the 1 h reminder, not a 24 h one (someone promoted from the waitlist counts from the
 * promotion, which mailed them a confirmation just then). The outbox's dedupKey
 * (`reminder:<lead>:<registrationId>:<startsAt>`) makes each go once, however many instances run
 * this at once or how often, while an event that moves gets reminders for its new time.
 */
export const REMINDERS = [
  { lead: '24h', beforeMs: 24 * 3600_000, untilMs: 3600_000 },
  { lead: '1h', beforeMs: 3600_000, untilMs: 0 },
] as const

export type ReminderLead = (typeof REMINDERS)[number]['lead']

export function reminderDedupKey(lead: ReminderLead, registrationId: string, startsAt: Date): string {
  return `reminder:${lead}:${registrationId}:${startsAt.toISOString()}`
}

/** Rows per transaction: a big conference's reminders must not hold one long transaction. */
const CHUNK = 100

/**
 * Queues every reminder that is due at `now` and not queued yet. Safe to run every minute from
 * any number of processes (the dedupKey decides); returns how many mails it queued.
 */
export async function scheduleReminders(input: { now?: Date } = {}): Promise<{ queued: number }> {
  const now = input.now ?? new Date()
  let queued = 0
  for (const reminder of REMINDERS) {
    const due = await db.$queryRaw<{ id: string }[]>`
      SELECT r.id::text AS id
        FROM registrations r JOIN events e ON e.id = r.event_id
       WHERE r.status = 'confirmed' AND e.status = 'published'
         AND e.starts_at > ${new Date(now.getTime() + reminder.untilMs)}::timestamptz
         AND e.starts_at <= ${new Date(now.getTime() + reminder.beforeMs)}::timestamptz
         AND COALESCE(r.promoted_at, r.created_at) <= e.starts_at - ${reminder.beforeMs} * interval '1 millisecond'`
    if (due.length === 0) continue
    const registrations = await db.registration.findMany({
      where: { id: { in: due.map((row) => row.id) } },
      include: { event: { include: { organization: true } } },
      orderBy: { id: 'asc' },
    })
    const keyOf = (registration: (typeof registrations)[number]) => reminderDedupKey(reminder.lead, registration.id, registration.event.startsAt)
    // Most minutes, everything due was queued by an earlier run: one read instead of a write per row.
    const done = await db.outboxMessage.findMany({ where: { dedupKey: { in: registrations.map(keyOf) } }, select: { dedupKey: true } })
    const queuedKeys = new Set(done.map((row) => row.dedupKey))
    const missing = registrations.filter((registration) => !queuedKeys.has(keyOf(registration)))
    for (let start = 0; start < missing.length; start += CHUNK) {
      queued += await db.$transaction(async (tx) => {
        let count = 0
        for (const registration of missing.slice(start, start + CHUNK)) {
          const { event } = registration
          const streamUrl = streamLinkFor(event, registration)
          const row = await enqueueMail(tx, {
            template: 'registration-reminder',
            to: registration.email,
            locale: registration.locale,
            payload: {
              ...attendeeMailFacts({ event, registration }),
              lead: reminder.lead,
              attendanceMode: registration.attendanceMode,
              manageUrl: manageUrl(manageToken(registration), registration.locale),
              ...(streamUrl ? { streamUrl } : {}),
            },
            organizationId: event.organizationId,
            eventId: event.id,
            registrationId: registration.id,
            dedupKey: keyOf(registration),
          })
          if (row) count++
        }
        return count
      })
    }
  }
  return { queued }
}
