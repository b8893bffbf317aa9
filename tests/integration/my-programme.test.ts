import { randomBytes } from 'node:crypto'
import nodeIcal, { type VEvent } from 'node-ical'
import { describe, expect, it } from 'vitest'
import { calendarUid } from '../../app/calendar/uid.ts'
import { db } from '../../app/db/client.server.ts'
import { loader as personalFeed } from '../../app/routes/($lang).calendar.personal.$token[.]ics.ts'
import * as manageRoute from '../../app/routes/($lang).registrations.$token.tsx'
import { manageToken, manageTokenHash } from '../../app/registrations/tokens.server.ts'
import { call, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createOrganization } from './support/public-fixtures.ts'

useTestDatabase()

const EMAIL = 'greta.lind@coompanion.se'

async function register(eventId: string, status: 'confirmed' | 'cancelled' = 'confirmed', email = EMAIL) {
  const registration = await db.registration.create({
    data: {
      eventId,
      name: 'Greta Lind',
      email,
      emailNormalized: email,
      status,
      cancelledAt: status === 'cancelled' ? new Date() : null,
      manageTokenHash: randomBytes(32).toString('hex'),
    },
  })
  return db.registration.update({ where: { id: registration.id }, data: { manageTokenHash: manageTokenHash(registration) } })
}

async function item(eventId: string, titleSv: string, startsAt: Date, capacity: number | null = null) {
  return db.programmeItem.create({
    data: { eventId, type: 'talk', titleSv, titleEn: `${titleSv} (en)`, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), capacity },
  })
}

const post = (token: string, fields: Record<string, string>) => call(manageRoute.action, postRequest(`/registrations/${token}`, fields), { token })

type Page = {
  myProgramme: {
    canChange: boolean
    starred: { id: string; title: string }[]
    items: { id: string; title: string; isStarred: boolean; seats: { capacity: number; left: number } | null }[]
  }
}
async function page(token: string): Promise<Page> {
  const response = await call(manageRoute.loader, getRequest(`/registrations/${token}`), { token })
  expect(response.status).toBe(200)
  return (await response.json()) as Page
}

function feedEvents(text: string): VEvent[] {
  return Object.values(nodeIcal.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT')
}

describe('Mitt program (issue 11 §5b)', () => {
  it('stars and unstars by POST (both idempotent), lists the starred items in time order, and shows seats left of an item with its own sign-up', async () => {
    const organization = await createOrganization({ name: 'Coompanion Värmland' })
    const event = await createEvent(organization.id, { titleSv: 'Co-Days', inDays: 20 })
    const late = await item(event.id, 'Avslutning', new Date(event.startsAt.getTime() + 5 * 3600_000))
    const early = await item(event.id, 'Forskarträff över lunch', new Date(event.startsAt.getTime() + 3600_000), 30)
    const registration = await register(event.id)
    const other = await register(event.id, 'confirmed', 'annan@example.org')
    await db.itemSignup.createMany({ data: [{ itemId: early.id, registrationId: other.id }] })
    const token = manageToken(registration)

    for (const target of [late, early, late]) expect((await post(token, { intent: 'star', itemId: target.id })).status).toBe(303)
    expect(await db.programmeStar.count({ where: { registrationId: registration.id } })).toBe(2)
    const starred = await page(token)
    expect(starred.myProgramme.canChange).toBe(true)
    expect(starred.myProgramme.starred.map((entry) => entry.title)).toEqual(['Forskarträff över lunch', 'Avslutning'])
    expect(starred.myProgramme.items.find((entry) => entry.id === early.id)!.seats).toEqual({ capacity: 30, left: 29 })
    expect(starred.myProgramme.items.find((entry) => entry.id === late.id)!.seats).toBeNull()

    const redirect = await post(token, { intent: 'unstar', itemId: late.id })
    expect(redirect.headers.get('location')).toBe(`/registrations/${token}?done=unstar#my-programme`)
    expect((await post(token, { intent: 'unstar', itemId: late.id })).status).toBe(303)
    expect((await page(token)).myProgramme.starred.map((entry) => entry.id)).toEqual([early.id])
  })

  it('answers 404 for another event’s item, 409 after the event ended or for a cancelled registration, 400 for a malformed id, each with a Swedish message', async () => {
    const organization = await createOrganization({ name: 'Region Värmland' })
    const event = await createEvent(organization.id, { titleSv: 'Innovationsdagen', inDays: 10 })
    const elsewhere = await createEvent(organization.id, { titleSv: 'Någon annans dag', inDays: 12 })
    const past = await createEvent(organization.id, { titleSv: 'I fjol', inDays: -30 })
    const own = await item(event.id, 'Eget föredrag', event.startsAt)
    const foreign = await item(elsewhere.id, 'Annat föredrag', elsewhere.startsAt)
    const old = await item(past.id, 'Gammalt föredrag', past.startsAt)
    const token = manageToken(await register(event.id))

    const wrong = await post(token, { intent: 'star', itemId: foreign.id })
    expect(wrong.status).toBe(404)
    expect(((await wrong.json()) as { formError: string }).formError).toBe('Programpunkten finns inte i det här evenemanget.')
    expect((await post(token, { intent: 'star', itemId: 'not-an-id' })).status).toBe(400)

    const ended = await post(manageToken(await register(past.id)), { intent: 'star', itemId: old.id })
    expect(ended.status).toBe(409)
    expect(((await ended.json()) as { formError: string }).formError).toBe('Evenemanget är över, så Mitt program går inte att ändra längre.')

    const cancelledToken = manageToken(await register(event.id, 'cancelled', 'avbokad@example.org'))
    const cancelled = await post(cancelledToken, { intent: 'star', itemId: own.id })
    expect(cancelled.status).toBe(409)
    expect(((await cancelled.json()) as { formError: string }).formError).toBe('Anmälan är avbokad, så du kan inte stjärnmärka programpunkter.')
    expect(await db.programmeStar.count({ where: { itemId: { in: [own.id, foreign.id, old.id] } } })).toBe(0)
  })

  it('puts starred items into the personal calendar feed as their own VEVENTs (the item’s UID, Europe/Stockholm, SEQUENCE up when the item moves) and takes them out on unstar', async () => {
    const organization = await createOrganization({ name: 'Coompanion Värmland' })
    const event = await createEvent(organization.id, { titleSv: 'Co-Days', inDays: 20 })
    const talk = await item(event.id, 'Hur mäter vi effekt?', new Date(event.startsAt.getTime() + 2 * 3600_000))
    const registration = await register(event.id, 'confirmed', 'kalender@coompanion.se')
    const token = manageToken(registration)
    expect((await post(token, { intent: 'calendar-on' })).status).toBe(303)
    const feedUrl = ((await (await call(manageRoute.loader, getRequest(`/registrations/${token}`), { token })).json()) as { calendarFeedUrl: string })
      .calendarFeedUrl
    const feedToken = /\/personal\/([^/]+)\.ics$/.exec(feedUrl)![1]
    const read = () => call(personalFeed, getRequest(`/calendar/personal/${feedToken}.ics`), { token: feedToken })

    const before = await read()
    expect(feedEvents(await before.text()).map((entry) => entry.uid)).toEqual([calendarUid({ kind: 'event', id: event.id })])
    await post(token, { intent: 'star', itemId: talk.id })
    const withStar = await read()
    expect(withStar.headers.get('etag')).not.toBe(before.headers.get('etag'))
    const text = await withStar.text()
    const starredEntry = feedEvents(text).find((entry) => entry.uid === calendarUid({ kind: 'item', id: talk.id }))!
    expect(starredEntry.summary).toBe('Hur mäter vi effekt?')
    expect(starredEntry.start.getTime()).toBe(Math.floor(talk.startsAt.getTime() / 1000) * 1000)
    expect(text).toMatch(new RegExp(`UID:item-${talk.id}@samling[\\s\\S]*?DTSTART;TZID=Europe/Stockholm:`))
    const sequence = (body: string) => Number(new RegExp(`UID:item-${talk.id}@samling[\\s\\S]*?SEQUENCE:(\\d+)`).exec(body)?.[1] ?? NaN)
    const first = sequence(text)

    await db.programmeItem.update({ where: { id: talk.id }, data: { startsAt: new Date(talk.startsAt.getTime() + 1800_000), revision: { increment: 1 } } })
    expect(sequence(await (await read()).text())).toBe(first + 1)

    await post(token, { intent: 'unstar', itemId: talk.id })
    expect(feedEvents(await (await read()).text()).map((entry) => entry.uid)).toEqual([calendarUid({ kind: 'event', id: event.id })])
  })
})
