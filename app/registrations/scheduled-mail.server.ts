import { log } from '../log.server.ts'
import { runDueMailings } from '../mailings/mailings.server.ts'
import { scheduleSpeakerInvitationMail } from '../speakers/invitation-reminders.server.ts'
import { scheduleOpenedRegistrations } from './interest.server.ts'
import { scheduleDigests } from './organizer-notices.server.ts'
import { scheduleReminders } from './reminders.server.ts'

/**
 * Mail that is due at a time rather than caused by a request: reminders (and, with them, the
 * organizers' daily digests, "registration is open" mail, and speaker invitations' reminder and
 * expiry: app/speakers/invitation-reminders.server.ts, and scheduled bulk mailings: app/mailings). Each step is idempotent through the
 * outbox's dedupKey or a column it sets, so every instance that runs the mail worker may run this
 * too: two at the same minute queue each mail once.
 */
export async function runScheduledMail(input: { now?: Date } = {}) {
  const now = input.now ?? new Date()
  const reminders = await scheduleReminders({ now })
  const opened = await scheduleOpenedRegistrations({ now })
  const digests = await scheduleDigests({ now })
  const speakers = await scheduleSpeakerInvitationMail({ now })
  // Scheduled bulk mailings whose time has come, and mailings whose last message has left (ADR 0027).
  const mailings = await runDueMailings({ now })
  return {
    mailings: mailings.queued,
    reminders: reminders.queued,
    opened: opened.queued,
    digests: digests.queued,
    speakerReminders: speakers.reminders,
    expiredInvitations: speakers.expired,
  }
}

/** Runs runScheduledMail every `intervalMs` (a minute) until the returned stop() is called. */
export function startScheduledMail(options: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  const tick = () => {
    running = runScheduledMail().catch((error: unknown) =>
      log({ level: 'error', msg: 'scheduled mail failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
    )
  }
  const timer = setInterval(tick, options.intervalMs ?? 60_000)
  timer.unref()
  tick()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
