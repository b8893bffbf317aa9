import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../app/db/client.server.ts'

// A burst larger than the connection pool, while PostgreSQL answers: requests queue for a free
// connection rather than failing after the 3 s that a silent database gets. Only meaningful with a
// real server (the embedded one has a single connection and no pool timeout).
describe.skipIf(!process.env.DATABASE_URL)('the PostgreSQL connection pool under a burst', () => {
  it('lets forty transactions share two connections for longer than the connect timeout, none failing', async () => {
    const serverUrl = process.env.DATABASE_URL!
    const name = `samling_pool_${randomBytes(5).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    try {
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2, migrate: false })
      const started = Date.now()
      // Each holds its connection for 200 ms: forty of them on two connections take about 4 s.
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, () => database.prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 1 AS done FROM pg_sleep(0.2)`)),
      )
      const elapsed = Date.now() - started
      expect(results.filter((result) => result.status === 'rejected')).toEqual([])
      expect(elapsed).toBeGreaterThan(3_000)
      await database.close()
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    }
  }, 60_000)
})
