import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { asUuid } from '../ids.server.ts'
import { issue, type FormIssue, type FormValues } from '../forms.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import type { Event } from '../generated/prisma/client.ts'
import { promoteAfterCapacityChange } from '../registrations/manage.server.ts'
import { offerNewSeriesPart } from '../registrations/series-offers.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { notifyInterestedPeople } from '../registrations/interest.server.ts'
import { ATTENDEE_VISIBLE_FIELDS, recordEventChange } from './changes.server.ts'
import { chooseSlug } from '../slug.server.ts'
import { County, EventFormat, QuestionKind, RegistrationMode } from '../enums.ts'
import { isSlug } from '../slug.ts'
import { readStockholmLocal, toLocalInputValue } from '../time.ts'

/**
 * Creating and editing events in the organizer console. Every function takes the caller's
 * `Access` (from requireMembership) and scopes each query by its organization, so a member of one
 * organization can neither read nor change another's events. Viewers get ForbiddenError.
 * Revision rules: docs/decisions/0007-organizer-console.md.
 */

export const LIMITS = {
  title: 200,
  summary: 600,
  description: 20_000,
  slug: 80,
  venue: 200,
  city: 100,
  url: 2000,
  capacity: 100_000,
  ticketRows: 20,
  questionRows: 30,
  option: 200,
  options: 30,
  priceKr: 1_000_000,
} as const

export function assertCanManageEvents(access: Access): void {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
}

// ---------- form schemas (shared by the new and edit routes) ----------

const requiredText = (max: number) => z.string().trim().min(1).max(max)
const optionalText = (max: number) => z.string().trim().max(max).default('')

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && Boolean(url.hostname) && !/\s/.test(value)
  } catch {
    return false
  }
}

/** '' → null, otherwise an https URL. */
export const optionalHttpsUrl = z
  .string()
  .trim()
  .max(LIMITS.url)
  .default('')
  .refine((value) => value === '' || isHttpsUrl(value), 'form.invalidUrl')
  .transform((value) => (value === '' ? null : value))

/** '' → null (unlimited), otherwise a whole number in [min, max]. */
export function optionalInteger(min: number, max: number) {
  return z
    .string()
    .trim()
    .max(20)
    .default('')
    .transform((value, ctx) => {
      if (value === '') return null
      if (!/^-?\d+$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'form.invalidNumber' })
        return z.NEVER
      }
      return Number(value)
    })
    .pipe(z.number().int().min(min).max(max).nullable())
}

/**
 * Stockholm wall time from <input type="datetime-local"> ("2027-02-12T09:00") → instant. A time the
 * spring switch skips is refused with its own message; a time the autumn switch repeats is the
 * first one (summer time), and the console page says so (see ambiguousTimeNotes).
 */
function localTime(value: string, ctx: z.RefinementCtx): Date | typeof z.NEVER {
  const read = readStockholmLocal(value)
  if (read.kind === 'exact' || read.kind === 'ambiguous') return read.instant
  ctx.addIssue({ code: 'custom', message: read.kind === 'skipped' ? 'form.timeSkipped' : 'form.invalidDate' })
  return z.NEVER
}

const requiredLocalTime = z.string().trim().min(1).max(40).transform(localTime)

const optionalLocalTime = z
  .string()
  .trim()
  .max(40)
  .default('')
  .transform((value, ctx) => (value === '' ? null : localTime(value, ctx)))

const priceOre = z
  .string()
  .trim()
  .max(20)
  .default('')
  .transform((value, ctx) => {
    const normalized = value.replace(/\s/g, '').replace(',', '.')
    if (!/^\d+(\.\d{1,2})?$/.test(normalized) || Number(normalized) > LIMITS.priceKr) {
      ctx.addIssue({ code: 'custom', message: 'organizer.tickets.invalidPrice' })
      return z.NEVER
    }
    return Math.round(Number(normalized) * 100)
  })

const TicketRowSchema = z.object({
  id: z.string().trim().max(40).default(''),
  nameSv: requiredText(LIMITS.title),
  nameEn: optionalText(LIMITS.title),
  price: priceOre,
})

const QuestionRowSchema = z.object({
  id: z.string().trim().max(40).default(''),
  kind: z.enum(QuestionKind),
  labelSv: requiredText(LIMITS.title),
  labelEn: optionalText(LIMITS.title),
  options: optionalText(LIMITS.option * LIMITS.options),
  required: z.string().max(10).default(''),
})

const EventFieldsSchema = z.object({
  titleSv: requiredText(LIMITS.title),
  titleEn: optionalText(LIMITS.title),
  summarySv: optionalText(LIMITS.summary),
  summaryEn: optionalText(LIMITS.summary),
  descriptionSv: optionalText(LIMITS.description),
  descriptionEn: optionalText(LIMITS.description),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(LIMITS.slug)
    .default('')
    .refine((value) => value === '' || isSlug(value), 'organizer.event.invalidSlug'),
  format: z.enum(EventFormat),
  startsAt: requiredLocalTime,
  endsAt: requiredLocalTime,
  venueName: optionalText(LIMITS.venue),
  venueAddress: optionalText(LIMITS.venue),
  postalCode: optionalText(10).refine((value) => value === '' || /^\d{3} ?\d{2}$/.test(value), 'organizer.event.invalidPostalCode'),
  city: optionalText(LIMITS.city),
  county: z.union([z.literal(''), z.enum(County)]).default(''),
  onlineUrl: optionalHttpsUrl,
  capacityOnSite: optionalInteger(0, LIMITS.capacity),
  capacityOnline: optionalInteger(0, LIMITS.capacity),
  registrationMode: z.enum(RegistrationMode).default('open'),
  registrationOpensAt: optionalLocalTime,
  registrationClosesAt: optionalLocalTime,
  seriesId: z.string().trim().max(40).default(''),
  seriesPosition: optionalInteger(1, 1000),
})

export type TicketInput = { id: string | null; nameSv: string; nameEn: string; priceOre: number }
export type QuestionOption = { value: string; sv: string; en: string }
export type QuestionInput = {
  id: string | null
  kind: QuestionKind
  labelSv: string
  labelEn: string
  options: QuestionOption[]
  required: boolean
}
export type EventInput = Omit<z.output<typeof EventFieldsSchema>, 'county' | 'seriesId'> & {
  county: County | null
  seriesId: string | null
  tickets: TicketInput[]
  questions: QuestionInput[]
}

/** Row indexes present in the form for a repeated group ("tickets.3.nameSv" → 3). */
export function rowIndexes(values: FormValues, group: string, max: number): number[] {
  const pattern = new RegExp(`^${group}\\.(\\d{1,3})\\.`)
  const found = new Set<number>()
  for (const key of Object.keys(values)) {
    const match = pattern.exec(key)
    if (match && Number(match[1]) < max) found.add(Number(match[1]))
  }
  return [...found].sort((a, b) => a - b)
}

function rowValues(values: FormValues, group: string, index: number): Record<string, string> {
  const prefix = `${group}.${index}.`
  return Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  )
}

const isBlank = (row: Record<string, string>, keys: string[]) => keys.every((key) => !row[key]?.trim())

function parseOptions(text: string): QuestionOption[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, index) => {
      const [sv, en] = line.split('|').map((part) => part.trim())
      return { value: `o${index + 1}`, sv: sv ?? '', en: en || sv || '' }
    })
}

export type ParseResult<T> = { success: true; data: T } | { success: false; error: { issues: FormIssue[] } }

/**
 * Reads the event form: texts, time and place, capacities, registration window, series, ticket
 * rows (`tickets.N.*`) and question rows (`questions.N.*`). Blank rows are ignored. Returns every
 * problem at once, keyed by the form field names, with i18n keys as messages.
 */
export function parseEventForm(values: FormValues): ParseResult<EventInput> {
  const issues: FormIssue[] = []
  const fields = EventFieldsSchema.safeParse(values)
  if (!fields.success) issues.push(...(fields.error.issues as FormIssue[]))

  const tickets: TicketInput[] = []
  for (const index of rowIndexes(values, 'tickets', LIMITS.ticketRows)) {
    const row = rowValues(values, 'tickets', index)
    if (isBlank(row, ['nameSv', 'nameEn', 'price'])) continue
    const parsed = TicketRowSchema.safeParse(row)
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((i) => ({ ...i, path: ['tickets', index, ...i.path] }) as FormIssue))
      continue
    }
    tickets.push({ id: parsed.data.id || null, nameSv: parsed.data.nameSv, nameEn: parsed.data.nameEn, priceOre: parsed.data.price })
  }

  const questions: QuestionInput[] = []
  for (const index of rowIndexes(values, 'questions', LIMITS.questionRows)) {
    const row = rowValues(values, 'questions', index)
    if (isBlank(row, ['labelSv', 'labelEn', 'options'])) continue
    const parsed = QuestionRowSchema.safeParse(row)
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((i) => ({ ...i, path: ['questions', index, ...i.path] }) as FormIssue))
      continue
    }
    const isChoice = parsed.data.kind === 'choice' || parsed.data.kind === 'multi_choice'
    const options = isChoice ? parseOptions(parsed.data.options) : []
    if (isChoice && (options.length < 2 || options.length > LIMITS.options || options.some((o) => o.sv.length > LIMITS.option))) {
      issues.push(issue(`questions.${index}.options`, 'organizer.questions.needsOptions'))
      continue
    }
    questions.push({
      id: parsed.data.id || null,
      kind: parsed.data.kind,
      labelSv: parsed.data.labelSv,
      labelEn: parsed.data.labelEn,
      options,
      required: parsed.data.required === 'yes' || parsed.data.required === 'on',
    })
  }

  if (fields.success) {
    const data = fields.data
    if (data.endsAt.getTime() <= data.startsAt.getTime()) issues.push(issue('endsAt', 'organizer.event.endBeforeStart'))
    if (data.format !== 'online') {
      for (const name of ['venueName', 'venueAddress', 'postalCode', 'city', 'county'] as const) {
        if (!data[name]) issues.push(issue(name, 'form.required'))
      }
    }
    if (data.format !== 'on_site' && !data.onlineUrl) issues.push(issue('onlineUrl', 'form.required'))
    if (data.registrationOpensAt && data.registrationClosesAt && data.registrationClosesAt.getTime() <= data.registrationOpensAt.getTime()) {
      issues.push(issue('registrationClosesAt', 'organizer.event.closesBeforeOpens'))
    }
  }
  if (issues.length || !fields.success) return { success: false, error: { issues } }
  const data = fields.data
  return {
    success: true,
    data: { ...data, county: data.county === '' ? null : data.county, seriesId: data.seriesId || null, tickets, questions },
  }
}

// ---------- reading ----------

/** An event of the organization, or NotFoundError (also for another organization's event). */
export async function getEventForEditing(input: { access: Access; eventId: string }) {
  const event = await db.event.findFirst({
    where: { id: input.eventId, organizationId: input.access.organization.id },
    include: {
      ticketTypes: { orderBy: { position: 'asc' } },
      questions: { orderBy: { position: 'asc' } },
      series: true,
      coverImage: true,
      _count: { select: { programmeItems: true } },
    },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

type EditableEvent = Awaited<ReturnType<typeof getEventForEditing>>

/** The form values that show an existing event (Stockholm wall times for datetime-local inputs). */
export function eventFormValues(event: EditableEvent): FormValues {
  const values: FormValues = {
    titleSv: event.titleSv,
    titleEn: event.titleEn,
    summarySv: event.summarySv,
    summaryEn: event.summaryEn,
    descriptionSv: event.descriptionSv,
    descriptionEn: event.descriptionEn,
    slug: event.slug,
    format: event.format,
    startsAt: toLocalInputValue(event.startsAt),
    endsAt: toLocalInputValue(event.endsAt),
    venueName: event.venueName ?? '',
    venueAddress: event.venueAddress ?? '',
    postalCode: event.postalCode ?? '',
    city: event.city ?? '',
    county: event.county ?? '',
    onlineUrl: event.onlineUrl ?? '',
    capacityOnSite: event.capacityOnSite === null ? '' : String(event.capacityOnSite),
    capacityOnline: event.capacityOnline === null ? '' : String(event.capacityOnline),
    registrationMode: event.registrationMode,
    registrationOpensAt: event.registrationOpensAt ? toLocalInputValue(event.registrationOpensAt) : '',
    registrationClosesAt: event.registrationClosesAt ? toLocalInputValue(event.registrationClosesAt) : '',
    seriesId: event.seriesId ?? '',
    seriesPosition: event.seriesPosition === null ? '' : String(event.seriesPosition),
  }
  event.ticketTypes.forEach((ticket, index) => {
    values[`tickets.${index}.id`] = ticket.id
    values[`tickets.${index}.nameSv`] = ticket.nameSv
    values[`tickets.${index}.nameEn`] = ticket.nameEn
    values[`tickets.${index}.price`] = formatKronor(ticket.priceOre)
  })
  event.questions.forEach((question, index) => {
    const options = Array.isArray(question.options) ? (question.options as QuestionOption[]) : []
    values[`questions.${index}.id`] = question.id
    values[`questions.${index}.kind`] = question.kind
    values[`questions.${index}.labelSv`] = question.labelSv
    values[`questions.${index}.labelEn`] = question.labelEn
    values[`questions.${index}.options`] = options.map((o) => (o.en && o.en !== o.sv ? `${o.sv} | ${o.en}` : o.sv)).join('\n')
    values[`questions.${index}.required`] = question.required ? 'yes' : ''
  })
  return values
}

function formatKronor(ore: number): string {
  return ore % 100 === 0 ? String(ore / 100) : (ore / 100).toFixed(2).replace('.', ',')
}

/** The organization's series, for the series picker. */
export async function listSeriesChoices(organizationId: string) {
  return db.series.findMany({ where: { organizationId }, orderBy: { titleSv: 'asc' }, select: { id: true, titleSv: true, titleEn: true } })
}

/**
 * The dashboard: the organization's events in four groups, each ordered by start, plus its series.
 * "Upcoming" means published and not yet ended.
 */
export async function listOrganizationEvents(input: { organizationId: string; now?: Date }) {
  const now = input.now ?? new Date()
  const [events, series] = await Promise.all([
    db.event.findMany({
      where: { organizationId: input.organizationId },
      orderBy: [{ startsAt: 'asc' }, { titleSv: 'asc' }],
      select: { id: true, slug: true, titleSv: true, titleEn: true, status: true, format: true, startsAt: true, endsAt: true },
      take: 1000,
    }),
    db.series.findMany({
      where: { organizationId: input.organizationId },
      orderBy: { titleSv: 'asc' },
      select: { id: true, slug: true, titleSv: true, titleEn: true, status: true, _count: { select: { parts: true } } },
    }),
  ])
  return {
    drafts: events.filter((e) => e.status === 'draft'),
    upcoming: events.filter((e) => e.status === 'published' && e.endsAt >= now),
    past: events.filter((e) => e.status === 'published' && e.endsAt < now).reverse(),
    cancelled: events.filter((e) => e.status === 'cancelled' || e.status === 'postponed'),
    series,
  }
}

/** The latest audit entries about an event (its own and its programme's), newest first. */
export async function listEventAudit(input: { access: Access; eventId: string; take?: number }) {
  const rows = await db.auditEntry.findMany({
    where: {
      organizationId: input.access.organization.id,
      OR: [
        { entityType: 'event', entityId: input.eventId },
        { data: { path: ['eventId'], equals: input.eventId } },
        // The retention job's entry per organization lists the events it anonymized (ADR 0031).
        { action: 'retention.anonymized', data: { path: ['eventIds'], array_contains: [input.eventId] } },
      ],
    },
    orderBy: { createdAt: 'desc' },
    take: input.take ?? 20,
    include: { actor: { select: { name: true, email: true } } },
  })
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    createdAt: row.createdAt,
    actor: row.actor ? row.actor.name || row.actor.email : null,
  }))
}

// ---------- writing ----------

/**
 * An attendee-visible change mails every registrant inside its transaction (changes.server.ts): a
 * conference with a thousand people takes a second or two on a busy machine, more than Prisma's
 * default 5 s would comfortably allow.
 */
const CHANGE_TIMEOUT_MS = 30_000

/** Locks an event of the organization for the rest of the transaction, or throws NotFoundError. */
export async function lockEvent(tx: Tx, organizationId: string, eventId: string): Promise<Event> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM events WHERE id = ${eventId}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`
  if (rows.length === 0) throw new NotFoundError('error.eventNotFound')
  return tx.event.findUniqueOrThrow({ where: { id: eventId } })
}

/**
 * Runs `work` in one transaction with the event locked (see lockEvent), after checking that the
 * person may manage events: ForbiddenError or NotFoundError('error.eventNotFound') otherwise.
 */
export async function begin<T>(input: { access: Access; eventId: string }, work: (tx: Tx, event: Event) => Promise<T>): Promise<T> {
  assertCanManageEvents(input.access)
  return db.$transaction(async (tx) => work(tx, await lockEvent(tx, input.access.organization.id, input.eventId)), { timeout: CHANGE_TIMEOUT_MS })
}

async function resolveSeries(tx: Tx, organizationId: string, input: EventInput, current?: Event) {
  if (!input.seriesId) return { seriesId: null, seriesPosition: null }
  const seriesId = asUuid(input.seriesId)
  const series = seriesId ? await tx.series.findFirst({ where: { id: seriesId, organizationId }, select: { id: true } }) : null
  if (!series) throw new DomainError('error.seriesNotFound', 400, {}, 'seriesId')
  if (input.seriesPosition) return { seriesId: series.id, seriesPosition: input.seriesPosition }
  if (current && current.seriesId === series.id && current.seriesPosition) return { seriesId: series.id, seriesPosition: current.seriesPosition }
  const last = await tx.event.aggregate({ where: { seriesId: series.id }, _max: { seriesPosition: true } })
  return { seriesId: series.id, seriesPosition: (last._max.seriesPosition ?? 0) + 1 }
}

function slugInput(input: { access: Access; event: EventInput }) {
  return { requested: input.event.slug, title: input.event.titleSv, organizationSlug: input.access.organization.slug, maxLength: LIMITS.slug }
}

function eventData(input: EventInput) {
  const hasVenue = input.format !== 'online'
  const hasLink = input.format !== 'on_site'
  return {
    titleSv: input.titleSv,
    titleEn: input.titleEn,
    summarySv: input.summarySv,
    summaryEn: input.summaryEn,
    descriptionSv: input.descriptionSv,
    descriptionEn: input.descriptionEn,
    format: input.format,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    venueName: hasVenue ? input.venueName || null : null,
    venueAddress: hasVenue ? input.venueAddress || null : null,
    postalCode: hasVenue ? input.postalCode || null : null,
    city: hasVenue ? input.city || null : null,
    county: hasVenue ? input.county : null,
    onlineUrl: hasLink ? input.onlineUrl : null,
    capacityOnSite: input.capacityOnSite,
    capacityOnline: input.capacityOnline,
    registrationMode: input.registrationMode,
    registrationOpensAt: input.registrationOpensAt,
    registrationClosesAt: input.registrationClosesAt,
  }
}

/** Keeps ticket types and questions by id (answers stored later refer to question ids). */
async function syncRows(tx: Tx, eventId: string, input: EventInput) {
  const existingTickets = await tx.ticketType.findMany({ where: { eventId }, select: { id: true } })
  const keepTickets = new Set(input.tickets.map((t) => t.id).filter((id) => id && existingTickets.some((e) => e.id === id)))
  await tx.ticketType.deleteMany({ where: { eventId, id: { notIn: [...keepTickets] as string[] } } })
  for (const [position, ticket] of input.tickets.entries()) {
    const data = { nameSv: ticket.nameSv, nameEn: ticket.nameEn, priceOre: ticket.priceOre, position }
    if (ticket.id && keepTickets.has(ticket.id)) await tx.ticketType.update({ where: { id: ticket.id }, data })
    else await tx.ticketType.create({ data: { ...data, eventId } })
  }
  const existingQuestions = await tx.customQuestion.findMany({ where: { eventId }, select: { id: true } })
  const keepQuestions = new Set(input.questions.map((q) => q.id).filter((id) => id && existingQuestions.some((e) => e.id === id)))
  await tx.customQuestion.deleteMany({ where: { eventId, id: { notIn: [...keepQuestions] as string[] } } })
  for (const [position, question] of input.questions.entries()) {
    const data = { kind: question.kind, labelSv: question.labelSv, labelEn: question.labelEn, options: question.options, required: question.required, position }
    if (question.id && keepQuestions.has(question.id)) await tx.customQuestion.update({ where: { id: question.id }, data })
    else await tx.customQuestion.create({ data: { ...data, eventId } })
  }
}

/**
 * Creates a draft event with its ticket types and questions, in one transaction with its audit
 * entry. Throws DomainError('error.slugTaken', field 'slug') for a typed slug in use, and
 * 'error.seriesNotFound' (field 'seriesId') for a series of another organization.
 */
export async function createEvent(input: { access: Access; event: EventInput }): Promise<Event> {
  assertCanManageEvents(input.access)
  const organizationId = input.access.organization.id
  return db.$transaction(async (tx) => {
    const slug = await chooseSlug(tx, { kind: 'event', ...slugInput(input) })
    const series = await resolveSeries(tx, organizationId, input.event)
    const event = await tx.event.create({ data: { ...eventData(input.event), ...series, slug, organizationId, status: 'draft' } })
    await syncRows(tx, event.id, input.event)
    await recordAudit(tx, {
      organizationId,
      actorId: input.access.personId,
      action: 'event.created',
      entityType: 'event',
      entityId: event.id,
      data: { slug, titleSv: event.titleSv },
    })
    return event
  })
}

/**
 * Saves the edit form. Changes attendees notice (time, format, place, link) go through
 * recordEventChange (app/events/changes.server.ts): the revision goes up and, for a published
 * event, every registrant is mailed in this transaction. Text-only edits do neither. The event row is
 * locked, so two organizers saving at once are applied one after the other.
 */
export async function updateEvent(input: { access: Access; eventId: string; event: EventInput }): Promise<Event> {
  assertCanManageEvents(input.access)
  const organizationId = input.access.organization.id
  return db.$transaction(
    async (tx) => {
      const current = await lockEvent(tx, organizationId, input.eventId)
      const slug = input.event.slug ? await chooseSlug(tx, { kind: 'event', ...slugInput(input), exceptId: current.id }) : current.slug
      const series = await resolveSeries(tx, organizationId, input.event, current)
      const data = { ...eventData(input.event), ...series, slug }
      const changed = (Object.keys(data) as (keyof typeof data)[]).filter((key) => !sameValue(current[key], data[key]))
      const visible = changed.filter((key) => (ATTENDEE_VISIBLE_FIELDS as readonly string[]).includes(key))
      await tx.event.update({ where: { id: current.id }, data })
      await syncRows(tx, current.id, input.event)
      // More seats (or another format): the waitlist moves up in the same transaction.
      if (changed.some((key) => key === 'capacityOnSite' || key === 'capacityOnline' || key === 'format')) {
        await promoteAfterCapacityChange(tx, current.id, input.access.personId)
      }
      // A published event moved into a series is offered to the series' sign-ups.
      if (changed.includes('seriesId')) await offerNewSeriesPart(tx, await tx.event.findUniqueOrThrow({ where: { id: current.id } }))
      if (visible.length) await recordEventChange(tx, { event: current, change: { kind: 'details', fields: visible }, actorId: input.access.personId })
      // An interest-only event switched to open registration: everyone who left their address hears so, once.
      if (changed.some((key) => REGISTRATION_WINDOW_FIELDS.includes(key))) await notifyInterestedPeople(tx, { eventId: current.id })
      await recordAudit(tx, {
        organizationId,
        actorId: input.access.personId,
        action: 'event.updated',
        entityType: 'event',
        entityId: current.id,
        data: { changed, attendeeVisible: visible },
      })
      return tx.event.findUniqueOrThrow({ where: { id: current.id } })
    },
    { timeout: CHANGE_TIMEOUT_MS },
  )
}

const REGISTRATION_WINDOW_FIELDS: readonly string[] = ['registrationMode', 'registrationOpensAt', 'registrationClosesAt']

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  return (a ?? null) === (b ?? null)
}
