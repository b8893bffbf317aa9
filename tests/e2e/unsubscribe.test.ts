import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config, loadConfig, setConfig } from '../../app/env.server.ts'
import { unsubscribeToken } from '../../app/mail/unsubscribe.server.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// RFC 8058 one-click unsubscribe against the built production server: a mail provider POSTs
// `List-Unsubscribe=One-Click` without cookies and perhaps with its own Origin; server.ts lets
// exactly that path through its cross-site check, and nothing else.
const SESSION_SECRET = 'one-click-unsubscribe-test-secret-0123456789'
let server: RunningServer

beforeAll(async () => {
  server = await startServer({ SESSION_SECRET })
  setConfig({ ...config(), ...loadConfig({ ...process.env, SESSION_SECRET, NODE_ENV: 'test' }), sessionSecret: SESSION_SECRET })
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const oneClick = (token: string, origin?: string) =>
  fetch(`${server.url}/unsubscribe/${token}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
    body: 'List-Unsubscribe=One-Click',
    redirect: 'manual',
  })

describe('one-click unsubscribe through the real server', () => {
  it('a provider’s POST, with or without a foreign Origin, unsubscribes; opening the page afterwards says so', async () => {
    const token = unsubscribeToken('anna@kommun.se')
    const first = await oneClick(token)
    expect(first.status).toBe(200)
    const foreign = await oneClick(unsubscribeToken('sam@region.se'), 'https://mail.google.com')
    expect(foreign.status).toBe(200)
    expect(foreign.headers.get('cache-control')).toBe('private, no-store')
    const page = await fetch(`${server.url}/unsubscribe/${token}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('anna@kommun.se får redan inga aviseringar från Samling.')
  })

  it('the page’s own button from another site is still refused, and a foreign POST elsewhere is a 403', async () => {
    const token = unsubscribeToken('vera@kommun.se')
    const button = await fetch(`${server.url}/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: 'intent=unsubscribe',
    })
    expect(button.status).toBe(403)
    const page = await fetch(`${server.url}/unsubscribe/${token}`)
    expect(await page.text()).toContain('Avsluta aviseringarna')
    const elsewhere = await fetch(`${server.url}/logout`, { method: 'POST', headers: { Origin: 'https://mail.google.com' }, redirect: 'manual' })
    expect(elsewhere.status).toBe(403)
  })

  it('a tampered token is a 404 page in Swedish, or English with ?lang=en', async () => {
    const sv = await fetch(`${server.url}/unsubscribe/bm9ib2R5.AAAA`)
    expect(sv.status).toBe(404)
    expect(await sv.text()).toContain('Sidan finns inte')
    const en = await fetch(`${server.url}/unsubscribe/bm9ib2R5.AAAA?lang=en`)
    expect(en.status).toBe(404)
    expect(await en.text()).toContain('lang="en"')
  })
})
