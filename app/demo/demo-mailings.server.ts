import type { Tx } from '../db/client.server.ts'
import { queueMailing } from '../mailings/mailings.server.ts'

/**
 * Bulk mailings on the demo (ADR 0027): on the upcoming event with the most confirmed registrants,
 * a mailing "Praktisk information" that was sent two days before the demo's now (its messages are
 * in the outbox as sent, the manage links erased as the worker would), and a draft to the online
 * participants that nobody has sent. One registrant's address bounced a week earlier (a failed
 * confirmation with the relay's answer), so the console shows "studsar", the mail page lists the
 * address, and the sent mailing counts it as skipped. Fixed ids.
 */
const DAY_MS = 86_400_000
export const DEMO_SENT_MAILING_ID = '7a11e000-0000-4000-8000-000000000001'
export const DEMO_DRAFT_MAILING_ID = '7a11e000-0000-4000-8000-000000000002'
const BOUNCE_ANSWER = '550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table'

export async function writeDemoMailings(tx: Tx, now: Date): Promise<number> {
  const upcoming = await tx.event.findMany({
    where: { status: 'published', startsAt: { gt: now } },
    orderBy: { startsAt: 'asc' },
    select: { id: true, organizationId: true, _count: { select: { registrations: { where: { status: 'confirmed' } } } } },
    take: 20,
  })
  const event = upcoming.sort((a, b) => b._count.registrations - a._count.registrations)[0]
  if (!event || event._count.registrations === 0) return 0
  const sentAt = new Date(now.getTime() - 2 * DAY_MS)

  const bouncing = await tx.registration.findFirst({
    where: { eventId: event.id, status: 'confirmed' },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, emailNormalized: true, locale: true },
  })
  if (bouncing) {
    const bouncedAt = new Date(now.getTime() - 7 * DAY_MS)
    await tx.bouncedAddress.create({
      data: { emailNormalized: bouncing.emailNormalized, firstBouncedAt: bouncedAt, lastBouncedAt: bouncedAt, lastResponse: BOUNCE_ANSWER },
    })
    await tx.outboxMessage.create({
      data: {
        id: '7a11e000-0000-4000-8000-0000000000b0',
        template: 'registration-confirmed',
        recipient: bouncing.emailNormalized,
        locale: bouncing.locale,
        payload: {},
        messageId: '<7a11e000-0000-4000-8000-0000000000b0@samling.mail>',
        status: 'failed',
        attempts: 1,
        lastError: `Error: Message failed: ${BOUNCE_ANSWER}`,
        organizationId: event.organizationId,
        eventId: event.id,
        registrationId: bouncing.id,
        createdAt: bouncedAt,
        nextAttemptAt: bouncedAt,
      },
    })
  }

  await tx.mailing.create({
    data: {
      id: DEMO_SENT_MAILING_ID,
      organizationId: event.organizationId,
      eventId: event.id,
      state: 'sending',
      subjectSv: 'Praktisk information inför {eventnamn}',
      bodySv:
        'Hej {förnamn}!\n\nVälkommen till {eventnamn}. Registreringen öppnar en halvtimme före start; ta gärna med din biljett i telefonen.\n\nKan du inte komma? Avboka via din länk så att någon på väntelistan får platsen: {länk}',
      subjectEn: 'Practical information before {eventname}',
      bodyEn:
        'Hi {firstname}!\n\nWelcome to {eventname}. Registration opens half an hour before the start; please bring your ticket on your phone.\n\nCan’t come? Cancel with your link so someone on the waitlist gets the seat: {link}',
      filter: { status: 'confirmed' },
      createdAt: new Date(sentAt.getTime() - DAY_MS),
    },
  })
  await queueMailing(tx, DEMO_SENT_MAILING_ID, sentAt)
  // As the worker leaves them: sent, the manage link erased.
  await tx.$executeRaw`
    UPDATE outbox_messages SET status = 'sent', sent_at = ${sentAt}::timestamptz, attempts = 1,
           payload = jsonb_set(payload, '{manageUrl}', '{"$redacted": true}'::jsonb)
     WHERE id IN (SELECT outbox_message_id FROM mailing_recipients WHERE mailing_id = ${DEMO_SENT_MAILING_ID}::uuid)`
  await tx.mailing.update({ where: { id: DEMO_SENT_MAILING_ID }, data: { state: 'sent', sentAt } })

  await tx.mailing.create({
    data: {
      id: DEMO_DRAFT_MAILING_ID,
      organizationId: event.organizationId,
      eventId: event.id,
      subjectSv: 'Länken till sändningen av {eventnamn}',
      bodySv: 'Hej {förnamn}!\n\nSändningen börjar tio minuter före start. Du hittar länken på din anmälan: {länk}',
      subjectEn: 'The stream link for {eventname}',
      bodyEn: 'Hi {firstname}!\n\nThe stream starts ten minutes before the start. You find the link on your registration: {link}',
      filter: { mode: 'online' },
      createdAt: new Date(now.getTime() - DAY_MS / 4),
    },
  })
  return 2
}
