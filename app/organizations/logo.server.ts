import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { ForbiddenError } from '../errors.server.ts'
import type { Organization } from '../generated/prisma/client.ts'
import { assertHasImage, updateImage } from '../uploads/attach.server.ts'
import { deleteUpload } from '../uploads/store.server.ts'
import { canManageEvents, type Access } from './access.server.ts'

/** The logo form's file field. */
export const LOGO_FIELD = 'logo'

/** Runs `work` with the organization row locked, for owners and organizers (ForbiddenError otherwise). */
function withOrganization<T>(access: Access, work: (tx: Tx, organization: Organization) => Promise<T>): Promise<T> {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${access.organization.id}::uuid FOR UPDATE`
    return work(tx, await tx.organization.findUniqueOrThrow({ where: { id: access.organization.id } }))
  })
}

/** Sets, replaces or re-describes the organization's logo (see setEventCover). Audited as organization.logoChanged. */
export async function setOrganizationLogo(input: { access: Access; file: File | null; alt: { sv: string; en: string } }): Promise<void> {
  if (!canManageEvents(input.access.role)) throw new ForbiddenError()
  await updateImage({
    kind: 'logo',
    file: input.file,
    field: LOGO_FIELD,
    uploadedById: input.access.personId,
    write: (mediaId) =>
      withOrganization(input.access, async (tx, organization) => {
        assertHasImage(organization.logoId, mediaId, LOGO_FIELD)
        const logoId = mediaId ?? organization.logoId
        await tx.organization.update({ where: { id: organization.id }, data: { logoId, logoAltSv: input.alt.sv, logoAltEn: input.alt.en } })
        await recordAudit(tx, {
          organizationId: organization.id,
          actorId: input.access.personId,
          action: 'organization.logoChanged',
          entityType: 'organization',
          entityId: organization.id,
          data: { mediaId: logoId, replaced: mediaId ? organization.logoId : null },
        })
        return organization.logoId
      }),
  })
}

/** Takes the logo off and deletes its files. Audited as organization.logoRemoved. */
export async function removeOrganizationLogo(input: { access: Access }): Promise<void> {
  const removed = await withOrganization(input.access, async (tx, organization) => {
    if (!organization.logoId) return null
    await tx.organization.update({ where: { id: organization.id }, data: { logoId: null, logoAltSv: '', logoAltEn: '' } })
    await recordAudit(tx, {
      organizationId: organization.id,
      actorId: input.access.personId,
      action: 'organization.logoRemoved',
      entityType: 'organization',
      entityId: organization.id,
      data: { mediaId: organization.logoId },
    })
    return organization.logoId
  })
  if (removed) await deleteUpload(removed)
}

/** The organization's logo file and its descriptions, or null. */
export async function getOrganizationLogo(organizationId: string) {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { logo: true, logoAltSv: true, logoAltEn: true } })
  return organization?.logo ? { media: organization.logo, altSv: organization.logoAltSv, altEn: organization.logoAltEn } : null
}
