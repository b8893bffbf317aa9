import type pg from 'pg'
import { DatabaseUnavailableError } from '../errors.server.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { openEmbedded } from './embedded.server.ts'
import { openPostgres } from './postgres.server.ts'

/**
 * The one database client. Embedded PGlite by default, PostgreSQL when DATABASE_URL is set;
 * both are reached through Prisma's pg adapter so they behave the same
 * (docs/decisions/0001-data-layer.md). This folder has one file per job: this one (the
 * process-wide client), postgres.server.ts, embedded.server.ts with its worker
 * (embedded-worker.ts), generation.server.ts (the write counter public caches watch),
 * public-changes.server.ts (that counter across instances: LISTEN/NOTIFY) and backup.server.ts
 * (the backup format, ADR 0034).
 */
export type DatabaseMode = 'embedded' | 'postgres'

export type Database = {
  prisma: PrismaClient
  mode: DatabaseMode
  appliedMigrations: string[]
  /**
   * Runs `run` on one connection of its own (backups, restores). With the embedded database it is
   * the only one, so the app's queries wait until `run` is done: that is what makes a backup taken
   * while the app runs consistent (app/db/backup.server.ts).
   */
  withConnection<T>(run: (connection: pg.ClientBase) => Promise<T>): Promise<T>
  /** The connections of pg's pool behind Prisma (the embedded database's pool has one), for /metrics. */
  poolStats(): PoolStats
  close(): Promise<void>
}

export type PoolStats = { total: number; idle: number; waiting: number }

export type OpenDatabaseOptions = {
  databaseUrl?: string
  /** Directory for the embedded database; 'memory://' keeps it in memory (tests). */
  dataDir?: string
  /** A dumped, already-migrated data directory to start from (tests). */
  loadDataDir?: Blob
  migrate?: boolean
  poolSize?: number
  /** PostgreSQL: LISTEN for other instances' public changes (default true; one-off scripts say false). */
  listenForChanges?: boolean
}

/** Prisma codes for "cannot reach", "timed out", "connection closed" and "no free connection in time". */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024'])
const UNAVAILABLE_TEXT =
  /Query read timeout|timeout exceeded when trying to connect|Connection terminated|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|Unable to start a transaction in the given time|statement timeout|57P01|57P03|the database system is (?:starting up|shutting down)|terminating connection due to administrator command/

/** Whether an error means "the database is away or too slow right now" rather than "this query is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e instanceof DatabaseUnavailableError) return true
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true
    if (UNAVAILABLE_TEXT.test(`${String(e.message ?? '')} ${String(e.code ?? '')}`)) return true
  }
  return false
}

function asUnavailable(error: unknown): unknown {
  return !(error instanceof DatabaseUnavailableError) && isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error
}

/** The client, with every query's "database away" error turned into DatabaseUnavailableError (503 for the visitor). */
function withUnavailableErrors(prisma: PrismaClient): PrismaClient {
  const extended = prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args)
        } catch (error) {
          throw asUnavailable(error)
        }
      },
    },
  })
  // $transaction itself is no operation: a transaction that cannot start is caught here.
  const transaction = extended.$transaction.bind(extended) as (...args: unknown[]) => Promise<unknown>
  return new Proxy(extended, {
    get(target, property, receiver) {
      if (property === '$transaction') return (...args: unknown[]) => transaction(...args).catch((error) => Promise.reject(asUnavailable(error)))
      return Reflect.get(target, property, receiver)
    },
  }) as unknown as PrismaClient
}

/** Opens (and by default migrates) a database. The caller owns it and must close it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.databaseUrl ? await openPostgres(options.databaseUrl, options) : await openEmbedded(options)
  return { ...database, prisma: withUnavailableErrors(database.prisma) }
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

/** The process-wide database's pool: open connections, idle ones, and queries waiting for one. */
export function databasePoolStats(): PoolStats {
  if (!current) throw new Error('The database is not connected')
  return current.poolStats()
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
