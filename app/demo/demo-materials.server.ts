import type { Tx } from '../db/client.server.ts'
import { eventPageUrl } from '../calendar/entries.server.ts'
import { usableEmail } from '../calendar/invite.server.ts'
import { pick } from '../i18n/index.ts'
import { enqueueMails, type EnqueueMailInput } from '../mail/outbox.server.ts'

/**
 * Recordings and slides on the demo's past events (ADR 0028): a recording of the whole event, a
 * slides link, and per programme item a recording whose speakers' consent decides whether it is
 * public: the first item's speakers said yes (public), the second has one "no" (the console says
 * why, the public page leaves it out). On the first past event "Meddela deltagarna" was already
 * pressed: materials_mailed_at is set and its mails are in the outbox as sent. Links only (made-up
 * video ids on real hosts); no files.
 */
const DAY_MS = 86_400_000

export async function writeDemoMaterials(tx: Tx, now: Date): Promise<number> {
  const past = await tx.event.findMany({
    where: { status: 'published', endsAt: { lt: now } },
    orderBy: { startsAt: 'asc' },
    take: 6,
    select: {
      id: true,
      slug: true,
      titleSv: true,
      endsAt: true,
      programmeItems: {
        where: { speakers: { some: {} } },
        orderBy: { startsAt: 'asc' },
        take: 2,
        select: { id: true, speakers: { select: { speakerId: true }, orderBy: { position: 'asc' } } },
      },
    },
  })
  let written = 0
  for (const [index, event] of past.entries()) {
    const rows = [
      {
        eventId: event.id,
        kind: 'recording' as const,
        url: `https://www.youtube.com/watch?v=samling-demo-${index + 1}`,
        titleSv: 'Hela inspelningen',
        titleEn: 'The full recording',
      },
      {
        eventId: event.id,
        kind: 'slides' as const,
        url: `https://example.org/samling-demo/${event.slug}/bilder.pdf`,
        titleSv: 'Alla bilder (PDF)',
        titleEn: 'All slides (PDF)',
      },
    ]
    for (const [position, item] of event.programmeItems.entries()) {
      const consent = position === 0
      for (const [n, role] of item.speakers.entries()) {
        await tx.programmeRole.update({
          where: { itemId_speakerId: { itemId: item.id, speakerId: role.speakerId } },
          data: { recordingConsent: true, publishConsent: consent || n > 0 },
        })
      }
      rows.push({ eventId: event.id, kind: 'recording', url: `https://vimeo.com/${900_000_000 + index * 10 + position}`, titleSv: '', titleEn: '' })
    }
    await tx.eventMaterial.createMany({ data: rows.map((row, n) => ({ ...row, itemId: n >= 2 ? event.programmeItems[n - 2].id : null })) })
    written += rows.length
  }

  const announced = past[0]
  if (announced) {
    const mailedAt = new Date(Math.min(now.getTime() - DAY_MS / 2, announced.endsAt.getTime() + DAY_MS))
    const full = await tx.event.update({ where: { id: announced.id }, data: { materialsMailedAt: mailedAt }, include: { organization: true } })
    const registrations = await tx.registration.findMany({ where: { eventId: full.id, status: 'confirmed' }, select: { id: true, email: true, locale: true } })
    const replyTo = usableEmail(full.organization.contactEmail)
    const mails: EnqueueMailInput[] = registrations.map((registration) => ({
      template: 'materials-published',
      to: registration.email,
      locale: registration.locale,
      organizationId: full.organizationId,
      eventId: full.id,
      registrationId: registration.id,
      dedupKey: `materials-published:${registration.id}`,
      notBefore: mailedAt,
      payload: {
        ...(replyTo ? { replyTo } : {}),
        organizationName: full.organization.name,
        eventTitle: pick(full, 'title', registration.locale),
        eventUrl: eventPageUrl(full, registration.locale),
      },
    }))
    await enqueueMails(tx, mails)
    await tx.outboxMessage.updateMany({ where: { eventId: full.id, template: 'materials-published' }, data: { status: 'sent', sentAt: mailedAt } })
  }
  return written
}
