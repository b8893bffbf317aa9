/**
 * The outbox figures a drill watches while it runs: from the server's /metrics (Prometheus text,
 * behind METRICS_TOKEN) when it answers, otherwise the same figures read from the database.
 */
import type { PrismaClient } from '../../app/generated/prisma/client.ts'

export type QueueFigures = {
  queued: number
  retrying: number
  failed: number
  oldestQueuedAgeSeconds: number
  sentTotal?: number
  source: 'metrics' | 'database'
}

export const METRICS_TOKEN = 'drills-metrics-token-'.padEnd(40, 'm')

/** `name{labels} value` lines → value per name (labels summed). */
export function parsePrometheus(text: string): Map<string, number> {
  const values = new Map<string, number>()
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line)
    if (!match) continue
    values.set(match[1], (values.get(match[1]) ?? 0) + Number(match[3]))
  }
  return values
}

/** /metrics of a running server, or null when it has none (404) or refuses the token. */
export async function fromMetrics(url: string): Promise<QueueFigures | null> {
  try {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, signal: AbortSignal.timeout(5000) })
    if (response.status !== 200) return null
    const values = parsePrometheus(await response.text())
    if (!values.has('samling_outbox_queued')) return null
    return {
      queued: values.get('samling_outbox_queued') ?? 0,
      retrying: values.get('samling_outbox_retrying') ?? 0,
      failed: values.get('samling_outbox_failed') ?? 0,
      oldestQueuedAgeSeconds: values.get('samling_outbox_oldest_queued_age_seconds') ?? 0,
      sentTotal: values.get('samling_mail_sent_total'),
      source: 'metrics',
    }
  } catch {
    return null
  }
}

/** The same figures from the outbox table: queued = pending, retrying = pending after a failed attempt. */
export async function fromDatabase(db: PrismaClient): Promise<QueueFigures> {
  const [row] = await db.$queryRaw<Array<{ queued: number; retrying: number; failed: number; age: number | null }>>`
    SELECT count(*) FILTER (WHERE status = 'pending')::int AS queued,
           count(*) FILTER (WHERE status = 'pending' AND attempts > 0 AND last_error IS NOT NULL)::int AS retrying,
           count(*) FILTER (WHERE status = 'failed')::int AS failed,
           extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending'))::float8 AS age
      FROM outbox_messages`
  return { queued: row.queued, retrying: row.retrying, failed: row.failed, oldestQueuedAgeSeconds: row.age ?? 0, source: 'database' }
}
