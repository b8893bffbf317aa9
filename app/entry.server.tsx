import { type AppLoadContext, type EntryContext, type HandleDataRequestFunction, type HandleErrorFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { NonceProvider } from './components/nonce.tsx'
import { DatabaseUnavailableError } from './errors.server.ts'
import { renderHtmlStream } from './html-stream.server.ts'
import { log } from './log.server.ts'
import { markPersonal } from './personal-pages.ts'

// The custom server (server.ts) reaches the app's single database and worker through these.
export { boot, shutdown } from './boot.server.ts'
// …and server.ts's cache of rendered public pages watches writes through this.
export { dataGeneration } from './db/generation.server.ts'
// …and counts every answer and serves /metrics through these (ADR 0033).
export { recordRequest, renderMetrics } from './metrics/scrape.server.ts'

const ABORT_DELAY = 5_000

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  markPersonal(new URL(request.url).pathname, response.headers)
  return response
}

/** Document requests whose loaders or action failed because the database was away: they get a 503. */
const databaseAway = new WeakSet<Request>()

/**
 * True when this request's loader or action failed because the database was away. server.ts asks
 * for answers Remix made without rendering (`?_data=` JSON, resource routes such as /api/events),
 * which would otherwise go out as a 500.
 */
export function wasDatabaseAway(request: Request): boolean {
  return databaseAway.has(request)
}

/** Remix calls this with every loader/action error before it renders the error page. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  if (error instanceof DatabaseUnavailableError) {
    databaseAway.add(request)
    log({ level: 'warn', msg: 'database unavailable', path: new URL(request.url).pathname, cause: String((error.cause as Error | undefined)?.message ?? '') })
    return
  }
  // What Remix logs when an app exports no handleError.
  console.error(isRouteErrorResponse(error) && (error as { error?: unknown }).error ? (error as { error?: unknown }).error : error)
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  markPersonal(new URL(request.url).pathname, responseHeaders)
  const nonce = (loadContext as { cspNonce?: string }).cspNonce
  let shellRendered = false
  const body = await renderHtmlStream(
    <NonceProvider value={nonce ?? ''}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      waitForAll: isbot(request.headers.get('user-agent') ?? ''),
      onError(error) {
        responseStatusCode = 500
        if (shellRendered) console.error(error)
      },
    },
  )
  shellRendered = true
  if (databaseAway.has(request)) {
    // Not a bug in the page: tell browsers and proxies to come back shortly (issue 7 §10).
    responseStatusCode = 503
    responseHeaders.set('Retry-After', String(DatabaseUnavailableError.retryAfterSeconds))
  }
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  return new Response(body, { headers: responseHeaders, status: responseStatusCode })
}
