import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { db } from '../db/client.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { parseStockholmLocal } from '../time.ts'

/**
 * The organizer's side of what speakers manage themselves (app/speakers/own.server.ts): whether and
 * until when speakers may edit their sessions' texts, whether those edits wait for approval, the
 * edits waiting, and every speaker's answers (consent, technical needs, availability) and material.
 * Viewers may read; owners and organizers decide. Another organization's event is a 404.
 */

export const SpeakerSettingsSchema = z.object({
  speakerEditsOpen: z.enum(['yes']).optional(),
  speakerEditReview: z.enum(['yes']).optional(),
  speakerEditsUntil: z
    .string()
    .trim()
    .default('')
    .refine((value) => value === '' || parseStockholmLocal(value) !== null, { message: 'form.invalid' }),
})

async function managedEvent(access: Access, eventId: string) {
  const event = await db.event.findFirst({
    where: { id: eventId, organizationId: access.organization.id },
    select: { id: true, titleSv: true, titleEn: true, startsAt: true, speakerEditsOpen: true, speakerEditsUntil: true, speakerEditReview: true },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

function requireManager(access: Access) {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
}

/** The event's settings for speaker edits, the edits waiting for a decision and each speaker's answers and material. */
export async function getSpeakerOverview(input: { access: Access; eventId: string }) {
  const event = await managedEvent(input.access, input.eventId)
  const [pending, roles] = await Promise.all([
    db.sessionEdit.findMany({
      where: { status: 'pending', item: { eventId: event.id } },
      orderBy: { createdAt: 'asc' },
      include: { speaker: { select: { name: true } }, item: { select: { id: true, titleSv: true, titleEn: true, descriptionSv: true, descriptionEn: true } } },
      take: 200,
    }),
    db.programmeRole.findMany({
      where: { item: { eventId: event.id } },
      orderBy: [{ item: { startsAt: 'asc' } }, { position: 'asc' }],
      select: {
        role: true,
        recordingConsent: true,
        publishConsent: true,
        techNeeds: true,
        availability: true,
        speaker: { select: { id: true, name: true, affiliation: true } },
        item: {
          select: {
            id: true,
            titleSv: true,
            titleEn: true,
            startsAt: true,
            materials: { select: { id: true, title: true, url: true, mediaId: true, speakerId: true } },
          },
        },
      },
      take: 1000,
    }),
  ])
  return {
    event,
    pending,
    roles: roles.map(({ item, ...role }) => ({
      ...role,
      item: { ...item, materials: item.materials.filter((material) => material.speakerId === role.speaker.id) },
    })),
  }
}

/** Owners and organizers set whether speakers may edit, until when (Stockholm time; empty = until the event starts) and whether edits need approval. */
export async function updateSpeakerSettings(input: { access: Access; eventId: string; settings: z.infer<typeof SpeakerSettingsSchema> }) {
  requireManager(input.access)
  const event = await managedEvent(input.access, input.eventId)
  const data = {
    speakerEditsOpen: input.settings.speakerEditsOpen === 'yes',
    speakerEditReview: input.settings.speakerEditReview === 'yes',
    speakerEditsUntil: input.settings.speakerEditsUntil ? parseStockholmLocal(input.settings.speakerEditsUntil) : null,
  }
  await db.$transaction(async (tx) => {
    await tx.event.update({ where: { id: event.id }, data })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.speakerEditsChanged',
      entityType: 'event',
      entityId: event.id,
      data: { open: data.speakerEditsOpen, review: data.speakerEditReview, until: data.speakerEditsUntil?.toISOString() ?? null },
    })
  })
}

/**
 * Approves (the text becomes the session's public text) or rejects a speaker's pending edit. A
 * decision already taken is a 409, so two organizers deciding at once cannot both apply it.
 */
export async function decideSessionEdit(input: { access: Access; eventId: string; editId: string; approve: boolean; now?: Date }) {
  requireManager(input.access)
  const event = await managedEvent(input.access, input.eventId)
  const now = input.now ?? new Date()
  await db.$transaction(async (tx) => {
    const edit = await tx.sessionEdit.findFirst({ where: { id: input.editId, item: { eventId: event.id } } })
    if (!edit) throw new NotFoundError('speakers.review.notFound')
    const decided = await tx.sessionEdit.updateMany({
      where: { id: edit.id, status: 'pending' },
      data: { status: input.approve ? 'approved' : 'rejected', decidedAt: now, decidedById: input.access.personId },
    })
    if (decided.count === 0) throw new DomainError('speakers.review.alreadyDecided', 409)
    if (input.approve)
      await tx.programmeItem.update({
        where: { id: edit.itemId },
        data: { titleSv: edit.titleSv, titleEn: edit.titleEn, descriptionSv: edit.descriptionSv, descriptionEn: edit.descriptionEn },
      })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: input.approve ? 'sessionEdit.approved' : 'sessionEdit.rejected',
      entityType: 'programmeItem',
      entityId: edit.itemId,
      data: { editId: edit.id, speakerId: edit.speakerId },
    })
  })
}
