/**
 * One JSON line per event on stdout (the server's request log, the mail worker's rounds), and the
 * shutdown plumbing that the server and `npm run worker` share.
 *
 * No e-mail address ever reaches a log line: logs are kept longer and read by more people than the
 * database, so every string field is passed through `redactEmails` (a person's address becomes
 * `[email]`), and no password of a URL (`redactCredentials`).
 *
 * A line written while a request is served carries its `request_id` (app/request-context.server.ts)
 * unless the fields name one themselves (the mail worker names the id of the request that queued
 * the mail).
 */
import { redactCredentials } from './env.server.ts'
import { currentRequestId } from './request-context.server.ts'

export type LogFields = { level: 'info' | 'warn' | 'error'; msg?: string } & Record<string, unknown>

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g

/** `anna@example.org` → `[email]`, anywhere in the text. */
export function redactEmails(text: string): string {
  return text.includes('@') ? text.replace(EMAIL, '[email]') : text
}

function redact(value: unknown): unknown {
  if (typeof value === 'string') return redactEmails(redactCredentials(value))
  if (Array.isArray(value)) return value.map(redact)
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item)]))
  return value
}

/** Writes one log line: `{"time":"…","level":"info","msg":"…",…}`. */
export function log(fields: LogFields): void {
  const requestId = currentRequestId()
  const line = requestId === undefined || 'request_id' in fields ? fields : { ...fields, request_id: requestId }
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...(redact(line) as LogFields) }) + '\n')
}

/**
 * On SIGTERM or SIGINT: logs "<name> stopping", runs `stop` once (a second signal does not start it
 * again), logs "<name> stopped" and exits 0; if `stop` fails or takes longer than `forceAfterMs`,
 * logs the reason and exits 1.
 */
export function exitOnSignal({ name, forceAfterMs, stop }: { name: string; forceAfterMs: number; stop: (signal: string) => Promise<void> }): void {
  let stopping = false
  const onSignal = (signal: string) => {
    if (stopping) return
    stopping = true
    log({ level: 'info', msg: `${name} stopping`, signal })
    const force = setTimeout(() => {
      log({ level: 'error', msg: `forced exit after ${forceAfterMs / 1000} s` })
      process.exit(1)
    }, forceAfterMs)
    force.unref()
    stop(signal).then(
      () => {
        clearTimeout(force)
        log({ level: 'info', msg: `${name} stopped` })
        process.exit(0)
      },
      (error: unknown) => {
        log({ level: 'error', msg: `${name} did not stop cleanly`, error: error instanceof Error ? error.message : String(error) })
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  process.on('SIGINT', () => onSignal('SIGINT'))
}
