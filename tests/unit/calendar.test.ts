import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ICAL from 'ical.js'
import nodeIcal, { type VEvent } from 'node-ical'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eventCalendarEntry, itemCalendarEntry } from '../../app/calendar/entries.server.ts'
import { buildCalendar, buildEventDownloadIcs, buildInvitationIcs } from '../../app/calendar/ics.server.ts'
import { calendarInviteFor, type InviteEvent } from '../../app/calendar/invite.server.ts'
import { calendarUid } from '../../app/calendar/uid.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-calendar-'))
beforeAll(() => setConfig({ ...loadConfig({ DATA_DIR: dataDir, APP_URL: 'https://samling.test' }), mailFrom: 'Samling <no-reply@samling.test>' }))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const originalTz = process.env.TZ
afterEach(() => {
  process.env.TZ = originalTz
})

const EVENT_ID = '3f0c6f2e-8d7a-4b1e-9c55-0a1b2c3d4e5f'

/** Välfärdens innovationsdag: 09.00–16.00 Stockholm time on a winter day (08:00–15:00 UTC). */
function event(overrides: Partial<InviteEvent & { onlineUrl: string | null }> = {}): InviteEvent & { onlineUrl: string | null } {
  return {
    id: EVENT_ID,
    slug: 'valfardens-innovationsdag',
    titleSv: 'Välfärdens innovationsdag – så gör vi tjänster tillsammans med dem som använder dem',
    titleEn: 'Welfare innovation day',
    summarySv: 'En dag om tjänstedesign, samskapande och uppföljning i kommuner och regioner.',
    summaryEn: 'A day on service design and co-creation in municipalities and regions.',
    status: 'published',
    format: 'hybrid',
    startsAt: new Date('2027-02-12T08:00:00.000Z'),
    endsAt: new Date('2027-02-12T15:00:00.000Z'),
    venueName: 'Munktell Science Park',
    venueAddress: 'Verkstadsgatan 11',
    postalCode: '632 20',
    city: 'Eskilstuna',
    revision: 4,
    updatedAt: new Date('2026-11-30T12:34:56.789Z'),
    organization: { name: 'Mötesplats Social Innovation', contactEmail: 'info@motesplats.se' },
    onlineUrl: 'https://stream.example/secret-room-4711',
    ...overrides,
  }
}
const attendee = { name: 'Åsa Öberg', email: 'asa.oberg@kommun.se', attendanceMode: 'on_site' as const }

/** Parses with ical.js, using ONLY the VTIMEZONE in the text (nothing registered beforehand). */
function parse(text: string) {
  ICAL.TimezoneService.reset()
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  const vevents = calendar.getAllSubcomponents('vevent')
  return { calendar, vevents, event: new ICAL.Event(vevents[0]) }
}

const lines = (text: string) => text.split('\r\n').slice(0, -1)
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '')
/** The unfolded lines called `name` inside the VEVENTs (the VTIMEZONE has DTSTARTs of its own). */
const contentLine = (text: string, name: string) =>
  unfold(text)
    .split('BEGIN:VEVENT\r\n')
    .slice(1)
    .flatMap((vevent) => vevent.split('\r\n'))
    .filter((line) => line.split(/[;:]/)[0] === name)

describe('the calendar text every calendar program gets', () => {
  it('carries TZID=Europe/Stockholm with a VTIMEZONE whose rules are CET in winter and CEST in summer', () => {
    const text = buildEventDownloadIcs([eventCalendarEntry(event(), 'sv')], 'sv')
    expect(contentLine(text, 'DTSTART')).toEqual(['DTSTART;TZID=Europe/Stockholm:20270212T090000'])
    expect(contentLine(text, 'DTEND')).toEqual(['DTEND;TZID=Europe/Stockholm:20270212T160000'])
    const { calendar } = parse(text)
    const zones = calendar.getAllSubcomponents('vtimezone')
    expect(zones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Stockholm'])
    const zone = ICAL.TimezoneService.get('Europe/Stockholm')!
    const offsetAt = (iso: string) => zone.utcOffset(ICAL.Time.fromDateTimeString(iso))
    expect(offsetAt('2027-01-15T12:00:00')).toBe(3600)
    expect(offsetAt('2027-07-15T12:00:00')).toBe(7200)
    // The switches of 2027: the last Sundays of March (28th) and October (31st).
    expect(offsetAt('2027-03-28T01:30:00')).toBe(3600)
    expect(offsetAt('2027-03-28T03:30:00')).toBe(7200)
    expect(offsetAt('2027-10-30T12:00:00')).toBe(7200)
    expect(offsetAt('2027-10-31T12:00:00')).toBe(3600)
  })

  it('an event at 09.00 Stockholm time is 09.00 there in winter and in summer, whatever zone the server runs in', () => {
    const cases = [
      { startsAt: '2027-02-12T08:00:00.000Z', endsAt: '2027-02-12T15:00:00.000Z' },
      // The day before and the day after the autumn switch: the UTC hour moves, the wall time does not.
      { startsAt: '2027-10-30T07:00:00.000Z', endsAt: '2027-10-30T14:00:00.000Z' },
      { startsAt: '2027-10-31T08:00:00.000Z', endsAt: '2027-10-31T15:00:00.000Z' },
      { startsAt: '2027-06-10T07:00:00.000Z', endsAt: '2027-06-10T14:00:00.000Z' },
    ]
    for (const zone of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Stockholm']) {
      process.env.TZ = zone
      // The process really runs in that zone now (Node re-reads TZ when it is set).
      if (zone === 'America/New_York') expect(new Date('2027-02-12T08:00:00.000Z').getHours()).toBe(3)
      for (const times of cases) {
        const text = buildEventDownloadIcs([eventCalendarEntry(event({ startsAt: new Date(times.startsAt), endsAt: new Date(times.endsAt) }), 'sv')], 'sv')
        expect(contentLine(text, 'DTSTART')[0]).toMatch(/;TZID=Europe\/Stockholm:\d{8}T090000$/)
        expect(contentLine(text, 'DTEND')[0]).toMatch(/;TZID=Europe\/Stockholm:\d{8}T160000$/)
        // Two independent parsers read the same instants back.
        const parsed = parse(text).event
        expect(parsed.startDate.toJSDate().toISOString()).toBe(times.startsAt)
        expect(parsed.endDate.toJSDate().toISOString()).toBe(times.endsAt)
        const viaNodeIcal = Object.values(nodeIcal.sync.parseICS(text)).find((component) => component?.type === 'VEVENT') as VEvent
        expect(viaNodeIcal.start.toISOString()).toBe(times.startsAt)
        expect(viaNodeIcal.end?.toISOString()).toBe(times.endsAt)
      }
    }
  })

  it('DTSTAMP and LAST-MODIFIED are the stored update time in UTC with Z, so the same facts give the same bytes', () => {
    const entry = eventCalendarEntry(event(), 'sv')
    const text = buildEventDownloadIcs([entry], 'sv')
    expect(contentLine(text, 'DTSTAMP')).toEqual(['DTSTAMP:20261130T123456Z'])
    expect(contentLine(text, 'LAST-MODIFIED')).toEqual(['LAST-MODIFIED:20261130T123456Z'])
    expect(buildEventDownloadIcs([eventCalendarEntry(event(), 'sv')], 'sv')).toBe(text)
  })

  it('every line ends in CRLF and is at most 75 octets, folded between whole UTF-8 characters (å, ä, ö, €, 🎉)', () => {
    const long = event({ titleSv: 'Åtta öppna föreläsningar om äldreomsorg, välfärd och självständighet för särskilt utsatta 🎉: ÅÄÖ åäö €'.repeat(3) })
    const text = buildEventDownloadIcs([eventCalendarEntry(long, 'sv')], 'sv')
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const decoder = new TextDecoder('utf-8', { fatal: true })
    for (const line of lines(text)) {
      const bytes = Buffer.from(line, 'utf8')
      expect(bytes.length).toBeLessThanOrEqual(75)
      expect(() => decoder.decode(bytes)).not.toThrow()
    }
    expect(lines(text).filter((line) => line.startsWith(' ')).length).toBeGreaterThan(3)
    expect(parse(text).event.summary).toBe(long.titleSv)
  })

  it('the .ics download says METHOD:PUBLISH, names the calendar, and holds title, place, link and description but never the stream link', () => {
    const text = buildEventDownloadIcs([eventCalendarEntry(event(), 'sv')], 'sv')
    const { calendar, event: parsed } = parse(text)
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(event().titleSv)
    expect(parsed.uid).toBe(`event-${EVENT_ID}@samling`)
    expect(parsed.sequence).toBe(4)
    expect(parsed.location).toBe('Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna')
    expect(parsed.description).toBe(
      'En dag om tjänstedesign, samskapande och uppföljning i kommuner och regioner.\n\nhttps://samling.test/events/valfardens-innovationsdag',
    )
    expect(parse(text).vevents[0].getFirstPropertyValue('url')).toBe('https://samling.test/events/valfardens-innovationsdag')
    expect(parse(text).vevents[0].getFirstPropertyValue('status')).toBe('CONFIRMED')
    expect(text).not.toContain('stream.example')
    expect(text).not.toContain('ORGANIZER')
    expect(text).not.toContain('ATTENDEE')
  })

  it('an online event (and an online attendee of a hybrid one) gets "Digitalt" / "Online" as the place', () => {
    const online = event({ format: 'online', venueName: null, venueAddress: null, postalCode: null, city: null })
    expect(parse(buildEventDownloadIcs([eventCalendarEntry(online, 'sv')], 'sv')).event.location).toBe('Digitalt')
    expect(parse(buildEventDownloadIcs([eventCalendarEntry(online, 'en')], 'en')).event.location).toBe('Online')
    const invite = calendarInviteFor({ event: event(), registration: { ...attendee, attendanceMode: 'online' }, method: 'REQUEST', locale: 'sv' })
    expect(invite.location).toBe('Digitalt')
    expect(JSON.stringify(invite)).not.toContain('stream.example')
  })

  it('a cancelled event stays in the calendar as STATUS:CANCELLED titled "INSTÄLLT:" / "CANCELLED:"; a postponed one "UPPSKJUTET:" / "POSTPONED:"', () => {
    const sv = parse(buildEventDownloadIcs([eventCalendarEntry(event({ status: 'cancelled' }), 'sv')], 'sv'))
    expect(sv.event.summary).toBe(`INSTÄLLT: ${event().titleSv}`)
    expect(sv.vevents[0].getFirstPropertyValue('status')).toBe('CANCELLED')
    const en = parse(buildEventDownloadIcs([eventCalendarEntry(event({ status: 'cancelled' }), 'en')], 'en'))
    expect(en.event.summary).toBe('CANCELLED: Welfare innovation day')
    expect(parse(buildEventDownloadIcs([eventCalendarEntry(event({ status: 'postponed' }), 'sv')], 'sv')).event.summary).toBe(`UPPSKJUTET: ${event().titleSv}`)
    expect(parse(buildEventDownloadIcs([eventCalendarEntry(event({ status: 'postponed' }), 'en')], 'en')).event.summary).toBe(
      'POSTPONED: Welfare innovation day',
    )
  })
})

describe('the invitation in a mail', () => {
  it('REQUEST: METHOD, ORGANIZER (the organization), the person as ATTENDEE without RSVP, SEQUENCE = revision, and the UID of the download', () => {
    const invite = calendarInviteFor({ event: event(), registration: attendee, method: 'REQUEST', locale: 'sv' })
    const text = buildInvitationIcs(invite, 'sv')
    const { calendar, vevents, event: parsed } = parse(text)
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(parsed.uid).toBe(parse(buildEventDownloadIcs([eventCalendarEntry(event(), 'sv')], 'sv')).event.uid)
    expect(parsed.uid).toBe(calendarUid({ kind: 'event', id: EVENT_ID }))
    expect(parsed.sequence).toBe(4)
    const organizer = vevents[0].getFirstProperty('organizer')!
    expect(organizer.getFirstValue()).toBe('mailto:info@motesplats.se')
    expect(organizer.getParameter('cn')).toBe('Mötesplats Social Innovation')
    const attendees = vevents[0].getAllProperties('attendee')
    expect(attendees.length).toBe(1)
    expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe('mailto:asa.oberg@kommun.se')
    expect(attendees[0].getParameter('cn')).toBe('Åsa Öberg')
    expect(attendees[0].getParameter('rsvp')).toBe('FALSE')
    expect(attendees[0].getParameter('partstat')).toBe('ACCEPTED')
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2027-02-12T08:00:00.000Z')
    expect(contentLine(text, 'DTSTAMP')).toEqual(['DTSTAMP:20261130T123456Z'])
  })

  it('CANCEL has the same UID, SEQUENCE revision + 1 and STATUS:CANCELLED, so the calendar program removes the entry', () => {
    const request = calendarInviteFor({ event: event(), registration: attendee, method: 'REQUEST', locale: 'en' })
    const cancel = calendarInviteFor({ event: event(), registration: attendee, method: 'CANCEL', locale: 'en' })
    const { calendar, vevents, event: parsed } = parse(buildInvitationIcs(cancel, 'en'))
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(parsed.uid).toBe(request.uid)
    expect(parsed.sequence).toBe(5)
    expect(vevents[0].getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(vevents[0].getFirstProperty('attendee')!.getParameter('partstat')).toBe('DECLINED')
  })

  it("without a contact address the organization invites from Samling's own sender address", () => {
    const invite = calendarInviteFor({
      event: event({ organization: { name: 'Re-Act', contactEmail: null } }),
      registration: attendee,
      method: 'REQUEST',
      locale: 'sv',
    })
    expect(invite.organizerEmail).toBe('no-reply@samling.test')
    expect(invite.organizerName).toBe('Re-Act')
  })

  it('cancel, register again, cancel again: every message outranks the one before in the same calendar', () => {
    const sequences = [
      calendarInviteFor({ event: event(), registration: { ...attendee, tokenVersion: 0 }, method: 'REQUEST', locale: 'sv' }),
      calendarInviteFor({ event: event(), registration: { ...attendee, tokenVersion: 0 }, method: 'CANCEL', locale: 'sv' }),
      calendarInviteFor({ event: event(), registration: { ...attendee, tokenVersion: 1 }, method: 'REQUEST', locale: 'sv' }),
      calendarInviteFor({ event: event({ revision: 5 }), registration: { ...attendee, tokenVersion: 1 }, method: 'REQUEST', locale: 'sv' }),
      calendarInviteFor({ event: event({ revision: 5 }), registration: { ...attendee, tokenVersion: 1 }, method: 'CANCEL', locale: 'sv' }),
    ].map((invite) => invite.sequence)
    expect(sequences).toEqual([4, 5, 6, 7, 8])
  })

  it('an event edited to a new time gets a higher SEQUENCE with the same UID', () => {
    const before = calendarInviteFor({ event: event(), registration: attendee, method: 'REQUEST', locale: 'sv' })
    const moved = event({ startsAt: new Date('2027-02-12T09:00:00.000Z'), revision: 5, updatedAt: new Date('2026-12-01T08:00:00.000Z') })
    const after = parse(buildInvitationIcs(calendarInviteFor({ event: moved, registration: attendee, method: 'REQUEST', locale: 'sv' }), 'sv')).event
    expect(after.uid).toBe(before.uid)
    expect(after.sequence).toBe(before.sequence + 1)
    expect(after.startDate.toString()).toBe('2027-02-12T10:00:00')
  })
})

describe('a calendar with many entries (what the feeds will build)', () => {
  const lunch = {
    id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    titleSv: 'Lunchträff för forskare',
    titleEn: "Researchers' lunch meetup",
    descriptionSv: 'Ta med din lunch och dina frågor.',
    descriptionEn: '',
    startsAt: new Date('2027-02-12T11:00:00.000Z'),
    endsAt: new Date('2027-02-12T12:00:00.000Z'),
    revision: 1,
    updatedAt: new Date('2026-12-01T09:00:00.000Z'),
    room: 'Sal B',
  }

  it('has its name, refresh hints, one VTIMEZONE, and a UID of its own for each entry', () => {
    const text = buildCalendar({
      method: 'PUBLISH',
      locale: 'sv',
      name: 'Mötesplats Social Innovation',
      refreshSeconds: 3600,
      entries: [eventCalendarEntry(event(), 'sv'), itemCalendarEntry(lunch, event(), 'sv')],
    })
    const { calendar, vevents } = parse(text)
    expect(calendar.getFirstPropertyValue('name')).toBe('Mötesplats Social Innovation')
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Mötesplats Social Innovation')
    expect(unfold(text)).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n')
    expect(unfold(text)).toContain('X-PUBLISHED-TTL:PT1H\r\n')
    expect(calendar.getAllSubcomponents('vtimezone').length).toBe(1)
    const events = vevents.map((vevent) => new ICAL.Event(vevent))
    expect(events.map((entry) => entry.uid)).toEqual([`event-${EVENT_ID}@samling`, `item-${lunch.id}@samling`])
    const item = events[1]
    expect(item.summary).toBe('Lunchträff för forskare')
    expect(item.startDate.toString()).toBe('2027-02-12T12:00:00')
    expect(item.sequence).toBe(5)
    expect(item.location).toBe('Sal B, Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna')
    expect(contentLine(text, 'DTSTAMP')).toEqual(['DTSTAMP:20261130T123456Z', 'DTSTAMP:20261201T090000Z'])
  })

  it('escapes the calendar name and description like any TEXT, so a comma, semicolon or line break cannot break a line or add one', () => {
    const name = 'Samling – Region Sörmland, Eskilstuna; Strängnäs'
    const description = 'Rad ett\nBEGIN:VEVENT\nSUMMARY:Falsk'
    const text = buildCalendar({ method: 'PUBLISH', locale: 'sv', name, description, entries: [eventCalendarEntry(event(), 'sv')] })
    expect(unfold(text)).toContain('NAME:Samling – Region Sörmland\\, Eskilstuna\\; Strängnäs\r\n')
    expect(text.split('\r\n').filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1)
    // node-ical reads the calendar's own properties as TEXT (ical.js leaves them raw).
    const parsed = nodeIcal.sync.parseICS(text) as unknown as Record<string, { type: string; name?: string; 'WR-CALNAME'?: string; 'WR-CALDESC'?: string }>
    expect(parsed.vcalendar).toMatchObject({ name, 'WR-CALNAME': name, 'WR-CALDESC': description })
    expect(Object.values(parsed).filter((component) => component.type === 'VEVENT')).toHaveLength(1)
    expect(parse(text).vevents).toHaveLength(1)
  })

  it("an item of a cancelled event is cancelled too, and its SEQUENCE rises with the event's revision", () => {
    const before = itemCalendarEntry(lunch, event(), 'en')
    const after = itemCalendarEntry(lunch, event({ status: 'cancelled', revision: 5 }), 'en')
    expect(after.uid).toBe(before.uid)
    expect(after.sequence).toBe(before.sequence + 1)
    expect(after.summary).toBe("CANCELLED: Researchers' lunch meetup")
    expect(after.status).toBe('cancelled')
  })
})
