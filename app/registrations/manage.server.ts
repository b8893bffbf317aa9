import type { AttendanceMode, Prisma, Registration, TicketType } from '../generated/prisma/client.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import type { Answers, AttendeeDetails } from './form.server.ts'
import { enqueueCancellation, enqueueConfirmation, enqueueWaitlisted } from './mail.server.ts'
import { notifyOrganizers } from './organizer-notices.server.ts'
import { registerLocked, signUpForItems, type RegistrationOutcome } from './register.server.ts'
import { countSeats, lockEventForRegistration, modesOf, nextQueuedAt, promoteFromWaitlist, waitlistPosition, type SeatEvent } from './seats.server.ts'
import { hashToken, isTokenShaped } from './tokens.server.ts'

/**
 * Changes to an existing registration, by its person (from the manage link) or by an organizer.
 * Each runs in one transaction with the event row locked (see seats.server.ts): a freed seat goes
 * to the first person on the waitlist in the same transaction, and cancelling twice frees one seat once.
 */
export type Actor = { by: 'attendee' | 'organizer'; actorId?: string | null }

/** The registration a manage token stands for (any status), or null. Reads only: opening a link changes nothing. */
export async function findRegistrationByToken(token: string) {
  if (!isTokenShaped(token)) return null
  return db.registration.findUnique({
    where: { manageTokenHash: hashToken(token) },
    include: {
      ticketType: true,
      itemSignups: { select: { itemId: true } },
      event: { include: { organization: true, series: true } },
      seriesSignup: {
        include: {
          registrations: { include: { event: { select: { id: true, slug: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true, status: true } } } },
          series: { include: { parts: { where: { status: 'published' }, orderBy: [{ seriesPosition: 'asc' }, { startsAt: 'asc' }] } } },
        },
      },
    },
  })
}

export type ManagedRegistration = NonNullable<Awaited<ReturnType<typeof findRegistrationByToken>>>

/** Runs `work` with the registration's event locked and the registration re-read under the lock. */
export async function withRegistration<T>(
  registrationId: string,
  work: (tx: Tx, event: SeatEvent, registration: Registration & { ticketType: TicketType | null }) => Promise<T>,
  scope?: { organizationId: string },
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      const found = await tx.registration.findUnique({ where: { id: registrationId }, select: { eventId: true, event: { select: { organizationId: true } } } })
      if (!found || (scope && found.event.organizationId !== scope.organizationId)) throw new NotFoundError('registration.error.notFound')
      const event = await lockEventForRegistration(tx, { id: found.eventId })
      const registration = await tx.registration.findUniqueOrThrow({ where: { id: registrationId }, include: { ticketType: true } })
      return work(tx, event, registration)
    },
    { maxWait: 30_000, timeout: 30_000 },
  )
}

export type CancelInput = Actor & { registrationId: string; organizationId?: string }

/**
 * Cancels one registration. Idempotent: a second cancel changes nothing and frees no seat. A
 * confirmed seat that frees goes to the waitlist at once. Returns whether anything changed.
 */
export async function cancelRegistration(input: CancelInput): Promise<{ changed: boolean; promoted: string[] }> {
  return withRegistration(
    input.registrationId,
    (tx, event, registration) => cancelLocked(tx, event, registration, input),
    input.organizationId ? { organizationId: input.organizationId } : undefined,
  )
}

/**
 * The cancellation itself, inside a transaction that holds the event's lock (withRegistration):
 * for callers that do more in the same transaction (an erasure anonymizes right after, ADR 0031).
 */
export async function cancelLocked(
  tx: Tx,
  event: SeatEvent,
  registration: Registration & { ticketType: TicketType | null },
  input: Actor,
): Promise<{ changed: boolean; promoted: string[] }> {
  if (registration.status === 'cancelled') return { changed: false, promoted: [] }
  const wasConfirmed = registration.status === 'confirmed'
  const cancelled = await tx.registration.update({
    where: { id: registration.id },
    data: { status: 'cancelled', cancelledAt: new Date() },
    include: { ticketType: true },
  })
  await tx.itemSignup.deleteMany({ where: { registrationId: registration.id } })
  await recordAudit(tx, {
    organizationId: event.organizationId,
    actorId: input.actorId ?? null,
    action: registration.status === 'waitlisted' && input.by === 'organizer' ? 'registration.removedFromWaitlist' : 'registration.cancelled',
    entityType: 'registration',
    entityId: registration.id,
    data: { eventId: event.id, by: input.by, previous: registration.status },
  })
  if (registration.status !== 'interest') await enqueueCancellation(tx, { event, registration: cancelled, by: input.by, previousStatus: registration.status })
  await notifyOrganizers(tx, { eventId: event.id, change: 'cancelled', registrationId: registration.id })
  const promoted = wasConfirmed && event.status === 'published' ? await promoteFromWaitlist(tx, event, 'cancellation', input.actorId ?? null) : []
  return { changed: true, promoted }
}

/** Cancels every part of a series sign-up the person still holds (each part frees its own seat). */
export async function cancelSeriesSignup(input: Actor & { seriesSignupId: string }): Promise<number> {
  const parts = await db.registration.findMany({ where: { seriesSignupId: input.seriesSignupId, status: { not: 'cancelled' } }, select: { id: true } })
  let count = 0
  for (const part of parts) if ((await cancelRegistration({ ...input, registrationId: part.id })).changed) count++
  await db.seriesSignup.update({ where: { id: input.seriesSignupId }, data: { cancelledAt: new Date() } })
  return count
}

/**
 * Moves a registration to the other attendance mode of a hybrid event, if that mode has a seat (or
 * puts a waitlisted person in the other mode's queue). The seat left behind goes to the waitlist.
 */
export async function changeAttendanceMode(input: Actor & { registrationId: string; mode: AttendanceMode; organizationId?: string }) {
  return withRegistration(
    input.registrationId,
    async (tx, event, registration) => {
      if (registration.status === 'cancelled') throw new DomainError('registration.error.alreadyCancelled', 409)
      if (!modesOf(event).includes(input.mode)) throw new DomainError('registration.error.attendance', 400, {}, 'mode')
      if (registration.attendanceMode === input.mode) return { changed: false }
      const seats = await countSeats(tx, event)
      const free = seats[input.mode].left === null || seats[input.mode].left! > 0
      const from = registration.attendanceMode
      if (registration.status === 'confirmed' && !free) throw new DomainError('registration.error.modeFull', 409, {}, 'mode')
      const status = registration.status === 'waitlisted' && free ? 'confirmed' : registration.status
      const updated = await tx.registration.update({
        where: { id: registration.id },
        data: { attendanceMode: input.mode, status, ...(status === 'waitlisted' ? { queuedAt: nextQueuedAt(seats[input.mode]) } : {}) },
        include: { ticketType: true },
      })
      await recordAudit(tx, {
        organizationId: event.organizationId,
        actorId: input.actorId ?? null,
        action: 'registration.modeChanged',
        entityType: 'registration',
        entityId: registration.id,
        data: { eventId: event.id, from, to: input.mode, by: input.by, status },
      })
      if (status === 'confirmed') await enqueueConfirmation(tx, { event, registration: updated, reason: 'changed' })
      else if (status === 'waitlisted') await enqueueWaitlisted(tx, { event, registration: updated, position: await waitlistPosition(tx, updated) })
      if (registration.status === 'confirmed' && event.status === 'published') await promoteFromWaitlist(tx, event, 'mode-change', input.actorId ?? null)
      return { changed: true }
    },
    input.organizationId ? { organizationId: input.organizationId } : undefined,
  )
}

/** The person's own details and answers (no seat changes). */
export async function updateRegistrationDetails(
  input: Actor & { registrationId: string; details: Omit<AttendeeDetails, 'email' | 'locale'>; answers: Answers },
) {
  return withRegistration(input.registrationId, async (tx, event, registration) => {
    if (registration.status === 'cancelled') throw new DomainError('registration.error.alreadyCancelled', 409)
    await tx.registration.update({
      where: { id: registration.id },
      data: {
        name: input.details.name,
        organizationName: input.details.organizationName,
        sector: input.details.sector,
        county: input.details.county,
        abroad: input.details.abroad,
        answers: input.answers as Prisma.InputJsonValue,
      },
    })
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.actorId ?? null,
      action: 'registration.updated',
      entityType: 'registration',
      entityId: registration.id,
      data: { eventId: event.id, by: input.by, fields: ['details', 'answers'] },
    })
  })
}

/** Chooses the sub-sessions (programme items with their own sign-up) a registration holds. */
export async function setItemSignups(input: Actor & { registrationId: string; itemIds: string[] }) {
  return withRegistration(input.registrationId, async (tx, event, registration) => {
    if (registration.status === 'cancelled') throw new DomainError('registration.error.alreadyCancelled', 409)
    await tx.itemSignup.deleteMany({ where: { registrationId: registration.id, itemId: { notIn: input.itemIds } } })
    const titles = await signUpForItems(tx, event, registration.id, input.itemIds, registration.locale)
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.actorId ?? null,
      action: 'registration.updated',
      entityType: 'registration',
      entityId: registration.id,
      data: { eventId: event.id, by: input.by, items: input.itemIds },
    })
    return titles
  })
}

/**
 * An organizer moves a waitlisted person to a seat by hand (it may go over the capacity: the
 * organizer decides, and the audit log says so).
 */
export async function promoteRegistration(input: { registrationId: string; organizationId: string; actorId: string }) {
  return withRegistration(
    input.registrationId,
    async (tx, event, registration) => {
      if (registration.status !== 'waitlisted') throw new DomainError('registration.error.notWaitlisted', 409)
      const seats = await countSeats(tx, event)
      const updated = await tx.registration.update({
        where: { id: registration.id },
        data: { status: 'confirmed', promotedAt: new Date() },
        include: { ticketType: true },
      })
      const left = seats[registration.attendanceMode].left
      await recordAudit(tx, {
        organizationId: event.organizationId,
        actorId: input.actorId,
        action: 'registration.promoted',
        entityType: 'registration',
        entityId: registration.id,
        data: { eventId: event.id, mode: registration.attendanceMode, reason: 'organizer', overCapacity: left !== null && left <= 0 },
      })
      await enqueueConfirmation(tx, { event, registration: updated, reason: 'promoted' })
    },
    { organizationId: input.organizationId },
  )
}

/** Mails the confirmation (or the waitlist notice) again, with the same manage link. */
export async function resendConfirmation(input: { registrationId: string; organizationId?: string }) {
  return withRegistration(
    input.registrationId,
    async (tx, event, registration) => {
      if (registration.status === 'confirmed') await enqueueConfirmation(tx, { event, registration, reason: 'resent' })
      else if (registration.status === 'waitlisted') await enqueueWaitlisted(tx, { event, registration, position: await waitlistPosition(tx, registration) })
      else throw new DomainError('registration.error.alreadyCancelled', 409)
    },
    input.organizationId ? { organizationId: input.organizationId } : undefined,
  )
}

/**
 * Joins a part of the series the person signed up for (a part added after they signed up, or one
 * they left), with the details of their series sign-up.
 */
export async function joinSeriesPart(input: { seriesSignupId: string; eventId: string; now?: Date }): Promise<RegistrationOutcome> {
  const now = input.now ?? new Date()
  return db.$transaction(
    async (tx) => {
      const signup = await tx.seriesSignup.findUnique({ where: { id: input.seriesSignupId } })
      if (!signup) throw new NotFoundError('registration.error.notFound')
      const event = await lockEventForRegistration(tx, { id: input.eventId })
      if (event.seriesId !== signup.seriesId) throw new NotFoundError('error.eventNotFound')
      const modes = modesOf(event)
      return registerLocked(
        tx,
        event,
        {
          name: signup.name,
          email: signup.emailNormalized,
          organizationName: signup.organizationName,
          sector: signup.sector,
          county: signup.county,
          abroad: signup.abroad,
          locale: signup.locale,
          attendanceMode: modes.includes(signup.attendanceMode) ? signup.attendanceMode : modes[0],
          whenFull: 'waitlist',
          ticketTypeId: null,
          invoice: null,
          answers: {},
          itemIds: [],
          inviteToken: null,
        },
        { source: 'public', actorId: null, now, seriesSignupId: signup.id },
      )
    },
    { maxWait: 30_000, timeout: 30_000 },
  )
}

/**
 * After an organizer raised a capacity (or changed the format): fill the new seats from the
 * waitlist, inside the caller's transaction (which holds the event lock).
 */
export async function promoteAfterCapacityChange(tx: Tx, eventId: string, actorId: string | null): Promise<string[]> {
  const event = await lockEventForRegistration(tx, { id: eventId })
  if (event.status !== 'published') return []
  return promoteFromWaitlist(tx, event, 'capacity', actorId)
}
