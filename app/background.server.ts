import type { Config } from './env.server.ts'
import { pruneExpiredSignIns } from './accounts/session.server.ts'
import { startMailWorker } from './mail/worker.server.ts'
import { startRetention } from './privacy/retention.server.ts'
import { pruneRateLimits } from './rate-limits.server.ts'
import { startScheduledMail } from './registrations/scheduled-mail.server.ts'

/**
 * Background work inside the app process: the mail worker and, with it, the scheduled mail
 * (reminders, digests: every minute, safe in several instances), unless MAIL_WORKER=off (then run
 * `npm run worker` separately, which runs both). Returns the steps that stop it, which boot() runs on shutdown
 * before the database closes (so this module needs nothing from boot.server.ts).
 */
export function startBackgroundWork(config: Config): Array<() => Promise<void>> {
  // Expired sessions and used sign-in links are deleted hourly (they hold personal data).
  const prune = setInterval(() => {
    pruneExpiredSignIns().catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'pruning sign-ins failed', error: String(error) })))
    pruneRateLimits().catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'pruning rate limits failed', error: String(error) })))
  }, 3_600_000)
  prune.unref()
  const stops: Array<() => Promise<void>> = [async () => clearInterval(prune)]
  // Retention (ADR 0031): shortly after boot, then hourly; an advisory lock keeps instances from running it twice.
  const retention = startRetention()
  stops.push(() => retention.stop())
  if (!config.runMailWorker) return stops
  // Two rounds side by side on PostgreSQL (SKIP LOCKED keeps them apart); PGlite has one connection.
  const worker = startMailWorker({ intervalMs: 1000, batchSize: 50, concurrency: config.databaseUrl ? 2 : 1 })
  const scheduled = startScheduledMail()
  stops.push(
    () => scheduled.stop(),
    () => worker.stop(),
  )
  return stops
}
