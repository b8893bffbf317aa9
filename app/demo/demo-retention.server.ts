import { recordAudit } from '../audit/audit.server.ts'
import type { Tx } from '../db/client.server.ts'
import { anonymizationDate, anonymizeEvent } from '../privacy/retention.server.ts'
import { ANONYMIZED_DEMO_EVENT } from './demo-webinars.ts'

/**
 * The demo's event whose retention has passed (ADR 0031): its registrations are written like every
 * past event's, then anonymized by the retention job's own code as of the day the period ended, with
 * the job's audit entry. A fresh start shows "anonymized on <date>", "Anonymiserad" rows and the
 * dashboard's counts by sector, län and mode, as the job would have left them.
 */
export async function writeDemoRetention(tx: Tx, now: Date): Promise<number> {
  const event = await tx.event.findUnique({
    where: { slug: ANONYMIZED_DEMO_EVENT },
    select: { id: true, organizationId: true, createdAt: true, endsAt: true, retentionMonths: true, organization: { select: { retentionMonths: true } } },
  })
  if (!event) return 0
  const due = anonymizationDate(event, event.organization)
  if (due > now) return 0
  const counts = await anonymizeEvent(tx, event, due)
  const entry = await recordAudit(tx, {
    organizationId: event.organizationId,
    actorId: null,
    action: 'retention.anonymized',
    entityType: 'organization',
    entityId: event.organizationId,
    data: { eventIds: [event.id], events: 1, ...counts },
  })
  await tx.auditEntry.update({ where: { id: entry.id }, data: { createdAt: due } })
  return counts.registrations
}
