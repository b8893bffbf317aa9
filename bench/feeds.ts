/**
 * npm run bench:feeds — 1,000 deterministic events in a fresh embedded database, the production
 * server, and autocannon at 50 connections for 10 s (after a 3 s warm-up) on `/calendar.ics`, an
 * organization feed, a personal feed and a conditional GET (If-None-Match → 304), plus a bare Node
 * `http` server sending the same bytes of `/calendar.ics` (and an empty 304) from memory as the
 * physical reference, in the same run (identity and gzip: calendar programs ask for gzip). Prints the
 * first (uncached) build of `/calendar.ics` in a cold process and of `/en/calendar.ics` in a warm one, req/s,
 * p99, bytes (identity and gzip), the server's peak RSS and the ratio to the reference.
 * Set DATABASE_URL to run on PostgreSQL; BENCH_SECONDS / BENCH_EVENTS to change the run.
 */
import { spawn } from 'node:child_process'
import { createHash, createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import autocannon from 'autocannon'
import { openDatabase } from '../app/db/client.server.ts'
import { atLeast, below, exactly, figure } from './figures.ts'
import type { County, EventFormat } from '../app/generated/prisma/enums.ts'

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000)
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 50
const SESSION_SECRET = 'b'.repeat(64)
const EMAIL = 'bench.person@kommun.se'

/** A tiny deterministic PRNG (mulberry32), so every run benchmarks the same data. */
function random(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COUNTIES: County[] = ['stockholm', 'skane', 'varmland', 'sodermanland', 'norrbotten', 'vastra_gotaland', 'uppsala', 'orebro']
const CITIES = ['Stockholm', 'Malmö', 'Karlstad', 'Eskilstuna', 'Piteå', 'Göteborg', 'Uppsala', 'Örebro']
const FORMATS: EventFormat[] = ['on_site', 'online', 'hybrid']
const WORDS = 'social innovation samverkan kommun region civilsamhälle hållbarhet inkludering effekt lärande barnets rätt entreprenörskap forskning'.split(' ')

/** Events spread over the last and the coming year (most in a feed's window), 25 organizations, registrations of one person. */
async function generate(dataDir: string, databaseUrl?: string): Promise<{ personalToken: string }> {
  const database = await openDatabase({ dataDir, databaseUrl })
  const db = database.prisma
  const rand = random(42)
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]
  const text = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(' ')
  const started = Date.now()
  const organizations = []
  for (let i = 0; i < 25; i++) {
    organizations.push(
      await db.organization.create({ data: { slug: `bench-org-${i}`, name: `Organisation ${i} för social innovation`, county: COUNTIES[i % 8] } }),
    )
  }
  const now = Date.now()
  for (let i = 0; i < EVENTS; i++) {
    const start = new Date(now + (Math.floor(rand() * 500) - 100) * 86_400_000)
    start.setUTCHours(7 + Math.floor(rand() * 4), 0, 0, 0)
    const format = pick(FORMATS)
    const county = Math.floor(rand() * COUNTIES.length)
    const status = rand() < 0.05 ? 'draft' : rand() < 0.03 ? 'cancelled' : 'published'
    const event = await db.event.create({
      data: {
        slug: `bench-event-${i}`,
        organizationId: organizations[i % organizations.length].id,
        titleSv: `${text(3)} – konferens ${i} i Örebro län`,
        titleEn: `${text(3)} – conference ${i}`,
        summarySv: text(25),
        summaryEn: text(25),
        status,
        cancellationReason: status === 'cancelled' ? 'För få anmälda' : null,
        format,
        startsAt: start,
        endsAt: new Date(start.getTime() + 7 * 3_600_000),
        venueName: format === 'online' ? null : 'Kulturhuset',
        venueAddress: format === 'online' ? null : 'Storgatan 1',
        city: format === 'online' ? null : CITIES[county],
        county: format === 'online' ? null : COUNTIES[county],
        onlineUrl: format === 'on_site' ? null : `https://example.org/stream/${i}`,
        publishedAt: status === 'draft' ? null : new Date(now),
      },
    })
    if (i % 33 === 0 && status !== 'draft') {
      await db.registration.create({
        data: {
          eventId: event.id,
          name: 'Bench Person',
          email: EMAIL,
          emailNormalized: EMAIL,
          status: 'confirmed',
          attendanceMode: format === 'online' ? 'online' : 'on_site',
          manageTokenHash: createHash('sha256').update(`bench-${i}`).digest('hex'),
        },
      })
    }
  }
  // The personal feed's token as app/registrations/tokens.server.ts derives it (purpose calendar, version 0).
  const feed = await db.personalFeed.create({ data: { emailNormalized: EMAIL } })
  const personalToken = createHmac('sha256', SESSION_SECRET).update(`calendar:${feed.id}:0`).digest('base64url')
  await db.personalFeed.update({ where: { id: feed.id }, data: { tokenHash: createHash('sha256').update(personalToken).digest('hex') } })
  console.log(`generated ${EVENTS} events in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  await database.close()
  return { personalToken }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-bench-feeds-'))
  const databaseUrl = process.env.DATABASE_URL
  const { personalToken } = await generate(dataDir, databaseUrl)
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '--max-old-space-size=192 --max-semi-space-size=1 --liftoff-only').split(' ').filter(Boolean)
  const child = spawn(process.execPath, [...nodeArgs, 'build/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MAIL_WORKER: 'off',
      SAMLING_QUIET_LOG: '1',
      SESSION_SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const match = /Samling is ready on (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'))
    })
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)))
  })
  let peakRss = 0
  const sampler = setInterval(() => {
    try {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
      peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024)
    } catch {
      // the server has exited; keep the peak seen so far
    }
  }, 100)

  // The first request builds the 1,000-event feed from the database (nothing kept yet).
  const firstStarted = performance.now()
  const first = await fetch(`${url}/calendar.ics`)
  const siteBytes = Buffer.from(await first.arrayBuffer())
  const firstBuildMs = performance.now() - firstStarted
  if (first.status !== 200) throw new Error(`/calendar.ics answered ${first.status}`)
  const etag = first.headers.get('etag')!

  const rows: Record<string, string | number>[] = []
  const rates: Record<string, number> = {}
  const measure = async (name: string, target: string, headers: Record<string, string>, expected = 200) => {
    const check = await fetch(target, { headers })
    if (check.status !== expected) throw new Error(`${target} answered ${check.status}, not ${expected}`)
    const bytes = Buffer.from(await check.arrayBuffer())
    await autocannon({ url: target, connections: CONNECTIONS, duration: Math.min(3, DURATION), headers }) // warm-up
    const result = await autocannon({ url: target, connections: CONNECTIONS, duration: DURATION, headers })
    const unexpected = Object.entries(result.statusCodeStats).reduce((sum, [code, { count }]) => (code === String(expected) ? sum : sum + count), 0)
    rates[name] = result.requests.average
    rows.push({
      feed: name,
      'req/s': Math.round(result.requests.average),
      'p99 ms': result.latency.p99,
      bytes: bytes.length,
      'gzip bytes': bytes.length ? zlib.gzipSync(bytes).length : 0,
      errors: result.errors + result.timeouts + unexpected,
    })
  }
  // An uncached build in a warm process: the English feed (as big) has not been asked for yet.
  const warmStarted = performance.now()
  const warm = await fetch(`${url}/en/calendar.ics`)
  await warm.arrayBuffer()
  const warmBuildMs = performance.now() - warmStarted
  await measure('/calendar.ics', `${url}/calendar.ics`, {})
  await measure('/calendar.ics, Accept-Encoding: gzip', `${url}/calendar.ics`, { 'accept-encoding': 'gzip' })
  await measure('/organizations/bench-org-3/calendar.ics', `${url}/organizations/bench-org-3/calendar.ics`, {})
  await measure('/calendar/personal/<token>.ics', `${url}/calendar/personal/${personalToken}.ics`, {})
  await measure('/calendar.ics If-None-Match → 304', `${url}/calendar.ics`, { 'if-none-match': etag }, 304)

  const bytesFile = path.join(os.tmpdir(), `samling-bench-feed-${process.pid}.ics`)
  fs.writeFileSync(bytesFile, siteBytes)
  const bare = spawn(
    process.execPath,
    [
      '-e',
      `const body = require('fs').readFileSync(${JSON.stringify(bytesFile)});
       const zipped = require('zlib').gzipSync(body);
       const server = require('http').createServer((req, res) => {
         if (req.url === '/304') { res.statusCode = 304; res.setHeader('ETag', '"x"'); return res.end() }
         if (req.url === '/gzip') { res.setHeader('Content-Type', 'text/calendar; charset=utf-8'); res.setHeader('Content-Encoding', 'gzip'); return res.end(zipped) }
         res.setHeader('Content-Type', 'text/calendar; charset=utf-8'); res.end(body)
       });
       server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const port = await new Promise<string>((resolve) => bare.stdout!.on('data', (chunk) => resolve(/port (\d+)/.exec(String(chunk))![1])))
  await measure('bare Node server, same bytes', `http://127.0.0.1:${port}/`, {})
  await measure('bare Node server, same bytes gzipped', `http://127.0.0.1:${port}/gzip`, { 'accept-encoding': 'gzip' })
  await measure('bare Node server, empty 304', `http://127.0.0.1:${port}/304`, {}, 304)
  bare.kill()
  fs.rmSync(bytesFile, { force: true })
  clearInterval(sampler)
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))

  console.log(
    `\nSamling feeds benchmark — ${EVENTS} events, ${CONNECTIONS} connections, ${DURATION} s each, ${databaseUrl ? 'PostgreSQL' : 'embedded PGlite'}, ${os.cpus().length} cores`,
  )
  console.table(rows)
  const ratio = (a: string, b: string) => `${((100 * rates[a]) / rates[b]).toFixed(0)} %`
  console.log(`first (uncached) build of /calendar.ics: ${firstBuildMs.toFixed(0)} ms (${siteBytes.length} bytes)`)
  console.log(`uncached build in a warm process (/en/calendar.ics, first request): ${warmBuildMs.toFixed(0)} ms`)
  console.log(`/calendar.ics vs the bare server: ${ratio('/calendar.ics', 'bare Node server, same bytes')}`)
  console.log(`/calendar.ics gzip vs the bare server gzip: ${ratio('/calendar.ics, Accept-Encoding: gzip', 'bare Node server, same bytes gzipped')}`)
  console.log(`conditional GET vs the bare empty 304: ${ratio('/calendar.ics If-None-Match → 304', 'bare Node server, empty 304')}`)
  console.log(`server peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MiB`)
  // Targets of issue 9: the site feed ≥ 1,000 req/s and ≥ 50 % of the bare server; a conditional GET
  // ≥ 3,000 req/s and ≥ 30 % of the bare empty 304; a first build under 150 ms.
  const feedTargets: Record<string, ReturnType<typeof atLeast>> = { '/calendar.ics': atLeast(1000), '/calendar.ics If-None-Match → 304': atLeast(3000) }
  for (const row of rows) {
    figure(`feeds / ${row.feed} req/s`, Number(row['req/s']), 'req/s', feedTargets[String(row.feed)])
    figure(`feeds / ${row.feed} p99`, Number(row['p99 ms']), 'ms')
    figure(`feeds / ${row.feed} errors`, Number(row.errors), 'errors', exactly(0))
  }
  const percent = (a: string, b: string) => (100 * rates[a]) / rates[b]
  figure('feeds / /calendar.ics vs bare server', percent('/calendar.ics', 'bare Node server, same bytes'), '%', atLeast(50))
  figure('feeds / conditional GET vs bare empty 304', percent('/calendar.ics If-None-Match → 304', 'bare Node server, empty 304'), '%', atLeast(30))
  figure('feeds / first (uncached) build of /calendar.ics', firstBuildMs, 'ms', below(150))
  figure('feeds / uncached build in a warm process', warmBuildMs, 'ms')
  figure('feeds / server peak RSS', peakRss / 1024 / 1024, 'MiB')
  fs.rmSync(dataDir, { recursive: true, force: true })
}

await main()
process.exit(0)
