// Times must come out in Stockholm time whatever zone the server runs in.
process.env.TZ = 'America/New_York'

import type { LoaderFunctionArgs } from '@remix-run/node'
import ICAL from 'ical.js'
import nodeIcal, { type VEvent } from 'node-ical'
import { describe, expect, it } from 'vitest'
import { calendarUid } from '../../app/calendar/uid.ts'
import { forgetFeedBodies, openFeed } from '../../app/calendar/feeds.server.ts'
import { feedResponse, PUBLIC_FEED_CACHE } from '../../app/public/feed-response.server.ts'
import { calendarInviteFor } from '../../app/calendar/invite.server.ts'
import { db } from '../../app/db/client.server.ts'
import { loader as siteFeed } from '../../app/routes/($lang).calendar[.]ics.ts'
import { loader as eventFeed } from '../../app/routes/($lang).events.$slug_.calendar[.]ics.ts'
import { loader as organizationFeed } from '../../app/routes/($lang).organizations.$slug_.calendar[.]ics.ts'
import { loader as seriesFeed } from '../../app/routes/($lang).series.$slug_.calendar[.]ics.ts'
import { loader as speakerFeed } from '../../app/routes/($lang).speakers.$slug_.calendar[.]ics.ts'
import { useTestDatabase } from '../support/database.ts'
import { thrownStatus } from './support/loaders.ts'
import { createEvent, createOrganization, createSeries } from './support/public-fixtures.ts'

useTestDatabase()

type Loader = (args: LoaderFunctionArgs) => Promise<Response>
const get = (loader: unknown, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  (loader as Loader)({ request: new Request(`http://localhost${path}`, { headers }), params, context: {} })

/** The organization feed as a calendar program would get it at `now` (the route always asks at the real time). */
async function organizationFeedAt(slug: string, now: Date, headers: Record<string, string>) {
  const feed = await openFeed({ kind: 'organization', slug }, 'sv', now)
  return feedResponse(new Request(`http://localhost/organizations/${slug}/calendar.ics`, { headers }), feed, { cacheControl: PUBLIC_FEED_CACHE })
}

/** Both parsers on the same text: ical.js (with only the VTIMEZONE in the text) and node-ical. */
function parseBoth(text: string) {
  ICAL.TimezoneService.reset()
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent))
  const other = Object.values(nodeIcal.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT')
  expect(other.map((entry) => entry.uid).sort()).toEqual(events.map((entry) => entry.uid).sort())
  for (const entry of events) {
    const twin = other.find((candidate) => candidate.uid === entry.uid)!
    expect(twin.start.toISOString()).toBe(entry.startDate.toJSDate().toISOString())
    expect(String(twin.summary)).toBe(entry.summary)
  }
  return { calendar, events, other }
}

async function feedText(response: Response) {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  expect(response.headers.get('cache-control')).toBe('public, max-age=300')
  return response.text()
}

async function region() {
  const organization = await createOrganization({ name: 'Region Sörmland', county: 'sodermanland' })
  const series = await createSeries(organization.id, { titleSv: 'Välfärdsdialoger', titleEn: 'Welfare dialogues' })
  const main = await createEvent(organization.id, {
    titleSv: 'Öppna data – så går ärendet från kö till åtgärd på en förvaltning i Södermanlands län',
    titleEn: 'Open data day',
    county: 'sodermanland',
    format: 'hybrid',
    startsAt: new Date('2099-02-10T08:00:00Z'),
    endsAt: new Date('2099-02-10T15:00:00Z'),
    venueName: 'Munktell Science Park',
    city: 'Eskilstuna',
    onlineUrl: 'https://meet.example.org/hemlig-lank-4711',
    seriesId: series.id,
    seriesPosition: 1,
  })
  const online = await createEvent(organization.id, { format: 'online', county: 'sodermanland', inDays: 20, seriesId: series.id, seriesPosition: 2 })
  const cancelled = await createEvent(organization.id, {
    titleSv: 'Nätverksträff',
    titleEn: 'Network meeting',
    status: 'cancelled',
    cancellationReason: 'Sjukdom',
    revision: 2,
    inDays: 30,
  })
  const draft = await createEvent(organization.id, { status: 'draft', inDays: 5 })
  const old = await createEvent(organization.id, { inDays: -200 })
  const other = await createEvent((await createOrganization({ name: 'Region Värmland' })).id, { county: 'varmland', inDays: 12 })
  return { organization, series, main, online, cancelled, draft, old, other }
}

describe('the calendar feeds', () => {
  it('/calendar.ics holds the public events of the coming time and the last 90 days, names itself and keeps the cancelled one, with the same UIDs as the download and the mail', async () => {
    const { main, online, cancelled, draft, old, other } = await region()
    const text = await feedText(await get(siteFeed, '/calendar.ics'))
    const { calendar, events } = parseBoth(text)
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Samling')
    expect(calendar.getFirstPropertyValue('name')).toBe('Samling')
    expect(calendar.getFirstPropertyValue('x-wr-caldesc')).toBe('Evenemang i Samling: kommande och de senaste 90 dagarna.')
    expect(text).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n')
    expect(text).toContain('\r\nX-PUBLISHED-TTL:PT1H\r\n')
    const uids = events.map((entry) => entry.uid)
    for (const event of [main, online, cancelled, other]) expect(uids).toContain(calendarUid({ kind: 'event', id: event.id }))
    for (const event of [draft, old]) expect(uids).not.toContain(calendarUid({ kind: 'event', id: event.id }))
    const cancelledEntry = events.find((entry) => entry.uid === calendarUid({ kind: 'event', id: cancelled.id }))!
    expect(cancelledEntry.summary).toBe('INSTÄLLT: Nätverksträff')
    expect(cancelledEntry.component.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(cancelledEntry.sequence).toBe(2)
    // 09:00 in Stockholm, whatever the server's TZ.
    const mainEntry = events.find((entry) => entry.uid === calendarUid({ kind: 'event', id: main.id }))!
    expect(mainEntry.startDate.toString()).toBe('2099-02-10T09:00:00')
    expect(mainEntry.startDate.zone.tzid).toBe('Europe/Stockholm')
    // The stream link is never in a public feed.
    expect(text).not.toContain('hemlig-lank')
    // Lines folded at 75 octets: the long Swedish title is split, and no line is longer in bytes.
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    expect(mainEntry.summary).toBe('Öppna data – så går ärendet från kö till åtgärd på en förvaltning i Södermanlands län')
    // The download of one event and its mail invitation carry the same UID.
    const download = await get(eventFeed, `/events/${main.slug}/calendar.ics`, { slug: main.slug })
    expect(parseBoth(await feedText(download)).events.map((entry) => entry.uid)).toEqual([mainEntry.uid])
    const withOrganization = await db.event.findUniqueOrThrow({ where: { id: main.id }, include: { organization: true } })
    const registration = { name: 'Åsa', email: 'asa@example.org', attendanceMode: 'on_site' as const }
    expect(calendarInviteFor({ event: withOrganization, registration, method: 'REQUEST', locale: 'sv' }).uid).toBe(mainEntry.uid)
  })

  it('filters /calendar.ics as / does, names the feed after the filters, and answers 400 for a bad filter', async () => {
    const { organization, main, online } = await region()
    const byCounty = parseBoth(await feedText(await get(siteFeed, `/calendar.ics?county=sodermanland&organization=${organization.slug}`)))
    expect(byCounty.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Samling – Södermanlands län · Region Sörmland')
    expect(byCounty.events.map((entry) => entry.uid).sort()).toEqual([main, online].map((event) => calendarUid({ kind: 'event', id: event.id })).sort())
    const onlineOnly = parseBoth(await feedText(await get(siteFeed, `/calendar.ics?format=online&organization=${organization.slug}`)))
    expect(onlineOnly.events.map((entry) => entry.uid)).toEqual([calendarUid({ kind: 'event', id: online.id })])
    expect((await get(siteFeed, '/calendar.ics?county=narnia')).status).toBe(400)
  })

  it('has organization, series and speaker feeds in Swedish and English, and 404 for unknown slugs and drafts', async () => {
    const { organization, series, main, online, cancelled, draft, other } = await region()
    const organizationText = await feedText(await get(organizationFeed, `/organizations/${organization.slug}/calendar.ics`, { slug: organization.slug }))
    const organizationCalendar = parseBoth(organizationText)
    expect(organizationCalendar.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Samling – Region Sörmland')
    expect(organizationCalendar.events.map((entry) => entry.uid).sort()).toEqual(
      [main, online, cancelled].map((event) => calendarUid({ kind: 'event', id: event.id })).sort(),
    )
    expect(organizationText).not.toContain(calendarUid({ kind: 'event', id: other.id }))

    for (const path of [`/en/series/${series.slug}/calendar.ics`, `/series/${series.slug}/calendar.ics?lang=en`]) {
      const params: Record<string, string> = path.startsWith('/en') ? { slug: series.slug, lang: 'en' } : { slug: series.slug }
      const english = parseBoth(await feedText(await get(seriesFeed, path, params)))
      expect(english.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Samling – Welfare dialogues')
      expect(english.events.map((entry) => entry.summary)).toEqual([expect.stringMatching(/^Event /), 'Open data day'])
    }

    const speaker = await db.speakerProfile.create({ data: { slug: `asa-${Date.now()}`, name: 'Åsa Öberg' } })
    const room = await db.room.create({ data: { eventId: main.id, name: 'Sal A' } })
    const talk = await db.programmeItem.create({
      data: {
        eventId: main.id,
        type: 'talk',
        titleSv: 'Data i vården',
        titleEn: 'Data in care',
        startsAt: main.startsAt,
        endsAt: new Date(main.startsAt.getTime() + 3600_000),
        roomId: room.id,
      },
    })
    await db.programmeItem.create({
      data: {
        eventId: main.id,
        type: 'break',
        titleSv: 'Lunch',
        titleEn: 'Lunch',
        startsAt: new Date(main.startsAt.getTime() + 3 * 3600_000),
        endsAt: new Date(main.startsAt.getTime() + 4 * 3600_000),
      },
    })
    await db.programmeRole.create({ data: { itemId: talk.id, speakerId: speaker.id } })
    const speakerCalendar = parseBoth(await feedText(await get(speakerFeed, `/speakers/${speaker.slug}/calendar.ics`, { slug: speaker.slug })))
    expect(speakerCalendar.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Samling – Åsa Öberg')
    expect(speakerCalendar.events.map((entry) => [entry.uid, entry.summary, entry.location])).toEqual([
      [calendarUid({ kind: 'item', id: talk.id }), 'Data i vården', 'Sal A, Munktell Science Park, Eskilstuna'],
    ])
    const programme = parseBoth(await feedText(await get(eventFeed, `/events/${main.slug}/calendar.ics?programme=1`, { slug: main.slug })))
    expect(programme.events.map((entry) => entry.summary)).toEqual(['Data i vården', 'Lunch'])
    expect(new Set(programme.events.map((entry) => entry.uid)).size).toBe(2)

    expect(await thrownStatus(get(organizationFeed, '/organizations/finns-inte/calendar.ics', { slug: 'finns-inte' }))).toBe(404)
    expect(await thrownStatus(get(seriesFeed, '/series/finns-inte/calendar.ics', { slug: 'finns-inte' }))).toBe(404)
    expect(await thrownStatus(get(speakerFeed, '/speakers/finns-inte/calendar.ics', { slug: 'finns-inte' }))).toBe(404)
    expect(await thrownStatus(get(eventFeed, `/events/${draft.slug}/calendar.ics`, { slug: draft.slug }))).toBe(404)
    expect(await thrownStatus(get(eventFeed, `/de/events/${main.slug}/calendar.ics`, { slug: main.slug, lang: 'de' }))).toBe(404)
  })

  it('answers a repeat request with 304 by ETag or Last-Modified, gives the same bytes while nothing changes, and a raised SEQUENCE after an edit', async () => {
    const { organization, main } = await region()
    const path = `/organizations/${organization.slug}/calendar.ics`
    const params = { slug: organization.slug }
    const first = await get(organizationFeed, path, params)
    const etag = first.headers.get('etag')!
    const lastModified = first.headers.get('last-modified')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/)
    const firstText = await first.text()
    forgetFeedBodies()
    expect(await (await get(organizationFeed, path, params)).text()).toBe(firstText)

    const byTag = await get(organizationFeed, path, params, { 'If-None-Match': etag })
    expect(byTag.status).toBe(304)
    expect(byTag.headers.get('etag')).toBe(etag)
    expect(await byTag.text()).toBe('')
    expect((await get(organizationFeed, path, params, { 'If-Modified-Since': lastModified })).status).toBe(304)

    await db.event.update({ where: { id: main.id }, data: { revision: { increment: 1 }, startsAt: new Date('2099-02-10T09:00:00Z') } })
    const changed = await get(organizationFeed, path, params, { 'If-None-Match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    const entry = parseBoth(await changed.text()).events.find((candidate) => candidate.uid === calendarUid({ kind: 'event', id: main.id }))!
    expect(entry.sequence).toBe(1)
    expect(entry.startDate.toString()).toBe('2099-02-10T10:00:00')
  })

  it('gives a later Last-Modified when an event leaves the feed, so If-Modified-Since never keeps an unpublished or expired event', async () => {
    const { organization, online } = await region()
    const path = `/organizations/${organization.slug}/calendar.ics`
    const params = { slug: organization.slug }
    const first = await get(organizationFeed, path, params)
    const lastModified = first.headers.get('last-modified')!
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0)
    forgetFeedBodies()
    expect((await get(organizationFeed, path, params)).headers.get('last-modified')).toBe(lastModified)

    // Unpublishing makes no row of the feed newer: the feed is still different, and says so.
    await db.event.update({ where: { id: online.id }, data: { status: 'draft' } })
    forgetFeedBodies()
    const after = await get(organizationFeed, path, params, { 'If-Modified-Since': lastModified })
    expect(after.status).toBe(200)
    expect(new Date(after.headers.get('last-modified')!).getTime()).toBeGreaterThan(new Date(lastModified).getTime())
    expect(parseBoth(await after.text()).events.map((entry) => entry.uid)).not.toContain(calendarUid({ kind: 'event', id: online.id }))

    // The same for an event whose 90 days have passed (a later `now`), with no edit at all.
    forgetFeedBodies()
    const later = await get(organizationFeed, path, params)
    const stamp = later.headers.get('last-modified')!
    const expired = await organizationFeedAt(organization.slug, new Date(Date.now() + 400 * 86_400_000), { 'If-Modified-Since': stamp })
    expect(expired.status).toBe(200)
    expect(new Date(expired.headers.get('last-modified')!).getTime()).toBeGreaterThan(new Date(stamp).getTime())
  })
})
