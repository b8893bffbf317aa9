import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { log } from '../log.server.ts'
import { bumpDataGeneration } from './generation.server.ts'

/**
 * Several app instances on one PostgreSQL tell each other when public data changed, so a cached page
 * of an unpublished or cancelled event disappears everywhere at once instead of after the caches'
 * TTL (docs/decisions/0034-cross-instance-cache-and-backups.md). A committed public write (seen by
 * `watchWrites` in generation.server.ts) sends `NOTIFY samling_public_changed, '<instance id>'`;
 * every instance LISTENs on a connection of its own and bumps its `dataGeneration()`, which empties
 * its data caches (app/cache.server.ts) and its page cache (server.ts) in one step.
 *
 * The TTLs stay as they are: while the listening connection is lost (the database restarted, the
 * network dropped) an instance is as it was before this existed, never staler than the TTL.
 */
export const PUBLIC_CHANGES_CHANNEL = 'samling_public_changed'

/** This process, so that it does not empty its own caches a second time for its own notifications. */
export const INSTANCE_ID = randomUUID()

/**
 * Sends the notification after each committed public write. Writes that land while one is being sent
 * share the next one, so a burst of a hundred statements costs two notifications. A failed send is
 * dropped: the other instances then notice the change by their TTL.
 */
export function publicChangeNotifier(pool: pg.Pool): { notify: () => void } {
  let sending = false
  let again = false
  const send = () => {
    sending = true
    pool
      .query('SELECT pg_notify($1, $2)', [PUBLIC_CHANGES_CHANNEL, INSTANCE_ID])
      .catch(() => {})
      .finally(() => {
        sending = false
        if (again) {
          again = false
          send()
        }
      })
  }
  return {
    notify() {
      if (sending) again = true
      else send()
    },
  }
}

export type PublicChangeListener = {
  /** Whether the LISTEN connection is up (tests, health). */
  isListening: () => boolean
  stop: () => Promise<void>
}

/** The listening connection's name in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'samling-public-changes'

/** How often the idle listening connection is checked: a network gone silent does not end a socket by itself. */
const PING_MS = 10_000
const RETRY_MIN_MS = 250
const RETRY_MAX_MS = 10_000

/**
 * LISTENs for other instances' public changes on a dedicated connection and bumps the data
 * generation on each. Reconnects after a lost connection with backoff (0.25 s doubling to 10 s);
 * after reconnecting it bumps once, for whatever it missed meanwhile.
 */
export function listenForPublicChanges(url: string, onChange: () => void = bumpDataGeneration): PublicChangeListener {
  let client: pg.Client | undefined
  let listening = false
  let stopped = false
  let failures = 0
  let everConnected = false
  let retry: NodeJS.Timeout | undefined
  let ping: NodeJS.Timeout | undefined

  const drop = (current: pg.Client, reason: unknown) => {
    if (client !== current) return
    client = undefined
    clearInterval(ping)
    if (listening) log({ level: 'warn', msg: 'public change listener lost its connection', error: String((reason as Error)?.message ?? reason) })
    listening = false
    current.removeAllListeners('notification')
    current.end().catch(() => {})
    if (stopped) return
    const wait = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** failures++)
    retry = setTimeout(connect, wait)
    retry.unref()
  }

  const connect = async () => {
    if (stopped) return
    const current = new pg.Client({
      connectionString: url,
      application_name: LISTENER_APPLICATION_NAME,
      connectionTimeoutMillis: 3_000,
      query_timeout: 5_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    })
    client = current
    current.on('error', (error) => drop(current, error))
    current.on('end', () => drop(current, 'connection ended'))
    current.on('notification', (message) => {
      if (message.channel === PUBLIC_CHANGES_CHANNEL && message.payload !== INSTANCE_ID) onChange()
    })
    try {
      await current.connect()
      await current.query(`LISTEN ${PUBLIC_CHANGES_CHANNEL}`)
    } catch (error) {
      drop(current, error)
      return
    }
    // Stopped (or replaced) while connecting: this connection must not keep the process alive.
    if (client !== current || stopped) {
      void current.end().catch(() => {})
      return
    }
    listening = true
    failures = 0
    // Changes made while nobody listened were not heard: treat everything cached as stale once.
    if (everConnected) {
      onChange()
      log({ level: 'info', msg: 'public change listener reconnected' })
    }
    everConnected = true
    ping = setInterval(() => void current.query('SELECT 1').catch((error: unknown) => drop(current, error)), PING_MS)
    ping.unref()
  }

  void connect()
  return {
    isListening: () => listening,
    async stop() {
      stopped = true
      clearTimeout(retry)
      clearInterval(ping)
      const current = client
      client = undefined
      listening = false
      if (current) {
        current.removeAllListeners('notification')
        await current.end().catch(() => {})
      }
    },
  }
}
