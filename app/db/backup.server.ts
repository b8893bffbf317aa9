import fs from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import { applyMigrations, readMigrations, type SqlRunner } from '../migrations.server.ts'

/**
 * Samling's backup format (`npm run backup`, `npm run restore`; docs/operations.md,
 * docs/decisions/0034-cross-instance-cache-and-backups.md): gzipped JSON lines, the same for the
 * embedded database and PostgreSQL.
 *
 *   {"#":"header","format":"samling-backup","version":1,"createdAt":…,"source":"embedded","migrations":[…]}
 *   {"#":"table","table":"events","columns":[…]}   then one line per row (`to_jsonb(row)`), then
 *   {"#":"end","table":"events","rows":12}
 *   …every table…
 *   {"#":"sequences","sequences":[{"name":…,"value":…}]}
 *   {"#":"database-done","rows":{"events":12,…}}
 *   {"#":"file","file":"<id>/w640.webp","data":"<base64>"}   the upload store, after the snapshot
 *   {"#":"secrets","data":{…}}                             DATA_DIR/secrets.json: manage links, sessions
 *   {"#":"done","files":3,"fileBytes":12345}
 *
 * Control lines start with the key "#", which no column (so no row) has.
 *
 * The database part is read in ONE `REPEATABLE READ` transaction: every row is as it was at one
 * instant, whatever is written meanwhile. Rows go back through `jsonb_populate_recordset`, which
 * turns each JSON value into the column's type by the column's own input function, so timestamps,
 * numerics, enums, arrays and bytea come back as they were. A backup holds personal data: it must be
 * stored and encrypted like the database itself.
 */
export const BACKUP_FORMAT = 'samling-backup'
export const BACKUP_VERSION = 1

export type BackupHeader = {
  '#': 'header'
  format: typeof BACKUP_FORMAT
  version: number
  createdAt: string
  source: 'embedded' | 'postgres'
  migrations: string[]
}

export type TableCounts = Record<string, number>

/** One line of the backup, written in order; may wait (backpressure). */
export type WriteLine = (line: string) => Promise<void> | void

const MIGRATIONS_TABLE = '_prisma_migrations'
const FETCH_ROWS = 1_000

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/** The app's tables (public schema), without Prisma's migration record: restore writes that by migrating. */
async function listTables(connection: pg.ClientBase): Promise<string[]> {
  const { rows } = await connection.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '${MIGRATIONS_TABLE}' ORDER BY tablename`,
  )
  return rows.map((row) => row.name)
}

async function appliedMigrationNames(connection: pg.ClientBase): Promise<string[]> {
  const { rows } = await connection.query<{ name: string }>(
    `SELECT migration_name AS name FROM "${MIGRATIONS_TABLE}" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  )
  return rows.map((row) => row.name)
}

/** Row counts of every app table, read in the caller's transaction (or as of now). */
export async function countRows(connection: pg.ClientBase): Promise<TableCounts> {
  const counts: TableCounts = {}
  for (const table of await listTables(connection)) {
    const { rows } = await connection.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)
    counts[table] = Number(rows[0].n)
  }
  return counts
}

/**
 * Writes the database part of a backup from one REPEATABLE READ snapshot. The connection is the
 * caller's for the whole time (with the embedded database it is the app's only one, so the app's
 * queries wait meanwhile: a snapshot of the demo takes well under a second). Returns the row counts
 * as of the snapshot.
 */
export async function dumpDatabase(connection: pg.ClientBase, write: WriteLine, source: BackupHeader['source']): Promise<TableCounts> {
  await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    const header: BackupHeader = {
      '#': 'header',
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      source,
      migrations: await appliedMigrationNames(connection),
    }
    await write(JSON.stringify(header))
    const counts: TableCounts = {}
    for (const table of await listTables(connection)) {
      const { rows: columns } = await connection.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
        [quote(table)],
      )
      await write(JSON.stringify({ '#': 'table', table, columns: columns.map((column) => column.name) }))
      await connection.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${quote(table)} t`)
      let count = 0
      for (;;) {
        const { rows } = await connection.query<{ r: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`)
        for (const { r } of rows) await write(r)
        count += rows.length
        if (rows.length < FETCH_ROWS) break
      }
      await connection.query('CLOSE backup_rows')
      await write(JSON.stringify({ '#': 'end', table, rows: count }))
      counts[table] = count
    }
    const { rows: sequences } = await connection.query<{ name: string; value: string | null }>(
      `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
    )
    await write(JSON.stringify({ '#': 'sequences', sequences }))
    await write(JSON.stringify({ '#': 'database-done', rows: counts }))
    return counts
  } finally {
    // Read only: nothing to keep. Ends the snapshot (and, on an error, the failed transaction).
    await connection.query('ROLLBACK').catch(() => {})
  }
}

/** The upload store's files as backup lines, after the snapshot (a media row is written after its files). */
export async function dumpFiles(dir: string, write: WriteLine): Promise<{ files: number; fileBytes: number }> {
  let files = 0
  let fileBytes = 0
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)))) {
    const full = path.join(entry.parentPath, entry.name)
    const data = await fs.readFile(full).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)))
    if (!data) continue // removed since it was listed
    await write(JSON.stringify({ '#': 'file', file: path.relative(dir, full).split(path.sep).join('/'), data: data.toString('base64') }))
    files++
    fileBytes += data.length
  }
  return { files, fileBytes }
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

/** Reads lines one by one, and tells a truncated backup from a whole one. */
export type LineReader = AsyncIterator<string>

async function next(lines: LineReader): Promise<string> {
  const { value, done } = await lines.next()
  if (done) throw new BackupError('The backup ends too early: it is truncated or damaged')
  return value
}

/** A control line (`{"#":…}`), or undefined for a row. */
export function controlLine(line: string): (Record<string, unknown> & { '#': string }) | undefined {
  if (!line.startsWith('{"#":')) return undefined
  const value = JSON.parse(line) as Record<string, unknown> & { '#': string }
  if (value['#'] === 'error') throw new BackupError(`The backup failed at its source: ${String(value.error)}`)
  return value
}

function parse(line: string): Record<string, unknown> & { '#': string } {
  const control = controlLine(line)
  if (!control) throw new BackupError(`Unexpected line in the backup: ${line.slice(0, 80)}`)
  return control
}

/** Whether the database has no tables yet (a restore goes only into an empty one). */
export async function isEmptyDatabase(connection: pg.ClientBase): Promise<boolean> {
  const { rows } = await connection.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`)
  return Number(rows[0].n) === 0
}

function runnerOn(connection: pg.ClientBase): SqlRunner {
  return {
    exec: async (sql) => void (await connection.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await connection.query(sql, params)).rows as T[],
  }
}

export type RestoredDatabase = { header: BackupHeader; rows: TableCounts; laterMigrations: string[] }

const BATCH_BYTES = 1 << 20

/**
 * Restores the database part of a backup into an EMPTY database: applies the migrations the backup
 * was taken at, loads every table in one transaction with triggers and foreign-key checks off
 * (`session_replication_role = replica`, so the order of tables does not matter), sets the sequences,
 * checks every table's row count against the backup, then applies any newer migrations of this
 * version. Throws BackupError (and leaves the rows out) when anything does not match.
 */
export async function restoreDatabase(connection: pg.ClientBase, lines: LineReader): Promise<RestoredDatabase> {
  const header = parse(await next(lines)) as BackupHeader
  if (header['#'] !== 'header' || header.format !== BACKUP_FORMAT) throw new BackupError('This is not a Samling backup')
  if (header.version > BACKUP_VERSION) throw new BackupError(`The backup has format version ${header.version}; this Samling reads up to ${BACKUP_VERSION}`)
  if (!(await isEmptyDatabase(connection))) throw new BackupError('The database is not empty: restore into an empty one')
  const known = new Set(readMigrations().map((migration) => migration.name))
  const unknown = header.migrations.filter((name) => !known.has(name))
  if (unknown.length) throw new BackupError(`The backup comes from a newer Samling (migrations ${unknown.join(', ')}): restore it with that version`)
  const runner = runnerOn(connection)
  await applyMigrations(runner, { useAdvisoryLock: false, only: new Set(header.migrations) })

  await connection.query('BEGIN')
  const rows: TableCounts = {}
  try {
    await connection.query('SET LOCAL session_replication_role = replica')
    for (;;) {
      const control = parse(await next(lines))
      if (control['#'] === 'database-done') {
        const expected = control.rows as TableCounts
        const actual = await countRows(connection)
        const wrong = Object.keys({ ...expected, ...actual }).filter((table) => (expected[table] ?? 0) !== (actual[table] ?? 0))
        if (wrong.length) {
          throw new BackupError(`Row counts differ after loading: ${wrong.map((t) => `${t} ${actual[t] ?? 0} (backup ${expected[t] ?? 0})`).join(', ')}`)
        }
        break
      }
      if (control['#'] === 'sequences') {
        for (const sequence of control.sequences as { name: string; value: string | null }[]) {
          await connection.query(sequence.value === null ? `SELECT setval($1, 1, false)` : `SELECT setval($1, $2::bigint, true)`, [
            quote(sequence.name),
            ...(sequence.value === null ? [] : [sequence.value]),
          ])
        }
        continue
      }
      if (control['#'] !== 'table') throw new BackupError(`Unexpected line in the backup: ${JSON.stringify(control).slice(0, 80)}`)
      const table = String(control.table)
      let count = 0
      let batch: string[] = []
      let bytes = 0
      const flush = async () => {
        if (!batch.length) return
        await connection.query(`INSERT INTO ${quote(table)} SELECT * FROM jsonb_populate_recordset(NULL::${quote(table)}, $1::jsonb)`, [`[${batch.join(',')}]`])
        batch = []
        bytes = 0
      }
      for (;;) {
        const line = await next(lines)
        const end = controlLine(line)
        if (end) {
          if (end['#'] !== 'end' || end.table !== table || end.rows !== count)
            throw new BackupError(`Table ${table}: ${count} rows read, the backup says ${String(end.rows)}`)
          break
        }
        batch.push(line)
        bytes += line.length
        count++
        if (bytes >= BATCH_BYTES) await flush()
      }
      await flush()
      rows[table] = count
    }
    await connection.query('COMMIT')
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => {})
    throw error
  }
  const laterMigrations = await applyMigrations(runner, { useAdvisoryLock: false })
  await connection.query('ANALYZE')
  return { header, rows, laterMigrations }
}

/** DATA_DIR/secrets.json as a backup line (undefined when the secrets come from the environment only). */
export async function secretsLine(dataDir: string): Promise<string | undefined> {
  const text = await fs.readFile(path.join(dataDir, 'secrets.json'), 'utf8').catch(() => undefined)
  return text === undefined ? undefined : JSON.stringify({ '#': 'secrets', data: JSON.parse(text) as unknown })
}

/**
 * Writes the backup's files into the upload store and its secrets into DATA_DIR/secrets.json (0600),
 * up to the closing line. A file path that would leave the upload store is refused.
 */
export async function restoreFiles(
  dirs: { uploadDir: string; dataDir: string },
  lines: LineReader,
): Promise<{ files: number; fileBytes: number; secrets: boolean }> {
  let files = 0
  let fileBytes = 0
  let secrets = false
  const root = path.resolve(dirs.uploadDir)
  for (;;) {
    const line = parse(await next(lines))
    if (line['#'] === 'done') {
      if (line.files !== files) throw new BackupError(`${files} files read, the backup says ${String(line.files)}`)
      return { files, fileBytes, secrets }
    }
    if (line['#'] === 'secrets') {
      await fs.mkdir(dirs.dataDir, { recursive: true })
      await fs.writeFile(path.join(dirs.dataDir, 'secrets.json'), JSON.stringify(line.data, null, 2), { mode: 0o600 })
      secrets = true
      continue
    }
    if (line['#'] !== 'file') throw new BackupError(`Unexpected line in the backup: ${line['#']}`)
    const target = path.resolve(root, String(line.file))
    if (!target.startsWith(root + path.sep)) throw new BackupError(`A file outside the upload store: ${String(line.file)}`)
    const data = Buffer.from(String(line.data), 'base64')
    await fs.mkdir(path.dirname(target), { recursive: true })
    await fs.writeFile(target, data)
    files++
    fileBytes += data.length
  }
}
