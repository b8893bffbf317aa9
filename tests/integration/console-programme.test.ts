import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { ProgrammeDays } from '../../app/components/console/programme-days.tsx'
import { db } from '../../app/db/client.server.ts'
import { action, loader } from '../../app/routes/organizer.$org.events.$id.programme.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

type FormAnswer = { intent: string; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }

let org: { id: string; slug: string }
let cookie: string

async function newEvent(slug: string, startsAt: string, endsAt: string, organizationId = org.id) {
  return db.event.create({
    data: { slug, organizationId, titleSv: `Konferens ${slug}`, titleEn: '', format: 'on_site', startsAt: new Date(startsAt), endsAt: new Date(endsAt) },
  })
}

function post(eventId: string, fields: Record<string, string>) {
  return call(action, postRequest(`/organizer/${org.slug}/events/${eventId}/programme`, fields, cookie), { org: org.slug, id: eventId })
}

async function load(eventId: string) {
  const response = await call(loader, getRequest(`/organizer/${org.slug}/events/${eventId}/programme`, cookie), { org: org.slug, id: eventId })
  expect(response.status).toBe(200)
  const data = await body<{
    rooms: { id: string; name: string }[]
    picker: { rows: { id: string; name: string }[] }
    schedule: {
      day: string
      items: { id: string; titleSv: string; startsAt: string; room: { name: string } | null; speakers: { role: string; speaker: { name: string } }[] }[]
    }[]
  }>(response)
  return { ...data, speakers: data.picker.rows }
}

const item = (fields: Record<string, string>) => ({ intent: 'saveItem', type: 'talk', titleEn: '', ...fields })

beforeAll(async () => {
  org = await createOrganization('co-days', 'Co-Days')
  cookie = await cookieFor((await createMember(org.id, 'organizer')).id)
})

describe('the programme editor', () => {
  let eventId: string
  let big: string
  let small: string

  beforeAll(async () => {
    // Thursday 11 – Friday 12 February 2027, 09.00–16.00 Stockholm time.
    eventId = (await newEvent('tvadagars', '2027-02-11T08:00:00Z', '2027-02-12T15:00:00Z')).id
    expect((await post(eventId, { intent: 'addRoom', name: 'Stora salen' })).status).toBe(302)
    expect((await post(eventId, { intent: 'addRoom', name: 'Lilla salen' })).status).toBe(302)
    const { rooms } = await load(eventId)
    big = rooms.find((r) => r.name === 'Stora salen')!.id
    small = rooms.find((r) => r.name === 'Lilla salen')!.id
  })

  it('builds a two-day programme with rooms and speakers, new and existing', async () => {
    const opening = await post(
      eventId,
      item({
        type: 'keynote',
        titleSv: 'Öppning',
        day: '2027-02-11',
        startTime: '09:00',
        endTime: '10:00',
        roomId: big,
        newSpeakerName: 'Amina Yusuf',
        newSpeakerTitle: 'Innovationsstrateg',
        newSpeakerAffiliation: 'Region Sörmland',
        newSpeakerRole: 'speaker',
      }),
    )
    expect(opening.status).toBe(302)
    const { speakers } = await load(eventId)
    expect(speakers.map((s) => s.name)).toEqual(['Amina Yusuf'])
    const amina = speakers[0].id

    const panel = await post(
      eventId,
      item({
        type: 'panel',
        titleSv: 'Panel om välfärd',
        day: '2027-02-12',
        startTime: '13:00',
        endTime: '14:00',
        roomId: big,
        [`speaker.${amina}`]: 'on',
        [`speakerRole.${amina}`]: 'moderator',
        newSpeakerName: 'Erik Lind',
      }),
    )
    expect(panel.status).toBe(302)

    const { schedule } = await load(eventId)
    expect(schedule.map((d) => d.day)).toEqual(['2027-02-11', '2027-02-12'])
    const [day1, day2] = schedule
    expect(day1.items.map((i) => [i.titleSv, i.startsAt, i.room?.name])).toEqual([['Öppning', '2027-02-11T08:00:00.000Z', 'Stora salen']])
    expect(day2.items[0].speakers.map((s) => [s.speaker.name, s.role])).toEqual([
      ['Amina Yusuf', 'moderator'],
      ['Erik Lind', 'speaker'],
    ])
    const profile = await db.speakerProfile.findFirstOrThrow({ where: { name: 'Amina Yusuf' } })
    expect([profile.slug, profile.titleSv, profile.affiliation]).toEqual(['amina-yusuf', 'Innovationsstrateg', 'Region Sörmland'])
  })

  it('refuses an overlapping item in the same room, naming the other item, and writes nothing', async () => {
    const before = await db.programmeItem.count({ where: { eventId } })
    const response = await post(eventId, item({ titleSv: 'Krockaren', day: '2027-02-11', startTime: '09:30', endTime: '10:30', roomId: big }))
    expect(response.status).toBe(409)
    const answer = await body<FormAnswer>(response)
    expect(answer.fieldErrors.roomId).toBe('Krockar med ”Öppning” (09.00–10.00) i samma sal. Välj en annan tid eller sal.')
    expect(answer.values.titleSv).toBe('Krockaren')
    expect(await db.programmeItem.count({ where: { eventId } })).toBe(before)
  })

  it('accepts the same time in another room, and an item that starts when the other ends', async () => {
    expect((await post(eventId, item({ titleSv: 'Parallellt', day: '2027-02-11', startTime: '09:30', endTime: '10:30', roomId: small }))).status).toBe(302)
    expect((await post(eventId, item({ titleSv: 'Direkt efter', day: '2027-02-11', startTime: '10:00', endTime: '10:45', roomId: big }))).status).toBe(302)
  })

  it('lets exactly one of two concurrent overlapping inserts in one room through', async () => {
    const responses = await Promise.all([
      post(eventId, item({ titleSv: 'Samtidig A', day: '2027-02-12', startTime: '10:00', endTime: '11:00', roomId: small })),
      post(eventId, item({ titleSv: 'Samtidig B', day: '2027-02-12', startTime: '10:30', endTime: '11:30', roomId: small })),
    ])
    expect(responses.map((r) => r.status).sort()).toEqual([302, 409])
    const stored = await db.programmeItem.findMany({ where: { eventId, titleSv: { startsWith: 'Samtidig' } } })
    expect(stored).toHaveLength(1)
  })

  it('moves an item to another time and room, bumping its revision; a move into a clash is refused', async () => {
    const target = await db.programmeItem.findFirstOrThrow({ where: { eventId, titleSv: 'Parallellt' } })
    const moved = await post(eventId, item({ itemId: target.id, titleSv: 'Parallellt', day: '2027-02-12', startTime: '15:00', endTime: '15:45', roomId: big }))
    expect(moved.status).toBe(302)
    const stored = await db.programmeItem.findUniqueOrThrow({ where: { id: target.id } })
    expect([stored.startsAt.toISOString(), stored.roomId, stored.revision]).toEqual(['2027-02-12T14:00:00.000Z', big, 1])

    // Saving it again in its own slot is not a clash with itself.
    const again = await post(
      eventId,
      item({ itemId: target.id, titleSv: 'Parallellt (ny titel)', day: '2027-02-12', startTime: '15:00', endTime: '15:45', roomId: big }),
    )
    expect(again.status).toBe(302)
    expect((await db.programmeItem.findUniqueOrThrow({ where: { id: target.id } })).revision).toBe(1)

    const clash = await post(eventId, item({ itemId: target.id, titleSv: 'Parallellt', day: '2027-02-12', startTime: '13:30', endTime: '14:30', roomId: big }))
    expect(clash.status).toBe(409)
    expect((await body<FormAnswer>(clash)).fieldErrors.roomId).toContain('”Panel om välfärd” (13.00–14.00)')
  })

  it('refuses bad input with field messages: a day outside the event, an end before the start, a bad link', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ day: '2027-02-13' }, 'day', 'Välj en av evenemangets dagar.'],
      [{ endTime: '08:00' }, 'endTime', 'Sluttiden måste vara efter starttiden.'],
      [{ startTime: '25:00' }, 'startTime', 'Skriv tiden som TT:MM, till exempel 09:30.'],
      [{ slidesUrl: 'ftp://example.se/x' }, 'slidesUrl', 'Skriv en fullständig webbadress som börjar med https://.'],
      [{ type: 'party' }, 'type', 'Välj ett av alternativen.'],
      [{ roomId: 'not-a-room' }, 'roomId', 'Salen finns inte.'],
    ]
    for (const [overrides, field, message] of cases) {
      const response = await post(eventId, item({ titleSv: 'Fel', day: '2027-02-11', startTime: '11:00', endTime: '12:00', ...overrides }))
      expect(response.status).toBe(400)
      expect((await body<FormAnswer>(response)).fieldErrors[field]).toBe(message)
    }
  })

  it("refuses another event's room and another organization's speaker", async () => {
    const other = await createOrganization('annan-org')
    const otherEvent = await newEvent('annans', '2027-02-11T08:00:00Z', '2027-02-11T15:00:00Z', other.id)
    const room = await db.room.create({ data: { eventId: otherEvent.id, name: 'Främmande sal' } })
    const stranger = await db.speakerProfile.create({ data: { slug: 'framling', name: 'Främling' } })
    const otherItem = await db.programmeItem.create({
      data: { eventId: otherEvent.id, type: 'talk', titleSv: 'Annat', titleEn: '', startsAt: otherEvent.startsAt, endsAt: otherEvent.endsAt },
    })
    await db.programmeRole.create({ data: { itemId: otherItem.id, speakerId: stranger.id } })

    const withRoom = await post(eventId, item({ titleSv: 'X', day: '2027-02-11', startTime: '11:00', endTime: '12:00', roomId: room.id }))
    expect(withRoom.status).toBe(400)
    expect((await body<FormAnswer>(withRoom)).fieldErrors.roomId).toBe('Salen finns inte.')
    const withSpeaker = await post(eventId, item({ titleSv: 'X', day: '2027-02-11', startTime: '11:00', endTime: '12:00', [`speaker.${stranger.id}`]: 'on' }))
    expect(withSpeaker.status).toBe(400)
    expect((await body<FormAnswer>(withSpeaker)).fieldErrors.speakers).toBe('Talaren finns inte.')
    const deleteOthers = await post(eventId, { intent: 'deleteItem', itemId: otherItem.id })
    expect(deleteOthers.status).toBe(404)
    expect(await db.programmeItem.count({ where: { id: otherItem.id } })).toBe(1)
  })

  it('renames and removes rooms (items stay, without a room) and deletes items', async () => {
    expect((await post(eventId, { intent: 'renameRoom', roomId: small, name: 'Stora salen' })).status).toBe(400)
    expect((await post(eventId, { intent: 'renameRoom', roomId: small, name: 'Verkstaden' })).status).toBe(302)
    expect((await db.room.findUniqueOrThrow({ where: { id: small } })).name).toBe('Verkstaden')
    const inSmall = await db.programmeItem.findFirstOrThrow({ where: { roomId: small } })
    expect((await post(eventId, { intent: 'removeRoom', roomId: small })).status).toBe(302)
    expect((await db.programmeItem.findUniqueOrThrow({ where: { id: inSmall.id } })).roomId).toBeNull()
    expect((await post(eventId, { intent: 'deleteItem', itemId: inSmall.id })).status).toBe(302)
    expect(await db.programmeItem.count({ where: { id: inSmall.id } })).toBe(0)
  })
})

describe('a Co-Days sized programme', () => {
  it('renders 30 items over three days grouped by day, in time order', async () => {
    // Wednesday 20 – Friday 22 October 2027 (summer time, +02:00).
    const event = await newEvent('co-days-2027', '2027-10-20T07:00:00Z', '2027-10-22T14:00:00Z')
    for (const name of ['Sal A', 'Sal B']) await post(event.id, { intent: 'addRoom', name })
    const { rooms } = await load(event.id)
    const days = ['2027-10-20', '2027-10-21', '2027-10-22']
    // Added in reverse so the order on the page comes from the times, not from insertion.
    for (const day of [...days].reverse()) {
      for (let slot = 4; slot >= 0; slot--) {
        for (const room of rooms) {
          const hour = String(9 + slot).padStart(2, '0')
          const response = await post(
            event.id,
            item({ titleSv: `${day} ${hour} ${room.name}`, day, startTime: `${hour}:00`, endTime: `${hour}:45`, roomId: room.id }),
          )
          expect(response.status).toBe(302)
        }
      }
    }
    const started = performance.now()
    const { schedule } = await load(event.id)
    const loadMs = performance.now() - started
    expect(schedule.map((d) => [d.day, d.items.length])).toEqual(days.map((day) => [day, 10]))
    expect(schedule[0].items.slice(0, 3).map((i) => i.titleSv)).toEqual(['2027-10-20 09 Sal A', '2027-10-20 09 Sal B', '2027-10-20 10 Sal A'])
    expect(schedule[0].items[0].startsAt).toBe('2027-10-20T07:00:00.000Z')

    const html = renderToString(
      createElement(ProgrammeDays, {
        days: schedule.map((d) => ({ ...d, items: d.items.map((i) => ({ ...i, type: 'talk', titleEn: '', endsAt: i.startsAt, track: null })) })),
        locale: 'sv',
        basePath: `/organizer/${org.slug}/events/${event.id}/programme`,
        canEdit: true,
      }),
    )
    const headings = [...html.matchAll(/<h3 id="day-[^"]+">([^<]+)/g)].map((m) => m[1].trim())
    expect(headings).toEqual(['onsdag 20 oktober 2027', 'torsdag 21 oktober 2027', 'fredag 22 oktober 2027'])
    expect(html.match(/data-item-id=/g)).toHaveLength(30)
    expect(html.match(/>Redigera</g)).toHaveLength(30)
    console.info(`programme editor loader, 30 items: ${loadMs.toFixed(0)} ms`)
  })
})
