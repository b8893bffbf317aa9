import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { cancelLocked, withRegistration } from '../registrations/manage.server.ts'
import { hashToken, isTokenShaped } from '../registrations/tokens.server.ts'
import { anonymizeRegistrations, scrubTraces } from './retention.server.ts'

/**
 * Erasure (GDPR art. 17, ADR 0031): a person's registrations are cancelled exactly as a cancellation
 * does it (the seat frees, the waitlist moves up and those people get their mail) and then
 * anonymized exactly as retention does it, in one transaction per registration. The rows stay, as
 * "Anonymiserad" in the organizers' lists, so the event's counts by sector, län and mode still add up.
 */

/** A manage link whose registration was anonymized (by an erasure or by retention): the page says so. */
export async function findErasedByToken(token: string): Promise<{ anonymizedAt: Date } | null> {
  if (!isTokenShaped(token)) return null
  const row = await db.registration.findUnique({ where: { manageTokenHash: `anonymized:${hashToken(token)}` }, select: { anonymizedAt: true } })
  return row?.anonymizedAt ? { anonymizedAt: row.anonymizedAt } : null
}

export type ErasurePreview = {
  registrations: Array<{ id: string; eventTitleSv: string; eventTitleEn: string; startsAt: Date; status: string }>
  audienceQuestions: number
}

/** What "Radera mina uppgifter" would erase: every registration of this address, at every organization. */
export async function previewErasure(input: { emailNormalized: string }): Promise<ErasurePreview> {
  const registrations = await db.registration.findMany({
    where: { emailNormalized: input.emailNormalized, anonymizedAt: null },
    orderBy: [{ event: { startsAt: 'asc' } }, { id: 'asc' }],
    select: { id: true, status: true, event: { select: { titleSv: true, titleEn: true, startsAt: true } } },
  })
  const audienceQuestions = await db.audienceQuestion.count({ where: { registrationId: { in: registrations.map((r) => r.id) } } })
  return {
    registrations: registrations.map((r) => ({
      id: r.id,
      eventTitleSv: r.event.titleSv,
      eventTitleEn: r.event.titleEn,
      startsAt: r.event.startsAt,
      status: r.status,
    })),
    audienceQuestions,
  }
}

type EraseOne = { registrationId: string; organizationId?: string; by: 'attendee' | 'organizer'; actorId: string | null; reason?: string }

/** One registration: cancel (seat, waitlist, mail) and anonymize in one transaction, audited without the address. */
async function eraseOne(input: EraseOne): Promise<{ erased: boolean; promoted: string[] }> {
  return withRegistration(
    input.registrationId,
    async (tx: Tx, event, registration) => {
      if (registration.anonymizedAt) return { erased: false, promoted: [] }
      const { promoted } = await cancelLocked(tx, event, registration, { by: input.by, actorId: input.actorId })
      const { traces } = await anonymizeRegistrations(tx, [registration.id])
      await scrubTraces(tx, { organizationId: event.organizationId, since: registration.createdAt, traces })
      await recordAudit(tx, {
        organizationId: event.organizationId,
        actorId: input.actorId,
        action: 'registration.erased',
        entityType: 'registration',
        entityId: registration.id,
        data: { eventId: event.id, by: input.by, ...(input.reason ? { reason: input.reason } : {}) },
      })
      return { erased: true, promoted }
    },
    input.organizationId ? { organizationId: input.organizationId } : undefined,
  )
}

/**
 * "Radera mina uppgifter" from a manage link: erases every registration of the link's address, at
 * every organization on this instance, and the personal invitations to that address. Throws
 * NotFound for a link that opens nothing. Repeating it is safe (the link then opens nothing).
 * Returns how many registrations were erased.
 */
export async function eraseMyData(input: { token: string }): Promise<{ erased: number }> {
  if (!isTokenShaped(input.token)) throw new NotFoundError('registration.error.notFound')
  const owner = await db.registration.findUnique({ where: { manageTokenHash: hashToken(input.token) }, select: { emailNormalized: true } })
  if (!owner) throw new NotFoundError('registration.error.notFound')
  const registrations = await db.registration.findMany({ where: { emailNormalized: owner.emailNormalized, anonymizedAt: null }, select: { id: true } })
  let erased = 0
  for (const registration of registrations) if ((await eraseOne({ registrationId: registration.id, by: 'attendee', actorId: null })).erased) erased++
  await db.$executeRawUnsafe(
    `UPDATE registration_invites SET name = '', email = id::text || '@anonymized.invalid', email_normalized = id::text || '@anonymized.invalid',
       token_hash = 'anonymized:' || id::text, revoked_at = coalesce(revoked_at, now())
     WHERE email_normalized = $1`,
    owner.emailNormalized,
  )
  return { erased }
}

/** A reason is required; addresses typed into it are not kept (the audit log must not name the person). */
export const OrganizerErasureSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(3, { message: 'erasure.console.reasonRequired' })
    .max(500, { message: 'erasure.console.reasonTooLong' })
    .transform((reason) => reason.replace(/[^\s@<>()]+@[^\s@<>()]+/g, '[…]')),
})

/**
 * Organizers and owners (viewers: 403): erases one person's registration for this event, with a
 * reason that goes into the audit log. Another organization's registration is a 404; an already
 * anonymized one is a 409.
 */
export async function eraseRegistrationByOrganizer(input: { access: Access; eventId: string; registrationId: string; reason: string }) {
  if (!canManageEvents(input.access.role)) throw new ForbiddenError()
  const registration = await db.registration.findFirst({
    where: { id: input.registrationId, eventId: input.eventId, event: { organizationId: input.access.organization.id } },
    select: { id: true, anonymizedAt: true },
  })
  if (!registration) throw new NotFoundError('registration.error.notFound')
  if (registration.anonymizedAt) throw new DomainError('erasure.console.alreadyErased', 409)
  return eraseOne({
    registrationId: registration.id,
    organizationId: input.access.organization.id,
    by: 'organizer',
    actorId: input.access.personId,
    reason: input.reason,
  })
}
