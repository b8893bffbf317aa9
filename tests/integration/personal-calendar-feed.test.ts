import { randomBytes } from 'node:crypto'
import ICAL from 'ical.js'
import nodeIcal, { type VEvent } from 'node-ical'
import { describe, expect, it } from 'vitest'
import { calendarUid } from '../../app/calendar/uid.ts'
import { db } from '../../app/db/client.server.ts'
import { loader as personalFeed } from '../../app/routes/($lang).calendar.personal.$token[.]ics.ts'
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
