import { z } from 'zod'
import { EmailSchema } from '../accounts/sign-in.server.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { db } from '../db/client.server.ts'
import { bouncedAmong } from '../mail/bounces.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import { AttendanceMode, County, PaymentStatus, RegistrationStatus, Sector, type Prisma } from '../generated/prisma/client.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { cancelRegistration, changeAttendanceMode, promoteRegistration, resendConfirmation } from './manage.server.ts'
import { registerAttendee } from './register.server.ts'
import { getSeatCounts } from './seats.server.ts'

/**
 * The organizer's view of an event's registrations: who is coming, on site or online, who waits,
 * what they answered and what they owe. Reads only; seats are changed by the registration domain
 * (register/manage), never here. Every query names the organization, so an id from another
 * organization finds nothing (404).
 */

export const REGISTRATIONS_PAGE_SIZE = 50

const blank = (value: unknown) => (value === '' || value === null ? undefined : value)

/** The list's query string: filters, free text and page. A value that is none of the choices is dropped. */
export const RegistrationQuerySchema = z.object({
  mode: z.preprocess(blank, z.enum(AttendanceMode).optional()),
  status: z.preprocess(blank, z.enum(RegistrationStatus).optional()),
  sector: z.preprocess(blank, z.enum(Sector).optional()),
  /** A county, or 'abroad' for "utanför Sverige". */
  county: z.preprocess(blank, z.union([z.enum(County), z.literal('abroad')]).optional()),
  payment: z.preprocess(blank, z.enum(PaymentStatus).optional()),
  /** Signed up for this programme item (an item with its own sign-up, e.g. the researchers' lunch). */
  item: z.preprocess(blank, z.uuid().optional()),
  /** A series part's registrations: 'series' = signed up for the whole series, 'part' = for this part only. */
  via: z.preprocess(blank, z.enum(['series', 'part']).optional()),
  q: z.preprocess((value) => (typeof value === 'string' ? blank(value.trim()) : value), z.string().max(100).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
})
export type RegistrationQuery = z.output<typeof RegistrationQuerySchema>

/** Reads the query string; invalid values are dropped (a typed-in URL never breaks the page). */
export function parseRegistrationQuery(params: URLSearchParams): RegistrationQuery {
  const raw: Record<string, string> = {}
  for (const key of Object.keys(RegistrationQuerySchema.shape)) {
    const value = params.get(key)
    if (value !== null) raw[key] = value
  }
  const first = RegistrationQuerySchema.safeParse(raw)
  if (first.success) return first.data
  for (const issue of first.error.issues) delete raw[String(issue.path[0])]
  return RegistrationQuerySchema.parse(raw)
}

/** The query string for a page of the list with these filters (empty values left out). */
export function registrationSearch(query: Partial<RegistrationQuery>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || (key === 'page' && value === 1)) continue
    params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

async function findEvent(access: Access, eventId: string) {
  const event = await db.event.findFirst({
    where: { id: eventId, organizationId: access.organization.id },
    include: { questions: { orderBy: { position: 'asc' } }, ticketTypes: { orderBy: { position: 'asc' } } },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

/** The where-clause of the list's filters (also the export's, so a download is the filtered list). */
export function filterWhere(eventId: string, query: RegistrationQuery): Prisma.RegistrationWhereInput {
  const where: Prisma.RegistrationWhereInput = { eventId }
  if (query.mode) where.attendanceMode = query.mode
  if (query.status) where.status = query.status
  if (query.sector) where.sector = query.sector
  if (query.county === 'abroad') where.abroad = true
  else if (query.county) where.county = query.county
  if (query.payment) where.paymentStatus = query.payment
  if (query.item) where.itemSignups = { some: { itemId: query.item } }
  if (query.via === 'series') where.seriesSignupId = { not: null }
  else if (query.via === 'part') where.seriesSignupId = null
  if (query.q) {
    const contains = { contains: query.q, mode: 'insensitive' as const }
    where.OR = [{ name: contains }, { email: contains }, { organizationName: contains }]
  }
  return where
}

export type ModeCounts = { confirmed: number; waitlisted: number; cancelled: number; interest: number; capacity: number | null; left: number | null }

/**
 * Registrations by mode and status, and the places left per mode (null: no limit). Capacity and
 * places left come from the registration domain's seat count (getSeatCounts), the one source of truth.
 */
export async function countRegistrations(eventId: string) {
  const [groups, seats] = await Promise.all([
    db.registration.groupBy({ by: ['attendanceMode', 'status'], where: { eventId }, _count: { _all: true } }),
    getSeatCounts(eventId),
  ])
  const empty = (mode: AttendanceMode): ModeCounts => ({
    confirmed: 0,
    waitlisted: 0,
    cancelled: 0,
    interest: 0,
    capacity: seats[mode].capacity,
    left: seats[mode].left,
  })
  const counts = { on_site: empty('on_site'), online: empty('online') }
  for (const group of groups) counts[group.attendanceMode][group.status] += group._count._all
  return counts
}

export type AnswerRow = { questionId: string; labelSv: string; labelEn: string; value: string[] | boolean | null }

type Question = { id: string; kind: string; labelSv: string; labelEn: string; options: unknown }

/**
 * The answers to the event's questions, in the questions' order. Choice values become their labels
 * (both languages, so the component picks); an unanswered question is null.
 */
export function answerRows(questions: Question[], answers: unknown): Array<AnswerRow & { options?: Record<string, { sv: string; en: string }> }> {
  const given = answers && typeof answers === 'object' && !Array.isArray(answers) ? (answers as Record<string, unknown>) : {}
  return questions.map((question) => {
    const raw = given[question.id]
    const options = Array.isArray(question.options) ? (question.options as Array<{ value?: unknown; sv?: unknown; en?: unknown }>) : []
    const label = (value: string) => {
      const option = options.find((candidate) => candidate.value === value)
      return option ? { sv: String(option.sv ?? value), en: String(option.en ?? option.sv ?? value) } : null
    }
    let value: AnswerRow['value'] = null
    if (typeof raw === 'boolean') value = raw
    else if (typeof raw === 'string' && raw.trim()) value = [raw]
    else if (Array.isArray(raw)) value = raw.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    if (Array.isArray(value) && value.length === 0) value = null
    const labels = Array.isArray(value) ? Object.fromEntries(value.flatMap((item) => (label(item) ? [[item, label(item)!]] : []))) : undefined
    return { questionId: question.id, labelSv: question.labelSv, labelEn: question.labelEn, value, options: labels }
  })
}

/**
 * Viewers and up. One page of an event's registrations with the filters applied (newest first;
 * the waitlist in queue order when it is the filter), their answers and ticket details, the counts
 * at a glance and each waitlisted person's place in the queue of their mode.
 * Throws NotFound for another organization's event.
 */
export async function listRegistrations(input: { access: Access; eventId: string; query: RegistrationQuery }) {
  const event = await findEvent(input.access, input.eventId)
  const where = filterWhere(event.id, input.query)
  const skip = (input.query.page - 1) * REGISTRATIONS_PAGE_SIZE
  const orderBy: Prisma.RegistrationOrderByWithRelationInput[] =
    input.query.status === 'waitlisted' ? [{ queuedAt: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'asc' }]
  const [rows, total, counts, queue] = await Promise.all([
    db.registration.findMany({ where, orderBy, skip, take: REGISTRATIONS_PAGE_SIZE, include: { ticketType: true, invite: { select: { id: true } } } }),
    db.registration.count({ where }),
    countRegistrations(event.id),
    db.registration.findMany({
      where: { eventId: event.id, status: 'waitlisted' },
      orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }],
      select: { id: true, attendanceMode: true },
    }),
  ])
  // "studsar": the relay refused mail to the address (app/mail/bounces.server.ts).
  const bounced = await bouncedAmong(rows.map((row) => row.emailNormalized))
  const positions = new Map<string, number>()
  const seen = { on_site: 0, online: 0 }
  for (const entry of queue) positions.set(entry.id, ++seen[entry.attendanceMode])
  const isPriced = event.ticketTypes.some((ticket) => ticket.priceOre > 0) || rows.some((row) => row.priceOre > 0)
  return {
    event: {
      id: event.id,
      slug: event.slug,
      titleSv: event.titleSv,
      titleEn: event.titleEn,
      format: event.format,
      status: event.status,
      registrationMode: event.registrationMode,
      capacityOnSite: event.capacityOnSite,
      capacityOnline: event.capacityOnline,
      ticketTypes: event.ticketTypes.map((ticket) => ({ id: ticket.id, nameSv: ticket.nameSv, nameEn: ticket.nameEn, priceOre: ticket.priceOre })),
    },
    questions: event.questions.map((question) => ({ id: question.id, labelSv: question.labelSv, labelEn: question.labelEn })),
    isPriced,
    counts,
    total,
    page: input.query.page,
    hasNext: skip + rows.length < total,
    registrations: rows.map((row) => ({
      id: row.id,
      name: row.anonymizedAt ? '' : row.name,
      // An anonymized row's made-up address is nobody's (ADR 0031): the list shows "Anonymiserad" instead.
      email: row.anonymizedAt ? '' : row.email,
      isAnonymized: row.anonymizedAt !== null,
      organizationName: row.organizationName,
      sector: row.sector,
      county: row.county,
      abroad: row.abroad,
      attendanceMode: row.attendanceMode,
      status: row.status,
      waitlistPosition: positions.get(row.id) ?? null,
      createdAt: row.createdAt,
      cancelledAt: row.cancelledAt,
      isInvited: row.invite !== null,
      hasBounced: bounced.has(row.emailNormalized),
      answers: answerRows(event.questions, row.answers),
      ticket: row.ticketType ? { nameSv: row.ticketType.nameSv, nameEn: row.ticketType.nameEn } : null,
      priceOre: row.priceOre,
      vatRate: row.vatRate,
      invoiceOrgNumber: row.invoiceOrgNumber,
      invoiceAddress: row.invoiceAddress,
      invoiceEReference: row.invoiceEReference,
      buyerReference: row.buyerReference,
      paymentStatus: row.paymentStatus,
      privacyVersion: row.privacyVersion,
      privacyAcceptedAt: row.privacyAcceptedAt,
    })),
  }
}

export type RegistrationList = Awaited<ReturnType<typeof listRegistrations>>

/** The payment states an organizer sets; not_applicable belongs to free registrations only. */
export const PaymentMarkSchema = z.object({ paymentStatus: z.enum(['unpaid', 'invoiced', 'paid']) })

/**
 * Organizers and owners. Marks a priced registration unpaid, invoiced or paid (there are no card
 * payments: the organizer invoices outside Samling). Throws NotFound (not this organization's),
 * Forbidden (viewer), 409 for a free registration. Repeating it is safe: the same status again
 * changes nothing and writes no audit entry.
 */
export async function setPaymentStatus(input: { access: Access; eventId: string; registrationId: string; paymentStatus: 'unpaid' | 'invoiced' | 'paid' }) {
  if (!canManageEvents(input.access.role)) throw new ForbiddenError()
  return db.$transaction(async (tx) => {
    const registration = await tx.registration.findFirst({
      where: { id: input.registrationId, eventId: input.eventId, event: { organizationId: input.access.organization.id } },
      select: { id: true, priceOre: true, paymentStatus: true, emailNormalized: true },
    })
    if (!registration) throw new NotFoundError()
    if (registration.priceOre <= 0) throw new DomainError('organizer.registrations.notPriced', 409)
    if (registration.paymentStatus === input.paymentStatus) return registration
    const updated = await tx.registration.update({ where: { id: registration.id }, data: { paymentStatus: input.paymentStatus } })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'registration.paymentMarked',
      entityType: 'registration',
      entityId: registration.id,
      data: { from: registration.paymentStatus, to: input.paymentStatus },
    })
    return updated
  })
}

/**
 * The registration `registrationId` of this event in this organization, for an organizer's change;
 * NotFound when it is another event's or another organization's, Forbidden for viewers. The seat
 * changes themselves are the registration domain's (manage.server.ts), which locks the event.
 */
async function findManagedRegistration(input: { access: Access; eventId: string; registrationId: string }) {
  if (!canManageEvents(input.access.role)) throw new ForbiddenError()
  const registration = await db.registration.findFirst({
    where: { id: input.registrationId, eventId: input.eventId, event: { organizationId: input.access.organization.id } },
    select: { id: true, status: true },
  })
  if (!registration) throw new NotFoundError()
  return registration
}

type ManageInput = { access: Access; eventId: string; registrationId: string }

const organizerActor = (input: ManageInput) => ({
  registrationId: input.registrationId,
  organizationId: input.access.organization.id,
  actorId: input.access.personId,
})

/**
 * Organizers and owners: cancels on the person's behalf (they get the cancellation mail; a freed seat
 * goes to the first on the waitlist). Repeating it is safe: an already cancelled registration stays as it is.
 */
export async function cancelOnBehalf(input: ManageInput) {
  await findManagedRegistration(input)
  return cancelRegistration({ ...organizerActor(input), by: 'organizer' })
}

/** Organizers and owners: takes a waitlisted person off the waitlist (409 for anyone else). */
export async function removeFromWaitlist(input: ManageInput) {
  const registration = await findManagedRegistration(input)
  if (registration.status !== 'waitlisted') throw new DomainError('organizer.registrations.notWaitlisted', 409)
  return cancelRegistration({ ...organizerActor(input), by: 'organizer' })
}

export const MoveSchema = z.object({ mode: z.enum(AttendanceMode) })

/** Organizers and owners: moves a registration to the other mode of a hybrid event, if that mode has a seat (409 otherwise). */
export async function moveRegistration(input: ManageInput & { mode: AttendanceMode }) {
  await findManagedRegistration(input)
  return changeAttendanceMode({ ...organizerActor(input), by: 'organizer', mode: input.mode })
}

/** Organizers and owners: gives a waitlisted person a seat by hand, even past the capacity (the audit log says so). */
export async function promoteByHand(input: ManageInput) {
  await findManagedRegistration(input)
  return promoteRegistration(organizerActor(input))
}

/** Organizers and owners: mails the confirmation (or waitlist notice) again, with the same manage link. Each call is one more mail. */
export async function resendRegistrationMail(input: ManageInput) {
  await findManagedRegistration(input)
  return resendConfirmation({ registrationId: input.registrationId, organizationId: input.access.organization.id })
}

export const AddRegistrationSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: EmailSchema,
  attendanceMode: z.enum(AttendanceMode),
  locale: z.enum(['sv', 'en']).default('sv'),
  ticketTypeId: z.preprocess(blank, z.uuid().optional()),
})

/**
 * Organizers and owners: registers someone by hand. The same rules as the public form for seats
 * (a full mode means the waitlist), but no registration window, consent or invitation is asked for.
 * The person gets the usual mail. An address already registered answers 'exists' (and the person
 * gets their link again). Throws NotFound for another organization's event.
 */
export async function addRegistrationByHand(input: { access: Access; eventId: string; person: z.output<typeof AddRegistrationSchema> }) {
  if (!canManageEvents(input.access.role)) throw new ForbiddenError()
  const event = await findEvent(input.access, input.eventId)
  const ticketTypeId = input.person.ticketTypeId ?? event.ticketTypes[0]?.id ?? null
  if (ticketTypeId && !event.ticketTypes.some((ticket) => ticket.id === ticketTypeId)) throw new DomainError('form.invalidChoice', 400, {}, 'ticketTypeId')
  return registerAttendee({
    event: { id: event.id },
    source: 'organizer',
    actorId: input.access.personId,
    input: {
      name: input.person.name,
      email: input.person.email,
      organizationName: null,
      sector: null,
      county: null,
      abroad: false,
      locale: input.person.locale,
      attendanceMode: input.person.attendanceMode,
      whenFull: 'waitlist',
      ticketTypeId,
      invoice: null,
      answers: {},
      itemIds: [],
      inviteToken: null,
    },
  })
}
