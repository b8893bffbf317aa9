import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils'
import pg from 'pg'
import { PrismaClient } from './generated/prisma/client.ts'
import { applyMigrations, type SqlRunner } from './migrations.server.ts'
import { ConfigError } from './env.server.ts'

/**
 * The one database client. Embedded PGlite by default, PostgreSQL when DATABASE_URL is set;
 * both are reached through Prisma's pg adapter so they behave the same
 * (docs/decisions/0001-data-layer.md).
 */
export type DatabaseMode = 'embedded' | 'postgres'

export type Database = {
  prisma: PrismaClient
  mode: DatabaseMode
  appliedMigrations: string[]
  close(): Promise<void>
}

export type OpenDatabaseOptions = {
  databaseUrl?: string
  /** Directory for the embedded database; 'memory://' keeps it in memory (tests). */
  dataDir?: string
  /** A dumped, already-migrated data directory to start from (tests). */
  loadDataDir?: Blob
  migrate?: boolean
  poolSize?: number
}

let generation = 0

/**
 * A number that changes whenever this process writes something public pages may show. Caches of
 * public data (app/cache.server.ts) remember it and treat a different number as stale. It is
 * bumped before a write starts and again after it (or its transaction) has finished, so a read that
 * overlaps a write is never trusted. Writes to tables no public page reads do not bump it.
 */
export function dataGeneration(): number {
  return generation
}

const PRIVATE_TABLE_WRITE =
  /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"?public"?\.)?"?(?:outbox_messages|sessions|login_tokens|audit_log|_prisma_migrations)"?[\s(]/i

/** True for statements that may change public data: anything but reads, locks, transaction control and private tables. */
export function changesPublicData(sql: string): boolean {
  const head = sql.trimStart().slice(0, 9).toUpperCase()
  if (/^(SELECT|SHOW|SET|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|EXPLAIN|DEALLOCATE)\b/.test(head)) return false
  return !PRIVATE_TABLE_WRITE.test(sql)
}

type Watched = { queryRaw: SqlDriverAdapter['queryRaw']; executeRaw: SqlDriverAdapter['executeRaw'] }

/** Wraps a driver adapter (or transaction) so that writes bump `dataGeneration()`. */
function watchQueries<T extends Watched>(target: T, onWrite: () => void, extra: Record<string, unknown> = {}): T {
  const run =
    (method: 'queryRaw' | 'executeRaw') =>
    (query: SqlQuery): Promise<unknown> => {
      if (!changesPublicData(query.sql)) return target[method](query)
      onWrite()
      return (target[method](query) as Promise<unknown>).finally(onWrite)
    }
  const overrides: Record<string | symbol, unknown> = { queryRaw: run('queryRaw'), executeRaw: run('executeRaw'), ...extra }
  return new Proxy(target, {
    get(object, property) {
      if (property in overrides) return overrides[property]
      const value = Reflect.get(object, property, object)
      return typeof value === 'function' ? value.bind(object) : value
    },
  })
}

function watchTransaction(transaction: Transaction): Transaction {
  let wrote = false
  return watchQueries(
    transaction,
    () => {
      wrote = true
      generation++
    },
    {
      commit: () =>
        transaction.commit().finally(() => {
          if (wrote) generation++
        }),
    },
  )
}

function watchAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const bump = () => void generation++
  return watchQueries(adapter, bump, {
    executeScript: (script: string) => adapter.executeScript(script).finally(bump),
    startTransaction: async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => watchTransaction(await adapter.startTransaction(...args)),
  })
}

/** The pg adapter, with writes watched (see `dataGeneration`). */
function pgAdapter(options: ConstructorParameters<typeof PrismaPg>[0]): SqlDriverAdapterFactory {
  const factory = new PrismaPg(options)
  return new Proxy(factory, {
    get(object, property) {
      if (property === 'connect') return async () => watchAdapter(await object.connect())
      const value = Reflect.get(object, property, object)
      return typeof value === 'function' ? value.bind(object) : value
    },
  })
}

function describeConnectionError(url: string, error: unknown): ConfigError {
  const parsed = new URL(url)
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
  return new ConfigError(`DATABASE_URL: cannot reach PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}/${parsed.pathname.slice(1)} (${code})`)
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  let appliedMigrations: string[] = []
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (error) {
    throw describeConnectionError(url, error)
  }
  try {
    if (options.migrate !== false) {
      const runner: SqlRunner = {
        exec: async (sql) => void (await client.query(sql)),
        query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      }
      appliedMigrations = await applyMigrations(runner, { useAdvisoryLock: true })
    }
  } finally {
    await client.end()
  }
  const prisma = new PrismaClient({ adapter: pgAdapter({ connectionString: url, max: options.poolSize ?? 10 }) })
  return { prisma, mode: 'postgres', appliedMigrations, close: () => prisma.$disconnect() }
}

/**
 * Postgres settings for the embedded database. PGlite's defaults are a server's (shared_buffers
 * 128 MB), and every touched buffer stays in the process's RSS; a Samling data directory is a few
 * megabytes, and the operating system caches the files anyway (docs/decisions/0008-embedded-performance.md).
 */
const EMBEDDED_SETTINGS = ['shared_buffers=8MB', 'temp_buffers=1MB', 'wal_buffers=512kB', 'work_mem=2MB', 'maintenance_work_mem=8MB']

/**
 * The embedded database lives in a worker thread, so PostgreSQL's work (WASM) runs on another core
 * than React rendering. The worker opens PGlite, answers `exec`/`query` messages (migrations run
 * from this thread through them, before anyone else can connect) and, on `listen`, serves the
 * PostgreSQL protocol on a loopback port. It is plain CommonJS evaluated from this string, so it
 * runs the same from the Remix server bundle, tsx and vitest; the packages are resolved here.
 */
const EMBEDDED_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
let db, server
const ready = (async () => {
  const { PGlite } = await import(workerData.pgliteUrl)
  const { PGLiteSocketServer } = await import(workerData.socketUrl)
  const settings = workerData.settings.flatMap((setting) => ['-c', setting])
  const options = { startParams: [...PGlite.defaultStartParams, ...settings] }
  if (workerData.loadDataDir) options.loadDataDir = new Blob([workerData.loadDataDir])
  db = await PGlite.create(workerData.location, options)
  return { PGLiteSocketServer }
})()
const ops = {
  exec: async ({ sql }) => void (await db.exec(sql)),
  query: async ({ sql, params }) => (await db.query(sql, params)).rows,
  listen: async (_, { PGLiteSocketServer }) => {
    // PGlite is one connection; the socket server queues whole transactions from our single pooled
    // client. It accepts a few sockets although the pool keeps one: after a query error Prisma's pg
    // adapter discards its connection and opens a new one at once, and with a limit of 1 that new
    // socket raced the teardown of the old and was refused ("Connection terminated unexpectedly").
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 })
    await server.start()
    return server.getServerConn()
  },
  close: async () => {
    if (server) await server.stop()
    await db.close()
  },
}
parentPort.on('message', async (message) => {
  try {
    const modules = await ready
    parentPort.postMessage({ id: message.id, result: await ops[message.op](message, modules) })
  } catch (error) {
    const { name, message: text, code, detail, hint, position, severity } = error ?? {}
    parentPort.postMessage({ id: message.id, error: { name, message: String(text ?? error), code, detail, hint, position, severity } })
  }
})
`

type WorkerReply = { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } }

/** Starts the embedded database worker and returns a typed request function for it. */
async function startEmbeddedWorker(location: string, loadDataDir?: Blob) {
  const require = createRequire(import.meta.url)
  const bytes = loadDataDir ? new Uint8Array(await loadDataDir.arrayBuffer()) : undefined
  const worker = new Worker(EMBEDDED_WORKER, {
    eval: true,
    // The worker runs plain JavaScript: no TypeScript loader (tsx) or profiler flags of the parent.
    execArgv: [],
    workerData: {
      location,
      loadDataDir: bytes,
      settings: EMBEDDED_SETTINGS,
      pgliteUrl: pathToFileURL(require.resolve('@electric-sql/pglite')).href,
      socketUrl: pathToFileURL(require.resolve('@electric-sql/pglite-socket')).href,
    },
    transferList: bytes ? [bytes.buffer as ArrayBuffer] : [],
  })
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 0
  let exitError: Error | undefined
  const failAll = (error: Error) => {
    exitError = error
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
  }
  worker.on('message', (reply: WorkerReply) => {
    const waiting = pending.get(reply.id)
    if (!waiting) return
    pending.delete(reply.id)
    if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), reply.error))
    else waiting.resolve(reply.result)
  })
  worker.on('error', (error) => failAll(error))
  worker.on('exit', (code) => failAll(new Error(`The embedded database worker stopped (exit code ${code})`)))
  function request<T>(op: 'exec' | 'query' | 'listen' | 'close', fields: Record<string, unknown> = {}): Promise<T> {
    if (exitError) return Promise.reject(exitError)
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ id, op, ...fields })
    })
  }
  return { worker, request }
}

async function openEmbedded(options: OpenDatabaseOptions): Promise<Database> {
  const dir = options.dataDir ?? './data'
  let location = 'memory://'
  if (dir !== 'memory://') {
    location = path.join(path.resolve(dir), 'pglite')
    fs.mkdirSync(location, { recursive: true })
  }
  const { worker, request } = await startEmbeddedWorker(location, options.loadDataDir)
  try {
    let appliedMigrations: string[] = []
    const runner: SqlRunner = {
      exec: (sql) => request<void>('exec', { sql }),
      query: <T>(sql: string, params?: unknown[]) => request<T[]>('query', { sql, params }),
    }
    if (options.migrate !== false) {
      // Before the socket opens nobody else can talk to the database, so the direct connection is safe.
      appliedMigrations = await applyMigrations(runner, { useAdvisoryLock: false })
    }
    // PGlite has no autovacuum: without fresh statistics the planner believes every table is tiny
    // and sorts whole tables instead of using the listing indexes (44 ms → 0.4 ms per listing).
    await runner.exec('ANALYZE')
    const address = await request<string>('listen')
    const prisma = new PrismaClient({
      adapter: pgAdapter({ connectionString: `postgresql://postgres@${address}/postgres`, max: 1 }),
    })
    let closing: Promise<void> | undefined
    return {
      prisma,
      mode: 'embedded',
      appliedMigrations,
      close() {
        closing ??= (async () => {
          await prisma.$disconnect()
          await request('close').catch(() => {})
          await worker.terminate()
        })()
        return closing
      },
    }
  } catch (error) {
    await worker.terminate()
    throw error
  }
}

/** Opens (and by default migrates) a database. The caller owns it and must close it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openEmbedded(options)
}

let current: Database | undefined

/** Opens the process-wide database that `db` refers to. */
export async function connectDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (current) throw new Error('The database is already connected')
  current = await openDatabase(options)
  return current
}

/** Makes an already opened database the process-wide one (tests). */
export function useDatabase(database: Database): void {
  if (current) throw new Error('The database is already connected')
  current = database
}

export async function disconnectDatabase(): Promise<void> {
  const database = current
  current = undefined
  await database?.close()
}

export function databaseMode(): DatabaseMode {
  if (!current) throw new Error('The database is not connected')
  return current.mode
}

/** The process-wide Prisma client. Domain modules import this; boot code calls connectDatabase() first. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    if (!current) throw new Error('The database is not connected: call connectDatabase() at start-up')
    const value = Reflect.get(current.prisma, property)
    return typeof value === 'function' ? value.bind(current.prisma) : value
  },
})

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]
