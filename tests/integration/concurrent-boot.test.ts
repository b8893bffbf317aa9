import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../app/db/client.server.ts'
import { readMigrations } from '../../app/migrations.server.ts'

// Several app instances starting at once on one PostgreSQL: migrations run exactly once, under
// the advisory lock, and every instance comes up. Only meaningful with a real server.
describe.skipIf(!process.env.DATABASE_URL)('instances starting at the same moment on PostgreSQL', () => {
  it('all start, and each migration is recorded exactly once', async () => {
    const serverUrl = process.env.DATABASE_URL!
    const name = `samling_boot_${randomBytes(5).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    try {
      const instances = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 })))
      const applied = instances.flatMap((instance) => instance.appliedMigrations)
      expect(applied.sort()).toEqual(
        readMigrations()
          .map((m) => m.name)
          .sort(),
      )
      const rows = await instances[0].prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations"`
      expect(Number(rows[0].n)).toBe(readMigrations().length)
      await Promise.all(instances.map((instance) => instance.close()))
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  })
})
