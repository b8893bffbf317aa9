import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { db, type Tx } from '../db/client.server.ts'
import type { Locale } from '../i18n/index.ts'
import { currentRequestId } from '../request-context.server.ts'
import { sealSecrets, secretFieldNames } from './secrets.server.ts'
import { getTemplate, InvalidMailPayloadError, parseMailPayload, type TemplateName, type TemplatePayload } from './templates.server.ts'

/**
 * The transactional outbox (docs/decisions/0005-mail-pipeline.md). Call enqueueMail with the SAME
 * transaction as the change that causes the mail, so both commit or neither does. The mail worker
 * (worker.server.ts) sends it later, at least once, always with the row's Message-ID. Each row keeps
 * the id of the request that queued it (request_id, ADR 0033), which the worker's log lines repeat.
 */
export type EnqueueMailInput = {
  [N in TemplateName]: {
    /** A name from app/mail/templates.server.ts; the payload must fit that template's schema. */
    template: N
    to: string
    locale: Locale
    /** Checked against the template's zod schema; may carry `replyTo` (the organizer's address). */
    payload: TemplatePayload<N>
    organizationId?: string
    eventId?: string
    /** The registration the mail is about (confirmations, reminders), so its mail can be found and counted. */
    registrationId?: string
    /**
     * A key that makes the mail go at most once however often it is queued (e.g.
     * `reminder-24h:<registrationId>:<revision>`): a second enqueue with the same key writes nothing,
     * even from another process at the same instant (unique index on outbox_messages.dedup_key).
     */
    dedupKey?: string
    /** Send no earlier than this (reminders). */
    notBefore?: Date
  }
}[TemplateName]

export type QueuedMail = Awaited<ReturnType<Tx['outboxMessage']['create']>>

const RecipientSchema = z.email()
const LocaleSchema = z.enum(['sv', 'en'])

/**
 * Writes one outbox row inside `tx`. Throws UnknownTemplateError or InvalidMailPayloadError (a bug
 * in the caller, so the surrounding transaction rolls back) when the template, recipient, locale or
 * payload is wrong: bad calls fail here rather than in the worker hours later. Fields the template
 * marks `secret()` are stored encrypted (app/mail/secrets.server.ts). Without `dedupKey` it is not
 * idempotent: each call is one more message. With `dedupKey` a repeat is skipped and returns null
 * (INSERT … ON CONFLICT DO NOTHING, so it never aborts the caller's transaction). Call
 * wakeMailWorker() after the transaction commits when the mail is urgent.
 */
export async function enqueueMail<I extends EnqueueMailInput>(tx: Tx, input: I): Promise<I extends { dedupKey: string } ? QueuedMail | null : QueuedMail>
export async function enqueueMail(tx: Tx, input: EnqueueMailInput): Promise<QueuedMail | null> {
  const data = outboxRow(input)
  if (input.dedupKey === undefined) return tx.outboxMessage.create({ data })
  // A unique violation would abort the whole transaction on PostgreSQL; skipping keeps it usable.
  const [row] = await tx.outboxMessage.createManyAndReturn({ data: [data], skipDuplicates: true })
  return row ?? null
}

/** Rows per INSERT in enqueueMails. */
const BULK_ROWS = 500

/**
 * enqueueMail for many messages at once (the change → notify path mails every registrant of an
 * event inside the organizer's edit): the same checks and sealing per message, then one INSERT …
 * ON CONFLICT DO NOTHING per 500 rows instead of a round trip each, so a thousand registrants stay
 * well inside the transaction's time. Messages whose dedupKey was queued before are skipped;
 * returns the number of rows written.
 */
export async function enqueueMails(tx: Tx, inputs: EnqueueMailInput[]): Promise<number> {
  const rows = inputs.map(outboxRow)
  let written = 0
  for (let start = 0; start < rows.length; start += BULK_ROWS) {
    const { count } = await tx.outboxMessage.createMany({ data: rows.slice(start, start + BULK_ROWS), skipDuplicates: true })
    written += count
  }
  return written
}

/** One checked outbox row (see enqueueMail for what is checked and sealed). */
function outboxRow(input: EnqueueMailInput) {
  const payload = parseMailPayload(input.template, input.payload)
  const to = RecipientSchema.safeParse(input.to.trim().toLowerCase())
  if (!to.success) throw new InvalidMailPayloadError(input.template, [{ ...to.error.issues[0], path: ['to'] }])
  const locale = LocaleSchema.safeParse(input.locale)
  if (!locale.success) throw new InvalidMailPayloadError(input.template, [{ ...locale.error.issues[0], path: ['locale'] }])
  const id = randomUUID()
  const stored = sealSecrets(payload, secretFieldNames(getTemplate(input.template).schema), id)
  return {
    id,
    template: input.template,
    recipient: to.data,
    locale: locale.data,
    payload: stored as object,
    messageId: `<${id}@samling.mail>`,
    organizationId: input.organizationId,
    eventId: input.eventId,
    registrationId: input.registrationId,
    dedupKey: input.dedupKey,
    nextAttemptAt: input.notBefore ?? new Date(),
    // The request that caused the mail, so the worker's lines about it can be matched to it.
    requestId: currentRequestId(),
  }
}

export type FailedMail = {
  id: string
  template: string
  recipient: string
  locale: Locale
  attempts: number
  lastError: string | null
  eventId: string | null
  createdAt: Date
  /** When the worker gave up. */
  failedAt: Date
}

/**
 * Mail to an organization's people that the worker gave up on (after the attempt cap, or at once on
 * a permanent SMTP 5xx), newest first, for the organizer console. Only that organization's rows.
 */
export async function listFailedMail(organizationId: string, options: { take?: number } = {}): Promise<FailedMail[]> {
  const rows = await db.outboxMessage.findMany({
    where: { organizationId, status: 'failed' },
    orderBy: { nextAttemptAt: 'desc' },
    take: options.take ?? 100,
    select: { id: true, template: true, recipient: true, locale: true, attempts: true, lastError: true, eventId: true, createdAt: true, nextAttemptAt: true },
  })
  return rows.map(({ nextAttemptAt, ...row }) => ({ ...row, failedAt: nextAttemptAt }))
}

/**
 * Puts a failed message back in the queue (same Message-ID, attempts from zero). Scoped to the
 * organization, so nobody can retry another organization's mail; returns false when no such
 * failed row exists. Repeating it is harmless.
 */
export async function retryFailedMail(input: { organizationId: string; id: string }): Promise<boolean> {
  if (!z.uuid().safeParse(input.id).success || !z.uuid().safeParse(input.organizationId).success) return false
  const { count } = await db.outboxMessage.updateMany({
    where: { id: input.id, organizationId: input.organizationId, status: 'failed' },
    // The organizer chose to send it again, also one that was interrupted mid-send (ADR 0035).
    data: { status: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null, sendStartedAt: null },
  })
  return count === 1
}

export type MailState = 'pending' | 'sent' | 'failed' | 'skipped'

/** Which of the organization's mail is queued, sent, failed (with the relay's answer) or was skipped, newest first (§6b). */
export async function listRecentMail(organizationId: string, options: { take?: number } = {}) {
  const rows = await db.outboxMessage.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: options.take ?? 50,
    select: { id: true, template: true, recipient: true, status: true, lastError: true, eventId: true, createdAt: true, sentAt: true, nextAttemptAt: true },
  })
  return rows.map((row) => ({
    ...row,
    // Notification mail to an unsubscribed address is closed as sent without leaving (worker.server.ts).
    state: (row.status === 'sent' && row.sentAt === null ? 'skipped' : row.status) as MailState,
  }))
}

/** Per event: the organization's mail sent, queued and failed (mail about no event under null). */
export async function countMailByEvent(organizationId: string) {
  const groups = await db.outboxMessage.groupBy({ by: ['eventId', 'status'], where: { organizationId }, _count: { _all: true } })
  const byEvent = new Map<string | null, { eventId: string | null; sent: number; queued: number; failed: number }>()
  for (const group of groups) {
    const entry = byEvent.get(group.eventId) ?? { eventId: group.eventId, sent: 0, queued: 0, failed: 0 }
    if (group.status === 'sent') entry.sent += group._count._all
    else if (group.status === 'pending') entry.queued += group._count._all
    else entry.failed += group._count._all
    byEvent.set(group.eventId, entry)
  }
  const ids = [...byEvent.keys()].filter((id): id is string => id !== null)
  const events = await db.event.findMany({ where: { id: { in: ids }, organizationId }, select: { id: true, titleSv: true, titleEn: true, startsAt: true } })
  const facts = new Map(events.map((event) => [event.id, event]))
  return [...byEvent.values()]
    .map((entry) => ({ ...entry, event: entry.eventId ? (facts.get(entry.eventId) ?? null) : null }))
    .sort((a, b) => (b.event?.startsAt.getTime() ?? 0) - (a.event?.startsAt.getTime() ?? 0))
}
