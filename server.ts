/**
 * Samling's production server: Express + Remix's adapter (docs/decisions/0003-server.md).
 * Serves hashed assets with long cache headers, compresses, sets security headers, logs one JSON
 * line per request, and on SIGTERM/SIGINT drains in-flight requests and closes the database.
 */
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Server } from 'node:http'
import { createRequestHandler } from '@remix-run/express'
import { createRequestHandler as createRemixHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { ConfigError, loadConfig, type Config } from './app/env.server.ts'
import { isCacheablePageRequest, PageCache } from './app/public/page-cache.server.ts'

type AppEntry = {
  boot: (config: Config) => Promise<{ mode: string; appliedMigrations: string[]; demoLoaded: boolean }>
  shutdown: () => Promise<void>
  dataGeneration: () => number
}

const log = (fields: Record<string, unknown>) => process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...fields }) + '\n')

function securityHeaders(config: Config): express.RequestHandler {
  const https = config.appUrl.startsWith('https:')
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    res.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join('; '),
    )
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    next()
  }
}

/**
 * A state-changing request from another site is refused here with a readable 403. (Remix's own
 * CSRF check would answer an empty 500; our actions also call assertSameOrigin.)
 */
function sameOriginWrites(config: Config): express.RequestHandler {
  const appHost = new URL(config.appUrl).host
  return (req, res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
    const origin = req.get('origin')
    if (!origin) return next()
    let host = ''
    try {
      host = new URL(origin).host
    } catch {
      host = ''
    }
    if (host && (host === req.get('host') || host === appHost)) return next()
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send('Förfrågan kom från en annan webbplats och stoppades.\nThe request came from another website and was stopped.\n')
  }
}

function requestLog(): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      if (process.env.SAMLING_QUIET_LOG === '1') return
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      log({ level: 'info', method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 })
    })
    next()
  }
}

/** The web Request Remix sees for an anonymous GET (as @remix-run/express builds it, minus the body). */
function pageRequest(req: express.Request): Request {
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(key, item)
    else if (value) headers.set(key, value)
  }
  return new Request(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`, { method: 'GET', headers })
}

/**
 * Anonymous GETs of public pages are answered from a copy of the rendered HTML for up to 2 s, with
 * this request's CSP nonce put in (app/public/page-cache.server.ts says when a page is kept and when
 * it is dropped). Anything else goes on to Remix as usual.
 */
function publicPages(build: ServerBuild, generation: () => number): express.RequestHandler {
  const render = createRemixHandler(build, process.env.NODE_ENV)
  const pages = new PageCache(generation)
  return (req, res, next) => {
    if (!isCacheablePageRequest(req.method, req.path, req.headers)) return next()
    const nonce = res.locals.cspNonce as string
    const key = `${req.protocol}://${req.get('host')}${req.originalUrl}`
    pages
      .get(key, nonce, () => render(pageRequest(req), { cspNonce: nonce, clientIp: req.ip }))
      .then(async ({ page, response }) => {
        if (page) {
          res.status(page.status)
          for (const [name, value] of page.headers) if (name !== 'content-length') res.setHeader(name, value)
          res.end(page.parts.join(nonce))
        } else if (response) {
          res.status(response.status)
          for (const [name, value] of response.headers) if (name !== 'set-cookie') res.append(name, value)
          const cookies = response.headers.getSetCookie()
          if (cookies.length) res.setHeader('Set-Cookie', cookies)
          res.end(Buffer.from(await response.arrayBuffer()))
        } else next() // another request's render turned out not to be cacheable: render this one
      })
      .catch(next)
  }
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

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', 'loopback')
  app.use(requestLog())
  app.use(compression())
  app.use(securityHeaders(config))
  app.use(sameOriginWrites(config))
  // Remix's fingerprinted assets never change: cache them for a year.
  app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
  // The other public files (favicon.svg, …) all have an extension; pages never do, so they skip the
  // file-system lookup (a thread-pool stat per page view, queued behind compression under load).
  const publicFiles = express.static('public', { maxAge: '1h' })
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()))
  app.use(publicPages(build, entry.dataGeneration))
  app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip }) }))

  const server: Server = await new Promise<Server>((resolve, reject) => {
    const s = app
      .listen(config.port, config.host, () => resolve(s))
      .on('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' ? new ConfigError(`PORT: ${config.port} is already in use on ${config.host}`) : error)
      })
  }).catch((error) => {
    console.error(`Samling cannot start: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
  server.keepAliveTimeout = 5_000
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

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log({ level: 'info', msg: 'stopping', signal })
    const force = setTimeout(() => {
      log({ level: 'error', msg: 'forced exit after 10 s' })
      process.exit(1)
    }, 10_000)
    force.unref()
    // Stop accepting, let in-flight requests finish, drop idle keep-alive sockets.
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeIdleConnections()
    })
    await entry.shutdown()
    clearTimeout(force)
    log({ level: 'info', msg: 'stopped' })
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

await main()
