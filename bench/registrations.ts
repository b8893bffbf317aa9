/**
 * npm run bench:registrations — 1,000 people register at once (distinct addresses) for one on-site
 * event with 100 seats, over HTTP against the production server (run `npm run build` first), on a
 * fresh embedded database, or on a throwaway database on the PostgreSQL server named by
 * DATABASE_URL (created here and dropped afterwards). Prints confirmed, waitlisted, answers by
 * status, registrations/s, p50/p99/max latency and the server's peak RSS, then checks the database
 * itself: exactly 100 confirmed and 900 waitlisted, one outbox mail per registration, no 5xx.
 * BENCH_REGISTRATIONS, BENCH_SEATS and BENCH_CONCURRENCY change the sizes.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '../app/db/client.server.ts'
import { atLeast, below, exactly, figure } from './figures.ts'

const PEOPLE = Number(process.env.BENCH_REGISTRATIONS ?? 1000)
const SEATS = Number(process.env.BENCH_SEATS ?? 100)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? PEOPLE)
const SLUG = 'bench-registration-day'

/** A throwaway database on the PostgreSQL server (DATABASE_URL names the server), or none (embedded). */
async function throwawayDatabase(serverUrl: string | undefined) {
  if (!serverUrl) return { url: undefined, drop: async () => {} }
  const name = `samling_bench_${randomBytes(5).toString('hex')}`
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

async function createEvent(dataDir: string, databaseUrl: string | undefined) {
  const database = await openDatabase({ dataDir, databaseUrl })
  const db = database.prisma
  const organization = await db.organization.create({ data: { slug: 'bench-region', name: 'Region Benchmark', county: 'sodermanland' } })
  const startsAt = new Date(Date.now() + 30 * 86_400_000)
  const event = await db.event.create({
    data: {
      slug: SLUG,
      organizationId: organization.id,
      titleSv: 'Innovationsdagen',
      titleEn: 'Innovation day',
      status: 'published',
      publishedAt: new Date(),
      format: 'on_site',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
      venueName: 'Stadshuset',
      city: 'Eskilstuna',
      county: 'sodermanland',
      capacityOnSite: SEATS,
    },
  })
  await database.close()
  return event.id
}

/** What the database holds after the run (the HTTP answers alone could hide a lost or extra row). */
async function databaseFigures(dataDir: string, databaseUrl: string | undefined, eventId: string) {
  const database = await openDatabase({ dataDir, databaseUrl })
  const db = database.prisma
  const byStatus = await db.registration.groupBy({ by: ['status'], where: { eventId }, _count: { _all: true } })
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0
  const registrations = await db.registration.count({ where: { eventId } })
  const [{ n: withoutMail }] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM registrations r
    WHERE r.event_id = ${eventId}::uuid AND NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.registration_id = r.id)`
  const confirmationMails = await db.outboxMessage.count({ where: { eventId, template: 'registration-confirmed' } })
  const waitlistMails = await db.outboxMessage.count({ where: { eventId, template: 'registration-waitlisted' } })
  await database.close()
  return { registrations, confirmed: count('confirmed'), waitlisted: count('waitlisted'), withoutMail, confirmationMails, waitlistMails }
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-bench-reg-'))
  const database = await throwawayDatabase(process.env.DATABASE_URL)
  let child: ReturnType<typeof spawn> | undefined
  try {
    const eventId = await createEvent(dataDir, database.url)
    // The same V8 flags as `npm start` (package.json), unless BENCH_NODE_ARGS says otherwise.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '--max-old-space-size=192 --max-semi-space-size=1 --liftoff-only').split(' ').filter(Boolean)
    child = spawn(process.execPath, [...nodeArgs, 'build/server.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        DEMO: 'off',
        // Mail is written to the outbox in the registration's transaction; sending is bench:outbox's.
        MAIL_WORKER: 'off',
        SAMLING_QUIET_LOG: '1',
        SESSION_SECRET: 'b'.repeat(64),
        // Every request comes from 127.0.0.1: the per-IP limit (60 in 10 min) would refuse most.
        REGISTRATIONS_PER_IP: String(PEOPLE * 10),
        REGISTRATIONS_PER_EMAIL: '10',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const server = child
    let output = ''
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout!.on('data', (chunk) => {
        output += chunk
        const match = /Samling is ready on (http:\/\/\S+)/.exec(output)
        if (match) resolve(match[1].replace('localhost', '127.0.0.1'))
      })
      server.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)))
    })
    const readStatus = (field: 'VmRSS' | 'VmHWM') => {
      try {
        const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8')
        return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024
      } catch {
        return 0 // the server has exited
      }
    }
    /** CPU seconds the server process has used (all its threads: HTTP, rendering, the embedded database). */
    const cpuSeconds = () => {
      try {
        const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ')
        return (Number(fields[11]) + Number(fields[12])) / 100
      } catch {
        return 0
      }
    }
    let peakRss = 0
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, readStatus('VmRSS'))), 50)

    const target = `${url}/events/${SLUG}/register`
    const form = await fetch(target)
    if (form.status !== 200) throw new Error(`${target} answered ${form.status}`)
    await form.arrayBuffer()

    // One connection per person in flight, as a thousand browsers would open.
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })
    const post = (body: string) =>
      new Promise<{ status: number; location: string }>((resolve, reject) => {
        const request = http.request(
          target,
          {
            method: 'POST',
            agent,
            headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            response.resume()
            response.on('end', () => resolve({ status: response.statusCode ?? 0, location: String(response.headers.location ?? '') }))
            response.on('error', reject)
          },
        )
        request.setTimeout(120_000, () => request.destroy(new Error('timeout')))
        request.on('error', reject)
        request.end(body)
      })
    const statuses = new Map<string, number>()
    const outcomes = new Map<string, number>()
    const latencies: number[] = []
    const register = async (n: number) => {
      const body = new URLSearchParams({
        name: `Deltagare ${n}`,
        email: `deltagare-${n}@bench.example.org`,
        organization: 'Eskilstuna kommun',
        sector: 'public_sector',
        county: 'sodermanland',
        whenFull: 'waitlist',
        consent: 'yes',
      })
      const started = performance.now()
      let key: string
      try {
        const response = await post(body.toString())
        key = String(response.status)
        const done = /[?&]done=([a-z]+)/.exec(response.location)?.[1]
        if (response.status === 303 && done) outcomes.set(done, (outcomes.get(done) ?? 0) + 1)
      } catch (error) {
        key = `network error (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
      }
      latencies.push(performance.now() - started)
      statuses.set(key, (statuses.get(key) ?? 0) + 1)
    }
    const cpuBefore = cpuSeconds()
    const started = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, PEOPLE) }, async () => {
        while (next < PEOPLE) await register(next++)
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const serverCpu = cpuSeconds() - cpuBefore
    clearInterval(sampler)
    peakRss = Math.max(peakRss, readStatus('VmHWM'))
    agent.destroy()
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
    child = undefined

    const stored = await databaseFigures(dataDir, database.url, eventId)
    latencies.sort((a, b) => a - b)
    const fiveXx = [...statuses].filter(([status]) => status.startsWith('5')).reduce((sum, [, n]) => sum + n, 0)
    console.log(
      `\nSamling registrations benchmark — ${PEOPLE} registrations, ${SEATS} on-site seats, ${CONCURRENCY} at once, ${database.url ? 'PostgreSQL' : 'embedded PGlite'}, ${os.cpus().length} cores`,
    )
    console.table({
      'HTTP answers': Object.fromEntries([...statuses].sort()),
      'redirected to ?done=': Object.fromEntries([...outcomes].sort()),
    })
    console.table([
      {
        'registrations/s': Math.round(PEOPLE / seconds),
        'total s': Number(seconds.toFixed(2)),
        'p50 ms': Math.round(percentile(latencies, 50)),
        'p99 ms': Math.round(percentile(latencies, 99)),
        'max ms': Math.round(latencies[latencies.length - 1] ?? 0),
        '5xx': fiveXx,
        'peak RSS MiB': Math.round(peakRss / 1024 / 1024),
        'server CPU %': Math.round((serverCpu / seconds) * 100),
      },
    ])
    console.log('in the database:', stored)
    // Issue 8 §9: ≥ 100/s embedded, ≥ 200/s PostgreSQL, p99 under 1 s; exactly SEATS confirmed, the rest waitlisted, 0 5xx.
    const label = database.url ? 'PostgreSQL' : 'embedded'
    figure(`registrations / ${label} registrations/s`, PEOPLE / seconds, 'reg/s', atLeast(database.url ? 200 : 100))
    figure(`registrations / ${label} p99`, percentile(latencies, 99), 'ms', below(1000))
    figure(`registrations / ${label} confirmed`, stored.confirmed, 'registrations', exactly(Math.min(SEATS, PEOPLE)))
    figure(`registrations / ${label} waitlisted`, stored.waitlisted, 'registrations', exactly(Math.max(0, PEOPLE - SEATS)))
    figure(`registrations / ${label} without their mail`, stored.withoutMail, 'registrations', exactly(0))
    figure(`registrations / ${label} 5xx`, fiveXx, 'answers', exactly(0))
    figure(`registrations / ${label} server peak RSS`, peakRss / 1024 / 1024, 'MiB')
    const problems: string[] = []
    const waitlist = Math.max(0, PEOPLE - SEATS)
    if (stored.confirmed !== Math.min(SEATS, PEOPLE)) problems.push(`${stored.confirmed} confirmed, not ${Math.min(SEATS, PEOPLE)}`)
    if (stored.waitlisted !== waitlist) problems.push(`${stored.waitlisted} waitlisted, not ${waitlist}`)
    if (stored.registrations !== PEOPLE) problems.push(`${stored.registrations} registrations stored, not ${PEOPLE}`)
    if (stored.withoutMail !== 0) problems.push(`${stored.withoutMail} registrations without an outbox row`)
    if (stored.confirmationMails !== stored.confirmed || stored.waitlistMails !== stored.waitlisted)
      problems.push('outbox mails do not match the registrations')
    if (fiveXx !== 0) problems.push(`${fiveXx} answers were 5xx`)
    if ((statuses.get('303') ?? 0) !== PEOPLE) problems.push(`${PEOPLE - (statuses.get('303') ?? 0)} requests were not answered 303`)
    if (problems.length) {
      console.error(`FAILED: ${problems.join('; ')}`)
      process.exitCode = 1
    } else console.log(`OK: ${stored.confirmed} confirmed + ${stored.waitlisted} waitlisted, each with its mail in the outbox, 0 5xx`)
  } finally {
    if (child) {
      child.kill('SIGKILL')
      await new Promise((resolve) => child!.once('exit', resolve))
    }
    await database.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
process.exit(process.exitCode ?? 0)
