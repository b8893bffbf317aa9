import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { loader as publicEventLoader } from '../../app/routes/($lang).events.$slug.tsx'
import { action as editAction, loader as editLoader } from '../../app/routes/organizer.$org.events.$id._index.tsx'
import { action as programmeAction } from '../../app/routes/organizer.$org.events.$id.programme.tsx'
import { action as newAction } from '../../app/routes/organizer.$org.events.new.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

// Times an organizer types around the clock switches, and a programme left outside its event.
useTestDatabase()

type FormAnswer = { formError: string; fieldErrors: Record<string, string> }
type Warnings = { when: string; itemsOutside: { title: string; time: string }[]; repeatedTimes: string[] } | null

let org: { id: string; slug: string }
let cookie: string

const SKIPPED_SV =
  'Den tiden finns inte i svensk tid: natten då sommartid börjar (sista söndagen i mars) går klockan direkt från 02.00 till 03.00. Välj en tid före 02.00 eller från 03.00.'
const SKIPPED_EN =
  'That time does not exist in Swedish time: on the night summer time starts (the last Sunday in March) clocks jump from 02:00 straight to 03:00. Choose a time before 02:00 or from 03:00.'

const eventFields = (overrides: Record<string, string>) => ({
  titleSv: 'Nattliga samtal',
  format: 'online',
  onlineUrl: 'https://stream.example.se/natt',
  startsAt: '2027-02-12T09:00',
  endsAt: '2027-02-12T16:00',
  registrationMode: 'open',
  intent: 'save',
  ...overrides,
})

const create = (fields: Record<string, string>, query = '') =>
  call(newAction, postRequest(`/organizer/${org.slug}/events/new${query}`, eventFields(fields), cookie), { org: org.slug })

async function createOk(fields: Record<string, string>) {
  const response = await create(fields)
  expect(response.status).toBe(302)
  return /events\/([0-9a-f-]{36})/.exec(response.headers.get('Location') ?? '')![1]
}

async function consoleWarnings(eventId: string, query = ''): Promise<Warnings> {
  const response = await call(editLoader, getRequest(`/organizer/${org.slug}/events/${eventId}${query}`, cookie), { org: org.slug, id: eventId })
  expect(response.status).toBe(200)
  return (await body<{ scheduleWarnings: Warnings }>(response)).scheduleWarnings
}

const addItem = (eventId: string, fields: Record<string, string>, query = '') =>
  call(
    programmeAction,
    postRequest(`/organizer/${org.slug}/events/${eventId}/programme${query}`, { intent: 'saveItem', type: 'talk', titleEn: '', ...fields }, cookie),
    { org: org.slug, id: eventId },
  )

beforeAll(async () => {
  org = await createOrganization('nattugglor', 'Nattugglor')
  cookie = await cookieFor((await createMember(org.id, 'organizer')).id)
})

describe('a time the spring switch skips (02:30 on Sunday 28 March 2027)', () => {
  it('is refused on the event form with a message about summer time, in Swedish and English, not "the end must be after the start"', async () => {
    const sv = await create({ startsAt: '2027-03-28T02:30', endsAt: '2027-03-28T05:00' })
    expect(sv.status).toBe(400)
    expect((await body<FormAnswer>(sv)).fieldErrors).toEqual({ startsAt: SKIPPED_SV })
    const en = await create({ startsAt: '2027-03-28T02:30', endsAt: '2027-03-28T05:00' }, '?lang=en')
    expect(en.status).toBe(400)
    expect((await body<FormAnswer>(en)).fieldErrors).toEqual({ startsAt: SKIPPED_EN })
  })

  it('is refused for a programme item, next to the time that does not exist', async () => {
    const eventId = await createOk({ slug: 'varnatt', startsAt: '2027-03-28T00:00', endsAt: '2027-03-28T08:00' })
    const item = { titleSv: 'Nattpass', day: '2027-03-28', startTime: '01:30', endTime: '02:30' }
    const sv = await addItem(eventId, item)
    expect(sv.status).toBe(400)
    expect((await body<FormAnswer>(sv)).fieldErrors).toEqual({ endTime: SKIPPED_SV })
    const en = await addItem(eventId, { ...item, startTime: '02:15', endTime: '03:30' }, '?lang=en')
    expect(en.status).toBe(400)
    expect((await body<FormAnswer>(en)).fieldErrors).toEqual({ startTime: SKIPPED_EN })
    expect(await db.programmeItem.count({ where: { eventId } })).toBe(0)
  })
})

describe('a time the autumn switch repeats (02:30 on Sunday 31 October 2027)', () => {
  it('is saved as the first 02:30 (summer time), and the console says which one was taken', async () => {
    const eventId = await createOk({ slug: 'hostnatt', startsAt: '2027-10-31T02:30', endsAt: '2027-10-31T05:00' })
    const event = await db.event.findUniqueOrThrow({ where: { id: eventId } })
    expect(event.startsAt.toISOString()).toBe('2027-10-31T00:30:00.000Z')
    expect((await consoleWarnings(eventId))?.repeatedTimes).toEqual([
      'Starten: sön 31 okt 2027 kl. 02.30 inträffar två gånger, eftersom klockan ställs tillbaka från 03.00 till 02.00 när vintertid börjar. Samling använder den första, sommartid (UTC+02:00).',
    ])
    expect((await consoleWarnings(eventId, '?lang=en'))?.repeatedTimes).toEqual([
      'The start: 02:30 on Sun 31 Oct 2027 happens twice, because clocks go back from 03:00 to 02:00 when winter time starts. Samling uses the first one, summer time (UTC+02:00).',
    ])
  })

  it('is saved as the first one for a programme item too, and the console names the item', async () => {
    const eventId = await createOk({ slug: 'hostnatt-program', startsAt: '2027-10-31T01:00', endsAt: '2027-10-31T05:00' })
    expect((await addItem(eventId, { titleSv: 'Nattfika', day: '2027-10-31', startTime: '02:30', endTime: '03:30' })).status).toBe(302)
    const item = await db.programmeItem.findFirstOrThrow({ where: { eventId } })
    expect(item.startsAt.toISOString()).toBe('2027-10-31T00:30:00.000Z')
    expect((await consoleWarnings(eventId))?.repeatedTimes).toEqual([
      'Nattfika: sön 31 okt 2027 kl. 02.30 inträffar två gånger, eftersom klockan ställs tillbaka från 03.00 till 02.00 när vintertid börjar. Samling använder den första, sommartid (UTC+02:00).',
    ])
  })
})

describe('a programme that falls outside its event', () => {
  let eventId: string
  beforeAll(async () => {
    eventId = await createOk({ slug: 'flyttad-start', titleSv: 'Flyttad start' })
    expect((await addItem(eventId, { titleSv: 'Välkommen', day: '2027-02-12', startTime: '09:00', endTime: '09:30' })).status).toBe(302)
    expect((await addItem(eventId, { titleSv: 'Panel', day: '2027-02-12', startTime: '10:00', endTime: '11:00' })).status).toBe(302)
  })

  it('warns in the console after the start moves from 09:00 to 09:30, listing the item left outside', async () => {
    expect(await consoleWarnings(eventId)).toBeNull()
    const moved = await call(editAction, postRequest(`/organizer/${org.slug}/events/${eventId}`, eventFields({ startsAt: '2027-02-12T09:30' }), cookie), {
      org: org.slug,
      id: eventId,
    })
    expect(moved.status).toBe(302)
    expect(await consoleWarnings(eventId)).toEqual({
      when: 'fre 12 feb 2027, kl. 09.30–16.00',
      itemsOutside: [{ id: expect.any(String), title: 'Välkommen', time: 'fre 12 feb 2027, kl. 09.00–09.30' }],
      repeatedTimes: [],
    })
  })

  it('shows the warning on the public event page to the event’s organizers only, never from a shared cache', async () => {
    await db.event.update({ where: { id: eventId }, data: { status: 'published', publishedAt: new Date() } })
    const page = (cookieHeader?: string) => call(publicEventLoader, getRequest('/events/flyttad-start', cookieHeader), { slug: 'flyttad-start' })

    const organizer = await page(cookie)
    expect(organizer.status).toBe(200)
    expect(organizer.headers.get('Cache-Control')).toBe('private, no-store')
    expect((await body<{ scheduleWarnings: Warnings }>(organizer)).scheduleWarnings?.itemsOutside.map((item) => item.title)).toEqual(['Välkommen'])

    const anonymous = await page()
    expect((await body<{ scheduleWarnings: Warnings }>(anonymous)).scheduleWarnings).toBeNull()

    const other = await createOrganization('andra-arrangorer', 'Andra arrangörer')
    const stranger = await page(await cookieFor((await createMember(other.id, 'owner')).id))
    expect((await body<{ scheduleWarnings: Warnings }>(stranger)).scheduleWarnings).toBeNull()
  })
})
