import type { Tx } from '../db/client.server.ts'
import type { MessageKey } from '../i18n/index.ts'

/**
 * Every audit action there is, read off the labels 'organizer.audit.<entity>.<verb>' in i18n: an
 * action without a Swedish label does not type-check, and en.ts makes sure it has an English one.
 */
export type AuditAction = { [K in MessageKey]: K extends `organizer.audit.${infer Entity}.${infer Verb}` ? `${Entity}.${Verb}` : never }[MessageKey]

/**
 * The audit trail: who changed what, in which organization. Write it with the SAME transaction as
 * the change, so the log never claims something that was rolled back (or misses something that
 * was not). Actions are dotted verbs in English ('member.invited', 'event.published', …), each
 * with its label in i18n.
 */
export type AuditInput = {
  organizationId: string | null
  /** The person who made the change; null for the system (scripts, workers). */
  actorId: string | null
  action: AuditAction
  entityType: string
  entityId?: string | null
  /** Small JSON-serialisable details (old and new values). Never secrets or tokens. */
  data?: Record<string, unknown>
}

export async function recordAudit(tx: Tx, input: AuditInput) {
  return tx.auditEntry.create({
    data: {
      organizationId: input.organizationId,
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      data: (input.data ?? {}) as object,
    },
  })
}
