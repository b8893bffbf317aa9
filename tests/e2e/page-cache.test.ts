import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isCacheablePageRequest } from '../../app/public/page-cache.server.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// server.ts answers anonymous GETs of public pages from a copy of the rendered HTML for up to 2 s
// (app/public/page-cache.server.ts). These checks run against the built production server.
let server: RunningServer

beforeAll(async () => {
  server = await startServer()
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1]

describe('a public page served again within seconds', () => {
  it('carries each visitor their own CSP nonce, in the header and on every script', async () => {
    const pages = []
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/`)
      expect(response.status).toBe(200)
      const html = await response.text()
      const nonce = nonceOf(response.headers.get('content-security-policy'))
      expect(nonce).toBeTruthy()
      const scriptNonces = [...html.matchAll(/<script[^>]*\snonce="([^"]*)"/g)].map((match) => match[1])
      expect(scriptNonces.length).toBeGreaterThan(0)
      for (const value of scriptNonces) expect(value).toBe(nonce)
      pages.push({ nonce: nonce!, html })
    }
    expect(new Set(pages.map((page) => page.nonce)).size).toBe(3)
    // Apart from the nonce the copies are the same page.
    expect(pages[1].html.split(pages[1].nonce).join('')).toBe(pages[0].html.split(pages[0].nonce).join(''))
  })

  it('keeps the security headers and answers conditional API requests with 304', async () => {
    const first = await fetch(`${server.url}/api/events`)
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    const again = await fetch(`${server.url}/api/events`)
    expect(again.headers.get('etag')).toBe(etag)
    expect(again.headers.get('x-content-type-options')).toBe('nosniff')
    const conditional = await fetch(`${server.url}/api/events`, { headers: { 'If-None-Match': etag! } })
    expect(conditional.status).toBe(304)
  })

  it('still answers 404 for unknown events and languages', async () => {
    expect((await fetch(`${server.url}/events/no-such-event`)).status).toBe(404)
    expect((await fetch(`${server.url}/events/no-such-event`)).status).toBe(404)
    expect((await fetch(`${server.url}/de`)).status).toBe(404)
  })
})

describe('which requests may use a copy', () => {
  it('only anonymous, unconditional GETs of public pages and the API listing', () => {
    for (const path of ['/', '/en', '/archive', '/en/archive', '/events/co-days-2027', '/en/speakers/a-b', '/accessibility', '/api/events'])
      expect(isCacheablePageRequest('GET', path, {}), path).toBe(true)
    for (const path of ['/organizer', '/login', '/dev/mailbox', '/api/events/x.ics', '/enarchive', '/events/'])
      expect(isCacheablePageRequest('GET', path, {}), path).toBe(false)
    expect(isCacheablePageRequest('POST', '/', {})).toBe(false)
    expect(isCacheablePageRequest('GET', '/', { cookie: 'samling_session=x' })).toBe(false)
    expect(isCacheablePageRequest('GET', '/api/events', { 'if-none-match': 'W/"x"' })).toBe(false)
  })
})
