/**
 * Outbox benchmark: queue N mails, let the mail worker deliver them over real SMTP to an in-process
 * server, and report throughput, queue-to-delivery latency, lost and duplicate mails.
 *
 *   npm run bench:outbox                                                    embedded database (in memory)
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npm run bench:outbox   a fresh PostgreSQL database, dropped afterwards
 *
 * Knobs: BENCH_MAILS (5000), BENCH_BATCH (50), BENCH_CONCURRENCY (3 on PostgreSQL, 1 embedded), BENCH_MODE=drain,
 * BENCH_SMTP_CONNECTIONS (8), BENCH_DISTINCT=1 (a different payload per mail: one render each).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

// Measure what production runs: React's production build (chosen when react is first loaded).
process.env.NODE_ENV ??= 'production'
const { db, disconnectDatabase, openDatabase, useDatabase } = await import('../app/db/client.server.ts')
const { loadConfig, setConfig } = await import('../app/env.server.ts')
const { enqueueMail } = await import('../app/mail/outbox.server.ts')
const { createSmtpTransport } = await import('../app/mail/transport.server.ts')
const { startMailWorker } = await import('../app/mail/worker.server.ts')
const { startSmtpSink } = await import('../tests/support/smtp-sink.ts')
const { atLeast, exactly, figure } = await import('./figures.ts')

const total = Number(process.env.BENCH_MAILS ?? 5000)
const serverUrl = process.env.DATABASE_URL
const batchSize = Number(process.env.BENCH_BATCH ?? 50)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? (serverUrl ? 3 : 1))
const connections = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 8)
/** BENCH_DISTINCT=1: every mail a different payload (no shared rendering), the worst case. */
const distinct = process.env.BENCH_DISTINCT === '1'

async function freshPostgres(url: string) {
  const name = `samling_bench_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 10 })
  return {
    database,
    async drop() {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-bench-'))
  setConfig({
    ...loadConfig({ ...process.env, DATABASE_URL: undefined, SMTP_URL: undefined, DATA_DIR: dataDir, NODE_ENV: 'production' }),
    databaseUrl: serverUrl,
  })
  const opened = serverUrl ? await freshPostgres(serverUrl) : { database: await openDatabase({ dataDir: 'memory://' }), drop: async () => {} }
  useDatabase(opened.database)
  const sink = await startSmtpSink()
  const transport = createSmtpTransport(sink.url, { maxConnections: connections })
  const quietLog = process.stdout.write.bind(process.stdout)

  console.log(
    `outbox bench: ${total} mails, ${serverUrl ? 'PostgreSQL' : 'embedded PGlite'}, batch ${batchSize}, ${concurrency} worker loop(s), ${connections} SMTP connections${distinct ? ', distinct payloads' : ', one event change to many'}`,
  )
  // BENCH_MODE=drain: queue everything first, then time the worker alone on a full queue.
  const drainOnly = process.env.BENCH_MODE === 'drain'
  let worker = drainOnly ? undefined : startMailWorker({ transport, batchSize, concurrency, intervalMs: 20 })

  let started = performance.now()
  const enqueueStarted = started
  const createdAt = new Map<string, number>()
  const enqueueChunk = async (from: number, to: number) => {
    const rows = await db.$transaction(
      async (tx) => {
        const made = []
        for (let i = from; i < to; i++) {
          made.push(
            await enqueueMail(tx, {
              template: 'event-changed',
              to: `deltagare${i}@kommun.example`,
              locale: i % 3 === 0 ? 'en' : 'sv',
              organizationId: '00000000-0000-4000-8000-000000000001',
              payload: {
                eventTitle: distinct ? `Välfärdens innovationsdag 2027 (${i})` : 'Välfärdens innovationsdag 2027',
                eventUrl: 'https://samling.example/events/valfardens-innovationsdag-2027',
                changes: ['time'],
                startsAt: '2027-02-12T08:00:00.000Z',
                endsAt: '2027-02-12T15:00:00.000Z',
                place: 'Munktell Science Park, Eskilstuna',
                replyTo: 'arrangor@motesplats.example',
              },
            }),
          )
        }
        return made
        // 100 rows in one transaction: on a loaded machine that can take longer than Prisma's default 5 s.
      },
      { timeout: 60_000 },
    )
    // Queued as the caller sees it: after the commit.
    const committed = Date.now()
    for (const row of rows) createdAt.set(row.messageId, committed)
  }
  // Several producers at once, as several app requests would be (one on PGlite: one connection).
  const chunks = Array.from({ length: Math.ceil(total / 100) }, (_, index) => index * 100)
  const producers = serverUrl ? 4 : 1
  await Promise.all(
    Array.from({ length: producers }, async () => {
      for (let start = chunks.shift(); start !== undefined; start = chunks.shift()) await enqueueChunk(start, Math.min(total, start + 100))
    }),
  )
  const enqueued = performance.now()
  let floor = 0
  if (drainOnly) {
    // A mail cannot be sent before the worker exists: count its wait from the worker start.
    floor = Date.now()
    started = performance.now()
    worker = startMailWorker({ transport, batchSize, concurrency, intervalMs: 20 })
  }

  const deadline = Date.now() + 10 * 60_000
  while (sink.deliveriesByMessageId().size < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
  const drained = performance.now()
  await worker!.stop()
  await transport.close()
  // Let late duplicates (if any) arrive before counting.
  await new Promise((resolve) => setTimeout(resolve, 300))

  const deliveries = sink.deliveriesByMessageId()
  const lost = [...createdAt.keys()].filter((id) => !deliveries.has(id)).length
  const duplicates = [...deliveries.values()].reduce((sum, count) => sum + count - 1, 0)
  const firstArrival = new Map<string, number>()
  for (const message of sink.messages) if (!firstArrival.has(message.messageId)) firstArrival.set(message.messageId, message.receivedAt)
  const latencies = [...firstArrival.entries()]
    .filter(([id]) => createdAt.has(id))
    .map(([id, at]) => at - Math.max(floor, createdAt.get(id)!))
    .sort((a, b) => a - b)
  const statuses = await db.outboxMessage.groupBy({ by: ['status'], _count: true })
  const seconds = (drained - started) / 1000

  quietLog(
    [
      `enqueue:      ${total} rows in ${((enqueued - enqueueStarted) / 1000).toFixed(2)} s (${Math.round(total / ((enqueued - enqueueStarted) / 1000))} rows/s${drainOnly ? ', worker not yet started' : ', worker running meanwhile'})`,
      `delivered:    ${deliveries.size} of ${total} in ${seconds.toFixed(2)} s ${drainOnly ? 'from the worker start (full queue)' : 'from the first enqueue'} → ${Math.round(deliveries.size / seconds)} mails/s`,
      `latency:      queue→delivered p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`,
      `lost:         ${lost}`,
      `duplicates:   ${duplicates}`,
      `outbox rows:  ${statuses.map((s) => `${s.status}=${s._count}`).join(', ')}`,
    ].join('\n') + '\n',
  )

  // Issue 4: ≥ 200 mails/s on PostgreSQL (embedded has no target), 0 lost, 0 duplicates.
  const label = serverUrl ? 'PostgreSQL' : 'embedded'
  figure(`outbox / ${label} mails/s${drainOnly ? ' (drain)' : ''}`, deliveries.size / seconds, 'mails/s', serverUrl ? atLeast(200) : undefined)
  figure(`outbox / ${label} queue→delivered p99`, percentile(latencies, 99) ?? NaN, 'ms')
  figure(`outbox / ${label} lost`, lost, 'mails', exactly(0))
  figure(`outbox / ${label} duplicates`, duplicates, 'mails', exactly(0))
  await sink.close()
  await disconnectDatabase()
  await opened.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(lost === 0 && duplicates === 0 ? 0 : 1)
}

await main()
