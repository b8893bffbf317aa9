import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { action, loader } from '../../app/routes/organizer.$org.events.$id.registrations.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

type FormAnswer = { intent: string; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }
type Counts = Record<'on_site' | 'online', { confirmed: number; waitlisted: number; cancelled: number; left: number | null }>

let org: { id: string; slug: string }
let organizer: string
let viewer: string
let stranger: { slug: string; cookie: string }
let hybrid: { id: string }

const path = (eventId: string) => `/organizer/${org.slug}/events/${eventId}/registrations`

function post(fields: Record<string, string>, cookie = organizer) {
  return call(action, postRequest(path(hybrid.id), fields, cookie), { org: org.slug, id: hybrid.id })
}

async function counts(): Promise<Counts> {
  const response = await call(loader, getRequest(path(hybrid.id), organizer), { org: org.slug, id: hybrid.id })
  return (await body<{ counts: Counts }>(response)).counts
}

const byEmail = (email: string) => db.registration.findFirstOrThrow({ where: { eventId: hybrid.id, emailNormalized: email } })
const mailsTo = (email: string) => db.outboxMessage.findMany({ where: { recipient: email }, orderBy: { createdAt: 'asc' }, select: { template: true } })

async function add(name: string, email: string, attendanceMode: 'on_site' | 'online', cookie = organizer) {
  return post({ intent: 'add', name, email, attendanceMode, locale: 'sv' }, cookie)
}

beforeAll(async () => {
  org = await createOrganization('sormland', 'Region Sörmland')
  organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  const other = await createOrganization('grannen', 'Grannen')
  stranger = { slug: other.slug, cookie: await cookieFor((await createMember(other.id, 'owner')).id) }
  hybrid = await db.event.create({
    data: {
      slug: 'sormland-hybrid',
      organizationId: org.id,
      titleSv: 'Social innovation i Sörmland',
      titleEn: 'Social innovation in Sörmland',
      format: 'hybrid',
      status: 'published',
      venueName: 'Munktell Science Park',
      venueAddress: 'Verkstadsgatan 11',
      city: 'Eskilstuna',
      onlineUrl: 'https://meet.example.se/sormland',
      capacityOnSite: 1,
      capacityOnline: 1,
      startsAt: new Date('2027-03-10T08:00:00Z'),
      endsAt: new Date('2027-03-10T15:00:00Z'),
    },
  })
})

describe('an organizer adds people by hand', () => {
  it('gives the seat, then the waitlist when the mode is full, and each person gets their mail', async () => {
    const first = await add('Åsa Öberg', 'asa@kommun.se', 'on_site')
    expect(first.status).toBe(302)
    const asa = await byEmail('asa@kommun.se')
    expect(first.headers.get('Location')).toBe(`${path(hybrid.id)}?done=added#registration-${asa.id}`)
    expect([asa.status, asa.attendanceMode, asa.name]).toEqual(['confirmed', 'on_site', 'Åsa Öberg'])

    const second = await add('Erik Lind', 'erik@kommun.se', 'on_site')
    expect(second.headers.get('Location')).toMatch(/\?done=addedWaitlisted#registration-/)
    expect((await byEmail('erik@kommun.se')).status).toBe('waitlisted')

    expect(await mailsTo('asa@kommun.se')).toEqual([{ template: 'registration-confirmed' }])
    expect(await mailsTo('erik@kommun.se')).toEqual([{ template: 'registration-waitlisted' }])
    expect(await counts()).toMatchObject({ on_site: { confirmed: 1, waitlisted: 1, left: 0 }, online: { confirmed: 0, left: 1 } })
  })

  it('answers "already registered" for an address on the list, and adds nobody twice', async () => {
    const again = await add('Åsa Öberg', 'ASA@kommun.se', 'online')
    expect(again.headers.get('Location')).toMatch(/\?done=exists#registration-/)
    expect(await db.registration.count({ where: { eventId: hybrid.id, emailNormalized: 'asa@kommun.se' } })).toBe(1)
  })

  it('names the fields that are wrong, keeps what was typed, and adds nothing', async () => {
    const response = await post({ intent: 'add', name: ' ', email: 'inte-en-adress', attendanceMode: 'on_site', locale: 'sv' })
    expect(response.status).toBe(400)
    const answer = await body<FormAnswer>(response)
    expect(answer.fieldErrors).toEqual({ name: 'Fyll i det här fältet.', email: 'Skriv en giltig e-postadress, till exempel namn@kommun.se.' })
    expect(answer.values.email).toBe('inte-en-adress')
  })
})

describe('an organizer changes registrations', () => {
  it('moves a person to the other mode; the seat left behind goes to the first on the waitlist', async () => {
    const asa = await byEmail('asa@kommun.se')
    const response = await post({ intent: 'move', registrationId: asa.id, mode: 'online' })
    expect(response.headers.get('Location')).toBe(`${path(hybrid.id)}?done=moved#registration-${asa.id}`)
    expect((await byEmail('asa@kommun.se')).attendanceMode).toBe('online')
    expect((await byEmail('erik@kommun.se')).status).toBe('confirmed')
    // The online mode is full now: moving Erik there is refused, and he keeps his seat on site.
    const erik = await byEmail('erik@kommun.se')
    const full = await post({ intent: 'move', registrationId: erik.id, mode: 'online' })
    expect(full.status).toBe(409)
    expect(await byEmail('erik@kommun.se')).toMatchObject({ status: 'confirmed', attendanceMode: 'on_site' })
  })

  it('promotes a waitlisted person by hand, even past the capacity, and the audit log says so', async () => {
    await add('Maja Ek', 'maja@kommun.se', 'on_site')
    const maja = await byEmail('maja@kommun.se')
    expect(maja.status).toBe('waitlisted')
    expect((await post({ intent: 'promote', registrationId: maja.id })).status).toBe(302)
    expect((await byEmail('maja@kommun.se')).status).toBe('confirmed')
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entityId: maja.id, action: 'registration.promoted' } })
    expect(audit.data).toMatchObject({ reason: 'organizer', overCapacity: true })
    expect((await mailsTo('maja@kommun.se')).map((mail) => mail.template)).toEqual(['registration-waitlisted', 'registration-confirmed'])
    // Promoting someone who is not waiting is a 409.
    expect((await post({ intent: 'promote', registrationId: maja.id })).status).toBe(409)
  })

  it('removes a person from the waitlist, and refuses to for someone who has a seat', async () => {
    await add('Noah Berg', 'noah@kommun.se', 'online')
    const noah = await byEmail('noah@kommun.se')
    expect(noah.status).toBe('waitlisted')
    expect((await post({ intent: 'removeFromWaitlist', registrationId: noah.id })).headers.get('Location')).toMatch(/\?done=removed#/)
    expect((await byEmail('noah@kommun.se')).status).toBe('cancelled')
    const asa = await byEmail('asa@kommun.se')
    const refused = await post({ intent: 'removeFromWaitlist', registrationId: asa.id })
    expect(refused.status).toBe(409)
    expect((await body<FormAnswer>(refused)).formError).toBe('Personen står inte på väntelistan.')
  })

  it('cancels on a person’s behalf once (a second cancel changes nothing) and they are told by mail', async () => {
    const maja = await byEmail('maja@kommun.se')
    expect((await post({ intent: 'cancel', registrationId: maja.id })).status).toBe(302)
    expect((await post({ intent: 'cancel', registrationId: maja.id })).status).toBe(302)
    expect(await byEmail('maja@kommun.se')).toMatchObject({ status: 'cancelled' })
    expect((await mailsTo('maja@kommun.se')).filter((mail) => mail.template === 'registration-cancelled')).toHaveLength(1)
    expect(await db.auditEntry.count({ where: { entityId: maja.id, action: 'registration.cancelled' } })).toBe(1)
  })

  it('resends the confirmation', async () => {
    const erik = await byEmail('erik@kommun.se')
    const before = (await mailsTo('erik@kommun.se')).length
    expect((await post({ intent: 'resend', registrationId: erik.id })).headers.get('Location')).toMatch(/\?done=resent#/)
    const after = await mailsTo('erik@kommun.se')
    expect(after).toHaveLength(before + 1)
    expect(after.at(-1)).toEqual({ template: 'registration-confirmed' })
  })
})

describe('who may change registrations', () => {
  it('a viewer gets 403 for every change and nothing happens', async () => {
    const erik = await byEmail('erik@kommun.se')
    const attempts: Record<string, string>[] = [
      { intent: 'add', name: 'Viewer', email: 'v@kommun.se', attendanceMode: 'on_site', locale: 'sv' },
      { intent: 'move', registrationId: erik.id, mode: 'online' },
      { intent: 'cancel', registrationId: erik.id },
      { intent: 'resend', registrationId: erik.id },
      { intent: 'promote', registrationId: erik.id },
      { intent: 'removeFromWaitlist', registrationId: erik.id },
    ]
    const outbox = await db.outboxMessage.count()
    for (const fields of attempts) expect((await post(fields, viewer)).status).toBe(403)
    expect(await byEmail('erik@kommun.se')).toMatchObject({ status: 'confirmed', attendanceMode: 'on_site' })
    expect(await db.registration.count({ where: { emailNormalized: 'v@kommun.se' } })).toBe(0)
    expect(await db.outboxMessage.count()).toBe(outbox)
  })

  it('another organization gets 404 for our registrations, also through its own URL', async () => {
    const erik = await byEmail('erik@kommun.se')
    for (const intent of ['cancel', 'resend', 'promote']) {
      const own = await call(
        action,
        postRequest(`/organizer/${stranger.slug}/events/${hybrid.id}/registrations`, { intent, registrationId: erik.id }, stranger.cookie),
        {
          org: stranger.slug,
          id: hybrid.id,
        },
      )
      expect(own.status).toBe(404)
    }
    const added = await call(
      action,
      postRequest(
        `/organizer/${stranger.slug}/events/${hybrid.id}/registrations`,
        { intent: 'add', name: 'Inbrott', email: 'in@brott.se', attendanceMode: 'on_site' },
        stranger.cookie,
      ),
      { org: stranger.slug, id: hybrid.id },
    )
    expect(added.status).toBe(404)
    expect(await byEmail('erik@kommun.se')).toMatchObject({ status: 'confirmed' })
    expect(await db.registration.count({ where: { emailNormalized: 'in@brott.se' } })).toBe(0)
  })

  it("a registration id of another event of ours is a 404 on this event's page", async () => {
    const other = await db.event.create({
      data: {
        slug: 'annat',
        organizationId: org.id,
        titleSv: 'Annat',
        titleEn: '',
        format: 'online',
        status: 'published',
        startsAt: new Date('2027-04-01T08:00:00Z'),
        endsAt: new Date('2027-04-01T09:00:00Z'),
      },
    })
    const elsewhere = await call(action, postRequest(path(other.id), { intent: 'cancel', registrationId: (await byEmail('erik@kommun.se')).id }, organizer), {
      org: org.slug,
      id: other.id,
    })
    expect(elsewhere.status).toBe(404)
  })
})
