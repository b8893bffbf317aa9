import { randomUUID } from 'node:crypto'
import type { Tx } from '../db.server.ts'
import type { Locale } from '../i18n/index.ts'

/**
 * The transactional outbox (docs/decisions, mail). Call enqueueMail with the SAME transaction as
 * the change that causes the mail, so both commit or neither does. The mail worker sends it later.
 */
export type EnqueueMailInput = {
  template: string
  to: string
  locale: Locale
  payload: Record<string, unknown>
  organizationId?: string
  eventId?: string
  /** Send no earlier than this (reminders). */
  notBefore?: Date
}

export async function enqueueMail(tx: Tx, input: EnqueueMailInput) {
  const id = randomUUID()
  return tx.outboxMessage.create({
    data: {
      id,
      template: input.template,
      recipient: input.to.trim().toLowerCase(),
      locale: input.locale,
      payload: input.payload as object,
      messageId: `<${id}@samling.mail>`,
      organizationId: input.organizationId,
      eventId: input.eventId,
      nextAttemptAt: input.notBefore ?? new Date(),
    },
  })
}
