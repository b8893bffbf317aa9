import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { applyMigrations } from '../../app/migrations.server.ts'

/**
 * Two jobs for the whole run:
 *  - One migrated embedded database, dumped, so each test file starts from a copy in about half a
 *    second instead of running initdb (3–4 s) itself.
 *  - A private temporary directory for the run (TMPDIR, inherited by the test workers and every
 *    server they start). Afterwards any `samling-*` entry still in it is a test that did not clean
 *    up what it made: the run fails and names them. The directory goes away either way, so a
 *    failed run does not litter the system's temp dir, and parallel runs cannot blame each other.
 */
export async function setup() {
  process.env.TZ ??= 'UTC'
  const systemTmp = os.tmpdir()
  const runDir = fs.mkdtempSync(path.join(systemTmp, 'samling-run-'))
  process.env.TMPDIR = runDir
  const file = path.join(runDir, 'template.tar')
  const pg = await PGlite.create('memory://')
  await applyMigrations(
    { exec: async (sql) => void (await pg.exec(sql)), query: async (sql, params) => (await pg.query(sql, params)).rows as never },
    { useAdvisoryLock: false },
  )
  const dump = await pg.dumpDataDir('none')
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await pg.close()
  process.env.SAMLING_TEST_TEMPLATE = file
  return () => {
    const left = leftBehind(runDir)
    fs.rmSync(runDir, { recursive: true, force: true })
    process.env.TMPDIR = systemTmp
    if (left.length) throw new Error(`tests left temporary files behind (each test must remove what it creates): ${left.join(', ')}`)
  }
}

/** The `samling-*` entries in the run's temp dir (other tools' files, e.g. Chromium's, are not ours to judge). */
export function leftBehind(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith('samling-'))
    .sort()
}
