/**
 * The request being served, for every line logged while serving it and for the outbox rows it
 * queues (docs/decisions/0033-metrics-logs-and-dkim.md).
 *
 * server.ts runs each request inside `runInRequest`; everything it awaits (Remix, loaders, actions,
 * domain verbs) sees the same store through AsyncLocalStorage. The store lives on `globalThis`
 * because this module is bundled twice, into build/server.js and into the Remix build: both copies
 * must share one storage, or the app would never see the server's request.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

export type RequestContext = { requestId: string }

const STORAGE = Symbol.for('samling.requestContext')
const holder = globalThis as typeof globalThis & { [STORAGE]?: AsyncLocalStorage<RequestContext> }
const storage = (holder[STORAGE] ??= new AsyncLocalStorage<RequestContext>())

/**
 * What an inbound X-Request-Id must look like to be kept (a load balancer's or a client's id):
 * 8–64 characters of letters, digits, `.`, `_` and `-`. Anything else (too long, spaces, a
 * newline that would forge a log line, an e-mail address) is replaced by a generated id.
 */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/

/** The request's id: the inbound header when it fits REQUEST_ID, else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID()
}

/** Runs `work` as part of the request with this id. */
export function runInRequest<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work)
}

/** The id of the request being served, or undefined (boot, the mail worker, scheduled jobs). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId
}
