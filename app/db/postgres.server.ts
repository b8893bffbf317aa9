import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { ConfigError } from '../env.server.ts'
import { PrismaClient } from '../generated/prisma/client.ts'
import { applyMigrations, type SqlRunner } from '../migrations.server.ts'
import type { Database, OpenDatabaseOptions } from './client.server.ts'
import { watchWrites } from './generation.server.ts'

function describeConnectionError(url: string, error: unknown): ConfigError {
  const parsed = new URL(url)
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
  return new ConfigError(`DATABASE_URL: cannot reach PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}/${parsed.pathname.slice(1)} (${code})`)
}

/** A pooled PostgreSQL server, migrated first under an advisory lock (several instances may boot at once). */
export async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
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
  const prisma = new PrismaClient({ adapter: watchWrites(new PrismaPg({ connectionString: url, max: options.poolSize ?? 10 })) })
  return { prisma, mode: 'postgres', appliedMigrations, close: () => prisma.$disconnect() }
}
