import { z } from 'zod'
import type { AttendanceMode, County, QuestionKind, RegistrationMode, Sector } from '../generated/prisma/client.ts'
import { PublicCache } from '../cache.server.ts'
import { db } from '../db/client.server.ts'
import { COUNTIES, SECTORS } from '../enums.ts'
import { NotFoundError } from '../errors.server.ts'
import { formatPrice } from '../events/event-page-view.server.ts'
import { registrationState } from '../events/event-page.server.ts'
import { issue, type FormIssue, type FormValues } from '../forms.server.ts'
import { pick, type Locale } from '../i18n/index.ts'
import { formatDateTime, formatTimeRange, formatDate } from '../time.ts'
import { countSeats, modesOf } from './seats.server.ts'
import { currentPrivacyVersion, readPostedPrivacyVersion } from '../privacy/notices.server.ts'
import type { PrivacyLink } from '../privacy/paths.ts'
import { isTokenShaped } from './tokens.server.ts'

/**
 * The registration form of one event as the visitor sees it (no per-visitor state, so the event
 * page stays cacheable), and the one parser of what it posts. The same definition drives the form,
 * the parser and the manage page, so a field the form shows is a field the parser reads.
 */
export type FormQuestion = {
  id: string
  kind: QuestionKind
  label: string
  required: boolean
  options: { value: string; label: string }[]
}

export type FormTicket = { id: string; name: string; priceOre: number; vatRate: number; price: string }

export type FormItem = { id: string; title: string; when: string; capacity: number; left: number }

export type ModeAvailability = { mode: AttendanceMode; capacity: number | null; left: number | null; waitlisted: number }

export type RegistrationForm = {
  eventId: string
  slug: string
  title: string
  mode: RegistrationMode
  status: 'published' | 'cancelled' | 'postponed'
  state: 'not-yet-open' | 'open' | 'closed'
  opens: string | null
  closes: string | null
  /** The attendance modes offered; two for a hybrid event. */
  modes: ModeAvailability[]
  tickets: FormTicket[]
  /** Priced tickets need invoice details. */
  needsInvoice: boolean
  questions: FormQuestion[]
  /** Programme items with their own sign-up (a lunch meetup). */
  items: FormItem[]
  seriesSlug: string | null
  /** The organization's privacy notice the form links; sending the form accepts this version (ADR 0032). */
  privacy: PrivacyLink
}

const forms = new PublicCache<RegistrationForm>(5_000, 2_000)

/** The form of a published (or cancelled/postponed) event, or NotFoundError. Seat figures may be a few seconds old. */
export function getRegistrationForm(slug: string, locale: Locale, now = new Date()): Promise<RegistrationForm> {
  return forms.get(`${locale} ${slug}`, () => loadRegistrationForm({ slug }, locale, now))
}

export async function loadRegistrationForm(where: { slug: string } | { id: string }, locale: Locale, now = new Date()): Promise<RegistrationForm> {
  const event = await db.event.findFirst({
    where: { ...where, status: { in: ['published', 'cancelled', 'postponed'] } },
    include: {
      series: { select: { slug: true, status: true } },
      organization: { select: { slug: true, name: true } },
      ticketTypes: { orderBy: { position: 'asc' } },
      questions: { orderBy: { position: 'asc' } },
      programmeItems: { where: { capacity: { not: null } }, orderBy: { startsAt: 'asc' }, include: { _count: { select: { signups: true } } } },
    },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const [seats, privacyVersion] = await Promise.all([countSeats(db, event), currentPrivacyVersion(db, event.organizationId)])
  const sameDay = event.programmeItems.every((item) => formatDate(item.startsAt, locale) === formatDate(event.startsAt, locale))
  return {
    eventId: event.id,
    slug: event.slug,
    title: pick(event, 'title', locale),
    mode: event.registrationMode,
    status: event.status as RegistrationForm['status'],
    state: event.status === 'postponed' ? 'closed' : registrationState(event, now),
    opens: event.registrationOpensAt ? formatDateTime(event.registrationOpensAt, locale) : null,
    closes: event.registrationClosesAt ? formatDateTime(event.registrationClosesAt, locale) : null,
    modes: modesOf(event).map((mode) => ({ mode, ...seats[mode] })),
    tickets: event.ticketTypes.map((ticket) => ({
      id: ticket.id,
      name: pick(ticket, 'name', locale),
      priceOre: ticket.priceOre,
      vatRate: ticket.vatRate,
      price: formatPrice(ticket.priceOre, locale),
    })),
    needsInvoice: event.ticketTypes.some((ticket) => ticket.priceOre > 0),
    questions: event.questions.map((question) => ({
      id: question.id,
      kind: question.kind,
      label: pick(question, 'label', locale),
      required: question.required,
      options: readOptions(question.options, locale),
    })),
    items: event.programmeItems.map((item) => ({
      id: item.id,
      title: pick(item, 'title', locale),
      when: sameDay
        ? formatTimeRange(item.startsAt, item.endsAt, locale)
        : `${formatDate(item.startsAt, locale)} ${formatTimeRange(item.startsAt, item.endsAt, locale)}`,
      capacity: item.capacity ?? 0,
      left: Math.max(0, (item.capacity ?? 0) - item._count.signups),
    })),
    seriesSlug: event.series?.status === 'published' ? event.series.slug : null,
    privacy: { organizationSlug: event.organization.slug, organizationName: event.organization.name, version: privacyVersion },
  }
}

function readOptions(options: unknown, locale: Locale): FormQuestion['options'] {
  const parsed = z.array(z.object({ value: z.string(), sv: z.string(), en: z.string().optional() })).safeParse(options)
  if (!parsed.success) return []
  return parsed.data.map((option) => ({ value: option.value, label: (locale === 'en' && option.en) || option.sv }))
}

// ---------- parsing ----------

export type Answers = Record<string, string | string[] | boolean>

export type InvoiceDetails = { orgNumber: string; address: string | null; eReference: string | null; buyerReference: string | null }

/** What a person gives about themselves; the same for an event and for a series. */
export type AttendeeDetails = {
  name: string
  email: string
  organizationName: string | null
  sector: Sector | null
  county: County | null
  abroad: boolean
  locale: Locale
  /** The privacy notice version the form showed (hidden field `privacyVersion`); null: not posted, the current one is recorded (ADR 0032). */
  privacyVersion?: number | null
}

export type RegistrationInput = AttendeeDetails & {
  attendanceMode: AttendanceMode
  /** When the chosen mode is full: the waitlist (default) or the other mode of a hybrid event. */
  whenFull: 'waitlist' | 'other-mode'
  ticketTypeId: string | null
  invoice: InvoiceDetails | null
  answers: Answers
  itemIds: string[]
  inviteToken: string | null
}

/** Organization numbers: ten digits (NNNNNN-NNNN) with a valid Luhn check digit. */
export function isOrganizationNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '')
  if (!/^\d{10}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < 10; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1)
    if (d > 9) d -= 9
    sum += d
  }
  return sum % 10 === 0
}

const text = (max: number) => z.string().trim().max(max)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || null)

export const AttendeeSchema = z.object({
  name: text(200).min(1, { error: 'registration.error.name' }),
  email: text(254)
    .min(1, { error: 'registration.error.email' })
    .pipe(z.email({ error: 'form.invalidEmail' }))
    .transform((value) => value.toLowerCase()),
  organization: optionalText(200),
  sector: z.enum(SECTORS, { error: 'registration.error.sector' }),
  county: z.enum([...COUNTIES, 'abroad'] as const, { error: 'registration.error.county' }),
  /** Consent is given by sending the form (ADR 0032); an older form's `consent=yes` is simply ignored. */
  privacyVersion: z
    .string()
    .optional()
    .transform((value) => readPostedPrivacyVersion(value)),
})

type ParseResult<T> = { success: true; data: T } | { success: false; error: { issues: (FormIssue | z.core.$ZodIssue)[] } }

function attendeeFrom(data: z.output<typeof AttendeeSchema>, locale: Locale): AttendeeDetails {
  return {
    name: data.name,
    email: data.email,
    organizationName: data.organization,
    sector: data.sector,
    county: data.county === 'abroad' ? null : data.county,
    abroad: data.county === 'abroad',
    locale,
    privacyVersion: data.privacyVersion,
  }
}

/** Reads the attendee part of a form (event or series registration). */
export function parseAttendee(values: FormValues, locale: Locale): ParseResult<AttendeeDetails> {
  const parsed = AttendeeSchema.safeParse(values)
  if (!parsed.success) return { success: false, error: { issues: parsed.error.issues } }
  return { success: true, data: attendeeFrom(parsed.data, locale) }
}

/**
 * Reads a posted registration form against the event's form: every question, ticket, mode and
 * sub-session is checked against what the event offers. Issues name the form's fields.
 */
export function parseRegistration(values: FormValues, form: RegistrationForm, locale: Locale): ParseResult<RegistrationInput> {
  const issues: (FormIssue | z.core.$ZodIssue)[] = []
  const attendee = AttendeeSchema.safeParse(values)
  if (!attendee.success) issues.push(...attendee.error.issues)

  const modes = form.modes.map((m) => m.mode)
  let attendanceMode: AttendanceMode = modes[0]
  if (modes.length > 1) {
    if (values.attendance === 'on_site' || values.attendance === 'online') attendanceMode = values.attendance
    else issues.push(issue('attendance', 'registration.error.attendance'))
  }
  const whenFull = values.whenFull === 'other-mode' && modes.length > 1 ? 'other-mode' : 'waitlist'

  let ticketTypeId: string | null = null
  if (form.tickets.length === 1) ticketTypeId = form.tickets[0].id
  else if (form.tickets.length > 1) {
    ticketTypeId = form.tickets.find((ticket) => ticket.id === values.ticket)?.id ?? null
    if (!ticketTypeId) issues.push(issue('ticket', 'registration.error.ticket'))
  }
  const ticket = form.tickets.find((candidate) => candidate.id === ticketTypeId)

  let invoice: InvoiceDetails | null = null
  if (ticket && ticket.priceOre > 0 && form.mode !== 'interest_only') {
    const orgNumber = (values.invoiceOrgNumber ?? '').trim()
    const address = (values.invoiceAddress ?? '').trim().slice(0, 1000) || null
    const eReference = (values.invoiceEReference ?? '').trim().slice(0, 200) || null
    const buyerReference = (values.buyerReference ?? '').trim().slice(0, 200) || null
    if (!isOrganizationNumber(orgNumber)) issues.push(issue('invoiceOrgNumber', 'registration.error.orgNumber'))
    if (!address && !eReference) issues.push(issue('invoiceAddress', 'registration.error.invoiceAddress'))
    invoice = { orgNumber: orgNumber.replace(/\s/g, ''), address, eReference, buyerReference }
  }

  const answers = parseAnswers(values, form.questions, issues)

  const itemIds = form.items.filter((item) => values[`item_${item.id}`] === 'yes').map((item) => item.id)
  const invite = (values.invite ?? '').trim()
  const inviteToken = isTokenShaped(invite) ? invite : null

  if (issues.length || !attendee.success) return { success: false, error: { issues } }
  return {
    success: true,
    data: { ...attendeeFrom(attendee.data, locale), attendanceMode, whenFull, ticketTypeId, invoice, answers, itemIds, inviteToken },
  }
}

/** The answers to the event's questions; problems are added to `issues` under the question's field. */
function parseAnswers(values: FormValues, questions: FormQuestion[], issues: (FormIssue | z.core.$ZodIssue)[]): Answers {
  const answers: Answers = {}
  for (const question of questions) {
    const field = `q_${question.id}`
    const raw = (values[field] ?? '').trim()
    if (question.kind === 'multi_choice') {
      const chosen = question.options.filter((option) => values[`${field}__${option.value}`] === 'yes').map((option) => option.value)
      if (question.required && chosen.length === 0) issues.push(issue(field, 'registration.error.answer'))
      if (chosen.length) answers[question.id] = chosen
      continue
    }
    if (!raw) {
      if (question.required) issues.push(issue(field, 'registration.error.answer'))
      continue
    }
    if (question.kind === 'text') {
      if (raw.length > 2000) issues.push(issue(field, 'registration.error.answerTooLong'))
      else answers[question.id] = raw
    } else if (question.kind === 'yes_no') {
      if (raw === 'yes' || raw === 'no') answers[question.id] = raw === 'yes'
      else issues.push(issue(field, 'form.invalidChoice'))
    } else if (question.options.some((option) => option.value === raw)) answers[question.id] = raw
    else issues.push(issue(field, 'form.invalidChoice'))
  }
  return answers
}

export type DetailsInput = { details: Omit<AttendeeDetails, 'email' | 'locale'>; answers: Answers }

/** The manage page's "your details" form: the attendee fields without e-mail, and the answers. */
export function parseDetails(values: FormValues, form: RegistrationForm): ParseResult<DetailsInput> {
  const issues: (FormIssue | z.core.$ZodIssue)[] = []
  const parsed = AttendeeSchema.omit({ email: true, privacyVersion: true }).safeParse(values)
  if (!parsed.success) issues.push(...parsed.error.issues)
  const answers = parseAnswers(values, form.questions, issues)
  if (issues.length || !parsed.success) return { success: false, error: { issues } }
  const { name, organization, sector, county } = parsed.data
  return {
    success: true,
    data: { details: { name, organizationName: organization, sector, county: county === 'abroad' ? null : county, abroad: county === 'abroad' }, answers },
  }
}

/** The form values that show a stored registration again (manage page). */
export function registrationFormValues(
  registration: {
    name: string
    organizationName: string | null
    sector: Sector | null
    county: County | null
    abroad: boolean
    answers: unknown
  },
  questions: FormQuestion[],
): FormValues {
  const values: FormValues = {
    name: registration.name,
    organization: registration.organizationName ?? '',
    sector: registration.sector ?? '',
    county: registration.abroad ? 'abroad' : (registration.county ?? ''),
  }
  const answers = (registration.answers ?? {}) as Record<string, unknown>
  for (const question of questions) {
    const answer = answers[question.id]
    const field = `q_${question.id}`
    if (Array.isArray(answer)) for (const value of answer) values[`${field}__${String(value)}`] = 'yes'
    else if (typeof answer === 'boolean') values[field] = answer ? 'yes' : 'no'
    else if (typeof answer === 'string') values[field] = answer
  }
  return values
}

export type SeriesRegistrationForm = {
  slug: string
  title: string
  /** The parts one sign-up registers for now (published, open, not over, free). */
  openParts: { title: string; when: string }[]
  modes: ModeAvailability[]
  privacy: PrivacyLink
}

/** The series sign-up form: which parts it covers and which ways of taking part they offer. */
export async function loadSeriesRegistrationForm(slug: string, locale: Locale, now = new Date()): Promise<SeriesRegistrationForm> {
  const series = await db.series.findFirst({
    where: { slug, status: 'published' },
    include: {
      organization: { select: { slug: true, name: true } },
      parts: {
        where: { status: 'published', endsAt: { gt: now }, registrationMode: 'open' },
        orderBy: [{ seriesPosition: 'asc' }, { startsAt: 'asc' }],
        include: { ticketTypes: { select: { priceOre: true } } },
      },
    },
  })
  if (!series) throw new NotFoundError('error.seriesNotFound')
  const open = series.parts.filter((part) => registrationState(part, now) === 'open' && part.ticketTypes.every((ticket) => ticket.priceOre === 0))
  const modes = new Set(open.flatMap((part) => modesOf(part)))
  return {
    slug: series.slug,
    title: pick(series, 'title', locale),
    openParts: open.map((part) => ({ title: pick(part, 'title', locale), when: formatDateTime(part.startsAt, locale) })),
    modes: (['on_site', 'online'] as const).filter((mode) => modes.has(mode)).map((mode) => ({ mode, capacity: null, left: null, waitlisted: 0 })),
    privacy: {
      organizationSlug: series.organization.slug,
      organizationName: series.organization.name,
      version: await currentPrivacyVersion(db, series.organizationId),
    },
  }
}
