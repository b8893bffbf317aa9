import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { DEMO_DRAFT_MAILING_ID, DEMO_SENT_MAILING_ID } from '../../app/demo/demo-mailings.server.ts'
import { loadDemoIfEmpty } from '../../app/demo/load-demo.server.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const NOW = new Date('2026-11-23T10:00:00Z')

describe('the demo’s bulk mailings (issue 11 §3, §6b)', () => {
  beforeAll(async () => {
    expect(await loadDemoIfEmpty({ now: NOW })).toBe(true)
  })

  it('has a sent mailing (one message per confirmed registrant but the bounced one, links erased) and an unsent draft on an upcoming event', async () => {
    const sent = await db.mailing.findUniqueOrThrow({ where: { id: DEMO_SENT_MAILING_ID }, include: { event: true } })
    expect(sent.state).toBe('sent')
    expect(sent.event.startsAt.getTime()).toBeGreaterThan(NOW.getTime())
    const confirmed = await db.registration.count({ where: { eventId: sent.eventId, status: 'confirmed' } })
    expect([sent.recipientCount, sent.skippedBounced]).toEqual([confirmed - 1, 1])
    const messages = await db.outboxMessage.findMany({ where: { template: 'bulk-mailing', eventId: sent.eventId } })
    expect(messages.length).toBe(confirmed - 1)
    for (const message of messages) {
      expect([message.status, (message.payload as Record<string, unknown>).manageUrl]).toEqual(['sent', { $redacted: true }])
      expect(message.sentAt!.getTime()).toBeLessThan(NOW.getTime())
    }
    const draft = await db.mailing.findUniqueOrThrow({ where: { id: DEMO_DRAFT_MAILING_ID } })
    expect([draft.state, draft.eventId, draft.queuedAt]).toEqual(['draft', sent.eventId, null])
    expect(await db.mailingRecipient.count({ where: { mailingId: DEMO_DRAFT_MAILING_ID } })).toBe(0)
    const bounced = await db.bouncedAddress.findMany()
    expect(bounced.length).toBe(1)
    expect(await db.registration.count({ where: { eventId: sent.eventId, emailNormalized: bounced[0].emailNormalized } })).toBe(1)
  })
})
