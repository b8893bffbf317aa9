import type { Tx } from '../db/client.server.ts'

/**
 * Check-ins on the demo's past events (ADR 0025), so the dashboard shows who came and who did
 * not from a fresh start: of each past event's confirmed on-site registrations, every one except
 * each seventh (in the order they registered) was checked in at the door, between a quarter of an
 * hour before the start and half an hour after it. Online registrations stay without a check-in
 * (Samling does not see who joined a stream). Deterministic: the same demo gets the same no-shows.
 */
const MINUTE_MS = 60_000

export async function writeDemoAttendance(tx: Tx, now: Date): Promise<number> {
  const past = await tx.event.findMany({
    where: { status: 'published', endsAt: { lt: now }, format: { not: 'online' } },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      startsAt: true,
      registrations: {
        where: { status: 'confirmed', attendanceMode: 'on_site' },
        orderBy: [{ createdAt: 'asc' }, { email: 'asc' }],
        select: { id: true },
      },
    },
  })
  let checkedIn = 0
  for (const event of past) {
    for (const [index, registration] of event.registrations.entries()) {
      if (index % 7 === 6) continue
      const checkedInAt = new Date(event.startsAt.getTime() + ((index * 11) % 45) * MINUTE_MS - 15 * MINUTE_MS)
      await tx.registration.update({ where: { id: registration.id }, data: { checkedInAt } })
      checkedIn++
    }
  }
  return checkedIn
}
