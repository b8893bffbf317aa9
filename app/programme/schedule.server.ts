import { db } from '../db/client.server.ts'
import { NotFoundError } from '../errors.server.ts'
import type { Access } from '../organizations/access.server.ts'
import { listOrganizationSpeakers } from '../speakers/profiles.server.ts'
import { stockholmDay } from '../time.ts'
import { eventDays } from './editing.server.ts'

/**
 * Reading a programme for the editor: the event (scoped by organization), its rooms, tracks,
 * items with their speakers, the organization's speaker profiles and the event's days.
 */
export async function loadProgrammeEditor(input: { access: Access; eventId: string }) {
  const organizationId = input.access.organization.id
  const event = await db.event.findFirst({
    where: { id: input.eventId, organizationId },
    select: { id: true, slug: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true, status: true },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const [rooms, tracks, items, speakers] = await Promise.all([
    db.room.findMany({ where: { eventId: event.id }, orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
    db.track.findMany({ where: { eventId: event.id }, orderBy: { nameSv: 'asc' } }),
    db.programmeItem.findMany({
      where: { eventId: event.id },
      orderBy: [{ startsAt: 'asc' }, { endsAt: 'asc' }, { titleSv: 'asc' }],
      include: {
        room: { select: { id: true, name: true, position: true } },
        track: { select: { id: true, nameSv: true, nameEn: true } },
        speakers: { orderBy: { position: 'asc' }, include: { speaker: { select: { id: true, name: true } } } },
      },
    }),
    listOrganizationSpeakers(organizationId),
  ])
  return { event, rooms, tracks, items, speakers, days: eventDays(event) }
}

export type EditorItem = Awaited<ReturnType<typeof loadProgrammeEditor>>['items'][number]

/** Items grouped by their Stockholm day, days and items in time order (rooms break ties). */
export function groupByDay<T extends { startsAt: Date; room?: { position: number } | null }>(items: T[]): { day: string; items: T[] }[] {
  const groups = new Map<string, T[]>()
  const sorted = [...items].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.room?.position ?? 1e6) - (b.room?.position ?? 1e6))
  for (const item of sorted) {
    const day = stockholmDay(item.startsAt)
    groups.set(day, [...(groups.get(day) ?? []), item])
  }
  return [...groups.entries()].map(([day, dayItems]) => ({ day, items: dayItems }))
}
