import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { ConfigError } from '../env.server.ts'
import { PrismaClient } from '../generated/prisma/client.ts'
import { applyMigrations, type SqlRunner } from '../migrations.server.ts'
import type { Database, OpenDatabaseOptions } from './client.server.ts'
import { watchWrites } from './generation.server.ts'
import { listenForPublicChanges, publicChangeNotifier } from './public-changes.server.ts'

function describeConnectionError(url: string, error: unknown): ConfigError {
  const parsed = new URL(url)
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
  return new ConfigError(`DATABASE_URL: cannot reach PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}/${parsed.pathname.slice(1)} (${code})`)
}

/**
 * How long the app waits for PostgreSQL before it gives up on a request (which then gets a 503). A
 * network that goes silent must not hold connections forever: without these, a 3 s partition used
 * up the whole pool on sockets that never timed out, and the instance stayed wedged until restart.
 */
export const POSTGRES_TIMEOUTS = {
  /** Opening a connection, or waiting for a free one in the pool while the database is silent. */
  connectMs: 3_000,
  /**
   * Waiting for a free connection while the database answers: a burst larger than the pool (fifty
   * people taking the last seats at once) queues instead of failing after `connectMs`.
   */
  busyWaitMs: 20_000,
  /** A statement, enforced by the server (the connection stays usable). */
  statementMs: 5_000,
  /** A statement, enforced here when the server's answer never arrives (the connection is dropped). */
  queryMs: 6_000,
  /** A transaction left idle by a client that vanished: the server frees its locks. */
  idleInTransactionMs: 10_000,
  /** Idle pooled connections are closed after this, so a long-dead socket is not handed out. */
  idleMs: 10_000,
}

/** Errors after which a connection cannot be trusted: its next answer may belong to an earlier query. */
function isBrokenConnection(error: unknown): boolean {
  const { message = '', code = '' } = (error ?? {}) as { message?: string; code?: string }
  return /Query read timeout|Connection terminated|ECONNRESET|EPIPE|ETIMEDOUT/.test(`${message} ${code}`)
}

/** The pool behind Prisma's pg adapter, with timeouts, TCP keepalive and broken connections dropped. */
function createPool(url: string, max: number): pg.Pool {
  let answeredAt = 0
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: POSTGRES_TIMEOUTS.connectMs,
    idleTimeoutMillis: POSTGRES_TIMEOUTS.idleMs,
    statement_timeout: POSTGRES_TIMEOUTS.statementMs,
    query_timeout: POSTGRES_TIMEOUTS.queryMs,
    idle_in_transaction_session_timeout: POSTGRES_TIMEOUTS.idleInTransactionMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 5_000,
  })
  // Prisma's adapter gives a transaction's connection back to the pool as healthy even after a
  // query on it timed out; end such a connection so that the pool replaces it (pg-pool never hands
  // out an ending client). Plain queries already release a failed connection themselves.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    client.query = ((...args: unknown[]) => {
      const result = query(...args)
      if (result instanceof Promise) {
        result.then(
          () => (answeredAt = Date.now()),
          () => {},
        )
        result.catch((error: unknown) => {
          if (isBrokenConnection(error)) client.end().catch(() => {})
        })
      }
      return result
    }) as typeof client.query
  })
  // pg-pool gives up on a queued request after `connectionTimeoutMillis` whatever the reason. Keep
  // waiting while every connection is in use and the database answered within that time (it is busy,
  // not gone); when it has gone silent the request fails as before, so the app answers 503 at once.
  const waitForClient = pool.connect.bind(pool) as () => Promise<pg.PoolClient>
  const connectWhileAnswering = async (): Promise<pg.PoolClient> => {
    const started = Date.now()
    for (;;) {
      try {
        return await waitForClient()
      } catch (error) {
        const busy =
          /timeout exceeded when trying to connect/.test((error as Error).message) &&
          pool.totalCount >= max &&
          Date.now() - answeredAt < POSTGRES_TIMEOUTS.connectMs &&
          Date.now() - started < POSTGRES_TIMEOUTS.busyWaitMs
        if (!busy) throw error
      }
    }
  }
  type Callback = (error: Error | undefined, client?: pg.PoolClient, release?: pg.PoolClient['release']) => void
  pool.connect = ((callback?: Callback) => {
    const client = connectWhileAnswering()
    if (!callback) return client
    client.then(
      (connected) => callback(undefined, connected, connected.release),
      (error: Error) => callback(error),
    )
    return undefined
  }) as typeof pool.connect
  // An idle connection that breaks (server restart, network) is removed by the pool; without a
  // listener the 'error' event would crash the process.
  pool.on('error', () => {})
  return pool
}

/** A pooled PostgreSQL server, migrated first under an advisory lock (several instances may boot at once). */
export async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Database> {
  let appliedMigrations: string[] = []
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
  } catch (error) {
    throw describeConnectionError(url, error)
  }
  try {
    if (options.migrate !== false) {
      const runner: SqlRunner = {
        exec: async (sql) => void (await client.query(sql)),
        query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      }
      appliedMigrations = await applyMigrations(runner, { useAdvisoryLock: true })
    }
  } finally {
    await client.end()
  }
  const pool = createPool(url, options.poolSize ?? 10)
  // Other instances on this database hear of every committed public write (ADR 0034).
  const notifier = publicChangeNotifier(pool)
  const listener = options.listenForChanges === false ? undefined : listenForPublicChanges(url)
  const prisma = new PrismaClient({
    adapter: watchWrites(new PrismaPg(pool, { disposeExternalPool: true }), { onPublicChange: notifier.notify }),
    // Prisma's own wait for a transaction's connection (2 s by default) would cut the pool's short.
    transactionOptions: { maxWait: POSTGRES_TIMEOUTS.busyWaitMs },
  })
  return {
    prisma,
    mode: 'postgres',
    appliedMigrations,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async withConnection(run) {
      const connection = await pool.connect()
      try {
        return await run(connection)
      } finally {
        connection.release()
      }
    },
    async close() {
      await listener?.stop()
      await prisma.$disconnect()
    },
  }
}
