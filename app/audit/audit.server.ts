import type { Tx } from '../db/client.server.ts'

/**
 * The audit trail: who changed what, in which organization. Write it with the SAME transaction as
 * the change, so the log never claims something that was rolled back (or misses something that
 * was not). Actions are dotted verbs in English: 'member.invited', 'member.roleChanged',
 * 'member.removed', 'event.published', …
 */
export type AuditInput = {
  organizationId: string | null
  /** The person who made the change; null for the system (scripts, workers). */
  actorId: string | null
  action: string
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
