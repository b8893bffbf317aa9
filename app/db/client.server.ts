import type { PrismaClient } from '../generated/prisma/client.ts'
import { openEmbedded } from './embedded.server.ts'
import { openPostgres } from './postgres.server.ts'

/**
 * The one database client. Embedded PGlite by default, PostgreSQL when DATABASE_URL is set;
 * both are reached through Prisma's pg adapter so they behave the same
 * (docs/decisions/0001-data-layer.md). This folder has one file per job: this one (the
 * process-wide client), postgres.server.ts, embedded.server.ts with its worker
 * (embedded-worker.ts), and generation.server.ts (the write counter public caches watch).
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
