import { db, type Tx } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import type { AttendanceMode, NotificationFrequency, RegistrationStatus } from '../generated/prisma/enums.ts'
import { pick, type Locale } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'
import { ForbiddenError } from '../errors.server.ts'
import type { Access } from '../organizations/access.server.ts'
import { speakerAnswersBetween, type DayAnswer } from '../speakers/answer-digest.server.ts'
import { startOfStockholmDay, stockholmClock, stockholmDay } from '../time.ts'

/**
 * What organizers hear about registrations (issue 8, §4): each member of an organization chooses
 * in the console (Membership.registrationDigest) to get one mail per registration or cancellation
 * ('immediate'), one digest a day at about 07.00 Stockholm time with the day before ('daily', the
 * default), or nothing ('off'). Members who get either also get one notice when an event, or one
 * attendance mode of a hybrid event, becomes full. All of it is kind 'notification': the
 * unsubscribe link in the mail stops it as well.
 */

/** The daily digest goes out from this hour (Stockholm time) on. */
export const DIGEST_HOUR = 7

const MAX_NAMES = 100

function appUrl(): string {
  return config().appUrl.replace(/\/$/, '')
}

const withLang = (path: string, locale: Locale) => `${appUrl()}${path}${locale === 'en' ? '?lang=en' : ''}`
const registrationsUrl = (slug: string, eventId: string, locale: Locale) => withLang(`/organizer/${slug}/events/${eventId}/registrations`, locale)
/** "Mina aviseringar" on the members page. */
const settingsUrl = (slug: string, locale: Locale) => `${withLang(`/organizer/${slug}/members`, locale)}#notifications`

async function standing(tx: Tx, eventId: string) {
  const rows = await tx.registration.groupBy({ by: ['status'], where: { eventId, status: { in: ['confirmed', 'waitlisted'] } }, _count: true })
  const count = (status: string) => rows.find((row) => row.status === status)?._count ?? 0
  return { confirmed: count('confirmed'), waitlisted: count('waitlisted') }
}

async function organizationOf(tx: Tx, eventId: string): Promise<string> {
  return (await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { organizationId: true } })).organizationId
}

type Recipient = { personId: string; email: string; locale: Locale; frequency: NotificationFrequency }

async function recipients(tx: Tx, organizationId: string): Promise<Recipient[]> {
  const memberships = await tx.membership.findMany({
    where: { organizationId, registrationDigest: { not: 'off' } },
    include: { person: { select: { id: true, email: true, locale: true } } },
    orderBy: { createdAt: 'asc' },
  })
  return memberships.map((m) => ({ personId: m.person.id, email: m.person.email, locale: m.person.locale, frequency: m.registrationDigest }))
}

/**
 * Call inside the transaction that registered or cancelled someone (after the change, so the
 * counts include it). Queues the 'immediate' members' mail and, when a registration took the last
 * place of its mode, the "full" notice (once per event, mode and capacity: dedupKey). Members with
 * 'daily' hear about it in tomorrow's digest. Repeating it for the same change mails the
 * immediate members again, so call it once per change.
 */
export async function notifyOrganizers(
  tx: Tx,
  input: {
    eventId: string
    change: 'registered' | 'cancelled'
    registrationId: string
    /** What the caller already holds (the registration path, under the event lock): saves reading it again. */
    known?: {
      event: FullEvent
      registration: { name: string; status: RegistrationStatus; attendanceMode: AttendanceMode }
      /** Confirmed in the registration's mode, this registration included. */
      confirmedInMode?: number
    }
  },
): Promise<void> {
  const people = await recipients(tx, input.known?.event.organizationId ?? (await organizationOf(tx, input.eventId)))
  if (people.length === 0) return
  const event =
    input.known?.event ?? (await tx.event.findUniqueOrThrow({ where: { id: input.eventId }, include: { organization: { select: { slug: true } } } }))
  const registration =
    input.known?.registration ??
    (await tx.registration.findUniqueOrThrow({ where: { id: input.registrationId }, select: { name: true, status: true, attendanceMode: true } }))
  const immediate = people.filter((p) => p.frequency === 'immediate')
  const now = immediate.length ? await standing(tx, event.id) : { confirmed: 0, waitlisted: 0 }
  const person = { name: registration.name, status: registration.status, attendanceMode: registration.attendanceMode }
  for (const member of immediate) {
    await enqueueMail(tx, {
      template: 'organizer-registrations',
      to: member.email,
      locale: member.locale,
      organizationId: event.organizationId,
      eventId: event.id,
      registrationId: input.registrationId,
      payload: {
        frequency: 'immediate',
        events: [
          {
            eventTitle: pick(event, 'title', member.locale),
            url: registrationsUrl(event.organization.slug, event.id, member.locale),
            registered: input.change === 'registered' ? [person] : [],
            cancelled: input.change === 'cancelled' ? [person] : [],
            registeredCount: input.change === 'registered' ? 1 : 0,
            cancelledCount: input.change === 'cancelled' ? 1 : 0,
            ...now,
          },
        ],
        settingsUrl: settingsUrl(event.organization.slug, member.locale),
      },
    })
  }
  if (input.change === 'registered' && registration.status === 'confirmed')
    await noticeIfFull(tx, event, registration.attendanceMode, people, input.known?.confirmedInMode)
}

type FullEvent = {
  id: string
  organizationId: string
  titleSv: string
  titleEn: string
  format: 'on_site' | 'online' | 'hybrid'
  startsAt: Date
  endsAt: Date
  capacityOnSite: number | null
  capacityOnline: number | null
  organization: { slug: string }
}

async function noticeIfFull(tx: Tx, event: FullEvent, mode: AttendanceMode, people: Recipient[], confirmed?: number) {
  const capacity = mode === 'on_site' ? event.capacityOnSite : event.capacityOnline
  if (capacity === null) return
  const taken = confirmed ?? (await tx.registration.count({ where: { eventId: event.id, status: 'confirmed', attendanceMode: mode } }))
  if (taken < capacity) return
  for (const member of people) {
    await enqueueMail(tx, {
      template: 'event-full',
      to: member.email,
      locale: member.locale,
      organizationId: event.organizationId,
      eventId: event.id,
      // Once per event, mode and capacity: a raised capacity that fills up again is news again.
      dedupKey: `event-full:${event.id}:${mode}:${capacity}:${member.personId}`,
      payload: {
        eventTitle: pick(event, 'title', member.locale),
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        mode: event.format === 'hybrid' ? mode : 'all',
        capacity,
        url: registrationsUrl(event.organization.slug, event.id, member.locale),
        settingsUrl: settingsUrl(event.organization.slug, member.locale),
      },
    })
  }
}

const speakersUrl = (slug: string, eventId: string, locale: Locale) => withLang(`/organizer/${slug}/events/${eventId}/speakers`, locale)

/**
 * The daily digests: from 07.00 Stockholm time, one mail per member who chose 'daily', covering
 * yesterday (Stockholm calendar day) in all their organizations: per event, who registered and who
 * cancelled, and where it stands now; and, for organizers and owners who chose 'daily' for speaker
 * answers (Membership.speakerAnswerMail), the speakers' answers and unanswered expiries of that day.
 * One mail per member and day whichever of the two it carries. Nothing for a quiet day. Safe to run
 * every minute and in several processes (dedupKey `digest:<person>:<day>`); returns how many it queued.
 */
export async function scheduleDigests(input: { now?: Date } = {}): Promise<{ queued: number }> {
  const now = input.now ?? new Date()
  if (stockholmClock(now).hour < DIGEST_HOUR) return { queued: 0 }
  const until = startOfStockholmDay(now)
  const from = startOfStockholmDay(now, -1)
  const day = stockholmDay(from)

  const memberships = await db.membership.findMany({
    where: { OR: [{ registrationDigest: 'daily' }, { speakerAnswerMail: 'daily', role: { in: ['owner', 'organizer'] } }] },
    include: { person: { select: { id: true, email: true, locale: true } }, organization: { select: { id: true, slug: true } } },
    orderBy: { createdAt: 'asc' },
  })
  const byPerson = new Map<string, typeof memberships>()
  for (const membership of memberships) byPerson.set(membership.personId, [...(byPerson.get(membership.personId) ?? []), membership])
  const keyOf = (personId: string) => `digest:${personId}:${day}`
  const done = new Set(
    (await db.outboxMessage.findMany({ where: { dedupKey: { in: [...byPerson.keys()].map(keyOf) } }, select: { dedupKey: true } })).map((row) => row.dedupKey),
  )

  // One read per organization, however many of its members get a digest.
  const activity = new Map<string, Promise<OrganizationDay>>()
  const dayOf = (organizationId: string) => {
    let found = activity.get(organizationId)
    if (!found) activity.set(organizationId, (found = organizationDay(organizationId, from, until)))
    return found
  }
  const answers = new Map<string, Promise<DayAnswer[]>>()
  const answersOf = (organizationId: string) => {
    let found = answers.get(organizationId)
    if (!found) answers.set(organizationId, (found = speakerAnswersBetween(organizationId, from, until)))
    return found
  }

  let queued = 0
  for (const [personId, own] of byPerson) {
    if (done.has(keyOf(personId))) continue
    const { person } = own[0]
    const locale = person.locale
    const events: DigestEvent[] = []
    const speakerAnswers: DigestAnswer[] = []
    for (const membership of own) {
      if (membership.speakerAnswerMail === 'daily' && (membership.role === 'owner' || membership.role === 'organizer')) {
        for (const answer of await answersOf(membership.organizationId)) {
          speakerAnswers.push({
            eventTitle: pick(answer, 'title', locale),
            speakerName: answer.speakerName,
            answer: answer.answer,
            ...(answer.reason ? { reason: answer.reason.slice(0, 2000) } : {}),
            url: speakersUrl(membership.organization.slug, answer.eventId, locale),
          })
        }
      }
      if (membership.registrationDigest !== 'daily') continue
      for (const event of (await dayOf(membership.organizationId)).events) {
        events.push({
          eventTitle: pick(event, 'title', locale),
          url: registrationsUrl(membership.organization.slug, event.id, locale),
          registered: event.registered.slice(0, MAX_NAMES),
          cancelled: event.cancelled.slice(0, MAX_NAMES),
          registeredCount: event.registered.length,
          cancelledCount: event.cancelled.length,
          confirmed: event.confirmed,
          waitlisted: event.waitlisted,
        })
      }
    }
    if (events.length === 0 && speakerAnswers.length === 0) continue
    const row = await db.$transaction((tx) =>
      enqueueMail(tx, {
        template: 'organizer-registrations',
        to: person.email,
        locale,
        organizationId: own[0].organizationId,
        dedupKey: keyOf(personId),
        payload: {
          frequency: 'daily',
          day: from,
          events: events.slice(0, 200),
          ...(speakerAnswers.length ? { speakerAnswers: speakerAnswers.slice(0, MAX_NAMES), speakerAnswerCount: speakerAnswers.length } : {}),
          settingsUrl: settingsUrl(own[0].organization.slug, locale),
        },
      }),
    )
    if (row) queued++
  }
  return { queued }
}

type DigestEvent = {
  eventTitle: string
  url: string
  registered: DigestPerson[]
  cancelled: DigestPerson[]
  registeredCount: number
  cancelledCount: number
  confirmed: number
  waitlisted: number
}
type DigestAnswer = { eventTitle: string; speakerName: string; answer: DayAnswer['answer']; reason?: string; url: string }
type DigestPerson = { name: string; status: 'confirmed' | 'waitlisted' | 'cancelled' | 'interest'; attendanceMode: AttendanceMode }
type OrganizationDay = {
  events: Array<{ id: string; titleSv: string; titleEn: string; registered: DigestPerson[]; cancelled: DigestPerson[]; confirmed: number; waitlisted: number }>
}

/** An organization's registrations made and cancelled in [from, until), per event, in the order they happened. */
async function organizationDay(organizationId: string, from: Date, until: Date): Promise<OrganizationDay> {
  const select = { eventId: true, name: true, status: true, attendanceMode: true } as const
  const [registered, cancelled] = await Promise.all([
    db.registration.findMany({
      where: { event: { organizationId }, createdAt: { gte: from, lt: until }, status: { not: 'interest' } },
      select,
      orderBy: { createdAt: 'asc' },
    }),
    db.registration.findMany({ where: { event: { organizationId }, cancelledAt: { gte: from, lt: until } }, select, orderBy: { cancelledAt: 'asc' } }),
  ])
  const eventIds = [...new Set([...registered, ...cancelled].map((row) => row.eventId))]
  if (eventIds.length === 0) return { events: [] }
  const [events, counts] = await Promise.all([
    db.event.findMany({
      where: { id: { in: eventIds } },
      select: { id: true, titleSv: true, titleEn: true },
      orderBy: [{ startsAt: 'asc' }, { titleSv: 'asc' }],
    }),
    db.registration.groupBy({ by: ['eventId', 'status'], where: { eventId: { in: eventIds }, status: { in: ['confirmed', 'waitlisted'] } }, _count: true }),
  ])
  const count = (eventId: string, status: string) => counts.find((row) => row.eventId === eventId && row.status === status)?._count ?? 0
  const person = (row: (typeof registered)[number]): DigestPerson => ({ name: row.name, status: row.status, attendanceMode: row.attendanceMode })
  return {
    events: events.map((event) => ({
      ...event,
      registered: registered.filter((row) => row.eventId === event.id).map(person),
      cancelled: cancelled.filter((row) => row.eventId === event.id).map(person),
      confirmed: count(event.id, 'confirmed'),
      waitlisted: count(event.id, 'waitlisted'),
    })),
  }
}

/** The signed-in member's own choice for this organization (any role: it is about their own inbox). */
export async function getMyRegistrationDigest(access: Access): Promise<NotificationFrequency> {
  return (await getMyNotifications(access)).registrationDigest
}

export type NotificationChoices = {
  /** Registrations and cancellations. */
  registrationDigest: NotificationFrequency
  /** Speakers' answers to invitations, and invitations that expired unanswered (app/speakers/). */
  speakerAnswerMail: NotificationFrequency
}

/** The signed-in member's own choices for this organization; 403 for a non-member. */
export async function getMyNotifications(access: Access): Promise<NotificationChoices> {
  const membership = await db.membership.findUnique({
    where: { organizationId_personId: { organizationId: access.organization.id, personId: access.personId } },
    select: { registrationDigest: true, speakerAnswerMail: true },
  })
  if (!membership) throw new ForbiddenError()
  return membership
}

/** Sets the signed-in member's own choice; idempotent. Nobody can set another member's. */
export async function setMyRegistrationDigest(input: { access: Access; frequency: NotificationFrequency }): Promise<NotificationFrequency> {
  await setMyNotifications({ access: input.access, registrationDigest: input.frequency })
  return input.frequency
}

/** Sets the signed-in member's own choices (those given); idempotent. Nobody can set another member's. */
export async function setMyNotifications(input: { access: Access } & Partial<NotificationChoices>): Promise<void> {
  const { count } = await db.membership.updateMany({
    where: { organizationId: input.access.organization.id, personId: input.access.personId },
    data: { registrationDigest: input.registrationDigest, speakerAnswerMail: input.speakerAnswerMail },
  })
  if (count !== 1) throw new ForbiddenError()
}
