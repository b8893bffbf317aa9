import { randomBytes } from 'node:crypto'
import ICAL from 'ical.js'
import nodeIcal, { type VEvent } from 'node-ical'
import { describe, expect, it } from 'vitest'
import { calendarUid } from '../../app/calendar/uid.ts'
import { db } from '../../app/db/client.server.ts'
import { loader as personalFeed } from '../../app/routes/($lang).calendar.personal.$token[.]ics.ts'
import { loader as speakerFeed } from '../../app/routes/($lang).speakers.$slug_.calendar[.]ics.ts'
import * as manageRoute from '../../app/routes/($lang).registrations.$token.tsx'
import { manageToken, manageTokenHash } from '../../app/registrations/tokens.server.ts'
import { call, getRequest, postRequest } from '../support/console.ts'
import { FEED_GUESS_LIMIT } from '../../app/rate-limits.server.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createOrganization } from './support/public-fixtures.ts'

useTestDatabase()

const EMAIL = 'asa.oberg@kommun.se'

async function register(eventId: string, status: 'confirmed' | 'waitlisted' | 'cancelled', attendanceMode: 'on_site' | 'online' = 'on_site', email = EMAIL) {
  const registration = await db.registration.create({
    data: {
      eventId,
      name: 'Åsa Öberg',
      email,
      emailNormalized: email,
      status,
      attendanceMode,
      manageTokenHash: randomBytes(32).toString('hex'),
      cancelledAt: status === 'cancelled' ? new Date() : null,
    },
  })
  // The stored hash of the manage link, as registerAttendee writes it.
  return db.registration.update({ where: { id: registration.id }, data: { manageTokenHash: manageTokenHash(registration) } })
}

/** The personal feed's VEVENTs as ical.js and node-ical read them (they must agree on UIDs). */
function entries(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent))
  const other = Object.values(nodeIcal.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT')
  expect(other.map((entry) => entry.uid).sort()).toEqual(events.map((entry) => entry.uid).sort())
  return { calendar, events }
}

/** Turns the address's subscription on from the manage page of `registration`; its feed path and token. */
async function subscribe(registration: { id: string; tokenVersion: number }) {
  const token = manageToken(registration)
  expect((await call(manageRoute.action, postRequest(`/registrations/${token}`, { intent: 'calendar-on' }), { token })).status).toBe(303)
  const feedToken = /\/personal\/([^/]+)\.ics$/.exec((await subscriptionUrl(token))!)![1]
  return { path: `/calendar/personal/${feedToken}.ics`, feedToken }
}

/** A programme item of `eventId` (an hour from `startsAt`) with a role for `speakerId`. */
async function session(eventId: string, speakerId: string, titleSv: string, startsAt: Date, role: 'speaker' | 'moderator' | 'panelist' = 'speaker') {
  const item = await db.programmeItem.create({
    data: { eventId, type: 'talk', titleSv, titleEn: `${titleSv} (en)`, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) },
  })
  await db.programmeRole.create({ data: { itemId: item.id, speakerId, role } })
  return item
}

/** The manage page's subscription address, after "Skapa prenumerationslänk" when asked. */
async function subscriptionUrl(token: string): Promise<string | null> {
  const response = await call(manageRoute.loader, getRequest(`/registrations/${token}`), { token })
  expect(response.status).toBe(200)
  return ((await response.json()) as { calendarFeedUrl: string | null }).calendarFeedUrl
}

describe('the personal calendar feed', () => {
  it('is made and revoked on the manage page by POST, holds confirmed and waitlisted events (marked), the stream link only for the entitled, and 404 once revoked', async () => {
    const organization = await createOrganization({ name: 'Region Sörmland' })
    const hybrid = await createEvent(organization.id, { titleSv: 'Välfärdsdagen', format: 'hybrid', onlineUrl: 'https://meet.example.org/hybrid-4711' })
    const full = await createEvent(organization.id, {
      titleSv: 'Fullsatt seminarium',
      format: 'online',
      onlineUrl: 'https://meet.example.org/fullt-4712',
      inDays: 20,
    })
    const dropped = await createEvent(organization.id, { titleSv: 'Avbokat', inDays: 25 })
    const elses = await createEvent(organization.id, { titleSv: 'Någon annans', inDays: 26 })
    const confirmed = await register(hybrid.id, 'confirmed', 'online')
    await register(full.id, 'waitlisted', 'online')
    await register(dropped.id, 'cancelled')
    await register(elses.id, 'confirmed', 'on_site', 'annan@kommun.se')

    const token = manageToken(confirmed)
    expect(await subscriptionUrl(token)).toBeNull()
    const made = await call(manageRoute.action, postRequest(`/registrations/${token}`, { intent: 'calendar-on' }), { token })
    expect(made.status).toBe(303)
    const url = (await subscriptionUrl(token))!
    expect(url).toMatch(/^https?:\/\/[^/]+\/calendar\/personal\/[A-Za-z0-9_-]{43}\.ics$/)
    const feedToken = /\/personal\/([^/]+)\.ics$/.exec(url)![1]
    const path = `/calendar/personal/${feedToken}.ics`

    const response = await call(personalFeed, getRequest(path), { token: feedToken })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('private, max-age=300')
    const { calendar, events } = entries(await response.text())
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Samling – Mina evenemang')
    expect(events.map((entry) => [entry.uid, entry.summary])).toEqual([
      [calendarUid({ kind: 'event', id: hybrid.id }), 'Välfärdsdagen'],
      [calendarUid({ kind: 'event', id: full.id }), 'Fullsatt seminarium (väntelista)'],
    ])
    expect(events[0].description).toContain('Länk till sändningen: https://meet.example.org/hybrid-4711')
    expect(events[0].location).toBe('Digitalt')
    expect(events[1].description).not.toContain('fullt-4712')

    const english = await call(personalFeed, getRequest(`${path}?lang=en`), { token: feedToken })
    expect(entries(await english.text()).calendar.getFirstPropertyValue('x-wr-calname')).toBe('Samling – My events')
    expect((await call(personalFeed, getRequest(path, undefined), { token: feedToken })).headers.get('etag')).toBe(response.headers.get('etag'))

    await call(manageRoute.action, postRequest(`/registrations/${token}`, { intent: 'calendar-off' }), { token })
    expect(await subscriptionUrl(token)).toBeNull()
    expect((await call(personalFeed, getRequest(path), { token: feedToken })).status).toBe(404)
    expect((await call(personalFeed, getRequest('/calendar/personal/nope.ics'), { token: 'nope' })).status).toBe(404)
    // A new link after revoking is a different one; the old one stays dead.
    await call(manageRoute.action, postRequest(`/registrations/${token}`, { intent: 'calendar-on' }), { token })
    const again = (await subscriptionUrl(token))!
    expect(again).not.toBe(url)
    expect((await call(personalFeed, getRequest(path), { token: feedToken })).status).toBe(404)
  })

  it("holds the sessions of the address's speaker profiles, titled with the role and with the speaker feed's UID; not those of a draft event; and a new ETag when a session moves", async () => {
    const organization = await createOrganization({ name: 'Region Sörmland' })
    const attended = await createEvent(organization.id, { titleSv: 'Välfärdsdagen', inDays: 10 })
    const conference = await createEvent(organization.id, { titleSv: 'Innovationsdagen', inDays: 15 })
    const draft = await createEvent(organization.id, { status: 'draft', inDays: 18 })
    const email = 'kari.talare@kommun.se'
    const registration = await register(attended.id, 'confirmed', 'on_site', email)
    // The person signs in with the same address (people.email is stored lower-cased and trimmed).
    const person = await db.person.create({ data: { email, name: 'Kari Talare' } })
    const profile = await db.speakerProfile.create({ data: { slug: 'kari-talare', name: 'Kari Talare', personId: person.id } })
    const someoneElse = await db.speakerProfile.create({ data: { slug: 'bo-berg', name: 'Bo Berg' } })
    const talk = await session(conference.id, profile.id, 'Data i vården', new Date(conference.startsAt.getTime() + 3600_000))
    const panel = await session(conference.id, profile.id, 'Panelsamtal om tillit', new Date(conference.startsAt.getTime() + 3 * 3600_000), 'moderator')
    const unpublished = await session(draft.id, profile.id, 'Hemlig dragning', draft.startsAt)
    const notHers = await session(conference.id, someoneElse.id, 'Någon annans föredrag', conference.startsAt)
    const { path, feedToken } = await subscribe(registration)

    const response = await call(personalFeed, getRequest(path), { token: feedToken })
    expect(response.status).toBe(200)
    const { events } = entries(await response.text())
    expect(events.map((entry) => [entry.uid, entry.summary])).toEqual([
      [calendarUid({ kind: 'event', id: attended.id }), 'Välfärdsdagen'],
      [calendarUid({ kind: 'item', id: talk.id }), 'Data i vården (talare)'],
      [calendarUid({ kind: 'item', id: panel.id }), 'Panelsamtal om tillit (moderator)'],
    ])
    for (const item of [unpublished, notHers]) expect(events.map((entry) => entry.uid)).not.toContain(calendarUid({ kind: 'item', id: item.id }))
    const english = entries(await (await call(personalFeed, getRequest(`${path}?lang=en`), { token: feedToken })).text())
    expect(english.events.map((entry) => entry.summary)).toEqual([
      expect.stringMatching(/^Event /),
      'Data i vården (en) (speaker)',
      'Panelsamtal om tillit (en) (moderator)',
    ])

    // The same session in the speaker's public feed: one UID, so a calendar holding both shows it once.
    const publicFeed = await call(speakerFeed, getRequest(`/speakers/${profile.slug}/calendar.ics`), { slug: profile.slug })
    expect(entries(await publicFeed.text()).events.map((entry) => entry.uid)).toEqual([talk, panel].map((item) => calendarUid({ kind: 'item', id: item.id })))

    // The organizer moves the talk an hour later: the feed's ETag changes, and so do its time and SEQUENCE.
    const etag = response.headers.get('etag')!
    const repeat = new Request(`http://localhost${path}`, { headers: { 'If-None-Match': etag } })
    expect((await call(personalFeed, repeat, { token: feedToken })).status).toBe(304)
    const later = new Date(Math.floor(talk.startsAt.getTime() / 60_000) * 60_000 + 3600_000)
    await db.programmeItem.update({
      where: { id: talk.id },
      data: { startsAt: later, endsAt: new Date(later.getTime() + 3600_000), revision: { increment: 1 } },
    })
    const moved = await call(personalFeed, new Request(`http://localhost${path}`, { headers: { 'If-None-Match': etag } }), { token: feedToken })
    expect(moved.status).toBe(200)
    expect(moved.headers.get('etag')).not.toBe(etag)
    const movedTalk = entries(await moved.text()).events.find((entry) => entry.uid === calendarUid({ kind: 'item', id: talk.id }))!
    expect(movedTalk.startDate.toJSDate().toISOString()).toBe(later.toISOString())
    expect(movedTalk.sequence).toBe(1)

    // A role that changes changes the title, and the ETag with it.
    await db.programmeRole.update({ where: { itemId_speakerId: { itemId: panel.id, speakerId: profile.id } }, data: { role: 'panelist' } })
    const recast = await call(personalFeed, getRequest(path), { token: feedToken })
    expect(recast.headers.get('etag')).not.toBe(moved.headers.get('etag'))
    expect(entries(await recast.text()).events.map((entry) => entry.summary)).toContain('Panelsamtal om tillit (panelist)')
  })

  it('refuses every token with 429 and Retry-After to an IP that asked for too many unknown ones, and not to another IP', async () => {
    const organization = await createOrganization()
    const event = await createEvent(organization.id)
    const registration = await register(event.id, 'confirmed', 'on_site', 'guess@kommun.se')
    const token = manageToken(registration)
    await call(manageRoute.action, postRequest(`/registrations/${token}`, { intent: 'calendar-on' }), { token })
    const feedToken = /\/personal\/([^/]+)\.ics$/.exec((await subscriptionUrl(token))!)![1]
    const ask = async (candidate: string, clientIp: string) => {
      try {
        return await (personalFeed as (args: unknown) => Promise<Response>)({
          request: getRequest(`/calendar/personal/${candidate}.ics`),
          params: { token: candidate },
          context: { clientIp },
        })
      } catch (error) {
        if (error instanceof Response) return error
        throw error
      }
    }
    for (let i = 0; i < FEED_GUESS_LIMIT; i++) expect((await ask(randomBytes(32).toString('base64url'), '203.0.113.9')).status).toBe(404)
    const refused = await ask(feedToken, '203.0.113.9')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await ask(feedToken, '198.51.100.7')).status).toBe(200)
  })
})
