import { db } from '../db/client.server.ts'

/** One speaker answer (or unanswered expiry) as the organizers' daily digest lists it. */
export type DayAnswer = {
  eventId: string
  titleSv: string
  titleEn: string
  speakerName: string
  answer: 'accepted' | 'declined' | 'expired'
  reason: string | null
  at: Date
}

/**
 * The speaker answers of an organization's events in [from, until), in the order they came:
 * accepted and declined invitations by their answer time, expired ones by when the scheduled job
 * marked them (app/speakers/invitation-reminders.server.ts). The daily digest
 * (app/registrations/organizer-notices.server.ts) reads the same window as for registrations, so
 * each answer is in exactly one digest.
 */
export async function speakerAnswersBetween(organizationId: string, from: Date, until: Date): Promise<DayAnswer[]> {
  const rows = await db.speakerInvitation.findMany({
    where: {
      event: { organizationId },
      OR: [
        { status: { in: ['accepted', 'declined'] }, respondedAt: { gte: from, lt: until } },
        { status: 'expired', expiredAt: { gte: from, lt: until } },
      ],
    },
    select: {
      status: true,
      name: true,
      email: true,
      declineReason: true,
      respondedAt: true,
      expiredAt: true,
      event: { select: { id: true, titleSv: true, titleEn: true } },
    },
    take: 1000,
  })
  return rows
    .map((row) => ({
      eventId: row.event.id,
      titleSv: row.event.titleSv,
      titleEn: row.event.titleEn,
      speakerName: (row.name || row.email).slice(0, 300),
      answer: row.status as DayAnswer['answer'],
      reason: row.status === 'declined' ? row.declineReason : null,
      at: (row.status === 'expired' ? row.expiredAt : row.respondedAt) ?? from,
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime())
}
