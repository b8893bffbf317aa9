/**
 * Restores a backup made by `npm run backup` into an EMPTY data directory or database
 * (docs/operations.md, ADR 0034).
 *
 *   npm run restore -- FILE [--force]
 *
 * DATABASE_URL set: into that PostgreSQL database, which must have no tables (--force drops the
 * public schema first). Otherwise into DATA_DIR (default data/), which must be empty or missing
 * (--force removes its database, upload store and secrets first; never while an app runs on it).
 * Applies the migrations the backup was taken at, loads every row in one transaction, checks every
 * table's row count, then applies this version's newer migrations. Start the app afterwards.
 */
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'
import pg from 'pg'
import { BackupError, isEmptyDatabase, restoreDatabase, restoreFiles, type LineReader } from '../app/db/backup.server.ts'
import { openDatabase } from '../app/db/client.server.ts'
import { DataDirInUseError } from '../app/db/embedded.server.ts'

const USAGE = 'Usage: npm run restore -- FILE [--force]'

function fail(message: string): never {
  console.error(`restore: ${message}`)
  process.exit(1)
}

function readLines(file: string): { lines: LineReader; error: () => Error | undefined } {
  let failed: Error | undefined
  const gunzip = zlib.createGunzip()
  gunzip.on('error', (error) => {
    failed ??= error
    gunzip.end()
  })
  fs.createReadStream(file).pipe(gunzip)
  const lines = readline.createInterface({ input: gunzip, crlfDelay: Infinity })[Symbol.asyncIterator]()
  return {
    lines: {
      next: async () => {
        const result = await lines.next()
        if (failed) throw new BackupError(`The backup file is damaged (${failed.message})`)
        return result
      },
    },
    error: () => failed,
  }
}

async function main() {
  let parsed: { positionals: string[]; values: { force?: boolean } }
  try {
    parsed = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: { force: { type: 'boolean' } } })
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`)
  }
  if (parsed.positionals.length !== 1) fail(USAGE)
  const file = path.resolve(parsed.positionals[0])
  if (!fs.existsSync(file)) fail(`${file} does not exist`)
  const force = parsed.values.force === true
  const started = performance.now()
  const dataDir = path.resolve(process.env.DATA_DIR || 'data')
  const uploadDir = process.env.UPLOAD_DIR ? path.resolve(process.env.UPLOAD_DIR) : path.join(dataDir, 'uploads')
  const databaseUrl = process.env.DATABASE_URL || undefined
  const { lines } = readLines(file)

  try {
    let result
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      try {
        if (!(await isEmptyDatabase(client))) {
          if (!force) fail('the database named by DATABASE_URL has tables: restore into an empty database, or add --force to drop its public schema first')
          await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
        }
        result = await restoreDatabase(client, lines)
      } finally {
        await client.end()
      }
    } else {
      const entries = fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []
      if (entries.length) {
        if (!force) fail(`${dataDir} is not empty: restore into an empty (or new) DATA_DIR, or add --force to replace its data`)
        // Refuses while an app has the database open (its socket answers), before anything is removed.
        const probe = await openDatabase({ dataDir, migrate: false }).catch((error: unknown) => {
          if (error instanceof DataDirInUseError) fail(`${dataDir} is in use by a running Samling: stop it first. Nothing was changed.`)
          throw error
        })
        await probe.close()
        for (const entry of ['pglite', 'socket', 'secrets.json']) fs.rmSync(path.join(dataDir, entry), { recursive: true, force: true })
        fs.rmSync(uploadDir, { recursive: true, force: true })
      }
      fs.mkdirSync(dataDir, { recursive: true })
      const database = await openDatabase({ dataDir, migrate: false })
      try {
        result = await database.withConnection((connection) => restoreDatabase(connection, lines))
      } finally {
        await database.close()
      }
    }
    const files = await restoreFiles({ uploadDir, dataDir }, lines)
    const rows = Object.values(result.rows).reduce((sum, n) => sum + n, 0)
    const seconds = (performance.now() - started) / 1000
    console.log(`restore: ${file} → ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : dataDir}`)
    console.log(`  backup of ${result.header.createdAt} (${result.header.source}, ${result.header.migrations.length} migrations)`)
    console.log(`  ${Object.keys(result.rows).length} tables, ${rows} rows, every table's count checked`)
    console.log(`  ${files.files} uploaded files (${files.fileBytes} bytes)${files.secrets ? ', DATA_DIR/secrets.json' : ''}`)
    if (result.laterMigrations.length) console.log(`  then applied ${result.laterMigrations.length} newer migrations: ${result.laterMigrations.join(', ')}`)
    if (databaseUrl && !files.secrets) console.log('  Keep SESSION_SECRET as it was: manage links and stored mail secrets are derived from it.')
    console.log(`  ${fs.statSync(file).size} bytes read, ${seconds.toFixed(2)} s`)
  } catch (error) {
    fail((error as Error).message)
  }
}

await main()
