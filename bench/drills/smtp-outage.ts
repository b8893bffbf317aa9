/**
 * npm run drill:smtp-outage — 1,000 mails queued while the mail worker sends them to a real SMTP
 * sink; after 250 have arrived the sink goes down for 60 s (421 to every connection and command, as
 * a relay that is down), then comes back. Checks: 0 lost, 0 duplicates (by Message-ID), nothing
 * failed for good; while the relay is down the backoff is visible (retrying > 0, the oldest queued
 * mail's age growing), sampled every 2 s from the server's /metrics when it has one, otherwise from
 * the database; prints the time to drain after the relay is back (the backoff is 30 s · 2^(n−1),
 * ADR 0005, so the last retries come up to ≈ 30–60 s after it returns).
 *
 * With PostgreSQL reachable (TEST_PG_URL / DATABASE_URL / 127.0.0.1:5432) the production server
 * sends (MAIL_WORKER=on, build first); otherwise the worker runs in this process on an embedded database.
 * DRILL_MAILS (1000), DRILL_DOWN_AT (250), DRILL_OUTAGE_SECONDS (60).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { connectDatabase, db, disconnectDatabase } from '../../app/db/client.server.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { enqueueMails, type EnqueueMailInput } from '../../app/mail/outbox.server.ts'
import { createSmtpTransport } from '../../app/mail/transport.server.ts'
import { startMailWorker } from '../../app/mail/worker.server.ts'
import type { PrismaClient } from '../../app/generated/prisma/client.ts'
import { atMost, exactly, atLeast } from '../figures.ts'
import { startSmtpSink } from '../../tests/support/smtp-sink.ts'
import { fromDatabase, fromMetrics, METRICS_TOKEN, type QueueFigures } from './queue-figures.ts'
import { postgresReachable, Report, requireBuild, SESSION_SECRET, sleep, startApp, throwawayPostgres, waitUntil, type App } from './support.ts'

const MAILS = Number(process.env.DRILL_MAILS ?? 1000)
const DOWN_AT = Number(process.env.DRILL_DOWN_AT ?? 250)
const OUTAGE_MS = Number(process.env.DRILL_OUTAGE_SECONDS ?? 60) * 1000

const mail = (i: number): EnqueueMailInput => ({
  template: 'event-changed',
  to: `deltagare-${i}@kommun.example`,
  locale: i % 3 === 0 ? 'en' : 'sv',
  organizationId: '00000000-0000-4000-8000-000000000001',
  payload: {
    eventTitle: 'Välfärdens innovationsdag 2027',
    eventUrl: 'https://samling.example/events/valfardens-innovationsdag-2027',
    changes: ['time'],
    startsAt: '2027-02-12T08:00:00.000Z',
    endsAt: '2027-02-12T15:00:00.000Z',
    place: 'Munktell Science Park, Eskilstuna',
  },
})

const usePostgres = await postgresReachable()
if (usePostgres) requireBuild()
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-drill-smtp-'))
const postgres = usePostgres ? await throwawayPostgres() : undefined
const sink = await startSmtpSink()
const report = new Report('smtp-outage')
let app: App | undefined
let inProcess: ReturnType<typeof startMailWorker> | undefined
const transport = usePostgres ? undefined : createSmtpTransport(sink.url)
try {
  setConfig({ ...loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, SESSION_SECRET }), databaseUrl: postgres?.url })
  await connectDatabase({ dataDir: usePostgres ? dataDir : 'memory://', databaseUrl: postgres?.url, poolSize: 3 })
  if (postgres) app = await startApp({ DATA_DIR: dataDir, DATABASE_URL: postgres.url, MAIL_WORKER: 'on', SMTP_URL: sink.url, METRICS_TOKEN })
  else inProcess = startMailWorker({ transport, batchSize: 50, intervalMs: 1000 })

  const sample = async (): Promise<QueueFigures> => (app && (await fromMetrics(app.url))) || fromDatabase(db as unknown as PrismaClient)
  const queueStarted = Date.now()
  for (let start = 0; start < MAILS; start += 100) {
    await db.$transaction((tx) =>
      enqueueMails(
        tx,
        Array.from({ length: Math.min(100, MAILS - start) }, (_, i) => mail(start + i)),
      ),
    )
  }
  const queuedMs = Date.now() - queueStarted

  await waitUntil(() => sink.messages.length >= DOWN_AT, 120_000, 10)
  const atDown = sink.messages.length
  sink.setDown(true)
  const downAt = Date.now()
  const samples: Array<QueueFigures & { t: number }> = []
  while (Date.now() - downAt < OUTAGE_MS) {
    samples.push({ t: Math.round((Date.now() - downAt) / 1000), ...(await sample()) })
    await sleep(2000)
  }
  const arrivedWhileDown = sink.messages.filter((m) => m.receivedAt > downAt).length
  sink.setDown(false)
  const upAt = Date.now()
  const allArrived = await waitUntil(() => new Set(sink.messages.map((m) => m.messageId)).size >= MAILS, 300_000, 100)
  const drainMs = Date.now() - upAt
  await sleep(1000)
  const after = await sample()

  console.log('\nOutbox while the relay is down (sampled every 2 s):')
  console.table(
    samples.map((s) => ({
      't s': s.t,
      queued: s.queued,
      retrying: s.retrying,
      'oldest queued age s': Math.round(s.oldestQueuedAgeSeconds),
      failed: s.failed,
      from: s.source,
    })),
  )

  const rows = await db.outboxMessage.findMany({ select: { messageId: true, status: true, attempts: true } })
  const deliveries = sink.deliveriesByMessageId()
  const lost = rows.filter((row) => !deliveries.has(row.messageId)).length
  const duplicates = [...deliveries.values()].reduce((sum, n) => sum + n - 1, 0)
  const during = samples.slice(1)
  const ageGrowth = during.length ? during[during.length - 1].oldestQueuedAgeSeconds - during[0].oldestQueuedAgeSeconds : 0

  report.note('mode', usePostgres ? 'production server on PostgreSQL' : 'in-process worker, embedded')
  report.note('figures sampled from', samples[0]?.source ?? 'n/a')
  report.note('mails queued', rows.length)
  report.note('queueing took', (queuedMs / 1000).toFixed(1), 's')
  report.note('at the sink when it went down', atDown)
  report.note('accepted while down', arrivedWhileDown)
  report.note('421 answers given while down', sink.downAnswers)
  report.add('retrying during the outage (max)', Math.max(0, ...samples.map((s) => s.retrying)), 'mails', atLeast(1))
  report.add('oldest queued age growth during the outage', ageGrowth, 's', atLeast(OUTAGE_MS / 1000 / 2))
  report.note('oldest queued age at the end of the outage', Math.round(samples.at(-1)?.oldestQueuedAgeSeconds ?? 0), 's')
  report.add('drain after the relay is back', drainMs / 1000, 's', atMost(120))
  report.note('most attempts for one mail', Math.max(...rows.map((row) => row.attempts)))
  report.add('lost', lost, 'mails', exactly(0))
  report.add('duplicates (same Message-ID twice)', duplicates, 'mails', exactly(0))
  report.add('failed for good', rows.filter((row) => row.status === 'failed').length, 'mails', exactly(0))
  report.add('still queued after the drain', after.queued, 'mails', exactly(0))
  if (!allArrived) report.problem('not every mail arrived within 300 s after the relay came back')
} finally {
  await inProcess?.stop()
  await transport?.close()
  await app?.stop()
  await disconnectDatabase()
  await sink.close()
  await postgres?.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
report.finish(`Drill: the SMTP relay down for ${OUTAGE_MS / 1000} s during a send of ${MAILS} mails`)
process.exit(process.exitCode ?? 0)
