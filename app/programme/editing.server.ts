import { z } from 'zod'
import { recordAudit, type AuditAction } from '../audit/audit.server.ts'
import { asUuid } from '../ids.server.ts'
import { issue, type FormIssue, type FormValues } from '../forms.server.ts'
import type { Tx } from '../db/client.server.ts'
import { ProgrammeItemType, SpeakerRole } from '../enums.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import { begin, LIMITS, optionalHttpsUrl, optionalInteger, type ParseResult } from '../events/editing.server.ts'
import type { Event, ProgrammeItem } from '../generated/prisma/client.ts'
import type { Locale } from '../i18n/index.ts'
import type { Access } from '../organizations/access.server.ts'
import { assertOrganizationSpeakers, createSpeakerProfile } from '../speakers/profiles.server.ts'
import { mailSessionChanges, mailSessionDeleted, sessionSpeakers } from '../speakers/session-mail.server.ts'
import { formatTimeRange, readStockholmLocal, startOfStockholmDay, stockholmDay } from '../time.ts'

/**
 * The programme editor's changes: rooms, tracks and items with their speakers. Every function
 * takes the caller's Access, checks the organizer role, locks the event row (scoped by the
 * organization) and writes its audit entry in the same transaction. Locking the event is what
 * makes the "no two items in one room at the same time" rule hold under concurrent edits: the
 * overlap check and the write happen while no one else can change this event's programme.
 */

const MAX_DAYS = 31

/** The Stockholm days an event covers ("2027-02-12", …), at most 31. */
export function eventDays(event: Pick<Event, 'startsAt' | 'endsAt'>): string[] {
  const days: string[] = []
  const last = stockholmDay(event.endsAt)
  for (let offset = 0; offset < MAX_DAYS; offset++) {
    const day = stockholmDay(startOfStockholmDay(event.startsAt, offset))
    days.push(day)
    if (day >= last) break
  }
  return days
}

const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, 'organizer.programme.invalidTime')

const ItemFieldsSchema = z.object({
  type: z.enum(ProgrammeItemType),
  titleSv: z.string().trim().min(1).max(LIMITS.title),
  titleEn: z.string().trim().max(LIMITS.title).default(''),
  descriptionSv: z.string().trim().max(LIMITS.description).default(''),
  descriptionEn: z.string().trim().max(LIMITS.description).default(''),
  day: z.string().trim().max(10),
  startTime: time,
  endTime: time,
  roomId: z.string().trim().max(40).default(''),
  trackId: z.string().trim().max(40).default(''),
  capacity: optionalInteger(0, LIMITS.capacity),
  recordingUrl: optionalHttpsUrl,
  slidesUrl: optionalHttpsUrl,
  newSpeakerName: z.string().trim().max(120).default(''),
  newSpeakerTitle: z.string().trim().max(LIMITS.title).default(''),
  newSpeakerAffiliation: z.string().trim().max(LIMITS.title).default(''),
  newSpeakerRole: z.enum(SpeakerRole).default('speaker'),
})

export type SpeakerChoice = { speakerId: string; role: SpeakerRole }
export type ItemInput = {
  type: ProgrammeItemType
  titleSv: string
  titleEn: string
  descriptionSv: string
  descriptionEn: string
  startsAt: Date
  endsAt: Date
  roomId: string | null
  trackId: string | null
  capacity: number | null
  recordingUrl: string | null
  slidesUrl: string | null
  speakers: SpeakerChoice[]
  newSpeaker: { name: string; title: string; affiliation: string; role: SpeakerChoice['role'] } | null
}

/**
 * Reads the add/edit item form. Speakers are checkboxes `speaker.<id>` with a role select
 * `speakerRole.<id>`; a new profile comes from `newSpeakerName` (+ title, affiliation, role).
 * `days` are the event's days; the item must be on one of them and end after it starts.
 */
export function parseItemForm(values: FormValues, days: string[]): ParseResult<ItemInput> {
  const issues: FormIssue[] = []
  const fields = ItemFieldsSchema.safeParse(values)
  if (!fields.success) issues.push(...(fields.error.issues as FormIssue[]))
  const speakers: SpeakerChoice[] = []
  for (const key of Object.keys(values)) {
    const match = /^speaker\.(.+)$/.exec(key)
    if (!match) continue
    const speakerId = asUuid(match[1])
    if (!speakerId) {
      issues.push(issue('speakers', 'error.speakerNotFound'))
      continue
    }
    const role = z.enum(SpeakerRole).safeParse(values[`speakerRole.${speakerId}`] || 'speaker')
    if (!role.success) issues.push(issue(`speakerRole.${speakerId}`, 'form.invalidChoice'))
    else speakers.push({ speakerId, role: role.data })
  }
  if (speakers.length > 50) issues.push(issue('speakers', 'form.invalid'))
  if (!fields.success) return { success: false, error: { issues } }
  const data = fields.data
  if (!days.includes(data.day)) issues.push(issue('day', 'organizer.programme.invalidDay'))
  const start = readStockholmLocal(`${data.day} ${data.startTime}`)
  const end = readStockholmLocal(`${data.day} ${data.endTime}`)
  const startsAt = start.kind === 'exact' || start.kind === 'ambiguous' ? start.instant : null
  const endsAt = end.kind === 'exact' || end.kind === 'ambiguous' ? end.instant : null
  if (start.kind === 'invalid') issues.push(issue('day', 'organizer.programme.invalidDay'))
  if (start.kind === 'skipped') issues.push(issue('startTime', 'form.timeSkipped'))
  if (end.kind === 'skipped') issues.push(issue('endTime', 'form.timeSkipped'))
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) issues.push(issue('endTime', 'organizer.programme.endBeforeStart'))
  const roomId = data.roomId ? asUuid(data.roomId) : null
  if (data.roomId && !roomId) issues.push(issue('roomId', 'organizer.programme.roomNotFound'))
  const trackId = data.trackId ? asUuid(data.trackId) : null
  if (data.trackId && !trackId) issues.push(issue('trackId', 'organizer.programme.trackNotFound'))
  if (issues.length || !startsAt || !endsAt) return { success: false, error: { issues } }
  return {
    success: true,
    data: {
      type: data.type,
      titleSv: data.titleSv,
      titleEn: data.titleEn,
      descriptionSv: data.descriptionSv,
      descriptionEn: data.descriptionEn,
      startsAt,
      endsAt,
      roomId,
      trackId,
      capacity: data.capacity,
      recordingUrl: data.recordingUrl,
      slidesUrl: data.slidesUrl,
      speakers,
      newSpeaker: data.newSpeakerName
        ? { name: data.newSpeakerName, title: data.newSpeakerTitle, affiliation: data.newSpeakerAffiliation, role: data.newSpeakerRole }
        : null,
    },
  }
}

type ProgrammeInput = { access: Access; eventId: string }

function audit(tx: Tx, input: ProgrammeInput, action: AuditAction, entityType: string, entityId: string, data: Record<string, unknown>) {
  return recordAudit(tx, {
    organizationId: input.access.organization.id,
    actorId: input.access.personId,
    action,
    entityType,
    entityId,
    data: { eventId: input.eventId, ...data },
  })
}

/**
 * Adds (no itemId) or changes (itemId) a programme item with its speakers. Throws DomainError
 * 'organizer.programme.overlap' (409, field 'roomId', naming the other item and its time) when the
 * room is taken at that time; NotFound-style field errors for rooms, tracks or speakers that are
 * not this event's or organization's. A change of time or room bumps the item's revision; its
 * accepted speakers get an updated calendar invitation, and one taken off it a CANCEL (session-mail).
 */
export async function saveProgrammeItem(input: ProgrammeInput & { itemId?: string; item: ItemInput; locale?: Locale }): Promise<ProgrammeItem> {
  return begin(input, async (tx, event) => {
    const item = input.item
    const existing = input.itemId ? await tx.programmeItem.findFirst({ where: { id: input.itemId, eventId: event.id } }) : null
    if (input.itemId && !existing) throw new NotFoundError('organizer.programme.itemNotFound')
    const speakersBefore = existing ? await sessionSpeakers(tx, existing.id) : []
    if (item.roomId && !(await tx.room.findFirst({ where: { id: item.roomId, eventId: event.id }, select: { id: true } }))) {
      throw new DomainError('organizer.programme.roomNotFound', 400, {}, 'roomId')
    }
    if (item.trackId && !(await tx.track.findFirst({ where: { id: item.trackId, eventId: event.id }, select: { id: true } }))) {
      throw new DomainError('organizer.programme.trackNotFound', 400, {}, 'trackId')
    }
    await assertOrganizationSpeakers(
      tx,
      input.access.organization.id,
      item.speakers.map((s) => s.speakerId),
    )
    if (item.roomId) {
      const clash = await tx.programmeItem.findFirst({
        where: {
          eventId: event.id,
          roomId: item.roomId,
          startsAt: { lt: item.endsAt },
          endsAt: { gt: item.startsAt },
          ...(existing ? { id: { not: existing.id } } : {}),
        },
        orderBy: { startsAt: 'asc' },
      })
      if (clash) {
        throw new DomainError(
          'organizer.programme.overlap',
          409,
          { title: clash.titleSv, time: formatTimeRange(clash.startsAt, clash.endsAt, input.locale ?? 'sv') },
          'roomId',
        )
      }
    }
    const data = {
      type: item.type,
      titleSv: item.titleSv,
      titleEn: item.titleEn,
      descriptionSv: item.descriptionSv,
      descriptionEn: item.descriptionEn,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      roomId: item.roomId,
      trackId: item.trackId,
      capacity: item.capacity,
      recordingUrl: item.recordingUrl,
      slidesUrl: item.slidesUrl,
    }
    const moved =
      existing &&
      (existing.startsAt.getTime() !== item.startsAt.getTime() || existing.endsAt.getTime() !== item.endsAt.getTime() || existing.roomId !== item.roomId)
    const saved = existing
      ? await tx.programmeItem.update({ where: { id: existing.id }, data: { ...data, ...(moved ? { revision: { increment: 1 } } : {}) } })
      : await tx.programmeItem.create({ data: { ...data, eventId: event.id } })
    const roles = [...item.speakers]
    if (item.newSpeaker) {
      const profile = await createSpeakerProfile(tx, item.newSpeaker)
      roles.push({ speakerId: profile.id, role: item.newSpeaker.role })
    }
    await tx.programmeRole.deleteMany({ where: { itemId: saved.id } })
    if (roles.length) {
      await tx.programmeRole.createMany({
        data: roles.map((role, position) => ({ itemId: saved.id, speakerId: role.speakerId, role: role.role, position })),
        skipDuplicates: true,
      })
    }
    await mailSessionChanges(tx, { itemId: saved.id, before: existing, speakersBefore })
    await audit(tx, input, existing ? 'programme.itemUpdated' : 'programme.itemAdded', 'programmeItem', saved.id, {
      titleSv: saved.titleSv,
      moved: Boolean(moved),
    })
    return saved
  })
}

/** Removes an item (its speaker roles and sign-ups go with it; its accepted speakers get a CANCEL). NotFound for another event's item. */
export async function deleteProgrammeItem(input: ProgrammeInput & { itemId: string }): Promise<void> {
  await begin(input, async (tx, event) => {
    const item = await tx.programmeItem.findFirst({ where: { id: input.itemId, eventId: event.id } })
    if (!item) throw new NotFoundError('organizer.programme.itemNotFound')
    await mailSessionDeleted(tx, { itemId: item.id })
    await tx.programmeItem.delete({ where: { id: item.id } })
    await audit(tx, input, 'programme.itemDeleted', 'programmeItem', item.id, { titleSv: item.titleSv })
  })
}

export const RoomNameSchema = z.object({ name: z.string().trim().min(1).max(120) })
export const TrackSchema = z.object({ nameSv: z.string().trim().min(1).max(120), nameEn: z.string().trim().max(120).default('') })

/** Adds a room; a name already used in this event is DomainError 'organizer.programme.roomExists' (field 'name'). */
export async function addRoom(input: ProgrammeInput & { name: string }) {
  return begin(input, async (tx, event) => {
    if (await tx.room.findFirst({ where: { eventId: event.id, name: input.name } })) throw new DomainError('organizer.programme.roomExists', 400, {}, 'name')
    const last = await tx.room.aggregate({ where: { eventId: event.id }, _max: { position: true } })
    const room = await tx.room.create({ data: { eventId: event.id, name: input.name, position: (last._max.position ?? -1) + 1 } })
    await audit(tx, input, 'programme.roomAdded', 'room', room.id, { name: room.name })
    return room
  })
}

export async function renameRoom(input: ProgrammeInput & { roomId: string; name: string }) {
  return begin(input, async (tx, event) => {
    const room = await tx.room.findFirst({ where: { id: input.roomId, eventId: event.id } })
    if (!room) throw new NotFoundError('organizer.programme.roomNotFound')
    if (room.name === input.name) return room
    if (await tx.room.findFirst({ where: { eventId: event.id, name: input.name } })) throw new DomainError('organizer.programme.roomExists', 400, {}, 'name')
    const renamed = await tx.room.update({ where: { id: room.id }, data: { name: input.name } })
    await audit(tx, input, 'programme.roomRenamed', 'room', room.id, { from: room.name, to: input.name })
    return renamed
  })
}

/** Removes a room; its items stay in the programme without a room. */
export async function removeRoom(input: ProgrammeInput & { roomId: string }) {
  await begin(input, async (tx, event) => {
    const room = await tx.room.findFirst({ where: { id: input.roomId, eventId: event.id } })
    if (!room) throw new NotFoundError('organizer.programme.roomNotFound')
    await tx.room.delete({ where: { id: room.id } })
    await audit(tx, input, 'programme.roomRemoved', 'room', room.id, { name: room.name })
  })
}

export async function addTrack(input: ProgrammeInput & { nameSv: string; nameEn: string }) {
  return begin(input, async (tx, event) => {
    if (await tx.track.findFirst({ where: { eventId: event.id, nameSv: input.nameSv } }))
      throw new DomainError('organizer.programme.trackExists', 400, {}, 'nameSv')
    const track = await tx.track.create({ data: { eventId: event.id, nameSv: input.nameSv, nameEn: input.nameEn } })
    await audit(tx, input, 'programme.trackAdded', 'track', track.id, { nameSv: track.nameSv })
    return track
  })
}

export async function removeTrack(input: ProgrammeInput & { trackId: string }) {
  await begin(input, async (tx, event) => {
    const track = await tx.track.findFirst({ where: { id: input.trackId, eventId: event.id } })
    if (!track) throw new NotFoundError('organizer.programme.trackNotFound')
    await tx.track.delete({ where: { id: track.id } })
    await audit(tx, input, 'programme.trackRemoved', 'track', track.id, { nameSv: track.nameSv })
  })
}
