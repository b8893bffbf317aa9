/**
 * Samling's production server: Node's http server in front of Express + Remix
 * (docs/decisions/0003-server.md, 0008-embedded-performance.md).
 *
 * Every request first passes the boundary checks below (one place: bad URLs, methods, hosts,
 * cookies, cross-site writes and oversized bodies get a short 4xx here and never reach Remix). A
 * public page that is in the page cache is then written straight away; everything else goes through
 * Express (compression, static files) to Remix. One JSON log line per request; on SIGTERM/SIGINT
 * the server drains in-flight requests (keep-alive connections are closed after their current
 * response) and closes the database.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler as createRemixHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { ConfigError, loadConfig, type Config } from './app/env.server.ts'
import { DatabaseUnavailableError } from './app/errors.server.ts'
import { t, type MessageKey } from './app/i18n/index.ts'
import { exitOnSignal, log } from './app/log.server.ts'
import { isCacheablePageRequest, joinNonce, PageCache, pageEtag, splitAtNonce, type CachedPage } from './app/public/page-cache.server.ts'
import { routePatterns } from './app/metrics/route-pattern.server.ts'
import { markPersonal } from './app/personal-pages.ts'
import { requestIdFrom, runInRequest } from './app/request-context.server.ts'
import { isSameOrigin } from './app/same-origin.ts'
import { uploadBodyLimit } from './app/uploads/media.ts'

/**
 * The 503 for a `?_data=` request or a resource route (/api/events) whose loader found the database
 * away: Remix answered it with a bare 500 before any page could say so (pages get theirs from
 * entry.server's handleError).
 */
function databaseAwayAnswer(failed: Response): Response {
  const headers = new Headers({ 'Retry-After': String(DatabaseUnavailableError.retryAfterSeconds), 'Cache-Control': 'no-store' })
  const wantsJson = (failed.headers.get('content-type') ?? '').includes('json')
  headers.set('Content-Type', wantsJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8')
  const body = wantsJson
    ? JSON.stringify({ error: 'unavailable', message: t('sv', 'error.unavailable'), messageEn: t('en', 'error.unavailable') })
    : problemText('error.unavailable')
  return new Response(body, { status: 503, headers })
}

type AppEntry = {
  boot: (config: Config) => Promise<{ mode: string; appliedMigrations: string[]; demoLoaded: boolean }>
  shutdown: () => Promise<void>
  dataGeneration: () => number
  wasDatabaseAway: (request: Request) => boolean
  recordRequest: (answer: { route: string; method: string; status: number; seconds: number }) => void
  renderMetrics: () => Promise<{ contentType: string; body: string }>
}

/**
 * The largest request body accepted (README, "Limits"): every form of the app is far below it. A
 * bigger Content-Length is refused with 413 before anything is read; a body without one (chunked)
 * is counted while it arrives and refused as soon as it passes the limit. The pages that take a file
 * allow that file's limit plus 1 MiB (multipart POSTs only; app/uploads/media.ts, uploadBodyLimit), and
 * only to a request that carries a session cookie: every upload page needs one, so a stranger cannot
 * make the server hold 50 MiB (the page itself then checks that the session is real and whose it is).
 */
const BODY_LIMIT_BYTES = 1024 * 1024

const hasSessionCookie = (req: http.IncomingMessage) => /(?:^|;\s*)samling_session=[^;]/.test(req.headers.cookie ?? '')
const bodyLimit = (req: http.IncomingMessage) =>
  (hasSessionCookie(req) ? uploadBodyLimit(req.method ?? '', pathOf(req), req.headers['content-type']) : null) ?? BODY_LIMIT_BYTES

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
/** A DNS name or IPv4 address, or an IPv6 literal in brackets, with an optional port (RFC 9110 §7.2). */
const HOST = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/

/** A Host header that can form a URL: a host name or bracketed IPv6 address, and a port of 1–65535 if any. */
function isHost(value: string): boolean {
  const match = HOST.exec(value)
  if (!match) return false
  const port = match[1]
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535)
}

class RequestProblem {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413,
    readonly messageKey: MessageKey,
  ) {}
}

/** Both languages: these answers come before anything knows the visitor's language. */
const problemText = (key: MessageKey) => `${t('sv', key)}\n${t('en', key)}\n`

/**
 * What is wrong with this request before any app code sees it, or null. A NUL character can never
 * be stored (PostgreSQL refuses it), a malformed percent-escape or lone surrogate cannot be decoded,
 * and a Host that is no host name cannot form the request's URL: all of them are 400 here rather
 * than a 500 somewhere inside.
 */
function requestProblem(req: http.IncomingMessage): RequestProblem | null {
  if (!METHODS.has(req.method ?? '')) return new RequestProblem(405, 'error.methodNotAllowed')
  const host = req.headers.host
  if (!host || !isHost(host)) return new RequestProblem(400, 'error.badRequest')
  const url = req.url ?? '/'
  // Origin-form only ("/path?query"); an absolute URL or "*" in the request line is not for us.
  if (url[0] !== '/') return new RequestProblem(400, 'error.badRequest')
  const queryAt = url.indexOf('?')
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt)
  if (pathname.includes('%')) {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return new RequestProblem(400, 'error.badRequest')
    }
    if (decoded.includes('\0')) return new RequestProblem(400, 'error.badRequest')
  }
  if (queryAt !== -1 && url.includes('%00', queryAt)) return new RequestProblem(400, 'error.badRequest')
  const cookie = req.headers.cookie
  if (cookie && cookie.includes('samling_') && cookie.includes('%')) {
    // Our own cookies are percent-encoded; one that does not decode was not written by us.
    for (const part of cookie.split(';')) {
      const [name, ...value] = part.trim().split('=')
      if (!name.startsWith('samling_')) continue
      try {
        decodeURIComponent(value.join('='))
      } catch {
        return new RequestProblem(400, 'error.badRequest')
      }
    }
  }
  return null
}

/** POST /unsubscribe/<token>: the only write another site may send (RFC 8058 one-click unsubscribe). */
function isOneClickUnsubscribe(method: string, pathname: string): boolean {
  return method === 'POST' && /^\/unsubscribe\/[^/]+$/.test(pathname)
}

function isLoopback(address: string | undefined) {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1'
}

/** The origin this request was made to: a reverse proxy on this machine may say https (like Express's `trust proxy: loopback`). */
function requestOrigin(req: http.IncomingMessage): string {
  const trusted = isLoopback(req.socket.remoteAddress)
  const forwardedProto = trusted
    ? String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        .trim()
    : ''
  const forwardedHost = trusted
    ? String(req.headers['x-forwarded-host'] ?? '')
        .split(',')[0]
        .trim()
    : ''
  const protocol = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : 'encrypted' in req.socket ? 'https' : 'http'
  return `${protocol}://${forwardedHost && isHost(forwardedHost) ? forwardedHost : req.headers.host}`
}

/** The visitor's address: the socket's, or the last one a loopback proxy put in X-Forwarded-For. */
function clientIp(req: http.IncomingMessage): string {
  let address = req.socket.remoteAddress ?? ''
  const forwarded = req.headers['x-forwarded-for']
  if (!forwarded || !isLoopback(address)) return address
  const hops = String(forwarded).split(',')
  for (let i = hops.length - 1; i >= 0 && isLoopback(address); i--) address = hops[i].trim()
  return address
}

/**
 * The embeddable widget (`/embed/…`, `/en/embed/…`, ADR 0018) is made to be framed by other sites:
 * its answers say `frame-ancestors http: https:` and carry no X-Frame-Options; every other path
 * may be framed by nobody.
 */
const isEmbedPath = (pathname: string) => /^\/(?:en\/)?embed\//.test(pathname)
/** The console's check-in page is the one page that may use the camera, and qr-scanner runs its decoder in a blob: worker (ADR 0026). */
const isCheckInPath = (pathname: string) => /^\/organizer\/[^/]+\/events\/[^/]+\/check-in$/.test(pathname)

/** Security headers of every response (ADR 0003); only the CSP nonce (and the frame rule, see isEmbedPath) changes per request. */
function securityHeaders(config: Config) {
  const fixed: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['X-Frame-Options', 'DENY'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ]
  if (config.appUrl.startsWith('https:')) fixed.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'])
  const before = "default-src 'self'; script-src 'self' 'nonce-"
  const after = [
    "'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ')
  const framable = after.replace("frame-ancestors 'none'", 'frame-ancestors http: https:')
  const unframed = fixed.filter(([name]) => name !== 'X-Frame-Options')
  const camera = fixed.map(([name, value]): [string, string] => [name, name === 'Permissions-Policy' ? value.replace('camera=()', 'camera=(self)') : value])
  const scanner = `${after}; worker-src 'self' blob:`
  return (res: http.ServerResponse, nonce: string, isEmbed: boolean, isCheckIn = false) => {
    res.setHeader('Content-Security-Policy', before + nonce + (isEmbed ? framable : isCheckIn ? scanner : after))
    for (const [name, value] of isEmbed ? unframed : isCheckIn ? camera : fixed) res.setHeader(name, value)
  }
}

/** Connections whose request body was refused: their answer is out, so a broken rest is no news. */
const refusedBodies = new WeakSet<net.Socket>()

/**
 * Reads and drops the rest of a refused body while its 413 goes out at once. The connection stays
 * open until that rest has arrived (Node would otherwise close it right after the answer when the
 * client sent `Connection: close`): closing a socket with unread data makes the kernel send a
 * reset, and a client still sending then sees a broken pipe instead of the answer (the fuzz suite's
 * 6 MB POSTs hit it now and then under load). Not for ever: 5 s at most.
 */
function discardBody(req: http.IncomingMessage, res: http.ServerResponse) {
  refusedBodies.add(req.socket)
  ;(res as http.ServerResponse & { shouldKeepAlive: boolean }).shouldKeepAlive = true
  req.resume()
  const cut = setTimeout(() => req.destroy(), 5_000)
  cut.unref()
  req.once('end', () => {
    clearTimeout(cut)
    // Whatever the client asked for, a connection that sent a refused body ends after its answer.
    if (res.writableFinished) req.socket.end()
    else res.once('finish', () => req.socket.end())
  })
  req.once('close', () => clearTimeout(cut))
}

/** Reads the body, at most `limit` bytes; null when it is longer (nothing past the limit is kept). */
function readBody(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      refused = true
      chunks.length = 0
      discardBody(req, res)
      resolve(null)
    })
    req.on('end', () => resolve(Buffer.concat(chunks, size)))
    req.on('error', reject)
  })
}

const isHtml = (response: Response) => (response.headers.get('content-type') ?? '').startsWith('text/html')

/**
 * Fresh renders that may run at once; the others wait in arrival order. Without a limit, 50
 * concurrent renders interleave on the one thread: every database round trip (a cache refresh, a
 * session lookup) waits behind all the other renders' work, once per query, and requests that
 * needed the database took seconds (issue 7 §9, ADR 0008 round 3). Embedded: 4 (one database
 * connection anyway); on PostgreSQL, as many as the pool has connections.
 */
function turns(limit: number) {
  let running = 0
  const waiting: Array<() => void> = []
  return async function inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (running < limit) running++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await work()
    } finally {
      // Hand the turn straight to the next in line (the count stays), or give it back.
      const next = waiting.shift()
      if (next) next()
      else running--
    }
  }
}

/**
 * Whether the Authorization header carries the metrics token. Both sides are hashed first, so the
 * comparison takes the same time whatever the header holds (timingSafeEqual needs equal lengths).
 */
function hasMetricsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '')
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false
  if (ifNoneMatch.trim() === '*') return true
  const bare = etag.replace(/^W\//, '')
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare)
}

async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Samling cannot start: ${error.message}`)
      process.exit(1)
    }
    throw error
  }

  const buildPath = path.resolve('build/index.js')
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild
  const entry = build.entry.module as unknown as AppEntry

  let booted
  try {
    booted = await entry.boot(config)
  } catch (error) {
    if (error instanceof Error && error.name === 'ConfigError') {
      console.error(`Samling cannot start: ${error.message}`)
      process.exit(1)
    }
    throw error
  }

  const renderRemix = createRemixHandler(build, config.nodeEnv)
  const inTurn = turns(config.databaseUrl ? config.databasePoolSize : 4)
  const pages = new PageCache(entry.dataGeneration)
  const routeOf = routePatterns(build.routes)
  const setSecurityHeaders = securityHeaders(config)
  let stopping = false

  /**
   * Writes a stored page (or a freshly rendered one, split the same way) with this request's nonce;
   * `zipped`: its kept gzip bytes (a copy without a nonce, for a client that takes gzip).
   */
  const sendCopy = (req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage, nonce: string, zipped = false) => {
    for (const [name, value] of page.headers) res.setHeader(name, value)
    if (page.etag) res.setHeader('ETag', page.etag)
    // Big copies go out compressed to some clients and not to others: shared caches must know.
    if (page.size >= 1024) res.setHeader('Vary', 'Accept-Encoding')
    if (page.etag && matchesEtag(req.headers['if-none-match'], page.etag)) {
      // The browser keeps its copy, which holds the nonce of its own CSP header: this answer must
      // not replace that header with a new nonce (RFC 9111 §4.3.4 updates stored headers from a 304).
      res.removeHeader('Content-Security-Policy')
      res.removeHeader('Content-Type')
      res.writeHead(304).end()
      return
    }
    res.statusCode = page.status
    if (zipped && page.gzip) {
      res.setHeader('Content-Encoding', 'gzip')
      res.end(page.gzip)
      return
    }
    res.end(joinNonce(page.parts, nonce))
  }

  const sendResponse = async (req: http.IncomingMessage, res: http.ServerResponse, response: Response, nonce: string) => {
    markPersonal(pathOf(req), response.headers)
    const cookies = response.headers.getSetCookie()
    if (cookies.length) res.setHeader('Set-Cookie', cookies)
    if (req.method === 'GET' && response.status === 200 && isHtml(response) && !response.headers.has('etag')) {
      // Pages are rendered whole (no deferred data, see renderWhole): they can carry an ETag.
      const parts = splitAtNonce(Buffer.from(await response.arrayBuffer()), nonce)
      const headers = [...response.headers].filter(([name]) => name !== 'set-cookie' && name !== 'content-length')
      sendCopy(req, res, { status: 200, headers, parts, etag: pageEtag(parts), size: 0 }, nonce)
      return
    }
    res.statusCode = response.status
    for (const [name, value] of response.headers) {
      // A route's own CSP (the /media files') replaces the page policy set in handle().
      if (name === 'content-security-policy' || name === 'x-content-type-options') res.setHeader(name, value)
      else if (name !== 'set-cookie') res.appendHeader(name, value)
    }
    if (!response.body || req.method === 'HEAD') {
      res.end()
      return
    }
    const reader = response.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve))
    }
    res.end()
  }

  /**
   * Renders with Remix, in turn (see `inTurn`): an HTML page is rendered to its last byte inside
   * the turn, any other response (feeds, attachments) is handed back as soon as Remix has it, so a
   * slow download never holds a turn.
   */
  const renderWhole = (request: Request, loadContext: { cspNonce: string; clientIp: string }) =>
    inTurn(async () => {
      const response = await renderRemix(request, loadContext)
      if (response.status === 500 && !isHtml(response) && entry.wasDatabaseAway(request)) return databaseAwayAnswer(response)
      if (!isHtml(response) || !response.body) return response
      return new Response(await response.arrayBuffer(), { status: response.status, statusText: response.statusText, headers: response.headers })
    })

  /** `unconditional`: for a render that goes into the page cache (which answers If-None-Match itself). */
  const remixRequest = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer | undefined, unconditional = false) => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (unconditional && (name === 'if-none-match' || name === 'if-modified-since')) continue
      if (Array.isArray(value)) for (const item of value) headers.append(name, item)
      else if (value !== undefined) headers.set(name, value)
    }
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    return new Request(requestOrigin(req) + req.url, { method: req.method, headers, body: body as BodyInit | undefined, signal: controller.signal })
  }

  const remix = async (req: http.IncomingMessage, res: http.ServerResponse, nonce: string) => {
    let body: Buffer | undefined
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const read = await readBody(req, res, bodyLimit(req))
      if (!read) return problem(res, new RequestProblem(413, 'error.bodyTooLarge'))
      body = read
    }
    const loadContext = { cspNonce: nonce, clientIp: clientIp(req) }
    if (isCacheablePageRequest(req.method ?? '', pathOf(req), req.headers) || isConditionalPageRequest(req)) {
      const { page, response } = await pages.get(`${requestOrigin(req)}${req.url}`, nonce, () => renderWhole(remixRequest(req, res, body, true), loadContext))
      if (page) return sendCopy(req, res, page, nonce)
      if (response) return sendResponse(req, res, response, nonce)
      // another request's render turned out not to be cacheable: render this one
    }
    await sendResponse(req, res, await renderWhole(remixRequest(req, res, body), loadContext), nonce)
  }

  const problem = (res: http.ServerResponse, issue: RequestProblem) => {
    res.statusCode = issue.status
    res.setHeader('Content-Type', 'text/plain; charset=utf-8')
    res.setHeader('Cache-Control', 'no-store')
    if (issue.status === 405) res.setHeader('Allow', [...METHODS].join(', '))
    res.end(problemText(issue.messageKey))
  }

  const failed = (res: http.ServerResponse, error: unknown) => {
    log({ level: 'error', msg: 'request failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    if (res.headersSent) return void res.destroy()
    res.statusCode = 500
    res.setHeader('Content-Type', 'text/plain; charset=utf-8')
    res.end(problemText('error.generic.body'))
  }

  const compress = compression()
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app.set('trust proxy', 'loopback')
  app.use(compress)
  // Remix's fingerprinted assets never change: cache them for a year.
  app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
  // The other public files (favicon.svg, …) all have an extension; pages never do, so they skip the
  // file-system lookup (a thread-pool stat per page view, queued behind compression under load).
  const publicFiles = express.static('public', { maxAge: '1h' })
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()))
  app.use((req, res, next) => {
    remix(req, res, res.locals.cspNonce as string).catch(next)
  })

  /**
   * /metrics (ADR 0033): answered here, before the page cache and the render turns, so a scrape
   * works while every turn is busy and is never stored. Unset METRICS_TOKEN → 404 (nothing to find);
   * a missing or wrong token → 401.
   */
  const metrics = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.setHeader('Cache-Control', 'no-store')
    if (!config.metricsToken) return problem(res, new RequestProblem(404, 'error.notFound.title'))
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD')
      return problem(res, new RequestProblem(405, 'error.methodNotAllowed'))
    }
    if (!hasMetricsToken(req.headers.authorization, config.metricsToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"')
      return problem(res, new RequestProblem(401, 'error.unauthorized'))
    }
    const { contentType, body } = await entry.renderMetrics()
    res.statusCode = 200
    res.setHeader('Content-Type', contentType)
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now()
    // Every answer carries its request's id, which every log line written while serving it repeats
    // (and the outbox rows it queues keep): app/request-context.server.ts.
    const requestId = requestIdFrom(req.headers['x-request-id'])
    res.setHeader('X-Request-Id', requestId)
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000
      const route = routeOf(pathOf(req))
      const method = METHODS.has(req.method ?? '') ? req.method! : 'other'
      entry.recordRequest({ route, method, status: res.statusCode, seconds })
      if (!config.quietRequestLog) {
        log({
          level: 'info',
          request_id: requestId,
          method: req.method,
          path: pathOf(req),
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
        })
      }
    })
    runInRequest(requestId, () => serve(req, res))
  }

  const serve = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Once stopping, every answer ends its connection, so busy keep-alive clients let go too.
    if (stopping) res.setHeader('Connection', 'close')
    const issue = requestProblem(req)
    // A calendar program (or browser) that already has the kept copy: 304 at once, with only the
    // headers that describe the copy (RFC 9110 §15.4.5) — most of what a feed poll costs.
    if (!issue && isConditionalPageRequest(req)) {
      const page = pages.peek(`${requestOrigin(req)}${req.url}`)
      if (page?.etag && matchesEtag(req.headers['if-none-match'], page.etag)) return void res.writeHead(304, notModifiedHeaders(page)).end()
    }
    const nonce = randomBytes(16).toString('base64')
    setSecurityHeaders(res, nonce, isEmbedPath(pathOf(req)), isCheckInPath(pathOf(req)))
    if (issue) return problem(res, issue)
    if (pathOf(req) === '/metrics') return void metrics(req, res).catch((error: unknown) => failed(res, error))
    const method = req.method!
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      // A state-changing request from another site is refused here with a readable 403 (Remix's own
      // CSRF check would answer an empty 500; our actions also call assertSameOrigin).
      const origin = req.headers.origin
      if (origin && !isSameOrigin(origin, { appUrl: config.appUrl, requestUrl: requestOrigin(req) })) {
        if (!isOneClickUnsubscribe(method, pathOf(req))) return problem(res, new RequestProblem(403, 'form.badOrigin'))
        // The one exception: a mail provider's RFC 8058 one-click unsubscribe POST, which the signed
        // token authorizes (no cookie counts there). The foreign Origin is dropped, so Remix's own
        // check lets it through; app/routes/unsubscribe.$token.tsx then acts only on the
        // `List-Unsubscribe=One-Click` body and still asks our Origin for its own buttons.
        delete req.headers.origin
      }
      const length = Number(req.headers['content-length'] ?? 0)
      if (length > bodyLimit(req)) {
        discardBody(req, res)
        return problem(res, new RequestProblem(413, 'error.bodyTooLarge'))
      }
    }
    // A fresh copy of a public page goes out from here (when the visitor takes it uncompressed),
    // without Express: that is most of what an anonymous page view costs (ADR 0008, round 3).
    if (isCacheablePageRequest(method, pathOf(req), req.headers) || isConditionalPageRequest(req)) {
      const page = pages.peek(`${requestOrigin(req)}${req.url}`)
      if (page && (!acceptsCompression(req) || page.size < 1024)) return sendCopy(req, res, page, nonce)
      if (page?.gzip && acceptsGzip(req)) return sendCopy(req, res, page, nonce, true)
    }
    const pathname = pathOf(req)
    // Files go through Express's static handler; the feeds (.ics, .xml) and uploads (/media/…) are routes, not files.
    if (pathname.startsWith('/build/') || (path.extname(pathname) && !ROUTE_EXTENSION.test(pathname) && !pathname.startsWith('/media/'))) {
      ;(res as express.Response).locals = { cspNonce: nonce }
      app(req as express.Request, res as express.Response)
      return
    }
    // Pages go to Remix without Express (its request/response set-up was ≈ 4 % of a render).
    compress(req as express.Request, res as express.Response, () => {
      remix(req, res, nonce).catch((error: unknown) => failed(res, error))
    })
  }

  const server = http.createServer({ keepAliveTimeout: 5_000 }, handle)
  server.on('clientError', (error: NodeJS.ErrnoException, socket: net.Socket) => {
    // A client that stops sending a body we refused (and answered with 413) ends mid-request;
    // Node would answer that with a second, confusing "400 Bad Request" on the same connection.
    if (refusedBodies.has(socket) || error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  })
  // For a graceful stop: which connections are serving a request, and since when the others are idle.
  const connections = new Map<net.Socket, { active: number; idleSince: number }>()
  server.on('connection', (socket: net.Socket) => {
    connections.set(socket, { active: 0, idleSince: performance.now() })
    socket.once('close', () => connections.delete(socket))
  })
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const state = connections.get(req.socket)
    if (!state) return
    state.active++
    res.once('close', () => {
      state.active--
      state.idleSince = performance.now()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new ConfigError(`PORT: ${config.port} is already in use on ${config.host}`) : error)
    })
    server.listen(config.port, config.host, () => resolve())
  }).catch((error) => {
    console.error(`Samling cannot start: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host
  log({
    level: 'info',
    msg: 'ready',
    url: `http://${shownHost}:${port}`,
    db: booted.mode,
    migrations: booted.appliedMigrations,
    demoLoaded: booted.demoLoaded,
  })
  console.log(`Samling is ready on http://${shownHost}:${port}`)
  if (!config.smtpUrl) console.log(`Dev mailbox: ${config.appUrl}/dev/mailbox?key=${config.mailboxKey}`)

  exitOnSignal({
    name: 'server',
    forceAfterMs: 10_000,
    stop: async () => {
      stopping = true
      await new Promise<void>((resolve) => {
        // Stop accepting, and end each keep-alive connection once it is done: a busy one after
        // its current response (which now says `Connection: close`, see handle()), an idle one
        // after half a second of silence. Not http.Server#close(): it drops idle connections at
        // once, and a client that had just sent its next request on one would see it reset.
        net.Server.prototype.close.call(server, () => resolve())
        const sweep = setInterval(() => {
          const now = performance.now()
          for (const [socket, state] of connections) if (state.active === 0 && now - state.idleSince >= 500) socket.destroy()
        }, 100)
        server.once('close', () => clearInterval(sweep))
      })
      await entry.shutdown()
    },
  })
}

function pathOf(req: http.IncomingMessage): string {
  const url = req.url ?? '/'
  const queryAt = url.indexOf('?')
  return queryAt === -1 ? url : url.slice(0, queryAt)
}

/** What a 304 for a copy carries: its validator and caching headers (kept on the copy once made). */
const NOT_MODIFIED_HEADERS = new Set(['cache-control', 'last-modified', 'expires', 'content-location', 'vary'])

function notModifiedHeaders(page: CachedPage): Record<string, string> {
  if (page.notModified) return page.notModified
  const headers: Record<string, string> = {}
  for (const [name, value] of page.headers) if (NOT_MODIFIED_HEADERS.has(name.toLowerCase())) headers[name] = value
  if (page.etag) headers.ETag = page.etag
  if (page.size >= 1024 && !Object.keys(headers).some((name) => name.toLowerCase() === 'vary')) headers.Vary = 'Accept-Encoding'
  page.notModified = headers
  return headers
}

/** A GET with If-None-Match that would otherwise be served from a copy (answered 304 when the copy matches). */
function isConditionalPageRequest(req: http.IncomingMessage): boolean {
  const { 'if-none-match': _condition, ...rest } = req.headers
  return !!req.headers['if-none-match'] && isCacheablePageRequest(req.method ?? '', pathOf(req), rest)
}

/** Paths with an extension that are Remix routes (the calendar and Atom feeds), not files in public/. */
const ROUTE_EXTENSION = /\.(?:ics|xml)$/

function acceptsGzip(req: http.IncomingMessage): boolean {
  const accepted = req.headers['accept-encoding']
  return !!accepted && /\bgzip\b(?!\s*;\s*q=0(?:\.0+)?\b)/.test(accepted)
}

function acceptsCompression(req: http.IncomingMessage): boolean {
  const accepted = req.headers['accept-encoding']
  return !!accepted && /\b(?:gzip|br|deflate)\b/.test(accepted)
}

await main()
