import http from 'node:http'
import zlib from 'node:zlib'
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

  it('gives the home and event pages an ETag that ignores the nonce, and answers a matching If-None-Match with 304', async () => {
    const home = await fetch(`${server.url}/`)
    const eventPath = /href="(\/events\/[a-z0-9-]+)"/.exec(await home.text())![1]
    for (const path of ['/', eventPath, `/en${eventPath}`]) {
      const first = await fetch(server.url + path)
      const second = await fetch(server.url + path)
      const etag = first.headers.get('etag')
      expect(etag, path).toMatch(/^W\/"[\w-]+"$/)
      expect(second.headers.get('etag'), path).toBe(etag)
      expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonceOf(first.headers.get('content-security-policy')))
      for (const headers of [{ 'If-None-Match': etag! }, { 'If-None-Match': etag!, Cookie: 'theme=dark' }] as Record<string, string>[]) {
        const conditional = await fetch(server.url + path, { headers })
        expect(conditional.status, path).toBe(304)
        expect(await conditional.text()).toBe('')
        // The browser keeps the body it has, with the nonce of the CSP header it stored with it.
        expect(conditional.headers.get('content-security-policy')).toBeNull()
        expect(conditional.headers.get('etag')).toBe(etag)
      }
      const stale = await fetch(server.url + path, { headers: { 'If-None-Match': 'W/"old"' } })
      expect(stale.status).toBe(200)
      expect(stale.headers.get('etag')).toBe(etag)
    }
  })

  it('serves the same bytes from a copy as a fresh render, with no NUL anywhere (demo pages in both languages)', async () => {
    const home = await (await fetch(`${server.url}/`)).text()
    const paths = [...new Set([...home.matchAll(/href="(\/(?:events|organizations|speakers|series)\/[a-z0-9-]+)"/g)].map((match) => match[1]))]
    expect(paths.length).toBeGreaterThan(3)
    for (const path of ['/', '/archive', '/accessibility', ...paths].flatMap((path) => [path, path === '/' ? '/en' : `/en${path}`])) {
      const copy = await fetch(server.url + path)
      const fresh = await fetch(server.url + path, { headers: { Cookie: 'theme=dark' } })
      const withoutNonce = async (response: Response) => {
        const bytes = Buffer.from(await response.arrayBuffer())
        expect(bytes.includes(0), `${path} has a NUL byte`).toBe(false)
        return bytes
          .toString('latin1')
          .split(nonceOf(response.headers.get('content-security-policy'))!)
          .join('')
      }
      expect(await withoutNonce(copy), path).toBe(await withoutNonce(fresh))
    }
  })

  it('still answers 404 for unknown events and languages', async () => {
    expect((await fetch(`${server.url}/events/no-such-event`)).status).toBe(404)
    expect((await fetch(`${server.url}/events/no-such-event`)).status).toBe(404)
    expect((await fetch(`${server.url}/de`)).status).toBe(404)
  })
})

/** A GET with Node's own http client: no automatic decompression, so the bytes on the wire are seen. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }))
      })
      .on('error', reject)
  })
}

describe('a public feed served again', () => {
  it('goes out gzipped to clients that take gzip (the same bytes, once unzipped), as is to others, with Vary and one ETag, cookie or not', async () => {
    const plain = await rawGet(`${server.url}/calendar.ics`, {})
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toMatch(/Accept-Encoding/i)
    const text = plain.body.toString('utf8')
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    // Until the kept gzip copy is ready (zipped once, in the thread pool) the compression middleware
    // answers, which may pick brotli; then every answer is the kept gzip.
    const encodings: string[] = []
    for (let i = 0; i < 40 && encodings.at(-1) !== 'gzip'; i++) {
      const zipped = await rawGet(`${server.url}/calendar.ics`, { 'Accept-Encoding': 'gzip, deflate, br', Cookie: 'samling_lang=en' })
      expect(zipped.status).toBe(200)
      const encoding = String(zipped.headers['content-encoding'])
      encodings.push(encoding)
      expect(zipped.headers.vary).toMatch(/Accept-Encoding/i)
      expect(zipped.headers.etag).toBe(plain.headers.etag)
      expect(zipped.headers['cache-control']).toBe('public, max-age=300')
      const unzipped = encoding === 'br' ? zlib.brotliDecompressSync(zipped.body) : zlib.gunzipSync(zipped.body)
      expect(unzipped.toString('utf8')).toBe(text)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(encodings.at(-1)).toBe('gzip')
    const refused = await rawGet(`${server.url}/calendar.ics`, { 'Accept-Encoding': 'gzip;q=0, identity' })
    expect(refused.headers['content-encoding']).toBeUndefined()
    expect(refused.body.toString('utf8')).toBe(text)
    const conditional = await rawGet(`${server.url}/calendar.ics`, { 'If-None-Match': String(plain.headers.etag), 'Accept-Encoding': 'gzip' })
    expect(conditional.status).toBe(304)
    expect(conditional.body.length).toBe(0)
    // What the calendar program updates its stored copy with: the validators and caching rules, no body headers.
    expect(conditional.headers.etag).toBe(plain.headers.etag)
    expect(conditional.headers['last-modified']).toBe(plain.headers['last-modified'])
    expect(conditional.headers['cache-control']).toBe('public, max-age=300')
    expect(conditional.headers['content-type']).toBeUndefined()
  })
})

describe('which requests may use a copy', () => {
  it('only anonymous, unconditional GETs of public pages and the API listing', () => {
    for (const path of [
      '/',
      '/en',
      '/archive',
      '/en/archive',
      '/events/co-days-2027',
      '/en/speakers/a-b',
      '/accessibility',
      '/api/events',
      '/embed/organizations/sopact',
      '/en/embed/series/re-act',
    ])
      expect(isCacheablePageRequest('GET', path, {}), path).toBe(true)
    for (const path of ['/organizer', '/login', '/dev/mailbox', '/api/events/x.ics', '/enarchive', '/events/', '/embed/events/x', '/embed/organizations/'])
      expect(isCacheablePageRequest('GET', path, {}), path).toBe(false)
    expect(isCacheablePageRequest('POST', '/', {})).toBe(false)
    expect(isCacheablePageRequest('GET', '/', { cookie: 'samling_session=x' })).toBe(false)
    expect(isCacheablePageRequest('GET', '/api/events', { 'if-none-match': 'W/"x"' })).toBe(false)
  })

  it('the public feeds also with a cookie (their routes never read one), never the personal feed', () => {
    for (const path of ['/calendar.ics', '/en/calendar.ics', '/organizations/region-sormland/calendar.ics', '/en/series/re-act/calendar.ics', '/feed.xml'])
      expect(isCacheablePageRequest('GET', path, { cookie: 'samling_session=x' }), path).toBe(true)
    for (const path of ['/calendar/personal/abc.ics', '/en/calendar/personal/abc.ics', '/events/calendar.ics/x', '/organizations//calendar.ics'])
      expect(isCacheablePageRequest('GET', path, {}), path).toBe(false)
    expect(isCacheablePageRequest('GET', '/calendar.ics', { 'if-modified-since': 'Wed, 02 Dec 2026 08:00:00 GMT' })).toBe(false)
  })
})
