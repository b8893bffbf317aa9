import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import type { RegistrationInput } from '../../app/registrations/form.server.ts'
import { registerAttendee } from '../../app/registrations/register.server.ts'
import { manageToken } from '../../app/registrations/tokens.server.ts'
import * as manageRoute from '../../app/routes/($lang).registrations.$token.tsx'
import * as registrationsRoute from '../../app/routes/organizer.$org.events.$id.registrations.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

let counter = 0

function person(tag: string, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    name: `Radera ${tag}`,
    email: `radera-${tag}@erasure.example`,
    organizationName: `Förening ${tag}`,
    sector: 'civil_society',
    county: 'uppsala',
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

async function openEvent(organizationId: string, seats: number) {
  counter += 1
  const startsAt = new Date(Date.now() + 20 * 86_400_000)
  return db.event.create({
    data: {
      slug: `erasure-event-${counter}`,
      organizationId,
      titleSv: `Raderingsdagen ${counter}`,
      titleEn: `Erasure day ${counter}`,
      status: 'published',
      format: 'on_site',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 4 * 3_600_000),
      capacityOnSite: seats,
    },
  })
}

const managePost = (token: string, fields: Record<string, string>, lang = '') =>
  call(manageRoute.action, postRequest(`${lang}/registrations/${token}`, fields), { token, ...(lang ? { lang: 'en' } : {}) })
const manageGet = (token: string, lang = '') =>
  call(manageRoute.loader, getRequest(`${lang}/registrations/${token}`), { token, ...(lang ? { lang: 'en' } : {}) })

let org: { id: string; slug: string }
let organizer: string
let viewer: string

beforeAll(async () => {
  org = await createOrganization('radera-org', 'Radera förening')
  organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
})

describe('"Radera mina uppgifter" from the manage link (issue 12 §1)', () => {
  it('asks first, then cancels like a cancellation (the waitlist moves up, with one mail) and anonymizes every registration of the address', async () => {
    const event = await openEvent(org.id, 1)
    const other = await openEvent(org.id, 10)
    const mine = await registerAttendee({ event: { id: event.id }, input: person('me') })
    const mineElsewhere = await registerAttendee({ event: { id: other.id }, input: person('me') })
    const waiting = await registerAttendee({ event: { id: event.id }, input: person('next') })
    expect(waiting.outcome).toBe('waitlisted')
    const token = manageToken(mine.registration)

    // The first POST only shows what goes, and changes nothing.
    const preview = await managePost(token, { intent: 'erase' })
    expect(preview.status).toBe(200)
    const shown = await body<{ erasePreview: { registrations: { eventTitle: string; statusLabel: string }[] } }>(preview)
    expect(shown.erasePreview.registrations.map((r) => r.eventTitle)).toEqual([event.titleSv, other.titleSv])
    expect(await db.registration.count({ where: { emailNormalized: 'radera-me@erasure.example' } })).toBe(2)

    const before = await db.outboxMessage.count({ where: { registrationId: waiting.registration.id } })
    const confirmed = await managePost(token, { intent: 'erase-confirm' })
    expect(confirmed.status).toBe(303)

    const rows = await db.registration.findMany({ where: { id: { in: [mine.registration.id, mineElsewhere.registration.id] } } })
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'cancelled', name: '', organizationName: null, sector: 'civil_society', county: 'uppsala' })
      expect(row.anonymizedAt).not.toBeNull()
      expect(row.email).toMatch(/@anonymized\.invalid$/)
    }
    // The freed seat went to the next person, who got exactly one mail about it.
    expect(await db.registration.findUniqueOrThrow({ where: { id: waiting.registration.id } })).toMatchObject({ status: 'confirmed' })
    const promotedMails = await db.outboxMessage.findMany({ where: { registrationId: waiting.registration.id }, orderBy: { createdAt: 'asc' } })
    expect(promotedMails.length - before).toBe(1)
    expect(promotedMails.map((mail) => mail.template)).toEqual(['registration-waitlisted', 'registration-confirmed'])
    // Nothing is waiting to be mailed to the erased address, and no table names it.
    expect(await db.outboxMessage.count({ where: { recipient: 'radera-me@erasure.example' } })).toBe(0)
    expect(await db.registration.count({ where: { emailNormalized: 'radera-me@erasure.example' } })).toBe(0)
    const audit = await db.auditEntry.findMany({ where: { action: 'registration.erased' } })
    expect(audit).toHaveLength(2)
    expect(JSON.stringify(audit)).not.toContain('radera-me')

    // The link now says, in plain words, that the data is gone: a 410, not a 500.
    const gone = await manageGet(token)
    expect(gone.status).toBe(410)
    expect(await body(gone)).toMatchObject({ erased: true })
    const again = await managePost(token, { intent: 'erase-confirm' })
    expect(again.status).toBe(404)
  })

  it('answers a made-up link with 404 and an unknown intent with 400', async () => {
    expect((await manageGet('x'.repeat(43))).status).toBe(404)
    const event = await openEvent(org.id, 5)
    const { registration } = await registerAttendee({ event: { id: event.id }, input: person('bad') })
    const response = await managePost(manageToken(registration), { intent: 'erase-everything' })
    expect(response.status).toBe(400)
  })
})

describe('erasing one person from the console (issue 12 §1)', () => {
  const post = (eventId: string, fields: Record<string, string>, cookie: string, lang = '') =>
    call(registrationsRoute.action, postRequest(`/organizer/${org.slug}/events/${eventId}/registrations${lang}`, fields, cookie), {
      org: org.slug,
      id: eventId,
    })

  it('needs a reason, erases with it, audits the reason without the address, and shows the row as "Anonymiserad"', async () => {
    const event = await openEvent(org.id, 5)
    const { registration } = await registerAttendee({ event: { id: event.id }, input: person('asked') })

    const missing = await post(event.id, { intent: 'erase', registrationId: registration.id, reason: ' ' }, organizer)
    expect(missing.status).toBe(400)
    expect((await body<{ fieldErrors: Record<string, string> }>(missing)).fieldErrors.reason).toBe('Skriv ett skäl till raderingen (minst 3 tecken).')
    const missingEn = await post(event.id, { intent: 'erase', registrationId: registration.id, reason: '' }, organizer, '?lang=en')
    expect((await body<{ fieldErrors: Record<string, string> }>(missingEn)).fieldErrors.reason).toBe('Write a reason for the erasure (at least 3 characters).')

    const viewerAnswer = await post(event.id, { intent: 'erase', registrationId: registration.id, reason: 'Bad om radering' }, viewer)
    expect(viewerAnswer.status).toBe(403)
    expect((await db.registration.findUniqueOrThrow({ where: { id: registration.id } })).anonymizedAt).toBeNull()

    const done = await post(
      event.id,
      { intent: 'erase', registrationId: registration.id, reason: 'Bad om radering per mejl från radera-asked@erasure.example' },
      organizer,
    )
    expect(done.status).toBe(302)
    const entry = await db.auditEntry.findFirstOrThrow({ where: { action: 'registration.erased', entityId: registration.id } })
    expect(entry.data).toEqual({ eventId: event.id, by: 'organizer', reason: 'Bad om radering per mejl från […]' })
    expect(entry.actorId).not.toBeNull()

    const list = await call(registrationsRoute.loader, getRequest(`/organizer/${org.slug}/events/${event.id}/registrations`, organizer), {
      org: org.slug,
      id: event.id,
    })
    const rows = (await body<{ registrations: { id: string; name: string; email: string; isAnonymized: boolean; status: string }[] }>(list)).registrations
    expect(rows.find((row) => row.id === registration.id)).toMatchObject({ name: '', email: '', isAnonymized: true, status: 'cancelled' })

    // A second erase is a 409 with a message; another organization's id, or a made-up one, a 404.
    const twice = await post(event.id, { intent: 'erase', registrationId: registration.id, reason: 'Igen, tack' }, organizer)
    expect(twice.status).toBe(409)
    expect((await body<{ formError: string }>(twice)).formError).toBe('Den här personens uppgifter är redan raderade.')
    const stranger = await post(event.id, { intent: 'erase', registrationId: '00000000-0000-4000-8000-000000000000', reason: 'Finns inte' }, organizer)
    expect(stranger.status).toBe(404)
    const notAnId = await post(event.id, { intent: 'erase', registrationId: 'nope', reason: 'Finns inte' }, organizer)
    expect(notAnId.status).toBe(404)
  })
})
