import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { ConfigError } from '../env.server.ts'
import { PrismaClient } from '../generated/prisma/client.ts'
import { applyMigrations, type SqlRunner } from '../migrations.server.ts'
import { dumpDatabase } from './backup.server.ts'
import type { Database, OpenDatabaseOptions } from './client.server.ts'
import type { EmbeddedReply, EmbeddedRequest, EmbeddedWorkerData } from './embedded-worker.ts'
import { watchWrites } from './generation.server.ts'

/**
 * Postgres settings for the embedded database. PGlite's defaults are a server's (shared_buffers
 * 128 MB), and every touched buffer stays in the process's RSS; a Samling data directory is a few
 * megabytes, and the operating system caches the files anyway (docs/decisions/0008-embedded-performance.md).
 */
const EMBEDDED_SETTINGS = ['shared_buffers=8MB', 'temp_buffers=1MB', 'wal_buffers=512kB', 'work_mem=2MB', 'maintenance_work_mem=8MB']

/**
 * Starts the worker module. In the server bundle (build/index.js) it is build/embedded-worker.js,
 * compiled by scripts/build.mjs, and runs as plain JavaScript without the parent's flags (profilers,
 * heap limits). From source (tsx, vitest) this file ends in .ts and the worker is its .ts sibling,
 * loaded through tsx's API: on Node 20 a worker inherits neither the parent's loader hooks nor
 * `--import` hooks from its execArgv.
 */
function startWorker(options: { workerData: EmbeddedWorkerData; transferList: ArrayBuffer[] }): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./embedded-worker.js', import.meta.url), { ...options, execArgv: [] })
  // The package's CommonJS entry of this API cannot load its ESM half; import the .mjs beside it.
  const api = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')
  const source = new URL('./embedded-worker.ts', import.meta.url).href
  const bootstrap = `import(${JSON.stringify(pathToFileURL(api).href)}).then((tsx) => tsx.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`
  return new Worker(bootstrap, { ...options, eval: true, execArgv: [] })
}

/**
 * A new data directory starts as a copy of an initialized, empty one (build/pglite-template/,
 * written by npm run build) instead of running PGlite's initdb, which starts a second PostgreSQL
 * next to the first: the first boot peaked at ≈ 700 MiB RSS, a later one at ≈ 210 (issue 7 §9).
 * Without a build (tsx scripts, vitest) PGlite runs initdb as before.
 */
function copyInitializedDataDir(location: string): void {
  const template = path.resolve('build', 'pglite-template')
  if (fs.existsSync(path.join(location, 'PG_VERSION')) || !fs.existsSync(path.join(template, 'PG_VERSION'))) return
  fs.cpSync(template, location, { recursive: true, filter: (source) => path.basename(source) !== 'SAMLING_TEMPLATE_VERSION' })
}

/** pg's client connects to `<host>/.s.PGSQL.<port>` when host is a directory (port 5432 by default). */
const SOCKET_NAME = '.s.PGSQL.5432'
/** Where a running app answers `npm run backup` (beside the database socket, same 0700 directory). */
export const BACKUP_SOCKET_NAME = 'backup.sock'

/** DATA_DIR's backup socket, or undefined when the path would not fit a Unix socket. */
export function backupSocketPath(dataDir: string): string | undefined {
  const socketPath = path.join(path.resolve(dataDir), 'socket', BACKUP_SOCKET_NAME)
  return path.join(path.resolve(dataDir), 'socket', SOCKET_NAME).length <= MAX_SOCKET_PATH ? socketPath : undefined
}

/**
 * Answers `backup\n` on DATA_DIR/socket/backup.sock with the database part of a backup (JSON lines,
 * app/db/backup.server.ts), read on the app's one connection to PGlite: PGlite is a single session,
 * so a consistent snapshot must have it to itself, and taking the pool's only connection makes the
 * app's queries wait (not fail, not interleave) until the snapshot is read. A second client on the
 * PostgreSQL socket would not do: the socket server interleaves two clients' protocol messages
 * outside explicit transactions, and a backup's first statement could drop the app's unnamed
 * prepared statement between its Parse and Bind. A reader that goes away ends the snapshot.
 */
function serveBackups(socketPath: string, withConnection: Database['withConnection']): net.Server {
  const server = net.createServer((socket) => {
    socket.on('error', () => {})
    // A reader that says nothing, or stops reading, for 10 s is dropped: it must hold neither the
    // app's shutdown nor (mid-snapshot) its only database connection.
    socket.setTimeout(10_000, () => socket.destroy())
    socket.once('data', (chunk) => {
      if (chunk.toString('utf8').trim() !== 'backup') return void socket.destroy()
      const write = async (line: string) => {
        if (socket.destroyed) throw new Error('The backup reader went away')
        if (socket.write(line + '\n')) return
        await new Promise<void>((resolve, reject) => {
          const done = () => {
            socket.off('drain', done)
            socket.off('close', done)
            if (socket.destroyed) reject(new Error('The backup reader went away'))
            else resolve()
          }
          socket.on('drain', done)
          socket.on('close', done)
        })
      }
      withConnection((connection) => dumpDatabase(connection, write, 'embedded')).then(
        () => socket.end(),
        (error: unknown) => socket.end(JSON.stringify({ '#': 'error', error: String((error as Error)?.message ?? error) }) + '\n'),
      )
    })
  })
  server.listen(socketPath, () => fs.chmodSync(socketPath, 0o600))
  server.on('error', () => {})
  return server
}
/** A Unix socket path must fit in sun_path (108 bytes on Linux). */
const MAX_SOCKET_PATH = 100

/**
 * Another live process (the app, a worker) has this DATA_DIR's embedded database open; PGlite serves
 * one process at a time. Commands that need the database refuse with this, before touching it.
 */
export class DataDirInUseError extends ConfigError {
  constructor(readonly dataDir: string) {
    super(`DATA_DIR: ${dataDir} is in use by another running Samling process`)
    this.name = 'DataDirInUseError'
  }

  /** What an operator reads from a command line (create-owner, worker), in both languages. */
  get advice(): string[] {
    return [
      `Samling körs redan på den här datakatalogen (${this.dataDir}) – stoppa den först. Ingenting har sparats.`,
      `Samling is running on this data directory (${this.dataDir}) – stop it first. Nothing was stored.`,
    ]
  }
}

/** Whether something answers on a Unix socket: a live one belongs to another process using the same DATA_DIR. */
function isListening(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socketPath)
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
}

/**
 * The owner-only directory (0700) the embedded database's socket lives in: DATA_DIR/socket, or a
 * fresh temporary directory for an in-memory database (or a DATA_DIR too long for a socket path).
 * `remove` deletes what was created. A socket left by a crashed process is removed; one that still
 * answers means another process has this data directory open, and PGlite must not open it twice.
 */
async function socketDirectory(dataDir: string | undefined): Promise<{ dir: string; remove: () => void }> {
  if (dataDir && path.join(dataDir, 'socket', SOCKET_NAME).length <= MAX_SOCKET_PATH) {
    const dir = path.join(dataDir, 'socket')
    const socketPath = path.join(dir, SOCKET_NAME)
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
    fs.chmodSync(dir, 0o700)
    if (fs.existsSync(socketPath)) {
      if (await isListening(socketPath)) throw new DataDirInUseError(dataDir)
      fs.rmSync(socketPath, { force: true })
    }
    return { dir, remove: () => fs.rmSync(socketPath, { force: true }) }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-db-')) // mkdtemp creates it 0700
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

type Op = EmbeddedRequest['op']
type Fields<O extends Op> = Omit<Extract<EmbeddedRequest, { op: O }>, 'id' | 'op'>

/**
 * Starts the embedded database in a worker thread, so PostgreSQL's work (WASM) runs on another
 * core than React rendering, and returns a typed request function for it.
 */
async function startEmbeddedWorker(location: string, loadDataDir?: Blob) {
  const bytes = loadDataDir ? new Uint8Array(await loadDataDir.arrayBuffer()) : undefined
  const workerData: EmbeddedWorkerData = { location, loadDataDir: bytes, settings: EMBEDDED_SETTINGS }
  const worker = startWorker({ workerData, transferList: bytes ? [bytes.buffer as ArrayBuffer] : [] })
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  let nextId = 0
  let exitError: Error | undefined
  const failAll = (error: Error) => {
    exitError = error
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
  }
  worker.on('message', (reply: EmbeddedReply) => {
    const waiting = pending.get(reply.id)
    if (!waiting) return
    pending.delete(reply.id)
    if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), reply.error))
    else waiting.resolve(reply.result)
  })
  worker.on('error', (error) => failAll(error))
  worker.on('exit', (code) => failAll(new Error(`The embedded database worker stopped (exit code ${code})`)))
  function request<T, O extends Op = Op>(op: O, fields: Fields<O> = {} as Fields<O>): Promise<T> {
    if (exitError) return Promise.reject(exitError)
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      worker.postMessage({ id, op, ...fields })
    })
  }
  return { worker, request }
}

/** PGlite in DATA_DIR/pglite (or in memory), migrated before anyone else can connect. */
export async function openEmbedded(options: OpenDatabaseOptions): Promise<Database> {
  const dir = options.dataDir ?? './data'
  const dataDir = dir === 'memory://' ? undefined : path.resolve(dir)
  const location = dataDir ? path.join(dataDir, 'pglite') : 'memory://'
  if (dataDir) fs.mkdirSync(location, { recursive: true })
  const socket = await socketDirectory(dataDir)
  if (dataDir && !options.loadDataDir) copyInitializedDataDir(location)
  const { worker, request } = await startEmbeddedWorker(location, options.loadDataDir).catch((error) => {
    socket.remove()
    throw error
  })
  try {
    let appliedMigrations: string[] = []
    const runner: SqlRunner = {
      exec: (sql) => request<void>('exec', { sql }),
      query: <T>(sql: string, params?: unknown[]) => request<T[]>('query', { sql, params }),
    }
    if (options.migrate !== false) {
      // Before the socket opens nobody else can talk to the database, so the direct connection is safe.
      appliedMigrations = await applyMigrations(runner, { useAdvisoryLock: false })
    }
    // PGlite has no autovacuum: without fresh statistics the planner believes every table is tiny
    // and sorts whole tables instead of using the listing indexes (44 ms → 0.4 ms per listing).
    await runner.exec('ANALYZE')
    await request('listen', { socketPath: path.join(socket.dir, SOCKET_NAME) })
    // One connection: PGlite is one session. withConnection below borrows it for backups.
    const pool = new pg.Pool({ host: socket.dir, user: 'postgres', database: 'postgres', max: 1 })
    // An idle connection dropped when the database stops must not crash the process.
    pool.on('error', () => {})
    const prisma = new PrismaClient({ adapter: watchWrites(new PrismaPg(pool, { disposeExternalPool: true })) })
    const withConnection: Database['withConnection'] = async (run) => {
      const connection = await pool.connect()
      try {
        return await run(connection)
      } finally {
        connection.release()
      }
    }
    const backupPath = dataDir ? backupSocketPath(dataDir) : undefined
    if (backupPath) fs.rmSync(backupPath, { force: true }) // left by a crashed process (the database socket said so)
    const backups = backupPath ? serveBackups(backupPath, withConnection) : undefined
    let closing: Promise<void> | undefined
    return {
      prisma,
      mode: 'embedded',
      appliedMigrations,
      withConnection,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close() {
        closing ??= (async () => {
          if (backups) await new Promise<void>((resolve) => backups.close(() => resolve()))
          await prisma.$disconnect()
          if (!pool.ended) await pool.end() // withConnection alone (backup, restore) never connects Prisma
          await request('close').catch(() => {})
          await worker.terminate()
          socket.remove()
        })()
        return closing
      },
    }
  } catch (error) {
    await worker.terminate()
    socket.remove()
    throw error
  }
}
