import { db } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { log } from '../log.server.ts'
import { mailMetrics } from '../metrics/registry.server.ts'
import type { Locale } from '../i18n/index.ts'
import { openSecrets, redactSecrets, secretFieldNames } from './secrets.server.ts'
import { privacyUrlFor } from './privacy-link.server.ts'
import { getTemplate, isTemplateName, renderMail, type RenderedMail } from './templates.server.ts'
import { createTransportFromConfig, isPermanentFailure, type MailTransport, type OutgoingMail } from './transport.server.ts'
import { clearBounces, recordBounce } from './bounces.server.ts'
import { optedOutAmong, organizationOptOutsAmong, unsubscribeMailto, unsubscribeUrl } from './unsubscribe.server.ts'

/**
 * The mail worker: claims due outbox rows, renders and sends them, and records the outcome
 * (docs/decisions/0005-mail-pipeline.md).
 *
 * Delivery is at least once. Claiming moves a row's next_attempt_at forward by a lease and counts
 * the attempt, in one statement with FOR UPDATE SKIP LOCKED: a second live worker skips rows
 * another has claimed, and a worker that dies after claiming loses its rows only until the lease
 * ends. Rendering and SMTP happen outside any transaction (PGlite has one connection, and a slow
 * relay must not hold locks). A resend carries the row's Message-ID, so receivers can deduplicate.
 *
 * Mail whose template says `delivery: 'at-most-once'` (bulk mailings) is the exception (ADR 0035):
 * the moment it is handed to the relay is recorded first (send_started_at), and a row found claimed
 * again with that mark (its worker died mid-send, the relay may or may not have it) is closed as
 * failed with INTERRUPTED_AT_MOST_ONCE instead of sent a second time.
 */
export const DEFAULT_LEASE_MS = 5 * 60_000
export const DEFAULT_MAX_ATTEMPTS = 10
const BASE_RETRY_MS = 30_000
const MAX_RETRY_MS = 60 * 60_000

/** 30 s after the first failed attempt, doubling, at most an hour (10 attempts span about 3 hours). */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS)
}

export type ClaimedMail = {
  id: string
  template: string
  recipient: string
  locale: Locale
  payload: unknown
  messageId: string
  /** Attempts including this one. */
  attempts: number
  organizationId: string | null
  eventId: string | null
  createdAt: Date
  /** Set when an earlier attempt handed the message to the relay and never recorded the outcome (at-most-once mail). */
  sendStartedAt?: Date | null
  /** The request that queued it (its X-Request-Id), if any: repeated in the worker's log lines. */
  requestId?: string | null
}

/**
 * Claims up to `batchSize` due rows for `leaseMs`. The one UPDATE … WHERE id IN (SELECT … FOR UPDATE
 * SKIP LOCKED) is its own short transaction. Exported for tests that simulate a crashed worker.
 */
export async function claimDueMail(options: { batchSize: number; now?: Date; leaseMs?: number }): Promise<ClaimedMail[]> {
  const now = options.now ?? new Date()
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS))
  return db.$queryRaw<ClaimedMail[]>`
    UPDATE outbox_messages AS o
       SET attempts = o.attempts + 1, next_attempt_at = ${leaseUntil}::timestamptz
     WHERE o.id IN (
             SELECT id FROM outbox_messages
              WHERE status = 'pending' AND next_attempt_at <= ${now}::timestamptz
              ORDER BY next_attempt_at
              LIMIT ${options.batchSize}
                FOR UPDATE SKIP LOCKED)
    RETURNING o.id::text AS id, o.template, o.recipient, o.locale::text AS locale, o.payload,
              o.message_id AS "messageId", o.attempts, o.organization_id::text AS "organizationId",
              o.event_id::text AS "eventId", o.created_at AS "createdAt", o.send_started_at AS "sendStartedAt",
              o.request_id AS "requestId"`
}

export type ProcessOptions = {
  transport: MailTransport
  batchSize?: number
  /** The worker's clock (tests move it forward instead of sleeping). */
  now?: Date
  leaseMs?: number
  maxAttempts?: number
}

/** `skipped`: notification mail to an address that unsubscribed (marked sent without sending, see SKIPPED_UNSUBSCRIBED). */
export type ProcessResult = { claimed: number; sent: number; retried: number; failed: number; skipped: number }

/**
 * The note on a row that was never sent because its recipient unsubscribed: status `sent` (it is
 * done and must not be retried), `sent_at` empty (it never left), this text in `last_error`.
 */
export const SKIPPED_UNSUBSCRIBED = 'skipped: the recipient unsubscribed from notification mail'

/**
 * The note on an at-most-once row (bulk mail) whose worker stopped after handing it to the relay and
 * before recording the answer: it may have arrived, so it is failed rather than sent again, and
 * the organizer sees it among the failed mail (where "Skicka igen" is their call). ADR 0035.
 */
export const INTERRUPTED_AT_MOST_ONCE = 'interrupted: the worker stopped while handing this message to the relay; it may have arrived, so it is not sent again'

type Outcome = { mail: ClaimedMail; error?: unknown; unrecorded?: boolean }

/**
 * Rendering cache for one round. A change to an event mails every registered person the same payload,
 * so the template is rendered once per (template, locale, payload) with a placeholder where each
 * recipient's own unsubscribe link goes, and the link is put in per message.
 */
type RenderCache = Map<string, Promise<RenderedMail>>
const UNSUBSCRIBE_PLACEHOLDER = 'https://unsubscribe.invalid/samling-recipient-link'

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The template's secret fields (none for an unknown template: rendering reports that). */
const secretsOf = (template: string) => (isTemplateName(template) ? secretFieldNames(getTemplate(template).schema) : [])
const isNotification = (template: string) => isTemplateName(template) && getTemplate(template).kind === 'notification'
const isAtMostOnce = (template: string) => isTemplateName(template) && getTemplate(template).delivery === 'at-most-once'
/** Bulk mailings: their unsubscribe link and opt-out belong to the sending organization (ADR 0027). */
const organizationScope = (mail: Pick<ClaimedMail, 'template' | 'organizationId'>) =>
  isTemplateName(mail.template) && getTemplate(mail.template).unsubscribeScope === 'organization' && mail.organizationId ? mail.organizationId : undefined

/**
 * Notification mail to addresses in mail_opt_outs is not sent, nor an organization's bulk mail to
 * an address that left that organization's mailings (organization_mail_opt_outs): the row is closed
 * (see SKIPPED_UNSUBSCRIBED) and its secrets erased. Transactional mail is never held back.
 */
async function skipUnsubscribed(claimed: ClaimedMail[]): Promise<ClaimedMail[]> {
  const notifications = claimed.filter((mail) => isNotification(mail.template))
  const scoped = notifications.flatMap((mail) => {
    const organizationId = organizationScope(mail)
    return organizationId ? [{ organizationId, address: mail.recipient }] : []
  })
  const [optedOut, leftOrganization] = await Promise.all([optedOutAmong(notifications.map((mail) => mail.recipient)), organizationOptOutsAmong(scoped)])
  if (optedOut.size === 0 && leftOrganization.size === 0) return []
  const skipped = notifications.filter(
    (mail) => optedOut.has(mail.recipient) || (organizationScope(mail) !== undefined && leftOrganization.has(`${organizationScope(mail)} ${mail.recipient}`)),
  )
  for (const mail of skipped) {
    const payload = redactSecrets(mail.payload, secretsOf(mail.template))
    await db.outboxMessage.updateMany({
      where: { id: mail.id, status: 'pending', attempts: mail.attempts },
      data: { status: 'sent', sentAt: null, lastError: SKIPPED_UNSUBSCRIBED, ...(payload ? { payload: payload as object } : {}) },
    })
  }
  return skipped
}

async function renderFor(mail: ClaimedMail, cache?: RenderCache): Promise<RenderedMail> {
  // Secrets are opened here, in memory, only for as long as the message takes to render.
  const payload = openSecrets(mail.payload, secretsOf(mail.template), mail.id)
  const privacyUrl = await privacyUrlFor(mail.organizationId, mail.locale)
  const key = `${mail.template}\u0000${mail.locale}\u0000${privacyUrl}\u0000${JSON.stringify(payload)}`
  let rendered = cache?.get(key)
  if (!rendered) {
    rendered = renderMail({ template: mail.template, locale: mail.locale, payload, unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER, privacyUrl })
    cache?.set(key, rendered)
  }
  const shared = await rendered
  const url = unsubscribeUrl(mail.recipient, mail.locale, organizationScope(mail))
  return { ...shared, html: shared.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, escapeHtml(url)), text: shared.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, url) }
}

/** The message for a claimed row: rendered from its template, with Samling's headers. */
export async function composeMail(mail: ClaimedMail, cache?: RenderCache): Promise<OutgoingMail> {
  const { appUrl, mailFrom } = config()
  const rendered = await renderFor(mail, cache)
  const host = new URL(appUrl).hostname
  return {
    messageId: mail.messageId,
    from: mailFrom,
    to: mail.recipient,
    replyTo: rendered.replyTo,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    locale: mail.locale,
    kind: rendered.kind,
    calendar: rendered.calendar,
    attachments: rendered.attachments,
    list:
      rendered.kind === 'notification'
        ? {
            id: `Samling <${mail.template}.${host}>`,
            unsubscribeUrl: unsubscribeUrl(mail.recipient, mail.locale, organizationScope(mail)),
            unsubscribeMailto: unsubscribeMailto(mail.recipient, organizationScope(mail)),
          }
        : undefined,
  }
}

/**
 * Records one sent row at once (erasing its secrets), so a crash right after a send leaves at most
 * the sends still in flight to go out again, not the whole batch. The status in the WHERE keeps a
 * row another worker already settled as it is.
 */
async function markSent(mail: ClaimedMail, now: Date): Promise<void> {
  const payload = redactSecrets(mail.payload, secretsOf(mail.template))
  await db.outboxMessage.updateMany({
    where: { id: mail.id, status: 'pending' },
    data: { status: 'sent', sentAt: now, lastError: null, ...(payload ? { payload: payload as object } : {}) },
  })
}

/** Another worker settled or re-claimed the row before this one handed it over: nothing is sent. */
class ClaimLostError extends Error {
  name = 'ClaimLostError'
}

/**
 * For at-most-once mail: records the hand-over just before the message goes to the relay (the
 * transport calls it once a connection is free), only while this attempt still owns the row.
 */
const recordHandOver = (mail: ClaimedMail) => async () => {
  const { count } = await db.outboxMessage.updateMany({
    where: { id: mail.id, status: 'pending', attempts: mail.attempts },
    data: { sendStartedAt: new Date() },
  })
  if (count === 0) throw new ClaimLostError()
}

async function deliver(mail: ClaimedMail, transport: MailTransport, cache: RenderCache, now: Date): Promise<Outcome> {
  try {
    const message = await composeMail(mail, cache)
    await transport.send(message, isAtMostOnce(mail.template) ? { beforeHandOver: recordHandOver(mail) } : undefined)
  } catch (error) {
    return { mail, error }
  }
  try {
    await markSent(mail, now)
    return { mail }
  } catch {
    // Sent, but not yet recorded (the database went away): the round records it again below.
    return { mail, unrecorded: true }
  }
}

/**
 * What the worker's lines say about one row: its outbox id and the id of the request that queued it
 * (ADR 0033), never the recipient. `request_id` is always named, so a round that happens to run
 * inside some request's context (after wakeMailWorker) does not take that request's id.
 */
function mailFields(mail: ClaimedMail) {
  return { request_id: mail.requestId ?? undefined, outbox_id: mail.id, template: mail.template, attempts: mail.attempts }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.slice(0, 1000)
}

/**
 * At-most-once rows claimed again after a hand-over that was never recorded (the worker died mid-send):
 * closed as failed with INTERRUPTED_AT_MOST_ONCE and their secrets erased, not sent. Not a bounce.
 */
async function closeInterrupted(claimed: ClaimedMail[], now: Date): Promise<ClaimedMail[]> {
  const interrupted = claimed.filter((mail) => mail.sendStartedAt != null && isAtMostOnce(mail.template))
  for (const mail of interrupted) {
    const payload = redactSecrets(mail.payload, secretsOf(mail.template))
    await db.outboxMessage.updateMany({
      where: { id: mail.id, status: 'pending', attempts: mail.attempts },
      data: { status: 'failed', lastError: INTERRUPTED_AT_MOST_ONCE, nextAttemptAt: now, ...(payload ? { payload: payload as object } : {}) },
    })
    log({ level: 'warn', msg: 'mail interrupted mid-send, not sent again', outboxId: mail.id, template: mail.template, attempts: mail.attempts })
  }
  return interrupted
}

/**
 * One round: claim a batch, send it (in parallel; a pooled SMTP transport bounds the connections),
 * then mark rows sent, or schedule a retry with backoff, or mark them failed after `maxAttempts` or
 * on a permanent error (SMTP 5xx, a payload that no longer renders). Safe to run in several
 * processes at once.
 */
export async function processOutboxOnce(options: ProcessOptions): Promise<ProcessResult> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  const claimed = await claimDueMail({ batchSize: options.batchSize ?? 50, now: options.now, leaseMs: options.leaseMs })
  const result: ProcessResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, skipped: 0 }
  if (claimed.length === 0) return result

  const now = options.now ?? new Date()
  const interrupted = new Set(await closeInterrupted(claimed, now))
  result.failed += interrupted.size
  const skipped = new Set(await skipUnsubscribed(claimed.filter((mail) => !interrupted.has(mail))))
  result.skipped = skipped.size
  const cache: RenderCache = new Map()
  const outcomes = await Promise.all(
    claimed.filter((mail) => !skipped.has(mail) && !interrupted.has(mail)).map((mail) => deliver(mail, options.transport, cache, now)),
  )

  // Each sent row was recorded (its secrets erased) as soon as its own send succeeded; the few that
  // could not be recorded then get one more try here (a failure now fails the round, and the row
  // goes out again when its lease ends: at least once, never lost).
  const sent = outcomes.filter((outcome) => outcome.error === undefined).map((outcome) => outcome.mail)
  for (const outcome of outcomes) if (outcome.unrecorded) await markSent(outcome.mail, now)
  result.sent = sent.length
  mailMetrics.sent.inc(sent.length)
  mailMetrics.sendFailures.inc(outcomes.length - sent.length)
  // One line per message, like the server's one per request (both off with SAMLING_QUIET_LOG=1).
  if (!config().quietRequestLog) for (const mail of sent) log({ level: 'info', msg: 'mail sent', ...mailFields(mail) })
  await clearBounces(
    sent.map((mail) => mail.recipient),
    now,
  )

  for (const { mail, error } of outcomes) {
    if (error === undefined) continue
    const lastError = describe(error)
    const giveUp = mail.attempts >= maxAttempts || isPermanentFailure(error) || (error instanceof Error && /MailPayload|UnknownTemplate/.test(error.name))
    // `attempts` in the WHERE: if our lease ran out and another worker took the row, its outcome wins.
    const where = { id: mail.id, status: 'pending' as const, attempts: mail.attempts }
    if (giveUp) {
      // A mail given up on keeps no secrets either (a sign-in link is useless by then anyway).
      const payload = redactSecrets(mail.payload, secretsOf(mail.template))
      await db.outboxMessage.updateMany({
        where,
        data: { status: 'failed', lastError, nextAttemptAt: now, ...(payload ? { payload: payload as object } : {}) },
      })
      result.failed++
      // A refusal at RCPT TO or DATA is about the address: it is marked, and later bulk mail skips it.
      await recordBounce({ address: mail.recipient, error, now })
      log({ level: 'error', msg: 'mail failed', ...mailFields(mail), error: lastError })
    } else {
      // The relay refused it or was not reached: it did not arrive, so an at-most-once row may go again.
      await db.outboxMessage.updateMany({
        where,
        data: { lastError, sendStartedAt: null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(mail.attempts)) },
      })
      result.retried++
      log({ level: 'warn', msg: 'mail will be retried', ...mailFields(mail), error: lastError })
    }
  }
  return result
}

export type MailWorkerOptions = {
  /** Pause between rounds when the queue is empty. */
  intervalMs?: number
  batchSize?: number
  /** Defaults to the configured transport (SMTP_URL, else the file mailbox); closed on stop. */
  transport?: MailTransport
  /** Rounds running side by side (PostgreSQL only; PGlite has one connection). */
  concurrency?: number
  leaseMs?: number
  maxAttempts?: number
}

export type MailWorker = {
  /** Finishes the round in progress (the sends already started), then stops. Safe to call twice. */
  stop(): Promise<void>
  /** Starts a round now instead of after the pause (e.g. right after a sign-in link was queued). */
  wake(): void
}

/** Runs the worker until stop(): back-to-back rounds while the queue is full, then a pause. */
export function startMailWorker(options: MailWorkerOptions = {}): MailWorker {
  const intervalMs = options.intervalMs ?? 1000
  const batchSize = options.batchSize ?? 50
  const ownsTransport = !options.transport
  const transport = options.transport ?? createTransportFromConfig(config())
  let stopping = false
  // A wake that arrives during a round (whose claim may have missed the new row) skips the next pause.
  let isWoken = false
  const sleepers = new Set<() => void>()
  const wakeAll = () => {
    isWoken = true
    ;[...sleepers].forEach((wake) => wake())
  }

  const pause = () =>
    new Promise<void>((resolve) => {
      if (isWoken) {
        isWoken = false
        return resolve()
      }
      const timer = setTimeout(done, intervalMs)
      function done() {
        clearTimeout(timer)
        sleepers.delete(done)
        isWoken = false
        resolve()
      }
      sleepers.add(done)
    })

  async function loop() {
    while (!stopping) {
      let full = false
      try {
        const result = await processOutboxOnce({ transport, batchSize, leaseMs: options.leaseMs, maxAttempts: options.maxAttempts })
        full = result.claimed === batchSize
      } catch (error) {
        if (stopping) break
        log({ level: 'error', msg: 'mail worker round failed', error: describe(error) })
      }
      if (!full && !stopping) await pause()
    }
  }

  const loops = Array.from({ length: Math.max(1, options.concurrency ?? 1) }, () => loop())
  let stopped: Promise<void> | undefined
  const worker: MailWorker = {
    wake: wakeAll,
    stop() {
      stopped ??= (async () => {
        stopping = true
        running.delete(worker)
        wakeAll()
        await Promise.all(loops)
        if (ownsTransport) await transport.close()
      })()
      return stopped
    },
  }
  running.add(worker)
  return worker
}

const running = new Set<MailWorker>()

/**
 * Nudges the workers running in this process to look at the queue now. Call it AFTER the
 * transaction that enqueued the mail committed (e.g. a sign-in link); without it the mail goes
 * out within the worker's interval anyway.
 */
export function wakeMailWorker(): void {
  running.forEach((worker) => worker.wake())
}
