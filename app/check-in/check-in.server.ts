import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import type { CheckInOutcome, Prisma } from '../generated/prisma/client.ts'
import { pick, t, type Locale } from '../i18n/index.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { findRegistrationByToken } from '../registrations/manage.server.ts'
import { formatTime } from '../time.ts'
import { checkInQrPng } from './qr.server.ts'
import { checkInCode, checkInTicketFor, checkInToken, checkInTokenId, isCheckInTokenOf, normalizeCheckInCode } from './tokens.server.ts'

/**
 * Check-in at the door (ADR 0026). A person is checked in once: the UPDATE … WHERE checked_in_at IS
 * NULL lets exactly one of two phones that scan the same ticket at the same instant record it; the
 * other is told "redan incheckad" with the first one's time. An undo clears the time again (audited).
 * Phones that were offline send their scans in a batch later, each with the phone's own id for the
 * scan: check_in_scans remembers the answer to every id, so a batch sent twice (its answer was lost)
 * changes nothing the second time, not even after an undo in between.
 */

export const CHECK_IN_LIMITS = { batch: 100, search: 25, recent: 10, query: 200 } as const

/** One scan as a phone queues it: its own id, what the camera read (or a typed short code), when. */
export const ScanSchema = z.object({
  clientId: z.string().trim().min(1).max(64),
  ticket: z.string().trim().min(1).max(200),
  scannedAt: z.iso.datetime({ offset: true }).optional(),
})
export type Scan = z.output<typeof ScanSchema>

/** The batch a phone sends when it is back online: a JSON array of scans. */
export const ScanBatchSchema = z
  .string()
  .max(40_000)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      context.addIssue({ code: 'custom', message: 'error.badRequest' })
      return z.NEVER
    }
  })
  .pipe(z.array(ScanSchema).min(1).max(CHECK_IN_LIMITS.batch))

export type ScanAnswer = {
  clientId: string
  outcome: CheckInOutcome
  registrationId: string | null
  /** The sentence the phone shows and reads out, in the organizer's language. */
  message: string
  checkedInAt: string | null
}

type CheckInEvent = { id: string; titleSv: string; titleEn: string; format: string; status: string; startsAt: Date; endsAt: Date }

async function accessibleEvent(access: Access, eventId: string): Promise<CheckInEvent> {
  const event = await db.event.findFirst({
    where: { id: eventId, organizationId: access.organization.id },
    select: { id: true, titleSv: true, titleEn: true, format: true, status: true, startsAt: true, endsAt: true },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

function requireCheckInRight(access: Access) {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
}

/**
 * Who is expected at the door: confirmed places on site (every confirmed place at an online-only
 * event), plus anyone confirmed who was checked in anyway (registered online, came to the venue).
 */
function expectedWhere(event: CheckInEvent): Prisma.RegistrationWhereInput {
  const base: Prisma.RegistrationWhereInput = { eventId: event.id, status: 'confirmed' }
  if (event.format === 'online') return base
  return { ...base, OR: [{ attendanceMode: 'on_site' }, { checkedInAt: { not: null } }] }
}

export type CheckInPerson = { id: string; name: string; email: string; mode: 'on_site' | 'online'; checkedInAt: Date | null }

const PERSON_SELECT = { id: true, name: true, email: true, attendanceMode: true, checkedInAt: true } as const

function person(row: { id: string; name: string; email: string; attendanceMode: 'on_site' | 'online'; checkedInAt: Date | null }): CheckInPerson {
  return { id: row.id, name: row.name, email: row.email, mode: row.attendanceMode, checkedInAt: row.checkedInAt }
}

/** Confirmed registrations of the event whose short code is `code` (at most one, but a list keeps it honest). */
async function findByCode(eventId: string, code: string) {
  const rows = await db.registration.findMany({
    where: { eventId, status: 'confirmed' },
    select: { ...PERSON_SELECT, tokenVersion: true },
  })
  return rows.filter((row) => checkInCode(row) === code)
}

/**
 * The check-in page: the counter (checked in of expected), the last check-ins (for an undo), and,
 * for a search, confirmed registrations whose name or address contains the text, or whose short
 * code it is. Viewers may read it; only organizers and owners may check in.
 */
export async function getCheckInPage(input: { access: Access; eventId: string; query?: string }) {
  const event = await accessibleEvent(input.access, input.eventId)
  const query = (input.query ?? '').trim().slice(0, CHECK_IN_LIMITS.query)
  const expected = expectedWhere(event)
  const [total, checkedIn, recent, matches] = await Promise.all([
    db.registration.count({ where: expected }),
    db.registration.count({ where: { ...expected, checkedInAt: { not: null } } }),
    db.registration.findMany({
      where: { eventId: event.id, checkedInAt: { not: null } },
      orderBy: [{ checkedInAt: 'desc' }, { id: 'asc' }],
      select: PERSON_SELECT,
      take: CHECK_IN_LIMITS.recent,
    }),
    query ? searchRegistrations(event.id, query) : Promise.resolve(null),
  ])
  return { event, total, checkedIn, recent: recent.map(person), matches, query }
}

async function searchRegistrations(eventId: string, query: string): Promise<CheckInPerson[]> {
  const code = normalizeCheckInCode(query)
  const [byText, byCode] = await Promise.all([
    db.registration.findMany({
      where: {
        eventId,
        status: 'confirmed',
        OR: [{ name: { contains: query, mode: 'insensitive' } }, { email: { contains: query, mode: 'insensitive' } }],
      },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: PERSON_SELECT,
      take: CHECK_IN_LIMITS.search,
    }),
    code ? findByCode(eventId, code) : Promise.resolve([]),
  ])
  const seen = new Set(byText.map((row) => row.id))
  return [...byCode.filter((row) => !seen.has(row.id)), ...byText].map(person)
}

type Outcome = { outcome: CheckInOutcome; registrationId: string | null; name: string | null; checkedInAt: Date | null }

/** The conditional UPDATE that makes a check-in happen once; audited in the same transaction. */
async function checkInLocked(tx: Tx, input: { access: Access; eventId: string; registrationId: string; via: 'scan' | 'code' | 'search'; now: Date }) {
  const claimed = await tx.registration.updateMany({
    where: { id: input.registrationId, eventId: input.eventId, status: 'confirmed', checkedInAt: null },
    data: { checkedInAt: input.now },
  })
  const row = await tx.registration.findFirst({
    where: { id: input.registrationId, eventId: input.eventId },
    select: { id: true, name: true, status: true, checkedInAt: true },
  })
  if (!row) return { outcome: 'invalid', registrationId: null, name: null, checkedInAt: null } satisfies Outcome
  if (claimed.count === 1) {
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'registration.checkedIn',
      entityType: 'registration',
      entityId: row.id,
      data: { eventId: input.eventId, via: input.via },
    })
    return { outcome: 'checked_in', registrationId: row.id, name: row.name, checkedInAt: row.checkedInAt } satisfies Outcome
  }
  if (row.status !== 'confirmed') return { outcome: 'not_confirmed', registrationId: row.id, name: row.name, checkedInAt: null } satisfies Outcome
  return { outcome: 'already_checked_in', registrationId: row.id, name: row.name, checkedInAt: row.checkedInAt } satisfies Outcome
}

/** What a ticket (QR token or short code) stands for at this event, before anything is written. */
async function resolveTicket(event: CheckInEvent, ticket: string): Promise<{ registrationId: string } | Outcome> {
  const id = checkInTokenId(ticket)
  if (id) {
    const registration = await db.registration.findUnique({
      where: { id },
      select: { id: true, tokenVersion: true, eventId: true },
    })
    if (!registration || !isCheckInTokenOf(ticket, registration)) return { outcome: 'invalid', registrationId: null, name: null, checkedInAt: null }
    if (registration.eventId !== event.id) return { outcome: 'other_event', registrationId: null, name: null, checkedInAt: null }
    return { registrationId: registration.id }
  }
  const code = normalizeCheckInCode(ticket)
  const matches = code ? await findByCode(event.id, code) : []
  if (matches.length !== 1) return { outcome: 'invalid', registrationId: null, name: null, checkedInAt: null }
  return { registrationId: matches[0].id }
}

function answerText(outcome: Outcome, locale: Locale, otherEventTitle?: string): string {
  const name = outcome.name ?? ''
  const time = outcome.checkedInAt ? formatTime(outcome.checkedInAt, locale) : ''
  switch (outcome.outcome) {
    case 'checked_in':
      return t(locale, 'checkIn.answer.checkedIn', { name })
    case 'already_checked_in':
      return t(locale, 'checkIn.answer.already', { name, time })
    case 'not_confirmed':
      return t(locale, 'checkIn.answer.notConfirmed', { name })
    case 'other_event':
      return otherEventTitle ? t(locale, 'checkIn.answer.otherEvent', { title: otherEventTitle }) : t(locale, 'checkIn.answer.otherEventUnnamed')
    default:
      return t(locale, 'checkIn.answer.invalid')
  }
}

/** The title of the event a ticket is for, only when it is one of the organizer's own (another organization's events stay unnamed). */
async function otherEventTitle(ticket: string, locale: Locale, organizationId: string): Promise<string> {
  const id = checkInTokenId(ticket)
  if (!id) return ''
  const row = await db.registration.findFirst({ where: { id, event: { organizationId } }, select: { event: { select: { titleSv: true, titleEn: true } } } })
  return row ? pick(row.event, 'title', locale) : ''
}

/**
 * Checks in the person a ticket (QR token or short code) belongs to. Throws DomainError 400 for a
 * forged or unknown ticket, 422 for another event's ticket (naming that event), 409 for a place that
 * is not confirmed; "redan incheckad" is an answer, not an error (the time of the first check-in).
 */
export async function checkInByTicket(input: { access: Access; eventId: string; ticket: string; locale: Locale; now?: Date }) {
  requireCheckInRight(input.access)
  const event = await accessibleEvent(input.access, input.eventId)
  const resolved = await resolveTicket(event, input.ticket)
  if ('outcome' in resolved) {
    if (resolved.outcome === 'other_event') {
      const title = await otherEventTitle(input.ticket, input.locale, input.access.organization.id)
      throw title
        ? new DomainError('checkIn.answer.otherEvent', 422, { title }, 'ticket')
        : new DomainError('checkIn.answer.otherEventUnnamed', 422, {}, 'ticket')
    }
    throw new DomainError('checkIn.answer.invalid', 400, {}, 'ticket')
  }
  const via = checkInTokenId(input.ticket) ? 'scan' : 'code'
  const outcome = await db.$transaction((tx) =>
    checkInLocked(tx, { access: input.access, eventId: event.id, registrationId: resolved.registrationId, via, now: input.now ?? new Date() }),
  )
  if (outcome.outcome === 'not_confirmed') throw new DomainError('checkIn.answer.notConfirmed', 409, { name: outcome.name ?? '' })
  return { ...outcome, message: answerText(outcome, input.locale) }
}

/** Checks in a registration picked from the search list (the button "Checka in"); same answers as a ticket. */
export async function checkInRegistration(input: { access: Access; eventId: string; registrationId: string; locale: Locale; now?: Date }) {
  requireCheckInRight(input.access)
  const event = await accessibleEvent(input.access, input.eventId)
  const outcome = await db.$transaction((tx) =>
    checkInLocked(tx, { access: input.access, eventId: event.id, registrationId: input.registrationId, via: 'search', now: input.now ?? new Date() }),
  )
  if (outcome.outcome === 'invalid') throw new NotFoundError('checkIn.notFound')
  if (outcome.outcome === 'not_confirmed') throw new DomainError('checkIn.answer.notConfirmed', 409, { name: outcome.name ?? '' })
  return { ...outcome, message: answerText(outcome, input.locale) }
}

/**
 * "Ångra incheckning": clears the time (audited). Undoing someone who is not checked in changes nothing.
 * Returns whether anything changed.
 */
export async function undoCheckIn(input: { access: Access; eventId: string; registrationId: string }): Promise<{ undone: boolean; name: string }> {
  requireCheckInRight(input.access)
  const event = await accessibleEvent(input.access, input.eventId)
  return db.$transaction(async (tx) => {
    const row = await tx.registration.findFirst({ where: { id: input.registrationId, eventId: event.id }, select: { id: true, name: true, checkedInAt: true } })
    if (!row) throw new NotFoundError('checkIn.notFound')
    const cleared = await tx.registration.updateMany({ where: { id: row.id, checkedInAt: { not: null } }, data: { checkedInAt: null } })
    if (cleared.count === 1) {
      await recordAudit(tx, {
        organizationId: input.access.organization.id,
        actorId: input.access.personId,
        action: 'registration.checkInUndone',
        entityType: 'registration',
        entityId: row.id,
        data: { eventId: event.id, checkedInAt: row.checkedInAt?.toISOString() ?? null },
      })
    }
    return { undone: cleared.count === 1, name: row.name }
  })
}

/**
 * The batch a phone sends when it is back online (or at once, when it is). Every scan is answered
 * on its own (one bad ticket does not fail the rest), in order, and its answer is kept under
 * (event, clientId): the same scan sent again gets the same answer and writes nothing.
 */
export async function syncScans(input: { access: Access; eventId: string; scans: Scan[]; locale: Locale; now?: Date }): Promise<ScanAnswer[]> {
  requireCheckInRight(input.access)
  const event = await accessibleEvent(input.access, input.eventId)
  const answers: ScanAnswer[] = []
  for (const scan of input.scans.slice(0, CHECK_IN_LIMITS.batch)) {
    answers.push(await syncOne(input.access, event, scan, input.locale, input.now ?? new Date()))
  }
  return answers
}

async function syncOne(access: Access, event: CheckInEvent, scan: Scan, locale: Locale, now: Date): Promise<ScanAnswer> {
  const replay = async () => {
    const stored = await db.checkInScan.findUnique({
      where: { eventId_clientId: { eventId: event.id, clientId: scan.clientId } },
      include: { registration: { select: { name: true } } },
    })
    if (!stored) return null
    const outcome: Outcome = {
      outcome: stored.outcome,
      registrationId: stored.registrationId,
      name: stored.registration?.name ?? null,
      checkedInAt: stored.checkedInAt,
    }
    const title = stored.outcome === 'other_event' ? await otherEventTitle(scan.ticket, locale, access.organization.id) : undefined
    return answer(scan, outcome, locale, title)
  }
  const earlier = await replay()
  if (earlier) return earlier
  const resolved = await resolveTicket(event, scan.ticket)
  const scannedAt = scan.scannedAt ? new Date(scan.scannedAt) : now
  try {
    const outcome = await db.$transaction(async (tx) => {
      const result =
        'outcome' in resolved ? resolved : await checkInLocked(tx, { access, eventId: event.id, registrationId: resolved.registrationId, via: 'scan', now })
      await tx.checkInScan.create({
        data: {
          eventId: event.id,
          clientId: scan.clientId,
          registrationId: result.registrationId,
          outcome: result.outcome,
          checkedInAt: result.checkedInAt,
          scannedAt,
        },
      })
      return result
    })
    const title = outcome.outcome === 'other_event' ? await otherEventTitle(scan.ticket, locale, access.organization.id) : undefined
    return answer(scan, outcome, locale, title)
  } catch (error) {
    // The same scan sent by two requests at once: the other one's row won, and its answer stands.
    if ((error as { code?: string }).code === 'P2002') {
      const stored = await replay()
      if (stored) return stored
    }
    throw error
  }
}

function answer(scan: Scan, outcome: Outcome, locale: Locale, otherEvent?: string): ScanAnswer {
  return {
    clientId: scan.clientId,
    outcome: outcome.outcome,
    registrationId: outcome.registrationId,
    message: answerText(outcome, locale, otherEvent),
    checkedInAt: outcome.checkedInAt?.toISOString() ?? null,
  }
}

export { checkInCode, checkInToken }
export type CheckInPage = Awaited<ReturnType<typeof getCheckInPage>>
export type { CheckInEvent }
export const checkInEventTitle = (event: CheckInEvent, locale: Locale) => pick(event, 'title', locale)

/**
 * The ticket on the attendee's own page: the short code, the time they were checked in (if so), or
 * null when the registration has none (waitlisted, cancelled, online, an online-only or cancelled
 * event) or the event is over and they never came.
 */
export function attendeeTicket(
  registration: { id: string; tokenVersion: number; status: string; attendanceMode: string; checkedInAt: Date | null },
  event: { format: string; status: string; endsAt: Date },
  locale: Locale,
  now = new Date(),
): { code: string; checkedInAt: string | null } | null {
  const ticket = checkInTicketFor(registration, event)
  if (!ticket) return null
  if (event.endsAt < now && !registration.checkedInAt) return null
  return { code: ticket.code, checkedInAt: registration.checkedInAt ? formatTime(registration.checkedInAt, locale) : null }
}

/** The QR image (PNG) of a registration's ticket, found by its manage token; null when it has no ticket. */
export async function ticketImageByManageToken(manageToken: string): Promise<Buffer | null> {
  const registration = await findRegistrationByToken(manageToken)
  if (!registration) return null
  const ticket = checkInTicketFor(registration, registration.event)
  return ticket ? checkInQrPng(ticket.token) : null
}

export const CHECK_IN_NOTICES = ['checkedIn', 'already', 'undone', 'notUndone'] as const
export type CheckInNotice = (typeof CHECK_IN_NOTICES)[number]

/** The sentence shown after a check-in or an undo (the page was redirected with ?done=…&r=<registration id>). */
export async function checkInNotice(input: { access: Access; eventId: string; registrationId: string; notice: CheckInNotice; locale: Locale }) {
  const row = await db.registration.findFirst({
    where: { id: input.registrationId, event: { id: input.eventId, organizationId: input.access.organization.id } },
    select: { name: true, checkedInAt: true },
  })
  if (!row) return null
  const time = row.checkedInAt ? formatTime(row.checkedInAt, input.locale) : ''
  const key = { checkedIn: 'checkIn.answer.checkedIn', already: 'checkIn.answer.already', undone: 'checkIn.undone', notUndone: 'checkIn.notUndone' } as const
  return t(input.locale, key[input.notice], { name: row.name, time })
}
