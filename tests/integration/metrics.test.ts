import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../app/db/client.server.ts'
import { createTestDatabase } from '../support/database.ts'
import { parseMetrics } from '../support/prometheus.ts'
import { createSeatedEvent } from '../support/registrations.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

// /metrics and the request id against the real production server (`npm run build` first): embedded
// by default, or a fresh database on DATABASE_URL's PostgreSQL. The server's own worker sends to a
// real SMTP sink, so the mail counters and the outbox gauges move as they would in production.
const TOKEN = 'metrics-test-token-'.padEnd(48, 'x')
const SECRET = 'metrics-test-secret-'.padEnd(64, 's')
const REGISTER_ROUTE = 'routes/($lang).events.$slug_.register'

type LogLine = Record<string, unknown> & { msg?: string; request_id?: string }

// Embedded, reading the outbox means stopping and starting the server: minutes on a loaded machine.
describe('/metrics and request ids', { timeout: 180_000 }, () => {
  let server: RunningServer
  let sink: SmtpSink
  let dataDir: string
  let postgres: (Database & { url?: string }) | undefined

  /** The test's own connection to the server's database: PostgreSQL stays open; the embedded one only while the server is stopped. */
  const withDatabase = async <T>(work: (database: Database) => Promise<T>): Promise<T> => {
    if (postgres) return work(postgres)
    const database = await openDatabase({ dataDir })
    try {
      return await work(database)
    } finally {
      await database.close()
    }
  }

  const scrape = async (authorization = `Bearer ${TOKEN}`) => fetch(`${server.url}/metrics`, { headers: { authorization } })
  const metrics = async () => {
    const response = await scrape()
    expect(response.status).toBe(200)
    return parseMetrics(await response.text())
  }

  const register = (email: string, requestId?: string) =>
    fetch(`${server.url}/events/metrik-dagen/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: new URLSearchParams({
        name: 'Deltagare Metrik',
        email,
        organization: 'Eskilstuna kommun',
        sector: 'public_sector',
        county: 'sodermanland',
        whenFull: 'waitlist',
        consent: 'yes',
      }),
    })

  const logLines = (): LogLine[] =>
    server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine)

  const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 20_000) => {
    const deadline = Date.now() + ms
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${server.output().slice(-3000)}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  const serverEnv = () => ({
    DATA_DIR: dataDir,
    DATABASE_URL: postgres?.url ?? '',
    SESSION_SECRET: SECRET,
    DEMO: 'off',
    SMTP_URL: sink.url,
    METRICS_TOKEN: TOKEN,
    SAMLING_QUIET_LOG: '0',
    REGISTRATIONS_PER_IP: '10000',
  })

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-metrics-'))
    if (process.env.DATABASE_URL) postgres = await createTestDatabase()
    await withDatabase((database) => createSeatedEvent(database.prisma, { slug: 'metrik-dagen', seats: 50 }))
    sink = await startSmtpSink()
    server = await startServer(serverEnv())
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
    await sink?.close()
    await postgres?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('answers 404 where no METRICS_TOKEN is configured', { timeout: 90_000 }, async () => {
    const bare = await startServer({ DEMO: 'off', DATABASE_URL: '' })
    try {
      const response = await fetch(`${bare.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(response.status).toBe(404)
      expect(response.headers.get('cache-control')).toBe('no-store')
    } finally {
      await bare.stop()
    }
  })

  it('asks for the token with 401 and WWW-Authenticate when it is missing or wrong', async () => {
    for (const authorization of ['', `Bearer ${TOKEN.slice(0, -1)}y`, `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`, TOKEN]) {
      const response = await scrape(authorization)
      expect([authorization, response.status]).toEqual([authorization, 401])
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"')
      expect(response.headers.get('cache-control')).toBe('no-store')
    }
  })

  it('serves the Prometheus text format, never cached, with every promised series', async () => {
    const response = await scrape()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const parsed = parseMetrics(await response.text())
    const types = Object.fromEntries([...parsed.families.values()].map((family) => [family.name, family.type]))
    expect(types).toMatchObject({
      samling_http_requests_total: 'COUNTER',
      samling_http_request_duration_seconds: 'HISTOGRAM',
      samling_outbox_queued: 'GAUGE',
      samling_outbox_oldest_queued_age_seconds: 'GAUGE',
      samling_outbox_retrying: 'GAUGE',
      samling_outbox_failed: 'GAUGE',
      samling_mail_sent_total: 'COUNTER',
      samling_mail_send_failures_total: 'COUNTER',
      samling_registrations_last_minute: 'GAUGE',
      samling_db_pool_connections: 'GAUGE',
      process_cpu_seconds_total: 'COUNTER',
      nodejs_heap_size_used_bytes: 'GAUGE',
    })
    expect(parsed.value('samling_database_up')).toBe(1)
    expect(parsed.samples('samling_db_pool_connections').map((sample) => sample.labels?.state)).toEqual(['total', 'idle', 'waiting'])
    expect(parsed.value('samling_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1)
    // The scrapes so far are counted under the fixed label, never under a URL.
    expect(parsed.value('samling_http_requests_total', { route: 'metrics', status: '401' })).toBe(4)
  })

  it('one registration: its request id is in the answer, the request line, the outbox row and the worker line; the figures move', async () => {
    const before = await metrics()
    const requestId = 'reg-test-0001-abcdef'
    const answer = await register('anna.metrik@example.org', requestId)
    expect(answer.status).toBe(303)
    expect(answer.headers.get('x-request-id')).toBe(requestId)
    await until('the confirmation', () => sink.messages.length === 1)
    await until('the worker line', () => logLines().some((line) => line.msg === 'mail sent' && line.request_id === requestId))

    const after = await metrics()
    expect(after.value('samling_registrations_last_minute') - before.value('samling_registrations_last_minute')).toBe(1)
    expect(after.value('samling_mail_sent_total') - before.value('samling_mail_sent_total')).toBe(1)
    expect(after.value('samling_http_requests_total', { route: REGISTER_ROUTE, method: 'POST', status: '303' })).toBe(1)
    expect(after.value('samling_outbox_queued')).toBe(0)
    expect(after.value('samling_outbox_oldest_queued_age_seconds')).toBe(0)

    const lines = logLines().filter((line) => line.request_id === requestId)
    const request = lines.find((line) => line.path === '/events/metrik-dagen/register')
    expect(request).toMatchObject({ level: 'info', method: 'POST', route: REGISTER_ROUTE, status: 303 })
    const sent = lines.find((line) => line.msg === 'mail sent')!
    expect(sent).toMatchObject({ level: 'info', template: 'registration-confirmed', attempts: 1 })
    // No address in any line of the whole log.
    expect(server.output()).not.toContain('anna.metrik@example.org')
    expect(server.output()).not.toContain('example.org')

    // A forged id (a newline would start a log line of its own) is replaced by a generated one.
    const forged = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'anna@example.org' } })
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)

    const row = await withOutbox((database) =>
      database.prisma.outboxMessage.findUniqueOrThrow({ where: { id: String(sent.outbox_id) }, select: { requestId: true, status: true, template: true } }),
    )
    expect(row).toEqual({ requestId, status: 'sent', template: 'registration-confirmed' })
  })

  it('a permanent refusal by the relay counts as a failed send and a failed mail, and marks the address', async () => {
    const before = await metrics()
    sink.failNext(1, 550, '5.1.1 <okand@example.org>: Recipient address rejected: User unknown')
    const requestId = 'reg-test-0002-bounce'
    expect((await register('okand@example.org', requestId)).status).toBe(303)
    await until('the failure line', () => logLines().some((line) => line.msg === 'mail failed' && line.request_id === requestId))

    const after = await metrics()
    expect(after.value('samling_mail_send_failures_total') - before.value('samling_mail_send_failures_total')).toBe(1)
    expect(after.value('samling_outbox_failed') - before.value('samling_outbox_failed')).toBe(1)
    expect(after.value('samling_mail_sent_total')).toBe(before.value('samling_mail_sent_total'))
    const failed = logLines().find((line) => line.msg === 'mail failed' && line.request_id === requestId)!
    expect(failed).toMatchObject({ level: 'error', template: 'registration-confirmed', attempts: 1 })
    expect(String(failed.error)).toContain('550')
    expect(server.output()).not.toContain('okand@example.org')

    const bounce = await withOutbox((database) => database.prisma.bouncedAddress.findUnique({ where: { emailNormalized: 'okand@example.org' } }))
    expect(bounce?.lastResponse).toMatch(/^550 5\.1\.1/)
  })

  it('a temporary refusal leaves the mail queued and retrying, visible until the retry succeeds', async () => {
    const before = await metrics()
    sink.failNext(1, 451)
    expect((await register('later.metrik@example.org', 'reg-test-0003-retry')).status).toBe(303)
    await until('the retry line', () => logLines().some((line) => line.msg === 'mail will be retried' && line.request_id === 'reg-test-0003-retry'))
    const after = await metrics()
    expect(after.value('samling_outbox_queued')).toBe(1)
    expect(after.value('samling_outbox_retrying')).toBe(1)
    expect(after.value('samling_outbox_oldest_queued_age_seconds')).toBeGreaterThan(0)
    expect(after.value('samling_mail_send_failures_total') - before.value('samling_mail_send_failures_total')).toBe(1)
  })

  /**
   * Reads the server's database. Embedded: the server is stopped for it (PGlite serves one
   * process) and started again on the same DATA_DIR, so the next test finds it running.
   */
  async function withOutbox<T>(work: (database: Database) => Promise<T>): Promise<T> {
    if (postgres) return work(postgres)
    await server.stop({ keepDataDir: true })
    try {
      return await withDatabase(work)
    } finally {
      server = await startServer({
        DATA_DIR: dataDir,
        DEMO: 'off',
        SMTP_URL: sink.url,
        METRICS_TOKEN: TOKEN,
        SAMLING_QUIET_LOG: '0',
        REGISTRATIONS_PER_IP: '10000',
      })
    }
  }
})
