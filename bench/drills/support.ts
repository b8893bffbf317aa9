/**
 * What the drills share (bench/drills/*.ts, ADR 0035): the production server and `npm run worker`
 * as child processes, a throwaway PostgreSQL database, a look into the database, the figures table
 * and the exit code. Everything listens on 127.0.0.1; every wait has a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import pg from 'pg'
import { openDatabase } from '../../app/db/client.server.ts'
import type { PrismaClient } from '../../app/generated/prisma/client.ts'
import { figure, machine, type Target } from '../figures.ts'

export const SESSION_SECRET = 'drills-'.padEnd(64, 'd')
/** Same V8 flags as `npm start`. */
const NODE_ARGS = ['--max-old-space-size=192', '--max-semi-space-size=1', '--liftoff-only']

export function requireBuild(): void {
  if (!fs.existsSync('build/server.js')) throw new Error('build/server.js is missing: run `npm run build` first')
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passed; returns whether it became true. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() > deadline) return false
    await sleep(everyMs)
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
    probe.on('error', reject)
  })
}

export type Child = {
  pid: number
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
  kill9(): Promise<void>
  /** SIGTERM, SIGKILL after 15 s; resolves with the exit code. */
  stop(): Promise<number | null>
}

function track(child: ChildProcess): Child {
  let output = ''
  child.stdout?.on('data', (chunk) => (output = (output + chunk).slice(-200_000)))
  child.stderr?.on('data', (chunk) => (output = (output + chunk).slice(-200_000)))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const alive = () => child.exitCode === null && child.signalCode === null
  const children = running
  children.add(child)
  void exited.then(() => children.delete(child))
  return {
    pid: child.pid!,
    child,
    output: () => output,
    exited,
    async kill9() {
      if (alive()) child.kill('SIGKILL')
      await exited
    },
    async stop() {
      if (alive()) child.kill('SIGTERM')
      const force = setTimeout(() => alive() && child.kill('SIGKILL'), 15_000)
      const code = await exited
      clearTimeout(force)
      return code
    },
  }
}

/** Every child this drill started, so a failing drill leaves none behind. */
const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL')
})

export type App = Child & { url: string; startedAt: number; readyMs: number }

/** The production server (build/server.js with `npm start`'s flags) on a free port; resolves once it is ready. */
export async function startApp(env: Record<string, string | undefined>): Promise<App> {
  const startedAt = Date.now()
  const child = spawn(process.execPath, [...NODE_ARGS, 'build/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      SAMLING_QUIET_LOG: '1',
      DEMO: 'off',
      SESSION_SECRET,
      REGISTRATIONS_PER_IP: '100000',
      REGISTRATIONS_PER_EMAIL: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const tracked = track(child)
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready within 90 s:\n${tracked.output()}`)), 90_000)
    const check = () => {
      const match = /Samling is ready on (http:\/\/\S+)/.exec(tracked.output())
      if (match) {
        clearTimeout(timer)
        resolve(match[1].replace('localhost', '127.0.0.1'))
      }
    }
    child.stdout!.on('data', check)
    void tracked.exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready:\n${tracked.output()}`))
    })
  })
  return { ...tracked, url, startedAt, readyMs: Date.now() - startedAt }
}

/** `npm run worker` (scripts/worker.ts through tsx); resolves once it logged "mail worker ready". */
export async function startWorker(env: Record<string, string | undefined>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const tracked = track(child)
  const ready = await waitUntil(() => tracked.output().includes('mail worker ready') || child.exitCode !== null, 60_000)
  if (!ready || child.exitCode !== null) throw new Error(`worker did not start:\n${tracked.output()}`)
  return tracked
}

/** The PostgreSQL server for drills that need one (TEST_PG_URL, else DATABASE_URL, else the local default). */
export const POSTGRES_SERVER = process.env.TEST_PG_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

export async function postgresReachable(url = POSTGRES_SERVER): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A new database on the PostgreSQL server, dropped by `drop()` (also with open connections). */
export async function throwawayPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `samling_drill_${randomBytes(5).toString('hex')}`
  await admin(`CREATE DATABASE ${name}`)
  const url = new URL(POSTGRES_SERVER)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) }
}

export type Store = { dataDir: string; databaseUrl?: string }

/**
 * Opens the drill's database for a look. Embedded: only while no server has DATA_DIR open (an
 * embedded database belongs to one process).
 */
export async function withDatabase<T>(store: Store, work: (db: PrismaClient) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl, poolSize: 3 })
  try {
    return await work(database.prisma as unknown as PrismaClient)
  } finally {
    await database.close()
  }
}

export type Row = { figure: string; value: number | string; unit?: string; target?: string; ok?: string }

/**
 * The drill's result: a table of figures (each also a BENCH line), the problems found, and the exit
 * code (1 when anything was lost, duplicated or over its target).
 */
export class Report {
  private rows: Row[] = []
  private problems: string[] = []
  constructor(readonly drill: string) {}

  add(name: string, value: number, unit: string, target?: Target): void {
    const result = figure(`${this.drill} / ${name}`, value, unit, target)
    this.rows.push({
      figure: name,
      value: result.value,
      unit,
      target: result.target ?? '',
      ok: result.ok === null ? '' : result.ok ? 'ok' : 'NOT MET',
    })
    if (result.ok === false) this.problems.push(`${name}: ${result.value} ${unit}, target ${result.target}`)
  }

  /** A figure printed in the table only (a count that explains another, no target). */
  note(name: string, value: number | string, unit = ''): void {
    this.rows.push({ figure: name, value, unit })
  }

  problem(text: string): void {
    this.problems.push(text)
  }

  /** Prints the table and the verdict; sets the exit code. */
  finish(title: string): void {
    console.log(`\n${title}\n${machine()}`)
    console.table(this.rows)
    if (this.problems.length) {
      console.error(`DRILL ${this.drill} FAILED:\n- ${this.problems.join('\n- ')}`)
      process.exitCode = 1
    } else console.log(`DRILL ${this.drill} OK`)
  }
}
