/**
 * The embedded database's thread (started by embedded.server.ts). It opens PGlite, answers
 * `exec`/`query` messages (migrations run through them before anyone else can connect) and, on
 * `listen`, serves the PostgreSQL protocol on a Unix socket for Prisma's pg adapter. The build compiles it to
 * build/embedded-worker.js; from source (tsx, vitest) it runs through tsx's loader.
 */
import fs from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export type EmbeddedWorkerData = {
  /** A directory, or 'memory://'. */
  location: string
  /** A dumped data directory to start from (tests), transferred. */
  loadDataDir?: Uint8Array
  /** Postgres settings, each `name=value`. */
  settings: string[]
}

export type EmbeddedRequest =
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'query'; sql: string; params?: unknown[] }
  | { id: number; op: 'listen'; socketPath: string }
  | { id: number; op: 'close' }

export type EmbeddedReply = { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } }

const data = workerData as EmbeddedWorkerData
const port = parentPort!

async function open(): Promise<PGlite> {
  const settings = data.settings.flatMap((setting) => ['-c', setting])
  const options: PGliteOptions = { startParams: [...PGlite.defaultStartParams, ...settings] }
  if (data.loadDataDir) options.loadDataDir = new Blob([data.loadDataDir as Uint8Array<ArrayBuffer>])
  return PGlite.create(data.location, options)
}

const ready = open()
let server: PGLiteSocketServer | undefined

async function handle(request: EmbeddedRequest): Promise<unknown> {
  const db = await ready
  switch (request.op) {
    case 'exec':
      await db.exec(request.sql)
      return undefined
    case 'query':
      return (await db.query(request.sql, request.params)).rows
    case 'listen':
      // A Unix socket in a directory only this user may enter, never TCP: PGlite has no
      // authentication, so whoever reaches the socket owns the database.
      // PGlite is one connection; the socket server queues whole transactions from our single pooled
      // client. It accepts a few sockets although the pool keeps one: after a query error Prisma's pg
      // adapter discards its connection and opens a new one at once, and with a limit of 1 that new
      // socket raced the teardown of the old and was refused ("Connection terminated unexpectedly").
      server = new PGLiteSocketServer({ db, path: request.socketPath, maxConnections: 4 })
      await server.start()
      fs.chmodSync(request.socketPath, 0o600)
      return undefined
    case 'close':
      if (server) await server.stop()
      await db.close()
      return undefined
  }
}

port.on('message', async (request: EmbeddedRequest) => {
  try {
    port.postMessage({ id: request.id, result: await handle(request) } satisfies EmbeddedReply)
  } catch (error) {
    const { name, message, code, detail, hint, position, severity } = (error ?? {}) as Record<string, unknown>
    port.postMessage({ id: request.id, error: { name, message: String(message ?? error), code, detail, hint, position, severity } } satisfies EmbeddedReply)
  }
})
