import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Applies pending Prisma migrations (prisma/migrations/<name>/migration.sql) at boot and in tests.
 * Writes Prisma's own `_prisma_migrations` table with the same checksums, so the official CLI
 * agrees with us about what is applied. Each migration runs in one transaction: it is applied
 * completely or not at all. See docs/decisions/0002-migrations.md.
 */
export type SqlRunner = {
  exec(sql: string): Promise<void>
  query<T>(sql: string, params?: unknown[]): Promise<T[]>
}

/** Same key as Prisma's CLI, so `prisma migrate deploy` and our boot never run at the same time. */
const ADVISORY_LOCK_KEY = 72707369

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`

export type Migration = { name: string; sql: string; checksum: string }

/** prisma/migrations of the app (the server, scripts and tests all run from the project folder). */
export function migrationsDirectory(): string {
  return path.resolve('prisma', 'migrations')
}

export function readMigrations(dir = migrationsDirectory()): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

/** Returns the names of the migrations it applied. Safe to call from several instances at once on PostgreSQL. */
/** `only`: apply just these (a restore first migrates to the version its backup was taken at). */
export async function applyMigrations(runner: SqlRunner, opts: { useAdvisoryLock: boolean; only?: Set<string> }): Promise<string[]> {
  if (opts.useAdvisoryLock) await runner.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY])
  try {
    await runner.exec(MIGRATIONS_TABLE)
    const rows = await runner.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]))
    const done: string[] = []
    for (const migration of readMigrations()) {
      if (opts.only && !opts.only.has(migration.name)) continue
      const checksum = applied.get(migration.name)
      if (checksum) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied; write a new migration instead`)
        }
        continue
      }
      const id = randomUUID()
      const record = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
        VALUES ('${id}', '${migration.checksum}', '${migration.name.replace(/'/g, "''")}', now(), now(), 1);`
      await runner.exec(`BEGIN;\n${migration.sql}\n;${record}\nCOMMIT;`).catch(async (error) => {
        await runner.exec('ROLLBACK').catch(() => {})
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`)
      })
      done.push(migration.name)
    }
    return done
  } finally {
    if (opts.useAdvisoryLock) await runner.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY])
  }
}
