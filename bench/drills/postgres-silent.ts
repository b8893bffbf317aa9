/**
 * npm run drill:postgres-silent — the production server (build first) on PostgreSQL behind a TCP
 * proxy (tests/support/tcp-proxy.ts) under a bounded load of page views and registrations; the
 * proxy goes silent for 10 s (accepts, forwards nothing: a partition, not a refusal), then forwards
 * again. Checks: no 500s; while silent, answers are 503 with Retry-After, none hangs
 * longer than the server's own timeouts allow (15 s); nothing half-written (every registration has exactly its one outbox mail; every 303 is stored);
 * the server recovers by itself, without a restart, within 5 s of the network returning (first
 * healthy /healthz, and the first registration that goes through). Needs PostgreSQL
 * (TEST_PG_URL / DATABASE_URL / 127.0.0.1:5432); skipped (exit 0) without it.
 * DRILL_CLIENTS (12), DRILL_SILENT_SECONDS (10).
 */
import http from 'node:http'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { atMost, exactly } from '../figures.ts'
import { createSeatedEvent } from '../../tests/support/registrations.ts'
import { startTcpProxy } from '../../tests/support/tcp-proxy.ts'
import { postgresReachable, Report, requireBuild, sleep, startApp, throwawayPostgres, withDatabase } from './support.ts'

const CLIENTS = Number(process.env.DRILL_CLIENTS ?? 12)
const SILENT_MS = Number(process.env.DRILL_SILENT_SECONDS ?? 10) * 1000
const BEFORE_MS = 5000
const AFTER_MS = 10_000
/**
 * Past this an answer counts as hanging: the server's own bounds (POSTGRES_TIMEOUTS: 6 s for a query
 * whose answer never comes, 3 s for a connection) plus a wait for a render turn behind requests
 * blocked on them. Answers slower than the silence itself are counted apart.
 */
const HANG_MS = 15_000
const SLUG = 'tystnaden'

type Answer = {
  kind: 'page' | 'register'
  phase: 'before' | 'silent' | 'after'
  status: number | 'timeout' | 'network error'
  ms: number
  retryAfter: string | null
  email?: string
  done?: string | null
  at: number
}

function request(
  url: string,
  options: { method?: string; body?: string; headers?: Record<string, string> },
): Promise<{ status: number | 'timeout' | 'network error'; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: options.method ?? 'GET', agent: false, headers: options.headers }, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }))
      response.on('error', () => resolve({ status: 'network error', headers: {} }))
    })
    // The client gives up after 20 s; anything past HANG_MS counts as hanging.
    req.setTimeout(20_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })))
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code === 'TIMEOUT' ? 'timeout' : 'network error', headers: {} }))
    req.end(options.body)
  })
}

if (!(await postgresReachable())) {
  console.log('drill postgres-silent: PostgreSQL is not reachable; skipped')
  process.exit(0)
}
requireBuild()
const report = new Report('postgres-silent')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-drill-silent-'))
const postgres = await throwawayPostgres()
const target = new URL(postgres.url)
const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
const viaProxy = new URL(postgres.url)
viaProxy.port = String(proxy.port)
viaProxy.hostname = '127.0.0.1'
try {
  const eventId = await withDatabase({ dataDir, databaseUrl: postgres.url }, async (db) => (await createSeatedEvent(db, { slug: SLUG, seats: 100_000 })).id)
  const app = await startApp({ DATA_DIR: dataDir, DATABASE_URL: viaProxy.toString(), MAIL_WORKER: 'off', DATABASE_POOL_SIZE: '10' })
  const answers: Answer[] = []
  let phase: Answer['phase'] = 'before'
  let stopping = false
  let n = 0
  const client = async (id: number) => {
    while (!stopping) {
      const started = Date.now()
      const at = started
      const asked = phase
      const i = n++
      if (i % 3 === 2) {
        const email = `tyst-${i}@example.org`
        const body = new URLSearchParams({
          name: `Deltagare ${i}`,
          email,
          organization: 'Umeå kommun',
          sector: 'public_sector',
          county: 'vasterbotten',
          whenFull: 'waitlist',
          consent: 'yes',
        }).toString()
        const res = await request(`${app.url}/events/${SLUG}/register`, {
          method: 'POST',
          body,
          headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
        })
        const done = /[?&]done=([a-z]+)/.exec(String(res.headers.location ?? ''))?.[1] ?? null
        answers.push({
          kind: 'register',
          phase: asked,
          status: res.status,
          ms: Date.now() - started,
          retryAfter: (res.headers['retry-after'] as string) ?? null,
          email,
          done,
          at,
        })
      } else {
        // A search of its own with a Cookie: neither the page cache nor the listing cache answers it.
        const path = i % 3 === 0 ? `/?q=tyst-${id}-${i}` : `/events/${SLUG}`
        const res = await request(app.url + path, { headers: { cookie: `drill=${i}` } })
        answers.push({
          kind: 'page',
          phase: asked,
          status: res.status,
          ms: Date.now() - started,
          retryAfter: (res.headers['retry-after'] as string) ?? null,
          at,
        })
      }
    }
  }
  const clients = Array.from({ length: CLIENTS }, (_, id) => client(id))
  await sleep(BEFORE_MS)
  phase = 'silent'
  proxy.silence()
  const silentAt = Date.now()
  await sleep(SILENT_MS)
  phase = 'after'
  proxy.heal()
  const healedAt = Date.now()
  // Recovery: the first healthy /healthz after the network returns (polled every 100 ms, at most 30 s).
  let healthyAt = 0
  while (!healthyAt && Date.now() - healedAt < 30_000) {
    const res = await request(`${app.url}/healthz`, {})
    if (res.status === 200) healthyAt = Date.now()
    else await sleep(100)
  }
  await sleep(AFTER_MS)
  stopping = true
  await Promise.all(clients)
  const code = await app.stop()

  const firstRegistrationAfter = answers
    .filter((a) => a.kind === 'register' && a.status === 303 && a.at >= healedAt)
    .sort((a, b) => a.at + a.ms - (b.at + b.ms))[0]
  const stored = await withDatabase({ dataDir, databaseUrl: postgres.url }, async (db) => {
    const registrations = await db.registration.findMany({ where: { eventId }, select: { id: true, email: true } })
    const outbox = await db.outboxMessage.groupBy({ by: ['registrationId'], where: { eventId }, _count: { _all: true } })
    return { registrations, outbox }
  })
  const mailsOf = new Map(stored.outbox.map((row) => [row.registrationId, row._count._all]))
  const halfWritten =
    stored.registrations.filter((r) => mailsOf.get(r.id) !== 1).length +
    stored.outbox.filter((row) => !stored.registrations.some((r) => r.id === row.registrationId)).length
  const storedEmails = new Set(stored.registrations.map((r) => r.email))
  const lost = answers.filter((a) => a.kind === 'register' && a.status === 303 && !storedEmails.has(a.email!)).length
  const storedDespite503 = answers.filter((a) => a.kind === 'register' && a.status !== 303 && storedEmails.has(a.email!)).length

  const byPhase = (p: Answer['phase']) => answers.filter((a) => a.phase === p)
  const statusTable: Record<string, Record<string, number>> = {}
  for (const a of answers) {
    const key = `${a.phase} ${a.kind}`
    statusTable[key] ??= {}
    statusTable[key][String(a.status)] = (statusTable[key][String(a.status)] ?? 0) + 1
  }
  const hanging = answers.filter((a) => a.ms > HANG_MS || a.status === 'timeout' || a.status === 'network error')
  for (const a of answers.filter((a) => a.ms > SILENT_MS))
    console.log(`slow: ${a.kind} asked ${a.phase} at +${((a.at - silentAt) / 1000).toFixed(1)} s (silence at 0), ${a.status} after ${a.ms} ms`)
  console.log('\nAnswers by phase (when asked) and kind:')
  console.table(statusTable)
  const silent = byPhase('silent')
  const silent503 = silent.filter((a) => a.status === 503)
  report.note('requests in all', answers.length)
  report.note('requests asked while silent', silent.length)
  report.note('503 while silent', silent503.length)
  report.add('503 without Retry-After', answers.filter((a) => a.status === 503 && !a.retryAfter).length, 'answers', exactly(0))
  report.add('500s (any phase)', answers.filter((a) => a.status === 500).length, 'answers', exactly(0))
  report.add('other 5xx than 503', answers.filter((a) => typeof a.status === 'number' && a.status >= 500 && a.status !== 503).length, 'answers', exactly(0))
  report.add('hanging (> 15 s or no answer)', hanging.length, 'requests', exactly(0))
  report.note('answered only after the whole silence (> 10 s)', answers.filter((a) => a.ms > SILENT_MS).length)
  const overlapping = answers.filter((a) => a.at < healedAt && a.at + a.ms > silentAt)
  report.note('requests in flight during the silence', overlapping.length)
  report.note('… answered 503 (Retry-After)', overlapping.filter((a) => a.status === 503).length)
  report.note('… answered 200/303 (from caches, or after the network returned)', overlapping.filter((a) => a.status === 200 || a.status === 303).length)
  report.note('slowest answer while silent', Math.max(0, ...silent.map((a) => a.ms)), 'ms')
  report.note('registrations stored', stored.registrations.length)
  report.add('lost (303 not stored)', lost, 'registrations', exactly(0))
  report.add('half-written (registration ≠ one outbox mail)', halfWritten, 'rows', exactly(0))
  report.note('stored though the answer was not 303 (commit reached PostgreSQL, its reply did not)', storedDespite503)
  report.add('recovery: network back → /healthz 200', healthyAt ? (healthyAt - healedAt) / 1000 : Infinity, 's', atMost(5))
  report.add(
    'recovery: network back → first registration 303',
    firstRegistrationAfter ? (firstRegistrationAfter.at + firstRegistrationAfter.ms - healedAt) / 1000 : Infinity,
    's',
    atMost(5),
  )
  report.note('silent for', ((healedAt - silentAt) / 1000).toFixed(1), 's')
  report.add('server exit code after SIGTERM', code ?? -1, '', exactly(0))
} finally {
  await proxy.close()
  await postgres.drop()
  fs.rmSync(dataDir, { recursive: true, force: true })
}
report.finish(`Drill: PostgreSQL silent for ${SILENT_MS / 1000} s behind a TCP proxy under load (${CLIENTS} clients, page views and registrations)`)
process.exit(process.exitCode ?? 0)
