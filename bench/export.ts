/**
 * npm run bench:export — 10,000 registrations of one event (with two custom questions) exported as
 * .xlsx and as CSV (both dialects) through the domain's streams (app/exports/registrations.server.ts),
 * consumed like a slow-ish HTTP client would, on a fresh embedded database or on a throwaway
 * database on the PostgreSQL server named by DATABASE_URL (created here and dropped afterwards).
 * Prints rows, bytes, seconds and the peak RSS growth over the RSS before each export (sampled
 * every 10 ms); targets: under 5 s and under 50 MiB each. BENCH_EXPORT_ROWS changes the size.
 * It runs with the V8 limits of `npm start` (package.json), as the server would; the seeding child
 * runs without them. BENCH_ORDER=rfc4180,xlsx,xlsx measures another order (the first export of a
 * process pays for warming the query path). The load average is printed: figures taken on a busy
 * machine are not comparable.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { connectDatabase, db, disconnectDatabase } from '../app/db/client.server.ts'
import { exportRegistrations, type ExportFormat } from '../app/exports/registrations.server.ts'
import type { Prisma } from '../app/generated/prisma/client.ts'
import { below, exactly, figure } from './figures.ts'

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 10_000)
const TARGET_SECONDS = 5
const TARGET_MIB = 50

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

const SECTORS = ['public_sector', 'civil_society', 'private_sector', 'academia', 'other'] as const
const COUNTIES = ['stockholm', 'sodermanland', 'skane', 'vastra_gotaland', 'norrbotten'] as const

async function seed() {
  const organization = await db.organization.create({ data: { slug: 'bench-export', name: 'Region Benchmark' } })
  const member = await db.person.create({ data: { email: 'bench-export@example.se', name: 'Bench' } })
  await db.membership.create({ data: { organizationId: organization.id, personId: member.id, role: 'organizer' } })
  const startsAt = new Date('2027-02-12T08:00:00Z')
  const event = await db.event.create({
    data: {
      slug: 'bench-export-day',
      organizationId: organization.id,
      titleSv: 'Exportdagen',
      titleEn: 'Export day',
      status: 'published',
      format: 'hybrid',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
      ticketTypes: { create: { nameSv: 'Ordinarie', nameEn: 'Standard', priceOre: 29500 } },
      questions: {
        create: [
          { kind: 'choice', position: 0, labelSv: 'Lunch', labelEn: 'Lunch', options: [{ value: 'veg', sv: 'Vegetarisk', en: 'Vegetarian' }] },
          { kind: 'text', position: 1, labelSv: 'Övrigt', labelEn: 'Anything else' },
        ],
      },
    },
    include: { ticketTypes: true, questions: { orderBy: { position: 'asc' } } },
  })
  const [lunch, note] = event.questions.map((question) => question.id)
  for (let start = 0; start < ROWS; start += 1000) {
    const data: Prisma.RegistrationCreateManyInput[] = []
    for (let i = start; i < Math.min(ROWS, start + 1000); i++) {
      const email = `deltagare-${i}@example.se`
      data.push({
        eventId: event.id,
        name: `Åsa Öberg-Ärlig ${i}`,
        email,
        emailNormalized: email,
        status: i % 10 === 0 ? 'waitlisted' : 'confirmed',
        attendanceMode: i % 3 === 0 ? 'online' : 'on_site',
        sector: SECTORS[i % SECTORS.length],
        county: COUNTIES[i % COUNTIES.length],
        organizationName: i % 50 === 0 ? '=Formel AB' : `Kommun ${i % 290}`,
        answers: { [lunch]: 'veg', [note]: `Tack för en bra dag, rad ${i}` },
        manageTokenHash: randomBytes(32).toString('hex'),
        createdAt: new Date(startsAt.getTime() - 30 * 86_400_000 + i * 60_000),
        checkedInAt: i % 4 === 0 ? new Date(startsAt.getTime() + (i % 60) * 60_000) : null,
        ticketTypeId: event.ticketTypes[0].id,
        priceOre: 29500,
        vatRate: 25,
        paymentStatus: 'unpaid',
      })
    }
    await db.registration.createMany({ data })
  }
  return { access: { organization, role: 'organizer' as const, personId: member.id }, eventId: event.id }
}

async function measure(format: ExportFormat, input: Awaited<ReturnType<typeof seed>>) {
  globalThis.gc?.()
  const before = process.memoryUsage().rss
  const heapBefore = process.memoryUsage().heapUsed
  let peak = before
  let heapPeak = heapBefore
  const sample = () => {
    const memory = process.memoryUsage()
    peak = Math.max(peak, memory.rss)
    heapPeak = Math.max(heapPeak, memory.heapUsed)
  }
  const sampler = setInterval(sample, 10)
  const started = performance.now()
  const download = await exportRegistrations({
    ...input,
    locale: 'sv',
    query: {
      format,
      columns: ['name', 'email', 'organization', 'sector', 'county', 'mode', 'status', 'registeredAt', 'checkedInAt', 'ticket', 'price', 'invoice'],
      filters: {},
    },
  })
  let bytes = 0
  let lines = 0
  const reader = download.body.getReader()
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.byteLength
    if (format !== 'xlsx') for (const byte of next.value) if (byte === 10) lines++
  }
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  sample()
  const mib = (value: number) => value / 1024 / 1024
  return { format, rows: download.rowCount, lines, bytes, seconds, growthMiB: mib(peak - before), rssMiB: mib(peak), heapGrowthMiB: mib(heapPeak - heapBefore) }
}

/** The rows are written by a child process, so this one's RSS starts from a plain connected app, not from the seeding's high water mark. */
async function seedInChild(dataDir: string, databaseUrl: string | undefined) {
  const output = execFileSync(process.execPath, [...process.execArgv.filter((flag) => !flag.startsWith('--max-')), process.argv[1], '--seed', dataDir], {
    env: { ...process.env, BENCH_EXPORT_URL: databaseUrl ?? '' },
    encoding: 'utf8',
  })
  return JSON.parse(output.trim().split('\n').at(-1)!) as Awaited<ReturnType<typeof seed>>
}

async function main() {
  if (process.argv[2] === '--seed') {
    await connectDatabase({ databaseUrl: process.env.BENCH_EXPORT_URL || undefined, dataDir: process.argv[3] })
    const input = await seed()
    await disconnectDatabase()
    console.log(JSON.stringify({ ...input, access: { ...input.access, organization: { ...input.access.organization } } }))
    return
  }
  const database = await throwawayDatabase(process.env.DATABASE_URL)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-bench-export-'))
  try {
    const seeding = performance.now()
    const input = await seedInChild(dataDir, database.url)
    console.log(
      `load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores; database: ${database.url ? 'PostgreSQL' : 'embedded PGlite'}; seeded ${ROWS} registrations in ${((performance.now() - seeding) / 1000).toFixed(1)} s (child process)`,
    )
    await connectDatabase({ databaseUrl: database.url, dataDir })
    await db.registration.count()
    let failed = false
    for (const format of (process.env.BENCH_ORDER?.split(',') ?? ['xlsx', 'excel-sv', 'rfc4180']) as ExportFormat[]) {
      const result = await measure(format, input)
      const ok = result.seconds < TARGET_SECONDS && result.growthMiB < TARGET_MIB && result.rows === ROWS && (format === 'xlsx' || result.lines === ROWS + 1)
      failed ||= !ok
      figure(`export / ${format} seconds`, result.seconds, 's', below(TARGET_SECONDS))
      figure(`export / ${format} peak RSS growth`, result.growthMiB, 'MiB', below(TARGET_MIB))
      figure(`export / ${format} rows`, result.rows, 'rows', exactly(ROWS))
      console.log(
        `${format.padEnd(8)} rows ${result.rows}  ${(result.bytes / 1024 / 1024).toFixed(2)} MiB  ${result.seconds.toFixed(2)} s  peak RSS growth ${result.growthMiB.toFixed(1)} MiB (peak RSS ${result.rssMiB.toFixed(0)} MiB, heap growth ${result.heapGrowthMiB.toFixed(1)} MiB)  ${ok ? 'ok' : 'OVER TARGET'}`,
      )
    }
    console.log(`targets: under ${TARGET_SECONDS} s and under ${TARGET_MIB} MiB RSS growth per export`)
    if (failed) process.exitCode = 1
  } finally {
    await disconnectDatabase()
    await database.drop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
