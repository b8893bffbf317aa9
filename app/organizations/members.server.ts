import { recordAudit } from '../audit/audit.server.ts'
import { normalizeEmail } from '../accounts/sign-in.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { MEMBER_ROLES } from '../enums.ts'
import { config } from '../env.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import type { MemberRole, Organization } from '../generated/prisma/client.ts'
import type { Locale } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { wakeMailWorker } from '../mail/worker.server.ts'
import { requireMembership, ROLE_RANK } from './access.server.ts'

/**
 * Members of an organization and their roles. Only owners change anything; organizers and viewers
 * may read the list; everyone else gets NotFound, so the console never reveals which organizations
 * exist.
 *
 * Every change locks the organization row (SELECT … FOR UPDATE) before it reads the memberships,
 * so changes to one organization's members run one after the other. That is what makes "the last
 * owner can be neither removed nor demoted" hold when two owners demote themselves at the same
 * instant, and what makes the actor's own role check current. Each change writes an audit entry
 * in the same transaction.
 */
/** The roles a member can have, from most to least access (the one list in app/enums.ts). */
export const ROLES = MEMBER_ROLES

/** Who is acting: the signed-in Person (its name appears in invitation mail). */
export type Actor = { id: string; email: string; name?: string | null }

export type Member = {
  personId: string
  email: string
  name: string
  role: MemberRole
  lastLoginAt: Date | null
  memberSince: Date
}

export class LastOwnerError extends DomainError {
  constructor() {
    super('accounts.members.lastOwner', 409, {}, 'role')
  }
}

export class AlreadyMemberError extends DomainError {
  constructor() {
    super('accounts.members.alreadyMember', 409, {}, 'email')
  }
}

export class NotMemberError extends DomainError {
  constructor() {
    super('accounts.members.notMember', 404)
  }
}

/**
 * The members of an organization, owners first, then by e-mail. Requires the actor to be a member
 * (any role): NotFound otherwise. Returns the organization and the actor's role, for the page.
 */
export async function listMembers(input: { actor: Actor; organizationSlug: string }): Promise<{
  organization: Organization
  actorRole: MemberRole
  members: Member[]
}> {
  const access = await requireMembership({ personId: input.actor.id, organizationSlug: input.organizationSlug, minimum: 'viewer' })
  const rows = await db.membership.findMany({
    where: { organizationId: access.organization.id },
    include: { person: { select: { email: true, name: true, lastLoginAt: true } } },
  })
  const members = rows
    .map((row) => ({
      personId: row.personId,
      email: row.person.email,
      name: row.person.name,
      role: row.role,
      lastLoginAt: row.person.lastLoginAt,
      memberSince: row.createdAt,
    }))
    .sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role] || a.email.localeCompare(b.email))
  return { organization: access.organization, actorRole: access.role, members }
}

export type InviteMemberInput = {
  actor: Actor
  organizationSlug: string
  email: string
  role: MemberRole
  /** The language for a person who is new to Samling; existing people keep their own. */
  locale: Locale
}

/**
 * Owner only. Creates the Person if the address is new, adds the membership (active at once), and
 * enqueues a `member-invitation` mail (same transaction: no membership without its mail, and the
 * other way round) with a link to sign in and land in this organization's console. The mail is in
 * the invitee's stored language if they already have one, else in the language of the inviter's
 * page; replies go to the inviter.
 * Throws NotFound (not a member / no such organization), Forbidden (not an owner),
 * AlreadyMemberError (409). Not repeatable: a second call for the same address gets 409.
 */
export async function inviteMember(input: InviteMemberInput) {
  const email = normalizeEmail(input.email)
  const invited = await db.$transaction(async (tx) => {
    const organization = await lockOrganization(tx, input.organizationSlug)
    await requireOwner(tx, organization.id, input.actor.id)
    const person = await tx.person.upsert({ where: { email }, create: { email, locale: input.locale }, update: {} })
    const existing = await tx.membership.findUnique({ where: { organizationId_personId: { organizationId: organization.id, personId: person.id } } })
    if (existing) throw new AlreadyMemberError()
    await tx.membership.create({ data: { organizationId: organization.id, personId: person.id, role: input.role } })
    await enqueueMail(tx, {
      template: 'member-invitation',
      to: email,
      locale: person.locale,
      organizationId: organization.id,
      payload: {
        organizationName: organization.name,
        inviterName: input.actor.name?.trim() || input.actor.email,
        role: input.role,
        url: `${config().appUrl}/login?redirectTo=/organizer/${organization.slug}${person.locale === 'en' ? '&lang=en' : ''}`,
        replyTo: input.actor.email,
      },
    })
    await recordAudit(tx, {
      organizationId: organization.id,
      actorId: input.actor.id,
      action: 'member.invited',
      entityType: 'membership',
      entityId: person.id,
      data: { email, role: input.role },
    })
    return { personId: person.id, email, role: input.role }
  })
  wakeMailWorker()
  return invited
}

/**
 * Owner only. Gives a member another role. Demoting the last owner throws LastOwnerError (409);
 * an owner may demote themselves while another owner remains. Setting the role a member already
 * has changes nothing and writes no audit entry (safe to repeat).
 */
export async function changeRole(input: { actor: Actor; organizationSlug: string; personId: string; role: MemberRole }) {
  return db.$transaction(async (tx) => {
    const organization = await lockOrganization(tx, input.organizationSlug)
    await requireOwner(tx, organization.id, input.actor.id)
    const target = await findMember(tx, organization.id, input.personId)
    if (target.role === input.role) return { personId: target.personId, email: target.person.email, role: target.role }
    if (target.role === 'owner') await assertAnotherOwner(tx, organization.id)
    await tx.membership.update({
      where: { organizationId_personId: { organizationId: organization.id, personId: target.personId } },
      data: { role: input.role },
    })
    await recordAudit(tx, {
      organizationId: organization.id,
      actorId: input.actor.id,
      action: 'member.roleChanged',
      entityType: 'membership',
      entityId: target.personId,
      data: { email: target.person.email, from: target.role, to: input.role },
    })
    return { personId: target.personId, email: target.person.email, role: input.role }
  })
}

/**
 * Owner only. Removes a member (the Person and their other memberships stay). Removing the last
 * owner throws LastOwnerError (409); a member who is already gone gives NotMemberError (404).
 */
export async function removeMember(input: { actor: Actor; organizationSlug: string; personId: string }) {
  return db.$transaction(async (tx) => {
    const organization = await lockOrganization(tx, input.organizationSlug)
    await requireOwner(tx, organization.id, input.actor.id)
    const target = await findMember(tx, organization.id, input.personId)
    if (target.role === 'owner') await assertAnotherOwner(tx, organization.id)
    await tx.membership.delete({ where: { organizationId_personId: { organizationId: organization.id, personId: target.personId } } })
    await recordAudit(tx, {
      organizationId: organization.id,
      actorId: input.actor.id,
      action: 'member.removed',
      entityType: 'membership',
      entityId: target.personId,
      data: { email: target.person.email, role: target.role },
    })
    return { personId: target.personId, email: target.person.email }
  })
}

/** The organization, with its row locked until the transaction ends. NotFound if there is none. */
async function lockOrganization(tx: Tx, slug: string): Promise<Organization> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM organizations WHERE slug = ${slug} FOR UPDATE`
  if (!locked[0]) throw new NotFoundError('error.organizationNotFound')
  return tx.organization.findUniqueOrThrow({ where: { id: locked[0].id } })
}

/** Read under the organization lock, so a just-demoted owner cannot act on stale rights. */
async function requireOwner(tx: Tx, organizationId: string, personId: string) {
  const membership = await tx.membership.findUnique({ where: { organizationId_personId: { organizationId, personId } } })
  if (!membership) throw new NotFoundError('error.organizationNotFound')
  if (membership.role !== 'owner') throw new ForbiddenError()
}

async function findMember(tx: Tx, organizationId: string, personId: string) {
  const membership = await tx.membership.findUnique({
    where: { organizationId_personId: { organizationId, personId } },
    include: { person: { select: { email: true } } },
  })
  if (!membership) throw new NotMemberError()
  return membership
}

async function assertAnotherOwner(tx: Tx, organizationId: string) {
  const owners = await tx.membership.count({ where: { organizationId, role: 'owner' } })
  if (owners <= 1) throw new LastOwnerError()
}
