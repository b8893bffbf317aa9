import { randomUUID } from 'node:crypto'
import type { AttendanceMode, Prisma, Registration, RegistrationStatus, TicketType } from '../generated/prisma/client.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import { registrationState } from '../events/event-page.server.ts'
import type { Locale } from '../i18n/index.ts'
import type { AttendeeDetails, RegistrationInput } from './form.server.ts'
import { enqueueAlreadyRegistered, enqueueConfirmation, enqueueInterestRegistered, enqueueWaitlisted } from './mail.server.ts'
import { notifyOrganizers } from './organizer-notices.server.ts'
import { acceptedPrivacyVersion } from '../privacy/notices.server.ts'
import {
  eventContext,
  lockEventForRegistration,
  lockEventRow,
  modesOf,
  nextQueuedAt,
  seatsAndExisting,
  waitlistPosition,
  type SeatEvent,
} from './seats.server.ts'
import { hashToken, manageTokenHash } from './tokens.server.ts'

/**
 * Registering for an event: one transaction that locks the event row, counts the seats of the
 * chosen mode, writes the registration and its outbox mail, so a seat is never sold twice and a
 * mail is never promised for a registration that was rolled back (docs/decisions/0013).
 */
export type RegistrationOutcome = {
  outcome: 'confirmed' | 'waitlisted' | 'exists' | 'interest'
  registration: Registration
  /** Waitlist position (1 = next), for 'waitlisted' and an existing waitlisted registration. */
  position: number | null
  /** The mode was full and the person asked for the other one instead. */
  switchedMode: boolean
}

export type RegisterAttendeeInput = {
  event: { slug: string } | { id: string }
  input: RegistrationInput
  /** 'organizer': added by hand in the console (no window, consent or invitation check). */
  source?: 'public' | 'organizer'
  actorId?: string | null
  now?: Date
}

class RegistrationClosedError extends DomainError {}

/** Why a registration cannot be made right now, or null. */
function refusal(event: SeatEvent, now: Date): DomainError | null {
  if (event.status === 'draft') return new NotFoundError('error.eventNotFound')
  if (event.status === 'cancelled') return new RegistrationClosedError('registration.error.cancelled', 409)
  if (event.status === 'postponed') return new RegistrationClosedError('registration.error.postponed', 409)
  const state = registrationState(event, now)
  if (state === 'not-yet-open') return new RegistrationClosedError('registration.error.notYetOpen', 409)
  if (state === 'closed') return new RegistrationClosedError('registration.error.closed', 409)
  return null
}

/** Registers one person for one event, or answers "already registered" (and mails the manage link again). */
export async function registerAttendee(args: RegisterAttendeeInput): Promise<RegistrationOutcome> {
  const now = args.now ?? new Date()
  const context = await eventContext(args.event)
  return db.$transaction(
    async (tx) => {
      const event = await lockEventRow(tx, context)
      return registerLocked(tx, event, args.input, { source: args.source ?? 'public', actorId: args.actorId ?? null, now, seriesSignupId: null })
    },
    { maxWait: 30_000, timeout: 30_000 },
  )
}

type LockedOptions = {
  source: 'public' | 'organizer'
  actorId: string | null
  now: Date
  seriesSignupId: string | null
  /** Already checked by the caller (a series sign-up); otherwise read from the input. */
  privacyVersion?: number
}

/** The registration itself, with the event already locked by the caller. */
export async function registerLocked(tx: Tx, event: SeatEvent, input: RegistrationInput, options: LockedOptions): Promise<RegistrationOutcome> {
  const isInterest = event.registrationMode === 'interest_only' && options.source === 'public'
  if (event.status === 'draft' || (options.source === 'public' && event.status !== 'published')) {
    throw refusal(event, options.now) ?? new NotFoundError('error.eventNotFound')
  }
  if (options.source === 'public' && !isInterest) {
    const refused = refusal(event, options.now)
    if (refused) throw refused
  }
  if (isInterest && event.endsAt < options.now) throw new RegistrationClosedError('registration.error.closed', 409)
  // The notice the form showed is the one accepted by sending it (ADR 0032); a person an organizer
  // adds by hand accepted nothing. A series sign-up checked its version once, for all parts.
  const privacyVersion =
    options.source === 'organizer' ? null : (options.privacyVersion ?? (await acceptedPrivacyVersion(tx, event.organizationId, input.privacyVersion ?? null)))

  const emailNormalized = input.email.trim().toLowerCase()
  // One statement for both questions asked under the lock: the seats, and whether this address is known.
  const { seats, hasExisting } = await seatsAndExisting(tx, event, emailNormalized)
  const existing = hasExisting
    ? await tx.registration.findUnique({ where: { eventId_emailNormalized: { eventId: event.id, emailNormalized } }, include: { ticketType: true } })
    : null
  if (existing && existing.status !== 'cancelled' && !(existing.status === 'interest' && !isInterest)) {
    await enqueueAlreadyRegistered(tx, { event, registration: existing })
    const position = existing.status === 'waitlisted' ? await waitlistPosition(tx, existing) : null
    return { outcome: 'exists', registration: existing, position, switchedMode: false }
  }

  let inviteId: string | null = null
  if (event.registrationMode === 'invite_only' && options.source === 'public') {
    const invite = input.inviteToken
      ? await tx.registrationInvite.findFirst({
          where: { eventId: event.id, tokenHash: hashToken(input.inviteToken), revokedAt: null },
          include: { registration: true },
        })
      : null
    if (!invite) throw new DomainError('registration.error.inviteOnly', 403)
    if (invite.registration && invite.registration.id !== existing?.id && invite.registration.status !== 'cancelled') {
      await enqueueAlreadyRegistered(tx, { event, registration: { ...invite.registration, ticketType: null } })
      return { outcome: 'exists', registration: invite.registration, position: null, switchedMode: false }
    }
    inviteId = invite.id
  }

  const ticket = resolveTicket(event, input.ticketTypeId)
  const modes = modesOf(event)
  let mode: AttendanceMode = modes.includes(input.attendanceMode) ? input.attendanceMode : modes[0]
  let status: RegistrationStatus = 'interest'
  let switchedMode = false
  let queuedAt = new Date()
  let position: number | null = null
  if (!isInterest) {
    const hasSeat = (m: AttendanceMode) => seats[m].left === null || seats[m].left! > 0
    status = 'confirmed'
    if (!hasSeat(mode)) {
      const other = modes.find((m) => m !== mode)
      if (input.whenFull === 'other-mode' && other && hasSeat(other)) {
        mode = other
        switchedMode = true
      } else {
        status = 'waitlisted'
        // Under the event lock, so the newcomer is exactly last in this mode's queue.
        queuedAt = nextQueuedAt(seats[mode])
        position = seats[mode].waitlisted + 1
      }
    }
  }

  const data = {
    ...attendeeColumns(input, privacyVersion === null ? null : { version: privacyVersion, at: options.now }),
    attendanceMode: mode,
    status,
    queuedAt,
    answers: input.answers as Prisma.InputJsonValue,
    ticketTypeId: ticket?.id ?? null,
    priceOre: ticket?.priceOre ?? 0,
    vatRate: ticket?.priceOre ? ticket.vatRate : 0,
    paymentStatus: ticket && ticket.priceOre > 0 ? ('unpaid' as const) : ('not_applicable' as const),
    invoiceOrgNumber: input.invoice?.orgNumber ?? null,
    invoiceAddress: input.invoice?.address ?? null,
    invoiceEReference: input.invoice?.eReference ?? null,
    buyerReference: input.invoice?.buyerReference ?? null,
    inviteId,
    seriesSignupId: options.seriesSignupId,
    cancelledAt: null,
    interestNotifiedAt: null,
    promotedAt: null,
  }
  let registration: Registration & { ticketType: TicketType | null }
  if (existing) {
    // A cancelled (or interest) registration comes back: same row, new links (the old ones stay revoked).
    const tokenVersion = existing.tokenVersion + 1
    const updated = await tx.registration.update({
      where: { id: existing.id },
      data: { ...data, tokenVersion, manageTokenHash: manageTokenHash({ id: existing.id, tokenVersion }) },
    })
    registration = { ...updated, ticketType: ticket }
    await tx.itemSignup.deleteMany({ where: { registrationId: existing.id } })
  } else {
    const id = randomUUID()
    const created = await tx.registration.create({ data: { id, eventId: event.id, ...data, manageTokenHash: manageTokenHash({ id, tokenVersion: 0 }) } })
    registration = { ...created, ticketType: ticket }
  }

  const itemTitles = await signUpForItems(tx, event, registration.id, input.itemIds, input.locale)
  await recordAudit(tx, {
    organizationId: event.organizationId,
    actorId: options.actorId,
    action: 'registration.created',
    entityType: 'registration',
    entityId: registration.id,
    data: { eventId: event.id, status, mode, source: options.source, ...(switchedMode ? { switchedMode: true } : {}) },
  })

  if (status === 'confirmed') await enqueueConfirmation(tx, { event, registration, reason: 'registered', itemTitles })
  else if (status === 'waitlisted') {
    await enqueueWaitlisted(tx, { event, registration, position: position ?? 1 })
  } else await enqueueInterestRegistered(tx, { event, registration })
  await notifyOrganizers(tx, {
    eventId: event.id,
    change: 'registered',
    registrationId: registration.id,
    known: { event, registration, confirmedInMode: status === 'confirmed' ? seats[mode].confirmed + 1 : undefined },
  })
  return { outcome: status === 'confirmed' ? 'confirmed' : status === 'waitlisted' ? 'waitlisted' : 'interest', registration, position, switchedMode }
}

function attendeeColumns(input: AttendeeDetails, privacy: { version: number; at: Date } | null) {
  return {
    name: input.name,
    email: input.email.trim(),
    emailNormalized: input.email.trim().toLowerCase(),
    organizationName: input.organizationName,
    sector: input.sector,
    county: input.county,
    abroad: input.abroad,
    locale: input.locale,
    privacyVersion: privacy?.version ?? null,
    privacyAcceptedAt: privacy?.at ?? null,
  }
}

function resolveTicket(event: SeatEvent, ticketTypeId: string | null): TicketType | null {
  if (event.ticketTypes.length === 0) return null
  const ticket = event.ticketTypes.find((candidate) => candidate.id === ticketTypeId) ?? (event.ticketTypes.length === 1 ? event.ticketTypes[0] : null)
  if (!ticket) throw new DomainError('registration.error.ticket', 400, {}, 'ticket')
  return ticket
}

/**
 * Signs a registration up for programme items with their own capacity (under the event lock, so
 * the item's seats are counted exactly). A full item is refused with a message on its checkbox.
 * Returns the titles of the chosen items, for the confirmation mail.
 */
export async function signUpForItems(tx: Tx, event: SeatEvent, registrationId: string, itemIds: string[], locale: Locale): Promise<string[]> {
  if (itemIds.length === 0) return []
  const items = await tx.programmeItem.findMany({
    where: { id: { in: itemIds }, eventId: event.id, capacity: { not: null } },
    include: { _count: { select: { signups: { where: { registration: { status: { not: 'cancelled' } } } } } } },
  })
  const titles: string[] = []
  for (const item of items) {
    const mine = await tx.itemSignup.findUnique({ where: { itemId_registrationId: { itemId: item.id, registrationId } } })
    if (!mine && item._count.signups >= (item.capacity ?? 0)) {
      throw new DomainError('registration.error.itemFull', 409, { title: locale === 'en' && item.titleEn ? item.titleEn : item.titleSv }, `item_${item.id}`)
    }
    if (!mine) await tx.itemSignup.create({ data: { itemId: item.id, registrationId } })
    titles.push(locale === 'en' && item.titleEn ? item.titleEn : item.titleSv)
  }
  return titles
}

// ---------- series ----------

export type SeriesRegistrationOutcome = {
  outcome: 'registered' | 'exists'
  parts: { eventId: string; title: string; outcome: RegistrationOutcome['outcome'] | 'closed' }[]
}

export type RegisterForSeriesInput = {
  seriesSlug: string
  attendee: AttendeeDetails
  attendanceMode: AttendanceMode
  now?: Date
}

/**
 * Signs a person up for every open part of a series in one transaction: one registration per part
 * (each part keeps its own seats, reminders and links), linked by a SeriesSignup. Parts whose
 * registration is closed are skipped and reported; parts added later can be joined from the manage
 * page. Events are locked in id order, so two series sign-ups never deadlock.
 */
export async function registerForSeries(input: RegisterForSeriesInput): Promise<SeriesRegistrationOutcome> {
  const now = input.now ?? new Date()
  return db.$transaction(
    async (tx) => {
      const series = await tx.series.findFirst({
        where: { slug: input.seriesSlug, status: 'published' },
        include: { parts: { where: { status: 'published', endsAt: { gt: now } }, orderBy: { id: 'asc' }, select: { id: true } } },
      })
      if (!series) throw new NotFoundError('error.seriesNotFound')
      const email = input.attendee.email.trim().toLowerCase()
      const privacyVersion = await acceptedPrivacyVersion(tx, series.organizationId, input.attendee.privacyVersion ?? null)
      const existing = await tx.seriesSignup.findUnique({ where: { seriesId_emailNormalized: { seriesId: series.id, emailNormalized: email } } })
      const signup = existing
        ? await tx.seriesSignup.update({ where: { id: existing.id }, data: { cancelledAt: null } })
        : await tx.seriesSignup.create({
            data: {
              seriesId: series.id,
              name: input.attendee.name,
              email,
              emailNormalized: email,
              attendanceMode: input.attendanceMode,
              sector: input.attendee.sector,
              organizationName: input.attendee.organizationName,
              county: input.attendee.county,
              abroad: input.attendee.abroad,
              locale: input.attendee.locale,
              privacyVersion,
              privacyAcceptedAt: now,
            },
          })
      const parts: SeriesRegistrationOutcome['parts'] = []
      const events: SeatEvent[] = []
      for (const part of series.parts) events.push(await lockEventForRegistration(tx, { id: part.id }))
      events.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      let anyNew = false
      for (const event of events) {
        const title = input.attendee.locale === 'en' && event.titleEn ? event.titleEn : event.titleSv
        // Invite-only parts and priced parts (which need invoice details) are registered for one by one.
        if (refusal(event, now) || event.registrationMode !== 'open' || event.ticketTypes.some((ticket) => ticket.priceOre > 0)) {
          parts.push({ eventId: event.id, title, outcome: 'closed' })
          continue
        }
        const mode = modesOf(event).includes(input.attendanceMode) ? input.attendanceMode : modesOf(event)[0]
        const result = await registerLocked(
          tx,
          event,
          {
            ...input.attendee,
            email,
            attendanceMode: mode,
            whenFull: 'waitlist',
            ticketTypeId: null,
            invoice: null,
            answers: {},
            itemIds: [],
            inviteToken: null,
          },
          { source: 'public', actorId: null, now, seriesSignupId: signup.id, privacyVersion },
        )
        if (result.outcome !== 'exists') anyNew = true
        if (!result.registration.seriesSignupId) {
          await tx.registration.update({ where: { id: result.registration.id }, data: { seriesSignupId: signup.id } })
        }
        parts.push({ eventId: event.id, title, outcome: result.outcome })
      }
      if (parts.every((part) => part.outcome === 'closed')) throw new RegistrationClosedError('registration.error.seriesClosed', 409)
      return { outcome: existing && !anyNew ? 'exists' : 'registered', parts }
    },
    { maxWait: 30_000, timeout: 30_000 },
  )
}
