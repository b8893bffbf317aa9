import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { eventPageUrl } from '../calendar/entries.server.ts'
import { db } from '../db/client.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import type { EventMaterialKind } from '../generated/prisma/enums.ts'
import { pick } from '../i18n/index.ts'
import { enqueueMails, type EnqueueMailInput } from '../mail/outbox.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { deleteUpload } from '../uploads/store.server.ts'
import { mediaUrl } from '../uploads/media.ts'
import { PUBLIC_STATUSES } from './listing.server.ts'
import { usableEmail } from '../calendar/invite.server.ts'

/**
 * Recordings and slides after the event (ADR 0028): organizers attach them to the whole event or to
 * one programme item, as a link (http/https). A recording of an item is public only when every
 * speaker of the item said yes to publishing it (programme_roles.publish_consent): a "no" or no
 * answer keeps it on the console, which says why. Speakers' own slides stay in speaker_materials
 * (app/speakers/own.server.ts) and show next to these. "Meddela deltagarna" mails every confirmed
 * registration (no-shows too) once: the event row is claimed with a conditional UPDATE of
 * materials_mailed_at, and every mail has a dedupKey per registration.
 */

export const MATERIAL_LIMITS = { perEvent: 200, title: 200, url: 2_000 } as const

/** http(s) only: a javascript: or data: link on a public page would run in the visitor's browser. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname) && !/\s/.test(value)
  } catch {
    return false
  }
}

export const MaterialSchema = z.object({
  kind: z.enum(['recording', 'slides']),
  /** '' = the whole event. */
  itemId: z.string().trim().max(40).default(''),
  url: z.string().trim().min(1, 'form.required').max(MATERIAL_LIMITS.url).refine(isWebUrl, 'materials.invalidUrl'),
  titleSv: z.string().trim().max(MATERIAL_LIMITS.title).default(''),
  titleEn: z.string().trim().max(MATERIAL_LIMITS.title).default(''),
})
export type MaterialInput = z.output<typeof MaterialSchema>

/** The text fields of the slides upload form (the file itself is read by the route, ADR 0021). */
export const MaterialFileSchema = MaterialSchema.pick({ itemId: true, titleSv: true, titleEn: true })
export type MaterialFileInput = z.output<typeof MaterialFileSchema>

async function managedEvent(access: Access, eventId: string) {
  const event = await db.event.findFirst({
    where: { id: eventId, organizationId: access.organization.id },
    select: { id: true, slug: true, titleSv: true, titleEn: true, status: true, startsAt: true, endsAt: true, materialsMailedAt: true },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

function requireManager(access: Access) {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
}

/** Why an item's recording is not public, or null when it is: the speakers who did not say yes to publishing. */
export type ConsentGap = { speaker: string; answer: 'no' | 'unanswered' }

export function consentGaps(roles: { publishConsent: boolean | null; speaker: { name: string } }[]): ConsentGap[] {
  return roles.flatMap((role) =>
    role.publishConsent === true ? [] : [{ speaker: role.speaker.name, answer: role.publishConsent === false ? 'no' : 'unanswered' } as const],
  )
}

/** The console page: the event, its items with their speakers' consent, the materials and whether the mail went out. */
export async function getEventMaterials(input: { access: Access; eventId: string }) {
  const event = await managedEvent(input.access, input.eventId)
  const [items, materials, speakerMaterials, recipients] = await Promise.all([
    db.programmeItem.findMany({
      where: { eventId: event.id },
      orderBy: [{ startsAt: 'asc' }, { titleSv: 'asc' }],
      select: {
        id: true,
        titleSv: true,
        titleEn: true,
        startsAt: true,
        speakers: { select: { publishConsent: true, speaker: { select: { name: true } } }, orderBy: { position: 'asc' } },
      },
      take: 500,
    }),
    db.eventMaterial.findMany({
      where: { eventId: event.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: { media: { select: { id: true, originalName: true, byteSize: true } } },
      take: MATERIAL_LIMITS.perEvent,
    }),
    db.speakerMaterial.findMany({
      where: { item: { eventId: event.id } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, itemId: true, title: true, url: true, media: { select: { id: true, originalName: true } }, speaker: { select: { name: true } } },
      take: 500,
    }),
    db.registration.count({ where: { eventId: event.id, status: 'confirmed' } }),
  ])
  return {
    event,
    items: items.map((item) => ({ ...item, gaps: consentGaps(item.speakers) })),
    materials,
    speakerMaterials,
    recipients,
  }
}

async function assertItem(eventId: string, itemId: string) {
  const item = await db.programmeItem.findFirst({ where: { id: itemId, eventId }, select: { id: true } })
  if (!item) throw new DomainError('materials.itemNotFound', 400, {}, 'itemId')
}

/**
 * Checks, before any file is stored, that the person may add material to the event and that the
 * chosen item belongs to it; returns the event id and the item id (null = the whole event).
 */
export async function checkMaterialTarget(input: { access: Access; eventId: string; itemId: string }) {
  requireManager(input.access)
  const event = await managedEvent(input.access, input.eventId)
  const itemId = input.itemId === '' ? null : input.itemId
  if (itemId) {
    if (!z.uuid().safeParse(itemId).success) throw new DomainError('materials.itemNotFound', 400, {}, 'itemId')
    await assertItem(event.id, itemId)
  }
  return { eventId: event.id, itemId }
}

/** A link (recording or slides), or with `mediaId` an uploaded slides file (saveUpload, kind 'slides'). */
export async function addEventMaterial(input: {
  access: Access
  eventId: string
  material: Omit<MaterialInput, 'url' | 'kind'> & { kind?: MaterialInput['kind']; url?: string; mediaId?: string }
}) {
  const { material } = input
  const { eventId, itemId } = await checkMaterialTarget({ access: input.access, eventId: input.eventId, itemId: material.itemId })
  const event = { id: eventId }
  return db.$transaction(async (tx) => {
    const count = await tx.eventMaterial.count({ where: { eventId: event.id } })
    if (count >= MATERIAL_LIMITS.perEvent) throw new DomainError('materials.tooMany', 409, { max: MATERIAL_LIMITS.perEvent })
    const row = await tx.eventMaterial.create({
      data: {
        eventId: event.id,
        itemId,
        kind: material.mediaId ? 'slides' : (material.kind ?? 'slides'),
        url: material.mediaId ? null : (material.url ?? null),
        mediaId: material.mediaId ?? null,
        titleSv: material.titleSv,
        titleEn: material.titleEn,
      },
    })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'eventMaterial.added',
      entityType: 'event',
      entityId: event.id,
      data: { materialId: row.id, kind: row.kind, itemId, file: Boolean(row.mediaId) },
    })
    return row
  })
}

/** Removes one material; an uploaded file goes with it (its row, then its folder). */
export async function removeEventMaterial(input: { access: Access; eventId: string; materialId: string }) {
  requireManager(input.access)
  const event = await managedEvent(input.access, input.eventId)
  const removed = await db.$transaction(async (tx) => {
    const material = await tx.eventMaterial.findFirst({ where: { id: input.materialId, eventId: event.id }, select: { id: true, mediaId: true } })
    if (!material) throw new NotFoundError('materials.notFound')
    await tx.eventMaterial.delete({ where: { id: material.id } })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'eventMaterial.removed',
      entityType: 'event',
      entityId: event.id,
      data: { materialId: input.materialId },
    })
    return material
  })
  if (removed.mediaId) await deleteUpload(removed.mediaId)
}

/**
 * "Meddela deltagarna": one mail per confirmed registration (checked in or not; never cancelled,
 * waitlisted or interest-only), in the registration's language, linking to the event page. Once per
 * event: the UPDATE … WHERE materials_mailed_at IS NULL claims it, so a second press (or two at the
 * same instant) is a 409. Needs at least one material, else there is nothing to announce.
 */
export async function notifyMaterialsPublished(input: { access: Access; eventId: string; now?: Date }): Promise<{ queued: number }> {
  requireManager(input.access)
  const event = await managedEvent(input.access, input.eventId)
  const now = input.now ?? new Date()
  return db.$transaction(
    async (tx) => {
      const claimed = await tx.event.updateMany({ where: { id: event.id, materialsMailedAt: null }, data: { materialsMailedAt: now } })
      if (claimed.count === 0) throw new DomainError('materials.alreadyMailed', 409)
      const materials = await tx.eventMaterial.count({ where: { eventId: event.id } })
      if (materials === 0) throw new DomainError('materials.nothingToAnnounce', 409)
      const full = await tx.event.findUniqueOrThrow({ where: { id: event.id }, include: { organization: true } })
      const registrations = await tx.registration.findMany({
        where: { eventId: event.id, status: 'confirmed', anonymizedAt: null },
        select: { id: true, email: true, locale: true },
        orderBy: { createdAt: 'asc' },
      })
      const replyTo = usableEmail(full.organization.contactEmail)
      const mails: EnqueueMailInput[] = registrations.map((registration) => ({
        template: 'materials-published',
        to: registration.email,
        locale: registration.locale,
        organizationId: full.organizationId,
        eventId: full.id,
        registrationId: registration.id,
        dedupKey: `materials-published:${registration.id}`,
        payload: {
          ...(replyTo ? { replyTo } : {}),
          organizationName: full.organization.name,
          eventTitle: pick(full, 'title', registration.locale),
          eventUrl: eventPageUrl(full, registration.locale),
        },
      }))
      const queued = await enqueueMails(tx, mails)
      await recordAudit(tx, {
        organizationId: input.access.organization.id,
        actorId: input.access.personId,
        action: 'eventMaterial.mailed',
        entityType: 'event',
        entityId: event.id,
        data: { recipients: queued },
      })
      return { queued }
    },
    { timeout: 60_000 },
  )
}

export type { EventMaterialKind }

export type SeriesRecordings = {
  part: { slug: string; titleSv: string; titleEn: string; startsAt: Date }
  materials: { kind: EventMaterialKind; href: string; titleSv: string; titleEn: string; item: { titleSv: string; titleEn: string } | null }[]
}[]

/**
 * The series page's "Inspelningar": the public materials of every past public part, oldest part
 * first, with the same consent rule as the event page (an item's recording needs every speaker's yes).
 */
export async function listSeriesRecordings(input: { seriesSlug: string; now?: Date }): Promise<SeriesRecordings> {
  const now = input.now ?? new Date()
  const rows = await db.eventMaterial.findMany({
    where: {
      event: { series: { slug: input.seriesSlug, status: { not: 'draft' } }, status: { in: [...PUBLIC_STATUSES] }, endsAt: { lt: now } },
    },
    orderBy: [{ event: { startsAt: 'asc' } }, { item: { startsAt: 'asc' } }, { createdAt: 'asc' }],
    select: {
      kind: true,
      url: true,
      media: { select: { id: true, originalName: true } },
      titleSv: true,
      titleEn: true,
      event: { select: { id: true, slug: true, titleSv: true, titleEn: true, startsAt: true } },
      item: { select: { titleSv: true, titleEn: true, speakers: { select: { publishConsent: true, speaker: { select: { name: true } } } } } },
    },
    take: 1_000,
  })
  const parts = new Map<string, SeriesRecordings[number]>()
  for (const row of rows) {
    const href = row.media
      ? mediaUrl({ id: row.media.id, kind: 'slides', originalName: row.media.originalName })
      : row.url && isWebUrl(row.url)
        ? row.url
        : null
    if (!href) continue
    if (row.kind === 'recording' && row.item && consentGaps(row.item.speakers).length) continue
    const part = parts.get(row.event.id) ?? { part: row.event, materials: [] }
    part.materials.push({
      kind: row.kind,
      href,
      titleSv: row.titleSv,
      titleEn: row.titleEn,
      item: row.item ? { titleSv: row.item.titleSv, titleEn: row.item.titleEn } : null,
    })
    parts.set(row.event.id, part)
  }
  return [...parts.values()]
}
