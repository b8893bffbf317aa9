import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LISTENER_APPLICATION_NAME, PUBLIC_CHANGES_CHANNEL } from '../../app/db/public-changes.server.ts'
import { useDatabase, type Database } from '../../app/db/client.server.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { cookieFor, createMember } from '../support/console.ts'
import { createTestDatabase } from '../support/database.ts'
import { createSeatedEvent } from '../support/registrations.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// Two production servers on one PostgreSQL: an organizer unpublishes or cancels an event through
// instance A's console while instance B has the listing and the event page in its caches (the 2 s
// page cache, the 5 s data caches). B hears of it through LISTEN/NOTIFY (app/db/public-changes.server.ts)
// and shows the change within 1 s. Needs the build and a real server, so it runs when DATABASE_URL is set.
const SECRET = 'cache-invalidation-'.padEnd(64, 'c')
const LIMIT_MS = 1_000

describe.skipIf(!process.env.DATABASE_URL)('public caches across two instances on one PostgreSQL', () => {
  let database: Database & { url?: string }
  let a: RunningServer
  let b: RunningServer
  let dataDir: string
  const events: Record<'unpublish' | 'cancel', { id: string; slug: string; org: string; cookie: string }> = {} as never

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-cache-'))
    setConfig({ ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: SECRET }), databaseUrl: process.env.DATABASE_URL })
    database = await createTestDatabase()
    useDatabase(database)
    for (const which of ['unpublish', 'cancel'] as const) {
      const event = await createSeatedEvent(database.prisma, { slug: `ska-${which}`, seats: 20 })
      const organization = await database.prisma.organization.findUniqueOrThrow({ where: { id: event.organizationId } })
      const organizer = await createMember(organization.id, 'organizer')
      events[which] = { id: event.id, slug: event.slug, org: organization.slug, cookie: await cookieFor(organizer.id) }
    }
    const env = { DATABASE_URL: database.url, SESSION_SECRET: SECRET, DEMO: 'off', MAIL_WORKER: 'off', DATABASE_POOL_SIZE: '4' }
    ;[a, b] = await Promise.all([startServer(env), startServer(env)])
  }, 90_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await database?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const page = async (server: RunningServer, pathname: string) => {
    const response = await fetch(`${server.url}${pathname}`)
    return { status: response.status, html: await response.text() }
  }

  /** Posts an intent to the event's console page on `server`, as the organizer's browser would. */
  const consoleIntent = async (server: RunningServer, which: keyof typeof events, fields: Record<string, string>) => {
    const event = events[which]
    const response = await fetch(`${server.url}/organizer/${event.org}/events/${event.id}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: event.cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    })
    return response.status
  }

  /** Polls every 50 ms until `check` holds; the time it took, or fails after 5 s (the old TTL). */
  // Measured to when the first request that saw the change was SENT: from then on every visitor of
  // B gets the new page. On a loaded machine B's render of it may take a few hundred ms more, which
  // is printed as well (answered) but is not the cache's doing.
  const timeUntil = async (check: () => Promise<boolean>) => {
    const started = performance.now()
    for (;;) {
      const sent = performance.now()
      if (await check()) return { ms: Math.round(sent - started), answered: Math.round(performance.now() - started) }
      if (performance.now() - started > 5_000) throw new Error('not seen within 5 s')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  const msUntil = async (check: () => Promise<boolean>) => (await timeUntil(check)).ms

  /** When the next public-change notification arrives (heard by a listener of the test's own). */
  const notificationAfter = async () => {
    const listener = new pg.Client({ connectionString: database.url, application_name: 'test-listener' })
    await listener.connect()
    await listener.query(`LISTEN ${PUBLIC_CHANGES_CHANNEL}`)
    const heard = new Promise<number>((resolve) =>
      listener.once('notification', () => {
        resolve(performance.now())
        void listener.end()
      }),
    )
    return { heard }
  }

  /** Both of B's caches hold the page: it is asked twice, and the second copy is the page cache's. */
  const warm = async (pathname: string) => {
    await page(b, pathname)
    return page(b, pathname)
  }

  it("an event unpublished through A is gone from B's listing and event page within 1 s", async () => {
    const { slug } = events.unpublish
    expect((await warm('/')).html).toContain(`/events/${slug}"`)
    expect((await warm(`/events/${slug}`)).status).toBe(200)
    const { heard } = await notificationAfter()
    expect(await consoleIntent(a, 'unpublish', { intent: 'unpublish' })).toBe(302)
    const posted = performance.now()
    const [listing, eventPage] = await Promise.all([
      timeUntil(async () => !(await page(b, '/')).html.includes(`/events/${slug}"`)),
      timeUntil(async () => (await page(b, `/events/${slug}`)).status === 404),
    ])
    const notifiedMs = Math.round((await heard) - posted)
    console.log(
      `unpublished on A: NOTIFY heard ${notifiedMs} ms after A's answer; B's listing without it for requests from ${listing.ms} ms (answered at ${listing.answered} ms), B's event page 404 from ${eventPage.ms} ms (answered at ${eventPage.answered} ms); limit ${LIMIT_MS} ms`,
    )
    expect(Math.max(listing.ms, eventPage.ms)).toBeLessThan(LIMIT_MS)
  })

  it('an event cancelled through A shows as cancelled on B within 1 s', async () => {
    const { slug } = events.cancel
    const reason = 'Lokalen är inte tillgänglig'
    expect((await warm(`/events/${slug}`)).html).not.toContain(reason)
    expect((await warm('/')).html).toContain(`/events/${slug}"`)
    expect(await consoleIntent(a, 'cancel', { intent: 'cancel', reason })).toBe(302)
    const { ms, answered } = await timeUntil(async () => (await page(b, `/events/${slug}`)).html.includes(reason))
    console.log(`cancelled on A: B's event page shows the cancellation for requests from ${ms} ms (answered at ${answered} ms); limit ${LIMIT_MS} ms`)
    expect(ms).toBeLessThan(LIMIT_MS)
  })

  it('after the listening connections are cut, both instances listen again and B again follows A within 1 s', async () => {
    const db = new pg.Client({ connectionString: database.url })
    await db.connect()
    db.on('error', () => {})
    const listeners = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = '${LISTENER_APPLICATION_NAME}'`
    const before = (await db.query<{ pid: number }>(listeners)).rows.map((row) => row.pid)
    expect(before).toHaveLength(3) // A's, B's and this test process's own database client's
    await db.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before])
    const listening = async () => (await db.query<{ pid: number }>(listeners)).rows.filter((row) => !before.includes(row.pid)).length === before.length
    const backMs = await msUntil(listening)
    await db.end()
    console.log(`listening connections cut: every instance listens again after ${backMs} ms`)
    const { slug } = events.unpublish
    expect((await warm(`/events/${slug}`)).status).toBe(404)
    expect((await warm('/')).html).not.toContain(`/events/${slug}"`)
    expect(await consoleIntent(a, 'unpublish', { intent: 'publish' })).toBe(302)
    const [listing, eventPage] = await Promise.all([
      timeUntil(async () => (await page(b, '/')).html.includes(`/events/${slug}"`)),
      timeUntil(async () => (await page(b, `/events/${slug}`)).status === 200),
    ])
    console.log(
      `published again on A after the reconnect: on B's listing for requests from ${listing.ms} ms (answered at ${listing.answered} ms), B's event page from ${eventPage.ms} ms (answered at ${eventPage.answered} ms); limit ${LIMIT_MS} ms`,
    )
    expect(Math.max(listing.ms, eventPage.ms)).toBeLessThan(LIMIT_MS)
  })
})
