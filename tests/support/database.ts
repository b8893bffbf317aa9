import fs from 'node:fs'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { disconnectDatabase, openDatabase, useDatabase, type Database } from '../../app/db/client.server.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import os from 'node:os'
import path from 'node:path'

/**
 * A fresh, migrated database for one test file: embedded PGlite by default, or a new database on
 * the PostgreSQL server named by DATABASE_URL (created here, dropped afterwards).
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) {
    const name = `samling_t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 })
    return {
      ...database,
      url: url.toString(),
      async close() {
        await database.close()
        const drop = new pg.Client({ connectionString: serverUrl })
        await drop.connect()
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await drop.end()
      },
    }
  }
  const template = process.env.SAMLING_TEST_TEMPLATE
  const loadDataDir = template && fs.existsSync(template) ? new Blob([fs.readFileSync(template)]) : undefined
  return openDatabase({ dataDir: 'memory://', loadDataDir })
}

/** Test-file hook: connects the app-wide `db` to a fresh database and a throwaway DATA_DIR. */
export function useTestDatabase() {
  let dataDir: string | undefined
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-test-'))
    setConfig({ ...loadConfig({ ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir, NODE_ENV: 'test' }), databaseUrl: process.env.DATABASE_URL })
    const database = await createTestDatabase()
    useDatabase(database)
  })
  afterAll(async () => {
    await disconnectDatabase()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })
}
