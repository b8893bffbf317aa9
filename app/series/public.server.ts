import { db } from '../db/client.server.ts'
import { NotFoundError } from '../errors.server.ts'
import { eventCardSelect, PUBLIC_STATUSES, type EventCardRow } from '../events/listing.server.ts'

/** A series as the public sees it: its texts, organizer and its public parts in order. */
export type PublicSeries = {
  slug: string
  titleSv: string
  titleEn: string
  summarySv: string
  summaryEn: string
  descriptionSv: string
  descriptionEn: string
  organization: { slug: string; name: string }
  parts: EventCardRow[]
}

/**
 * A series that is not a draft, with its published/cancelled/postponed parts ordered by their position
 * (then start). Throws NotFoundError('error.seriesNotFound') for unknown or draft series.
 */
export async function getPublicSeries(slug: string): Promise<PublicSeries> {
  const series = await db.series.findFirst({
    where: { slug, status: { not: 'draft' } },
    select: {
      slug: true,
      titleSv: true,
      titleEn: true,
      summarySv: true,
      summaryEn: true,
      descriptionSv: true,
      descriptionEn: true,
      organization: { select: { slug: true, name: true } },
      parts: {
        where: { status: { in: [...PUBLIC_STATUSES] } },
        select: eventCardSelect,
        orderBy: [{ seriesPosition: { sort: 'asc', nulls: 'last' } }, { startsAt: 'asc' }],
      },
    },
  })
  if (!series) throw new NotFoundError('error.seriesNotFound')
  return series
}
