import { randomBytes } from 'node:crypto'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError } from '../errors.server.ts'
import type { SpeakerProfile } from '../generated/prisma/client.ts'
import { slugify } from '../slug.ts'

/**
 * Speaker profiles as the organizer console sees them. Profiles are not owned by an organization
 * in the schema; an organization "has" the profiles that appear in its events' programmes or
 * speaker invitations. That is the list organizers pick from, and the only profiles they may attach.
 */

function organizationScope(organizationId: string) {
  return {
    OR: [{ roles: { some: { item: { event: { organizationId } } } } }, { invitations: { some: { event: { organizationId } } } }],
  }
}

/** The organization's speaker profiles, by name. */
export async function listOrganizationSpeakers(organizationId: string, client: Tx | typeof db = db) {
  return client.speakerProfile.findMany({
    where: organizationScope(organizationId),
    orderBy: { name: 'asc' },
    select: { id: true, name: true, titleSv: true, affiliation: true },
    take: 2000,
  })
}

/**
 * Of `ids`, the ones that belong to the organization (see above). Throws DomainError
 * 'error.speakerNotFound' (field 'speakers') if any id is unknown or another organization's.
 */
export async function assertOrganizationSpeakers(tx: Tx, organizationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const found = await tx.speakerProfile.count({ where: { id: { in: ids }, ...organizationScope(organizationId) } })
  if (found !== new Set(ids).size) throw new DomainError('error.speakerNotFound', 400, {}, 'speakers')
}

/** Creates a profile with a unique slug made from the name. */
export async function createSpeakerProfile(tx: Tx, input: { name: string; title: string; affiliation: string }): Promise<SpeakerProfile> {
  const base = slugify(input.name, 60)
  let slug = base
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!(await tx.speakerProfile.findUnique({ where: { slug }, select: { id: true } }))) break
    slug = `${base}-${randomBytes(3).toString('hex')}`
  }
  return tx.speakerProfile.create({ data: { slug, name: input.name, titleSv: input.title, affiliation: input.affiliation } })
}
