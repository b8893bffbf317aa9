import { db } from '../db/client.server.ts'
import { ForbiddenError, NotFoundError } from '../errors.server.ts'
import type { MemberRole, Organization } from '../generated/prisma/client.ts'

/** What each role may do. Owners manage members and settings; organizers manage events; viewers read. */
export const ROLE_RANK: Record<MemberRole, number> = { viewer: 1, organizer: 2, owner: 3 }

export type Access = { organization: Organization; role: MemberRole; personId: string }

/**
 * The person's access to an organization, requiring at least `minimum`. A person who is not a
 * member gets NotFound (we do not reveal which organizations exist in the console); a member with
 * too low a role gets Forbidden.
 */
export async function requireMembership(input: { personId: string; organizationSlug: string; minimum: MemberRole }): Promise<Access> {
  const membership = await db.membership.findFirst({
    where: { personId: input.personId, organization: { slug: input.organizationSlug } },
    include: { organization: true },
  })
  if (!membership) throw new NotFoundError('error.organizationNotFound')
  if (ROLE_RANK[membership.role] < ROLE_RANK[input.minimum]) throw new ForbiddenError()
  return { organization: membership.organization, role: membership.role, personId: input.personId }
}

/** The organizations a person belongs to, with their role, by name. */
export async function listMemberships(personId: string) {
  const rows = await db.membership.findMany({
    where: { personId },
    include: { organization: true },
    orderBy: { organization: { name: 'asc' } },
  })
  return rows.map((row) => ({ organization: row.organization, role: row.role }))
}

export function canManageEvents(role: MemberRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK.organizer
}

export function canManageMembers(role: MemberRole): boolean {
  return role === 'owner'
}
