/**
 * Rendered public pages, kept for a moment (docs/decisions/0008-embedded-performance.md, round 2).
 *
 * The public pages (`/`, `/archive`, event, organization, series, speaker and accessibility pages,
 * each also under `/en`), the `/api/events` listing, the embed widgets `/embed/organizations|series/…`
 * (ADR 0018) and the public calendar and Atom feeds are a pure function of their URL and the public
 * data: nothing in them depends on who asks. Rendering one costs Remix route matching (four times per request), loaders
 * and React; serving a copy costs a string join. So server.ts keeps the HTML of such a page when ALL
 * of these hold:
 *  - the request is a GET without Cookie or Authorization header (a signed-in visitor always gets a
 *    fresh render, so nothing per person can ever be stored; the feeds, whose routes never read a
 *    cookie, are the exception) and without If-None-Match /
 *    If-Modified-Since, for one of the public paths above (server.ts answers an If-None-Match that
 *    matches a stored copy's ETag with 304 from the copy; any other conditional request goes to
 *    the route);
 *  - the answer is a 200 `text/html`, `application/json`, `text/calendar` or `application/atom+xml`
 *    without Set-Cookie.
 * A copy without a nonce (JSON, feeds) is also gzipped once, so a 700 kB feed costs a compressed
 * client what it costs anyone: sending kept bytes (issue 9 §4).
 * A copy is used only while it is younger than `ttlMs` AND `generation()` (db/client.server.ts's
 * `dataGeneration`, bumped by every write that may change public data) is unchanged, like the data
 * caches in app/cache.server.ts. Concurrent misses for one URL share one render.
 *
 * The per-request CSP nonce is not cached: the stored HTML is split at the nonce it was rendered
 * with, and every visitor's own nonce is joined back in.
 */
import { createHash } from 'node:crypto'
import { gzip } from 'node:zlib'

/**
 * A stored page: the HTML split at the nonce it was rendered with, its validator (the route's own
 * ETag, or `pageEtag` of the parts) and its size in bytes (small pages are not compressed).
 */
export type CachedPage = {
  status: number
  headers: [string, string][]
  parts: Buffer[]
  etag: string | undefined
  size: number
  /** The body gzipped, once ready, for a copy without a nonce (the same bytes for everyone). */
  gzip?: Buffer
  /** The headers of a 304 for this copy, made on the first one (server.ts). */
  notModified?: Record<string, string>
}

/** The body's bytes around each occurrence of `nonce` (kept as bytes: no re-encoding per request). */
export function splitAtNonce(body: Buffer, nonce: string): Buffer[] {
  const parts: Buffer[] = []
  let from = 0
  for (let at = body.indexOf(nonce, 0, 'latin1'); at !== -1; at = body.indexOf(nonce, from, 'latin1')) {
    parts.push(body.subarray(from, at))
    from = at + nonce.length
  }
  parts.push(body.subarray(from))
  return parts
}

/** The stored parts with this request's nonce between them. */
export function joinNonce(parts: Buffer[], nonce: string): Buffer {
  if (parts.length === 1) return parts[0]
  const glue = Buffer.from(nonce, 'latin1')
  const pieces: Buffer[] = [parts[0]]
  for (let i = 1; i < parts.length; i++) pieces.push(glue, parts[i])
  return Buffer.concat(pieces)
}

/** `W/"…"`: weak, because copies of one page differ in their CSP nonce (the rest is byte-identical). */
export function pageEtag(parts: Buffer[]): string {
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part).update('\0')
  return `W/"${hash.digest('base64url')}"`
}

const PUBLIC_PAGE =
  /^\/(?:(?:en\/|en$)?(?:archive|accessibility|(?:embed\/)?(?:organizations|series)\/[a-z0-9][a-z0-9-]{0,99}|(?:events|speakers)\/[a-z0-9][a-z0-9-]{0,99})?|api\/events)$/

/**
 * The public calendar (and Atom) feeds: the same for everyone, and their routes never read a cookie,
 * so a copy serves a browser that sends one too. The personal feed (/calendar/personal/…) is not here.
 */
const PUBLIC_FEED = /^\/(?:en\/)?(?:(?:events|organizations|series|speakers)\/[a-z0-9][a-z0-9-]{0,99}\/)?(?:calendar\.ics|feed\.xml)$/

type RequestHeaders = { cookie?: string; authorization?: string; 'if-none-match'?: string; 'if-modified-since'?: string }

/** True for a request whose page may come from (and go into) the page cache. */
export function isCacheablePageRequest(method: string, path: string, headers: RequestHeaders): boolean {
  if (method !== 'GET' || headers['if-none-match'] || headers['if-modified-since']) return false
  if (PUBLIC_FEED.test(path)) return true
  return !headers.cookie && !headers.authorization && PUBLIC_PAGE.test(path)
}

/** Content types a copy may hold: pages, the API listing and the feeds. */
const KEPT_TYPES = ['text/html', 'application/json', 'text/calendar', 'application/atom+xml']

/** Copies at least this big are also kept gzipped when they have no nonce (feeds, the API listing). */
const GZIP_FROM_BYTES = 1024

export class PageCache {
  private entries = new Map<string, { generation: number; expires: number; page: Promise<CachedPage | null>; value?: CachedPage | null }>()
  constructor(
    private readonly generation: () => number,
    private readonly ttlMs = 2_000,
    private readonly maxEntries = 500,
  ) {}

  /** The stored page for `key` if it is there, rendered and still valid; never starts a render. */
  peek(key: string): CachedPage | undefined {
    const entry = this.entries.get(key)
    if (!entry?.value || entry.generation !== this.generation() || entry.expires <= Date.now()) return undefined
    return entry.value
  }

  /**
   * The page for `key`; on a miss `render(nonce)` produces a Response (rendered with `nonce`), which
   * is stored if it qualifies. Resolves to null when the response is not cacheable – the caller then
   * renders the request itself (`response` is handed back so it is not rendered twice).
   */
  async get(key: string, nonce: string, render: () => Promise<Response>): Promise<{ page: CachedPage | null; response?: Response }> {
    const now = Date.now()
    const generation = this.generation()
    const entry = this.entries.get(key)
    if (entry && entry.generation === generation && entry.expires > now) return { page: await entry.page }
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    let own: Response | undefined
    const page = render().then(async (response): Promise<CachedPage | null> => {
      const type = response.headers.get('content-type') ?? ''
      const kept = KEPT_TYPES.some((kind) => type.startsWith(kind))
      if (response.status !== 200 || !kept || response.headers.has('set-cookie')) {
        own = response
        return null
      }
      const body = Buffer.from(await response.arrayBuffer())
      const parts = splitAtNonce(body, nonce)
      const headers = [...response.headers].filter(([name]) => name !== 'content-length')
      const copy: CachedPage = { status: response.status, headers, parts, etag: response.headers.get('etag') ?? pageEtag(parts), size: body.length }
      // Compressed once in the thread pool instead of once per request; until it is ready, the
      // copy goes through the compression middleware like any page.
      if (parts.length === 1 && body.length >= GZIP_FROM_BYTES) {
        gzip(body, (error, zipped) => {
          if (!error) copy.gzip = zipped
        })
      }
      return copy
    })
    const stored: { generation: number; expires: number; page: Promise<CachedPage | null>; value?: CachedPage | null } = {
      generation,
      expires: now + this.ttlMs,
      page,
    }
    this.entries.set(key, stored)
    const forget = () => {
      if (this.entries.get(key) === stored) this.entries.delete(key)
    }
    page.then((value) => {
      stored.value = value
      if (!value) forget()
    }, forget)
    const value = await page
    return own ? { page: null, response: own } : { page: value }
  }

  clear() {
    this.entries.clear()
  }
}
