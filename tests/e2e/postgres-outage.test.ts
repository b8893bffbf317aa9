import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../app/db/client.server.ts'
import { ConfigError } from '../../app/env.server.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts'

/** The PostgreSQL server these tests use (trust auth on the CI machine); skipped when it does not answer. */
const SERVER_URL = process.env.TEST_PG_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    await client.end()
    return true
  } catch {
    return false
  }
}

const hasPostgres = await reachable(SERVER_URL)

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

describe('an unreachable PostgreSQL', () => {
  it('is named without its password when the server cannot be reached at start', async () => {
    const opening = openDatabase({ databaseUrl: 'postgresql://admin:hunter2@127.0.0.1:1/samling' })
    await expect(opening).rejects.toThrow(ConfigError)
    await expect(opening).rejects.toThrow(/^DATABASE_URL: cannot reach PostgreSQL at 127\.0\.0\.1:1\/samling \(ECONNREFUSED\)$/)
  })
})

describe.skipIf(!hasPostgres)('a short network partition between the app and PostgreSQL', () => {
  const name = `samling_outage_${randomBytes(4).toString('hex')}`
  let proxy: TcpProxy
  let server: RunningServer | undefined
  let dataDir: string | undefined

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`)
    proxy = await startTcpProxy({ host: new URL(SERVER_URL).hostname, port: Number(new URL(SERVER_URL).port || 5432) })
    // The password is ignored by trust auth; it is here to prove that no log line shows it.
    server = await startServer({
      DATABASE_URL: `postgresql://postgres:hunter2@127.0.0.1:${proxy.port}/${name}`,
      SESSION_SECRET: 's'.repeat(40),
      MAIL_WORKER: 'off',
    })
    dataDir = server.dataDir
  })
  afterAll(async () => {
    await server?.stop()
    await proxy?.close()
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  // A search of its own per request, so neither the page cache nor the listing cache answers it.
  const page = (query: string) => fetch(`${server!.url}/?q=${query}`, { headers: { Cookie: 'visitor=1' } })

  it('answers 503 with Retry-After within a few seconds while the database is silent, then recovers by itself and stops cleanly', async () => {
    expect((await page('before')).status).toBe(200)

    proxy.silence()
    const started = Date.now()
    const during = await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const response = await page(`during-${i}`)
        return { status: response.status, retryAfter: response.headers.get('retry-after'), ms: Date.now() - started }
      }),
    )
    expect(during.map((result) => [result.status, result.retryAfter])).toEqual(Array.from({ length: 15 }, () => [503, '5']))
    // Answers Remix makes without rendering a page: a page's ?_data= JSON and the JSON API.
    const others = await Promise.all(
      [`/?q=during-data&_data=${encodeURIComponent('routes/($lang)._index')}`, '/api/events?q=during-api'].map(async (path) => {
        const response = await fetch(server!.url + path, { headers: { Cookie: 'visitor=1' } })
        return [path, response.status, response.headers.get('retry-after')]
      }),
    )
    expect(others.map(([, status, retryAfter]) => [status, retryAfter])).toEqual([
      [503, '5'],
      [503, '5'],
    ])
    expect(Math.max(...during.map((result) => result.ms))).toBeLessThan(10_000)
    expect((await fetch(`${server!.url}/healthz`)).status).toBe(503)

    proxy.heal()
    let health = 0
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && health !== 200;) {
      health = (await fetch(`${server!.url}/healthz`)).status
      if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(health).toBe(200)
    const after = await Promise.all(Array.from({ length: 15 }, (_, i) => page(`after-${i}`).then((response) => response.status)))
    expect(after).toEqual(Array.from({ length: 15 }, () => 200))

    const { code, ms } = await server!.stop()
    expect(code).toBe(0)
    expect(ms).toBeLessThan(10_000)
    expect(server!.output()).not.toContain('hunter2')
    server = undefined
  }, 90_000)
})
