import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../support/server.ts'

describe('the real server', () => {
  let server: RunningServer | undefined
  const badConfigDir = path.join(os.tmpdir(), `samling-badconfig-${process.pid}`)
  afterAll(async () => {
    await server?.stop()
    fs.rmSync(badConfigDir, { recursive: true, force: true })
  })

  // The first boot migrates and loads the demo; on a busy 2-core machine that can take longer than 30 s.
  it('starts on a random port with a fresh DATA_DIR, answers /healthz, and exits 0 within 10 s of SIGTERM', { timeout: 120_000 }, async () => {
    server = await startServer()
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok', db: 'embedded' })

    const page = await fetch(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')

    const foreign = await fetch(`${server.url}/logout`, { method: 'POST', headers: { Origin: 'https://evil.example' } })
    expect(foreign.status).toBe(403)
    expect(await foreign.text()).toContain('Förfrågan kom från en annan webbplats och stoppades.')

    const { code, ms } = await server.stop()
    expect(code).toBe(0)
    expect(ms).toBeLessThan(10_000)
    server = undefined
  })

  it.each([
    [{ PORT: '99999' }, /^Samling cannot start: PORT: /m],
    [
      { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nowhere', SESSION_SECRET: 'x'.repeat(40) },
      /^Samling cannot start: DATABASE_URL: cannot reach PostgreSQL at 127\.0\.0\.1:1/m,
    ],
    [{ APP_URL: 'localhost' }, /^Samling cannot start: APP_URL: /m],
    [{ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test' }, /^Samling cannot start: SESSION_SECRET: required/m],
  ])('refuses bad configuration %j with one clear line and exit code 1', (env, message) => {
    const result = spawnSync(process.execPath, ['build/server.js'], {
      env: { ...process.env, DATA_DIR: badConfigDir, NODE_ENV: 'production', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })
})
