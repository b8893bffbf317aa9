import { db } from '../db/client.server.ts'
import { NotFoundError } from '../errors.server.ts'
import { eventCardSelect, PUBLIC_STATUSES, type EventCardRow } from '../events/listing.server.ts'

export type PublicOrganization = {
  slug: string
  name: string
  county: string | null
  website: string | null
  contactEmail: string | null
  contactPhone: string | null
  aboutSv: string
  aboutEn: string
  logo: { id: string; kind: 'logo'; variants: unknown; width: number | null; height: number | null } | null
  logoAltSv: string
  logoAltEn: string
  upcoming: EventCardRow[]
  past: EventCardRow[]
}

/** How many events of each kind the organization page lists (the archive has the rest). */
export const ORGANIZATION_UPCOMING_LIMIT = 50
export const ORGANIZATION_PAST_LIMIT = 12

/**
 * An organizer's public page: about, contact, its upcoming public events (soonest first) and its
 * most recent past ones. Throws NotFoundError('error.organizationNotFound') for an unknown slug.
 */
export async function getPublicOrganization(slug: string, now = new Date()): Promise<PublicOrganization> {
  const organization = await db.organization.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      county: true,
      website: true,
      contactEmail: true,
      contactPhone: true,
      aboutSv: true,
      aboutEn: true,
      logoAltSv: true,
      logoAltEn: true,
      logo: { select: { id: true, kind: true, variants: true, width: true, height: true } },
    },
  })
  if (!organization) throw new NotFoundError('error.organizationNotFound')
  const visible = { organizationId: organization.id, status: { in: [...PUBLIC_STATUSES] } }
  const upcoming = await db.event.findMany({
    where: { ...visible, endsAt: { gte: now } },
    select: eventCardSelect,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: ORGANIZATION_UPCOMING_LIMIT,
  })
  const past = await db.event.findMany({
    where: { ...visible, endsAt: { lt: now } },
    select: eventCardSelect,
    orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
    take: ORGANIZATION_PAST_LIMIT,
  })
  const { id: _id, logo, ...rest } = organization
  return { ...rest, logo: logo ? { ...logo, kind: 'logo' } : null, upcoming, past }
}
