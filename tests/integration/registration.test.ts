import { describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import type { RegistrationInput } from '../../app/registrations/form.server.ts'
import {
  cancelRegistration,
  cancelSeriesSignup,
  changeAttendanceMode,
  joinSeriesPart,
  promoteAfterCapacityChange,
} from '../../app/registrations/manage.server.ts'
import { registerAttendee, registerForSeries } from '../../app/registrations/register.server.ts'
import { offerNewSeriesPart } from '../../app/registrations/series-offers.server.ts'
import { hashToken, inviteToken } from '../../app/registrations/tokens.server.ts'
import { createOrganization } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const HOUR = 3_600_000
let counter = 0

async function makeEvent(overrides: Record<string, unknown> = {}) {
  const org = await createOrganization(`reg-org-${++counter}`, 'Region Sörmland')
  const startsAt = new Date(Date.now() + 30 * 24 * HOUR)
  return db.event.create({
    data: {
      slug: `reg-event-${counter}`,
      organizationId: org.id,
      titleSv: 'Sörmland Social Innovation Day',
      titleEn: 'Sörmland Social Innovation Day',
      status: 'published',
      format: 'hybrid',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * HOUR),
      venueName: 'Eskilstuna Stadshus',
      city: 'Eskilstuna',
      capacityOnSite: 10,
      capacityOnline: null,
      onlineUrl: 'https://stream.example.org/sormland',
      ...overrides,
    },
  })
}

function person(n: number | string, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    name: `Deltagare ${n}`,
    email: `deltagare-${n}@example.org`,
    organizationName: 'Eskilstuna kommun',
    sector: 'public_sector',
    county: 'sodermanland',
    abroad: false,
    locale: 'sv',
    attendanceMode: 'on_site',
    whenFull: 'waitlist',
    ticketTypeId: null,
    invoice: null,
    answers: {},
    itemIds: [],
    inviteToken: null,
    ...overrides,
  }
}

async function counts(eventId: string) {
  const rows = await db.registration.groupBy({ by: ['status', 'attendanceMode'], where: { eventId }, _count: { _all: true } })
  const get = (status: string, mode = 'on_site') => rows.find((row) => row.status === status && row.attendanceMode === mode)?._count._all ?? 0
  return { confirmed: get('confirmed'), waitlisted: get('waitlisted'), cancelled: get('cancelled'), online: get('confirmed', 'online') }
}

const mailsFor = (registrationId: string, template?: string) => db.outboxMessage.count({ where: { registrationId, ...(template ? { template } : {}) } })

describe('registering', () => {
  it('gives the last seats to exactly as many people as there are seats when 50 try at once', async () => {
    const event = await makeEvent()
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => registerAttendee({ event: { id: event.id }, input: person(`race-${i}`) })))
    expect(results.filter((result) => result.status === 'rejected')).toEqual([])
    expect(await counts(event.id)).toMatchObject({ confirmed: 10, waitlisted: 40 })
    // Every registration got its mail in the same transaction: one confirmation or one waitlist notice each.
    expect(await db.outboxMessage.count({ where: { eventId: event.id, template: 'registration-confirmed' } })).toBe(10)
    expect(await db.outboxMessage.count({ where: { eventId: event.id, template: 'registration-waitlisted' } })).toBe(40)
    const positions = results.map((result) => (result.status === 'fulfilled' ? result.value.position : null)).filter((p) => p !== null)
    expect(new Set(positions).size).toBe(40)
  })

  it('answers a double submit with "already registered" and mails the manage link again, never a second registration', async () => {
    const event = await makeEvent()
    const [a, b] = await Promise.all([
      registerAttendee({ event: { id: event.id }, input: person('twice') }),
      registerAttendee({ event: { id: event.id }, input: person('twice', { email: '  Deltagare-TWICE@example.org ' }) }),
    ])
    expect([a.outcome, b.outcome].sort()).toEqual(['confirmed', 'exists'])
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1)
    expect(await mailsFor(a.registration.id, 'registration-exists')).toBe(1)
    expect(await mailsFor(a.registration.id, 'registration-confirmed')).toBe(1)
  })

  it('offers the other mode when asked, and otherwise the waitlist of the chosen mode', async () => {
    const event = await makeEvent({ capacityOnSite: 1 })
    await registerAttendee({ event: { id: event.id }, input: person('first') })
    const switched = await registerAttendee({ event: { id: event.id }, input: person('second', { whenFull: 'other-mode' }) })
    expect(switched).toMatchObject({ outcome: 'confirmed', switchedMode: true })
    expect(switched.registration.attendanceMode).toBe('online')
    const waiting = await registerAttendee({ event: { id: event.id }, input: person('third') })
    expect(waiting).toMatchObject({ outcome: 'waitlisted', position: 1 })
  })

  it('refuses posts before the window opens, after it closes and for cancelled events with 409', async () => {
    const early = await makeEvent({ registrationOpensAt: new Date(Date.now() + HOUR) })
    await expect(registerAttendee({ event: { id: early.id }, input: person('early') })).rejects.toMatchObject({
      status: 409,
      messageKey: 'registration.error.notYetOpen',
    })
    const late = await makeEvent({ registrationClosesAt: new Date(Date.now() - HOUR) })
    await expect(registerAttendee({ event: { id: late.id }, input: person('late') })).rejects.toMatchObject({
      status: 409,
      messageKey: 'registration.error.closed',
    })
    const cancelled = await makeEvent({ status: 'cancelled', cancellationReason: 'Sjukdom' })
    await expect(registerAttendee({ event: { id: cancelled.id }, input: person('c') })).rejects.toMatchObject({ status: 409 })
    const draft = await makeEvent({ status: 'draft' })
    await expect(registerAttendee({ event: { id: draft.id }, input: person('d') })).rejects.toMatchObject({ status: 404 })
    expect(await db.registration.count({ where: { eventId: { in: [early.id, late.id, cancelled.id, draft.id] } } })).toBe(0)
  })

  it('lets only personal invitation links register for an invite-only day', async () => {
    const event = await makeEvent({ registrationMode: 'invite_only', format: 'on_site', capacityOnSite: 70 })
    await expect(registerAttendee({ event: { id: event.id }, input: person('uninvited') })).rejects.toMatchObject({ status: 403 })
    const invite = await db.registrationInvite.create({
      data: { id: crypto.randomUUID(), eventId: event.id, email: 'inbjuden@example.org', emailNormalized: 'inbjuden@example.org', tokenHash: 'pending' },
    })
    await db.registrationInvite.update({ where: { id: invite.id }, data: { tokenHash: hashToken(inviteToken(invite)) } })
    const result = await registerAttendee({ event: { id: event.id }, input: person('inbjuden', { inviteToken: inviteToken(invite) }) })
    expect(result.outcome).toBe('confirmed')
    expect(result.registration.inviteId).toBe(invite.id)
    // The same link again (from someone else's address) does not make a second registration.
    const again = await registerAttendee({ event: { id: event.id }, input: person('annan', { inviteToken: inviteToken(invite) }) })
    expect(again.outcome).toBe('exists')
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1)
  })

  it('keeps an interest list without taking seats', async () => {
    const event = await makeEvent({ registrationMode: 'interest_only', registrationOpensAt: new Date(Date.now() + 24 * HOUR) })
    const result = await registerAttendee({ event: { id: event.id }, input: person('curious') })
    expect(result.outcome).toBe('interest')
    expect(await mailsFor(result.registration.id, 'interest-registered')).toBe(1)
    expect(await counts(event.id)).toMatchObject({ confirmed: 0, waitlisted: 0 })
  })

  it('registers for an event whose venue fills every field to its limit (the mail shortens the place line)', async () => {
    const event = await makeEvent({ venueName: 'Å'.repeat(200), venueAddress: 'Ö'.repeat(200), postalCode: '632 20', city: 'Ä'.repeat(100) })
    const result = await registerAttendee({ event: { id: event.id }, input: person('long-venue') })
    expect(result.outcome).toBe('confirmed')
    expect(await mailsFor(result.registration.id, 'registration-confirmed')).toBe(1)
  })

  it('records a priced ticket with the invoice details and the price at the time', async () => {
    const event = await makeEvent({ format: 'online', capacityOnline: null, capacityOnSite: null })
    const ticket = await db.ticketType.create({
      data: { eventId: event.id, nameSv: 'Digital biljett', nameEn: 'Digital ticket', priceOre: 29500, vatRate: 25 },
    })
    const result = await registerAttendee({
      event: { id: event.id },
      input: person('buyer', {
        attendanceMode: 'online',
        ticketTypeId: ticket.id,
        invoice: { orgNumber: '212000-0142', address: 'Box 1, 631 86 Eskilstuna', eReference: null, buyerReference: 'Anna A' },
      }),
    })
    expect(result.registration).toMatchObject({
      priceOre: 29500,
      vatRate: 25,
      paymentStatus: 'unpaid',
      invoiceOrgNumber: '212000-0142',
      attendanceMode: 'online',
    })
  })
})

describe('cancelling and the waitlist', () => {
  it('frees one seat once however often a cancel is repeated, and promotes the first in line', async () => {
    const event = await makeEvent({ capacityOnSite: 2 })
    const a = await registerAttendee({ event: { id: event.id }, input: person('a') })
    await registerAttendee({ event: { id: event.id }, input: person('b') })
    const c = await registerAttendee({ event: { id: event.id }, input: person('c') })
    const d = await registerAttendee({ event: { id: event.id }, input: person('d') })
    expect([c.outcome, d.outcome]).toEqual(['waitlisted', 'waitlisted'])
    const results = await Promise.all([1, 2, 3].map(() => cancelRegistration({ by: 'attendee', registrationId: a.registration.id })))
    expect(results.filter((result) => result.changed)).toHaveLength(1)
    expect(await counts(event.id)).toMatchObject({ confirmed: 2, waitlisted: 1, cancelled: 1 })
    expect((await db.registration.findUniqueOrThrow({ where: { id: c.registration.id } })).status).toBe('confirmed')
    expect((await db.registration.findUniqueOrThrow({ where: { id: d.registration.id } })).status).toBe('waitlisted')
    expect(await mailsFor(a.registration.id, 'registration-cancelled')).toBe(1)
    expect(await mailsFor(c.registration.id, 'registration-confirmed')).toBe(1)
    const audit = await db.auditEntry.findFirst({ where: { action: 'registration.promoted', entityId: c.registration.id } })
    expect(audit?.data).toMatchObject({ reason: 'cancellation' })
  })

  it('fills raised capacity from the waitlist in order', async () => {
    const event = await makeEvent({ capacityOnSite: 1 })
    await registerAttendee({ event: { id: event.id }, input: person('x1') })
    const w1 = await registerAttendee({ event: { id: event.id }, input: person('x2') })
    const w2 = await registerAttendee({ event: { id: event.id }, input: person('x3') })
    const w3 = await registerAttendee({ event: { id: event.id }, input: person('x4') })
    await db.event.update({ where: { id: event.id }, data: { capacityOnSite: 3 } })
    const promoted = await db.$transaction((tx) => promoteAfterCapacityChange(tx, event.id, null))
    expect(promoted).toEqual([w1.registration.id, w2.registration.id])
    expect((await db.registration.findUniqueOrThrow({ where: { id: w3.registration.id } })).status).toBe('waitlisted')
  })

  it('moves a person to the other mode only when it has a seat, and gives the freed seat away', async () => {
    const event = await makeEvent({ capacityOnSite: 1, capacityOnline: 1 })
    const a = await registerAttendee({ event: { id: event.id }, input: person('m1') })
    const waiting = await registerAttendee({ event: { id: event.id }, input: person('m2') })
    await changeAttendanceMode({ by: 'attendee', registrationId: a.registration.id, mode: 'online' })
    expect((await db.registration.findUniqueOrThrow({ where: { id: waiting.registration.id } })).status).toBe('confirmed')
    const b = await registerAttendee({ event: { id: event.id }, input: person('m3', { attendanceMode: 'online' }) })
    expect(b.outcome).toBe('waitlisted')
    await expect(changeAttendanceMode({ by: 'attendee', registrationId: waiting.registration.id, mode: 'online' })).rejects.toMatchObject({ status: 409 })
  })

  it('lets a person come back after cancelling, with a new manage link', async () => {
    const event = await makeEvent()
    const first = await registerAttendee({ event: { id: event.id }, input: person('back') })
    await cancelRegistration({ by: 'attendee', registrationId: first.registration.id })
    const again = await registerAttendee({ event: { id: event.id }, input: person('back') })
    expect(again.outcome).toBe('confirmed')
    expect(again.registration.id).toBe(first.registration.id)
    expect(again.registration.manageTokenHash).not.toBe(first.registration.manageTokenHash)
  })
})

describe('series', () => {
  it('registers once for every part, keeps each part its own seats, and lets a person leave one part', async () => {
    const org = await createOrganization(`series-org-${++counter}`, 'Mötesplats Social Innovation')
    const series = await db.series.create({
      data: { slug: `re-act-${counter}`, organizationId: org.id, titleSv: 'Re-Act', titleEn: 'Re-Act', status: 'published' },
    })
    const start = Date.now() + 10 * 24 * HOUR
    const part = (position: number, capacityOnline: number | null) =>
      db.event.create({
        data: {
          slug: `re-act-${counter}-del-${position}`,
          organizationId: org.id,
          seriesId: series.id,
          seriesPosition: position,
          titleSv: `Re-Act del ${position}`,
          titleEn: `Re-Act part ${position}`,
          status: 'published',
          format: 'online',
          startsAt: new Date(start + position * 7 * 24 * HOUR),
          endsAt: new Date(start + position * 7 * 24 * HOUR + HOUR),
          capacityOnline,
        },
      })
    const one = await part(1, 1)
    const two = await part(2, null)
    const attendee = person('serie', { attendanceMode: 'online' })
    const first = await registerForSeries({ seriesSlug: series.slug, attendee, attendanceMode: 'online' })
    expect(first.parts.map((p) => p.outcome)).toEqual(['confirmed', 'confirmed'])
    const second = await registerForSeries({ seriesSlug: series.slug, attendee: person('serie2'), attendanceMode: 'online' })
    expect(second.parts.map((p) => p.outcome)).toEqual(['waitlisted', 'confirmed'])
    const again = await registerForSeries({ seriesSlug: series.slug, attendee, attendanceMode: 'online' })
    expect(again.outcome).toBe('exists')

    const mine = await db.registration.findMany({ where: { emailNormalized: attendee.email }, orderBy: { createdAt: 'asc' } })
    expect(mine).toHaveLength(2)
    expect(new Set(mine.map((r) => r.seriesSignupId)).size).toBe(1)
    const partOne = mine.find((r) => r.eventId === one.id)!
    await cancelRegistration({ by: 'attendee', registrationId: partOne.id })
    // Leaving part 1 keeps part 2, and part 1's seat goes to the next person.
    expect((await db.registration.findFirstOrThrow({ where: { eventId: two.id, emailNormalized: attendee.email } })).status).toBe('confirmed')
    expect((await db.registration.findFirstOrThrow({ where: { eventId: one.id, emailNormalized: 'deltagare-serie2@example.org' } })).status).toBe('confirmed')

    // A part added later can be joined with the series sign-up's details.
    const three = await part(3, null)
    // Everyone signed up for the series is offered the new part once (a second publish mails no one).
    expect(await db.$transaction((tx) => offerNewSeriesPart(tx, three))).toBe(2)
    expect(await db.$transaction((tx) => offerNewSeriesPart(tx, three))).toBe(0)
    expect(await db.outboxMessage.count({ where: { eventId: three.id, template: 'series-part-added' } })).toBe(2)
    expect(await db.registration.count({ where: { eventId: three.id } })).toBe(0)
    const joined = await joinSeriesPart({ seriesSignupId: partOne.seriesSignupId!, eventId: three.id })
    expect(joined.outcome).toBe('confirmed')
    expect(joined.registration.seriesSignupId).toBe(partOne.seriesSignupId)

    expect(await cancelSeriesSignup({ by: 'attendee', seriesSignupId: partOne.seriesSignupId! })).toBe(2)
    expect(await db.registration.count({ where: { emailNormalized: attendee.email, status: { not: 'cancelled' } } })).toBe(0)
  })
})
