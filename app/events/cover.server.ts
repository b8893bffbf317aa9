import { recordAudit } from '../audit/audit.server.ts'
import type { Access } from '../organizations/access.server.ts'
import { assertHasImage, updateImage } from '../uploads/attach.server.ts'
import { deleteUpload } from '../uploads/store.server.ts'
import { assertCanManageEvents, begin } from './editing.server.ts'

/** The cover form's file field (its errors are shown there). */
export const COVER_FIELD = 'cover'

/**
 * Sets, replaces or re-describes an event's cover image (owners and organizers; the event row is
 * locked). With a file, the new image is stored first and the old one removed once the event
 * points at the new one; without, only the descriptions change. Audited as event.coverChanged.
 */
export async function setEventCover(input: { access: Access; eventId: string; file: File | null; alt: { sv: string; en: string } }): Promise<void> {
  assertCanManageEvents(input.access)
  await updateImage({
    kind: 'cover',
    file: input.file,
    field: COVER_FIELD,
    uploadedById: input.access.personId,
    write: (mediaId) =>
      begin(input, async (tx, event) => {
        assertHasImage(event.coverImageId, mediaId, COVER_FIELD)
        const coverImageId = mediaId ?? event.coverImageId
        await tx.event.update({ where: { id: event.id }, data: { coverImageId, coverAltSv: input.alt.sv, coverAltEn: input.alt.en } })
        await recordAudit(tx, {
          organizationId: input.access.organization.id,
          actorId: input.access.personId,
          action: 'event.coverChanged',
          entityType: 'event',
          entityId: event.id,
          data: { mediaId: coverImageId, replaced: mediaId ? event.coverImageId : null },
        })
        return event.coverImageId
      }),
  })
}

/** Takes the cover off the event and deletes its files (nothing happens when there is none). Audited as event.coverRemoved. */
export async function removeEventCover(input: { access: Access; eventId: string }): Promise<void> {
  const removed = await begin(input, async (tx, event) => {
    if (!event.coverImageId) return null
    await tx.event.update({ where: { id: event.id }, data: { coverImageId: null, coverAltSv: '', coverAltEn: '' } })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.coverRemoved',
      entityType: 'event',
      entityId: event.id,
      data: { mediaId: event.coverImageId },
    })
    return event.coverImageId
  })
  if (removed) await deleteUpload(removed)
}
