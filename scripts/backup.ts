/**
 * A consistent backup of Samling's data, also while the app runs (docs/operations.md, ADR 0034).
 *
 *   npm run backup [-- FILE]        default backups/samling-<UTC time>.jsonl.gz
 *
 * DATABASE_URL set: reads PostgreSQL in one REPEATABLE READ snapshot. Otherwise the embedded
 * database in DATA_DIR (default data/): when the app runs there, the app itself reads the snapshot
 * on its one database connection and streams it over DATA_DIR/socket/backup.sock (0600); when it
 * does not, this command opens the data directory itself. Then the upload store's files
 * (UPLOAD_DIR, default DATA_DIR/uploads) and DATA_DIR/secrets.json are added. The file is written as
 * FILE.partial (0600) and renamed when whole. It holds personal data and the secret that signs
 * manage links: store and encrypt it like the database.
 */
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import readline from 'node:readline'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'
import pg from 'pg'
import { controlLine, dumpDatabase, dumpFiles, secretsLine, type TableCounts, type WriteLine } from '../app/db/backup.server.ts'
import { openDatabase } from '../app/db/client.server.ts'
import { backupSocketPath, DataDirInUseError } from '../app/db/embedded.server.ts'

const USAGE = 'Usage: npm run backup [-- FILE]'

function fail(message: string): never {
  console.error(`backup: ${message}`)
  process.exit(1)
}

/** Whether something answers on this Unix socket. */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socketPath)
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
}

/** Asks the app running on this DATA_DIR for the database part and passes its lines on. */
async function dumpFromRunningApp(socketPath: string, write: WriteLine): Promise<TableCounts> {
  const socket = net.connect(socketPath)
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
  socket.write('backup\n')
  let counts: TableCounts | undefined
  for await (const line of readline.createInterface({ input: socket, crlfDelay: Infinity })) {
    const control = controlLine(line) // throws on the app's error line
    await write(line)
    if (control?.['#'] === 'database-done') counts = control.rows as TableCounts
  }
  if (!counts) throw new Error('the running app ended the backup early')
  return counts
}

async function main() {
  let positionals: string[]
  try {
    positionals = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: {} }).positionals
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`)
  }
  if (positionals.length > 1) fail(USAGE)
  const started = performance.now()
  const dataDir = path.resolve(process.env.DATA_DIR || 'data')
  const uploadDir = process.env.UPLOAD_DIR ? path.resolve(process.env.UPLOAD_DIR) : path.join(dataDir, 'uploads')
  const databaseUrl = process.env.DATABASE_URL || undefined
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  const file = path.resolve(positionals[0] ?? path.join('backups', `samling-${stamp}.jsonl.gz`))
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const partial = `${file}.partial`

  const out = fs.createWriteStream(partial, { mode: 0o600 })
  const gzip = zlib.createGzip({ level: 6 })
  gzip.pipe(out)
  let failed: Error | undefined
  gzip.on('error', (error) => (failed ??= error))
  out.on('error', (error) => (failed ??= error))
  const write: WriteLine = async (line) => {
    if (failed) throw failed
    if (!gzip.write(line + '\n')) await new Promise((resolve) => gzip.once('drain', resolve))
  }

  let counts: TableCounts
  let how: string
  try {
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl })
      await client.connect()
      try {
        counts = await dumpDatabase(client, write, 'postgres')
      } finally {
        await client.end()
      }
      how = 'PostgreSQL (DATABASE_URL), one REPEATABLE READ snapshot'
    } else {
      if (!fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))) fail(`no embedded database in ${dataDir} (set DATA_DIR, or DATABASE_URL for PostgreSQL)`)
      const socketPath = backupSocketPath(dataDir)
      if (socketPath && (await answers(socketPath))) {
        counts = await dumpFromRunningApp(socketPath, write)
        how = `the running app on ${dataDir} (its database connection, one snapshot)`
      } else {
        const database = await openDatabase({ dataDir, migrate: false }).catch((error: unknown) => {
          if (error instanceof DataDirInUseError)
            fail(`${dataDir} is in use by a Samling process that does not answer backups (an older version?): stop it, or upgrade it`)
          throw error
        })
        try {
          counts = await database.withConnection((connection) => dumpDatabase(connection, write, 'embedded'))
        } finally {
          await database.close()
        }
        how = `${dataDir} (the app was not running)`
      }
    }
    const { files, fileBytes } = await dumpFiles(uploadDir, write)
    const secrets = databaseUrl ? undefined : await secretsLine(dataDir)
    if (secrets) await write(secrets)
    await write(JSON.stringify({ '#': 'done', files, fileBytes }))
    await new Promise<void>((resolve, reject) => {
      out.once('finish', resolve).once('error', reject)
      gzip.end()
    })
    if (failed) throw failed
    fs.renameSync(partial, file)
    const rows = Object.values(counts).reduce((sum, n) => sum + n, 0)
    const bytes = fs.statSync(file).size
    const seconds = (performance.now() - started) / 1000
    console.log(`backup: ${file}`)
    console.log(`  from ${how}`)
    console.log(`  ${Object.keys(counts).length} tables, ${rows} rows, ${files} uploaded files (${fileBytes} bytes)${secrets ? ', DATA_DIR/secrets.json' : ''}`)
    console.log(`  ${bytes} bytes gzipped, ${seconds.toFixed(2)} s`)
    console.log('  It holds personal data: store it encrypted, like the database (docs/operations.md).')
  } catch (error) {
    gzip.destroy()
    out.destroy()
    fs.rmSync(partial, { force: true })
    fail((error as Error).message)
  }
}

await main()
