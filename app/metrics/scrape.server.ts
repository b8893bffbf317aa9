import { db, databasePoolStats } from '../db/client.server.ts'
import { log } from '../log.server.ts'
import { databaseGauges, httpDuration, httpRequests, poolConnections, registry } from './registry.server.ts'

type DatabaseFigures = { queued: number; oldestAgeSeconds: number; retrying: number; failed: number; registrationsLastMinute: number }

/** A scrape waits at most this long for the database, then answers without its figures. */
const DATABASE_WAIT_MS = 2_000

/**
 * The database's figures in one statement: the outbox through its (status, next_attempt_at)
 * index (only pending and failed rows, never the sent history), registrations through their
 * created_at index. "Oldest": since a row became due (its next_attempt_at, for a row never
 * tried), or since it was queued (a row that failed before, whose next_attempt_at is its backoff).
 */
async function readDatabaseFigures(): Promise<DatabaseFigures> {
  const [row] = await db.$queryRaw<Array<{ [K in keyof DatabaseFigures]: number | bigint | string | null }>>`
    SELECT count(*) FILTER (WHERE o.status = 'pending') AS queued,
           coalesce(extract(epoch FROM now() - min(CASE WHEN o.attempts > 0 THEN o.created_at
                                                        WHEN o.next_attempt_at <= now() THEN o.next_attempt_at END)
                                                  FILTER (WHERE o.status = 'pending')), 0)::float8 AS "oldestAgeSeconds",
           count(*) FILTER (WHERE o.status = 'pending' AND o.last_error IS NOT NULL) AS retrying,
           count(*) FILTER (WHERE o.status = 'failed') AS failed,
           (SELECT count(*) FROM registrations r WHERE r.created_at > now() - interval '1 minute') AS "registrationsLastMinute"
      FROM outbox_messages o
     WHERE o.status IN ('pending', 'failed')`
  return {
    queued: Number(row.queued ?? 0),
    oldestAgeSeconds: Math.max(0, Number(row.oldestAgeSeconds ?? 0)),
    retrying: Number(row.retrying ?? 0),
    failed: Number(row.failed ?? 0),
    registrationsLastMinute: Number(row.registrationsLastMinute ?? 0),
  }
}

async function refreshDatabaseGauges(): Promise<void> {
  const stats = databasePoolStats()
  poolConnections.set({ state: 'total' }, stats.total)
  poolConnections.set({ state: 'idle' }, stats.idle)
  poolConnections.set({ state: 'waiting' }, stats.waiting)
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), DATABASE_WAIT_MS).unref())
    const figures = await Promise.race([readDatabaseFigures(), timeout])
    databaseGauges.up.set(1)
    databaseGauges.outboxQueued.set(figures.queued)
    databaseGauges.outboxOldestAge.set(Math.round(figures.oldestAgeSeconds * 1000) / 1000)
    databaseGauges.outboxRetrying.set(figures.retrying)
    databaseGauges.outboxFailed.set(figures.failed)
    databaseGauges.registrationsLastMinute.set(figures.registrationsLastMinute)
  } catch (error) {
    // The database is away: say so, and do not repeat figures that are no longer true.
    databaseGauges.up.set(0)
    for (const [name, gauge] of Object.entries(databaseGauges)) if (name !== 'up') gauge.set(Number.NaN)
    log({ level: 'warn', msg: 'metrics: database figures unavailable', error: error instanceof Error ? error.message : String(error) })
  }
}

/** The Prometheus text exposition of every metric, with the database's figures read now. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  await refreshDatabaseGauges()
  return { contentType: registry.contentType, body: await registry.metrics() }
}

/** One answer, counted under its route pattern (server.ts calls this once per response). */
export function recordRequest(answer: { route: string; method: string; status: number; seconds: number }): void {
  httpRequests.inc({ route: answer.route, method: answer.method, status: String(answer.status) })
  httpDuration.observe({ route: answer.route, method: answer.method }, answer.seconds)
}
