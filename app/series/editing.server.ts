import { z } from 'zod'
import { recordAudit, type AuditAction } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import { assertCanManageEvents, LIMITS } from '../events/editing.server.ts'
import type { Series } from '../generated/prisma/client.ts'
import type { Access } from '../organizations/access.server.ts'
import { chooseSlug } from '../slug.server.ts'
import { isSlug } from '../slug.ts'

/**
 * Series in the organizer console: texts, and the organization's events as ordered parts
 * (seriesPosition 1..n, kept without gaps). Every query is scoped by the caller's organization;
 * viewers get ForbiddenError. Reordering locks the series row, so two quick clicks cannot
 * interleave.
 */

export const SeriesSchema = z.object({
  titleSv: z.string().trim().min(1).max(LIMITS.title),
  titleEn: z.string().trim().max(LIMITS.title).default(''),
  summarySv: z.string().trim().max(LIMITS.summary).default(''),
  summaryEn: z.string().trim().max(LIMITS.summary).default(''),
  descriptionSv: z.string().trim().max(LIMITS.description).default(''),
  descriptionEn: z.string().trim().max(LIMITS.description).default(''),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(LIMITS.slug)
    .default('')
    .refine((value) => value === '' || isSlug(value), 'organizer.event.invalidSlug'),
})
export type SeriesInput = z.output<typeof SeriesSchema>

/** A series of the organization with its parts in order, or NotFoundError. */
export async function getSeriesForEditing(input: { access: Access; seriesId: string }) {
  const series = await db.series.findFirst({
    where: { id: input.seriesId, organizationId: input.access.organization.id },
    include: {
      parts: {
        orderBy: [{ seriesPosition: { sort: 'asc', nulls: 'last' } }, { startsAt: 'asc' }],
        select: { id: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true, status: true, seriesPosition: true },
      },
    },
  })
  if (!series) throw new NotFoundError('error.seriesNotFound')
  const candidates = await db.event.findMany({
    where: { organizationId: input.access.organization.id, seriesId: null },
    orderBy: { startsAt: 'asc' },
    select: { id: true, titleSv: true, titleEn: true, startsAt: true },
  })
  return { series, candidates }
}

function slugInput(input: { access: Access; series: SeriesInput }) {
  return { requested: input.series.slug, title: input.series.titleSv, organizationSlug: input.access.organization.slug, maxLength: LIMITS.slug }
}

function texts(input: SeriesInput) {
  const { slug: _slug, ...rest } = input
  return rest
}

/** Creates a draft series. A typed slug in use: DomainError 'error.slugTaken' (field 'slug', with a free suggestion). */
export async function createSeries(input: { access: Access; series: SeriesInput }): Promise<Series> {
  assertCanManageEvents(input.access)
  const organizationId = input.access.organization.id
  return db.$transaction(async (tx) => {
    const slug = await chooseSlug(tx, { kind: 'series', ...slugInput(input) })
    const series = await tx.series.create({ data: { ...texts(input.series), slug, organizationId } })
    await recordAudit(tx, {
      organizationId,
      actorId: input.access.personId,
      action: 'series.created',
      entityType: 'series',
      entityId: series.id,
      data: { slug },
    })
    return series
  })
}

async function lockSeries(tx: Tx, organizationId: string, seriesId: string): Promise<Series> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM series WHERE id = ${seriesId}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`
  if (rows.length === 0) throw new NotFoundError('error.seriesNotFound')
  return tx.series.findUniqueOrThrow({ where: { id: seriesId } })
}

type SeriesChange = { access: Access; seriesId: string }

async function change<T>(input: SeriesChange, work: (tx: Tx, series: Series) => Promise<T>): Promise<T> {
  assertCanManageEvents(input.access)
  return db.$transaction(async (tx) => work(tx, await lockSeries(tx, input.access.organization.id, input.seriesId)))
}

function audit(tx: Tx, input: SeriesChange, action: AuditAction, data: Record<string, unknown>) {
  return recordAudit(tx, {
    organizationId: input.access.organization.id,
    actorId: input.access.personId,
    action,
    entityType: 'series',
    entityId: input.seriesId,
    data,
  })
}

/** Saves the texts (and slug, if one is typed). */
export async function updateSeries(input: SeriesChange & { series: SeriesInput }): Promise<Series> {
  return change(input, async (tx, series) => {
    const slug = input.series.slug ? await chooseSlug(tx, { kind: 'series', ...slugInput(input), exceptId: series.id }) : series.slug
    const saved = await tx.series.update({ where: { id: series.id }, data: { ...texts(input.series), slug } })
    await audit(tx, input, 'series.updated', { slug })
    return saved
  })
}

/** Publishes or unpublishes the series page (its parts keep their own status). */
export async function setSeriesPublished(input: SeriesChange & { published: boolean }): Promise<Series> {
  return change(input, async (tx, series) => {
    const status = input.published ? 'published' : 'draft'
    if (series.status === status) return series
    const saved = await tx.series.update({ where: { id: series.id }, data: { status } })
    await audit(tx, input, input.published ? 'series.published' : 'series.unpublished', {})
    return saved
  })
}

async function orderedParts(tx: Tx, seriesId: string) {
  return tx.event.findMany({
    where: { seriesId },
    orderBy: [{ seriesPosition: { sort: 'asc', nulls: 'last' } }, { startsAt: 'asc' }],
    select: { id: true, seriesPosition: true },
  })
}

async function renumber(tx: Tx, ids: string[]) {
  for (const [index, id] of ids.entries()) await tx.event.update({ where: { id }, data: { seriesPosition: index + 1 } })
}

/**
 * Adds an event of the organization (not in a series yet) as the last part. Another
 * organization's event, or one already in a series, is DomainError (field 'eventId').
 */
export async function addSeriesPart(input: SeriesChange & { eventId: string }) {
  return change(input, async (tx, series) => {
    const event = await tx.event.findFirst({ where: { id: input.eventId, organizationId: input.access.organization.id, seriesId: null } })
    if (!event) throw new DomainError('error.eventNotFound', 400, {}, 'eventId')
    const parts = await orderedParts(tx, series.id)
    await tx.event.update({ where: { id: event.id }, data: { seriesId: series.id, seriesPosition: parts.length + 1 } })
    await renumber(tx, [...parts.map((p) => p.id), event.id])
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'series.partAdded',
      entityType: 'event',
      entityId: event.id,
      data: { seriesId: series.id },
    })
  })
}

/** Takes a part out of the series (the event itself stays). */
export async function removeSeriesPart(input: SeriesChange & { eventId: string }) {
  return change(input, async (tx, series) => {
    const event = await tx.event.findFirst({ where: { id: input.eventId, seriesId: series.id } })
    if (!event) throw new NotFoundError('error.eventNotFound')
    await tx.event.update({ where: { id: event.id }, data: { seriesId: null, seriesPosition: null } })
    await renumber(
      tx,
      (await orderedParts(tx, series.id)).map((p) => p.id),
    )
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'series.partRemoved',
      entityType: 'event',
      entityId: event.id,
      data: { seriesId: series.id },
    })
  })
}

/** Moves a part one step up or down; at either end it stays where it is. */
export async function moveSeriesPart(input: SeriesChange & { eventId: string; direction: 'up' | 'down' }) {
  return change(input, async (tx, series) => {
    const ids = (await orderedParts(tx, series.id)).map((p) => p.id)
    const index = ids.indexOf(input.eventId)
    if (index < 0) throw new NotFoundError('error.eventNotFound')
    const target = input.direction === 'up' ? index - 1 : index + 1
    if (target < 0 || target >= ids.length) return
    ;[ids[index], ids[target]] = [ids[target], ids[index]]
    await renumber(tx, ids)
    await audit(tx, input, 'series.partMoved', { eventId: input.eventId, direction: input.direction })
  })
}
