/**
 * Golden calendar files: the exact bytes (CRLF, folding, escaping, VTIMEZONE) Samling's feeds write
 * for a winter day, a summer morning and two multi-day events across the DST switches of 2027
 * (lessons row 1: a zone off by an hour is the classic calendar bug). They are built by the real
 * path, eventCalendarEntry/itemCalendarEntry → buildCalendar, from fixed facts, and must come out
 * byte for byte the same whatever TZ the process runs in.
 *
 * After an intended change to the calendar text, rewrite them and read the diff before committing:
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/unit/calendar-golden.test.ts
 *   git diff tests/golden/
 *
 * Each file is then read back by two independent parsers: ical.js (with only the VTIMEZONE in the
 * file) and node-ical (which maps the TZID to its own zone data), and both must find the same
 * instants in UTC.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ICAL from 'ical.js'
import nodeIcal, { type VEvent } from 'node-ical'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eventCalendarEntry, itemCalendarEntry, type CalendarEventFacts, type CalendarItemFacts } from '../../app/calendar/entries.server.ts'
import { buildCalendar, type CalendarEntry } from '../../app/calendar/ics.server.ts'
import { calendarUid } from '../../app/calendar/uid.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { pick, t, type Locale } from '../../app/i18n/index.ts'

const GOLDEN_DIR = path.resolve('tests/golden')
const UPDATE = process.env.UPDATE_GOLDEN === '1'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-golden-'))
beforeAll(() => setConfig({ ...loadConfig({ DATA_DIR: dataDir, APP_URL: 'https://samling.test' }), mailFrom: 'Samling <no-reply@samling.test>' }))
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const originalTz = process.env.TZ
afterEach(() => {
  process.env.TZ = originalTz
})

// ---------------------------------------------------------------------------------------------
// The fixed facts
// ---------------------------------------------------------------------------------------------

const ORGANIZATION = 'Mötesplats Social Innovation'

function event(overrides: Partial<CalendarEventFacts> & Pick<CalendarEventFacts, 'id' | 'slug' | 'startsAt' | 'endsAt'>): CalendarEventFacts {
  return {
    titleSv: 'Evenemang',
    titleEn: 'Event',
    summarySv: '',
    summaryEn: '',
    status: 'published',
    format: 'on_site',
    venueName: 'Munktell Science Park',
    venueAddress: 'Verkstadsgatan 11',
    postalCode: '632 20',
    city: 'Eskilstuna',
    revision: 0,
    updatedAt: new Date('2026-11-30T12:34:56.789Z'),
    ...overrides,
  }
}

function item(overrides: Partial<CalendarItemFacts> & Pick<CalendarItemFacts, 'id' | 'titleSv' | 'titleEn' | 'startsAt' | 'endsAt'>): CalendarItemFacts {
  return { descriptionSv: '', descriptionEn: '', revision: 0, updatedAt: new Date('2026-12-01T09:15:00.000Z'), room: null, ...overrides }
}

/** 09.00–16.00 CET on a Friday in February (08:00–15:00 UTC), a long title full of å/ä/ö, so lines fold. */
const winter = event({
  id: '3f0c6f2e-8d7a-4b1e-9c55-0a1b2c3d4e5f',
  slug: 'valfardens-innovationsdag',
  titleSv: 'Välfärdens innovationsdag – så gör vi tjänster tillsammans med dem som använder dem, i Sörmland och Värmland',
  titleEn: 'Welfare innovation day',
  summarySv: 'En dag om tjänstedesign, samskapande och uppföljning i kommuner och regioner; ”fika” ingår.',
  summaryEn: 'A day on service design and co-creation in municipalities and regions.',
  format: 'hybrid',
  startsAt: new Date('2027-02-12T08:00:00.000Z'),
  endsAt: new Date('2027-02-12T15:00:00.000Z'),
  revision: 4,
})

/** 09.00–12.00 CEST on a Thursday in June (07:00–10:00 UTC), online, read in English. */
const summer = event({
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  slug: 'sommarwebbinarium-om-tillit',
  titleSv: 'Sommarwebbinarium om tillit',
  titleEn: 'Summer webinar on trust-based governance',
  summaryEn: 'Three hours on trust, with time for questions.',
  format: 'online',
  venueName: null,
  venueAddress: null,
  postalCode: null,
  city: null,
  startsAt: new Date('2027-06-10T07:00:00.000Z'),
  endsAt: new Date('2027-06-10T10:00:00.000Z'),
  revision: 1,
})

/** Saturday 27 March 09.00 CET to Monday 29 March 16.00 CEST; the clocks go forward on Sunday 28 March at 02.00. */
const spring = event({
  id: '7a1e2b3c-4d5e-4f60-8172-93a4b5c6d7e8',
  slug: 'co-days-social-innovation-varmland',
  titleSv: 'Co-Days Social Innovation Värmland',
  titleEn: 'Co-Days Social Innovation Värmland',
  venueName: 'Karlstads universitet',
  venueAddress: 'Universitetsgatan 2',
  postalCode: '651 88',
  city: 'Karlstad',
  startsAt: new Date('2027-03-27T08:00:00.000Z'),
  endsAt: new Date('2027-03-29T14:00:00.000Z'),
  revision: 2,
})
const springItems = [
  // Before the switch: 09.00 CET = 08:00 UTC.
  item({
    id: '11111111-1111-4111-8111-111111111111',
    titleSv: 'Öppning: välkommen till Värmland',
    titleEn: 'Opening',
    startsAt: new Date('2027-03-27T08:00:00.000Z'),
    endsAt: new Date('2027-03-27T09:00:00.000Z'),
    room: 'Aula Magna',
  }),
  // Across the switch: 23.00 CET to 04.00 CEST is four hours, not five.
  item({
    id: '22222222-2222-4222-8222-222222222222',
    titleSv: 'Nattens hackathon',
    titleEn: 'Night hackathon',
    descriptionSv: 'Klockan ställs fram en timme i natt: vi slutar 04.00 sommartid.',
    startsAt: new Date('2027-03-27T22:00:00.000Z'),
    endsAt: new Date('2027-03-28T02:00:00.000Z'),
    room: 'Sal 21',
  }),
  // After the switch: 09.00 CEST = 07:00 UTC.
  item({
    id: '33333333-3333-4333-8333-333333333333',
    titleSv: 'Söndagens workshop',
    titleEn: 'Sunday workshop',
    startsAt: new Date('2027-03-28T07:00:00.000Z'),
    endsAt: new Date('2027-03-28T08:30:00.000Z'),
    revision: 3,
  }),
  item({
    id: '44444444-4444-4444-8444-444444444444',
    titleSv: 'Avslutning',
    titleEn: 'Closing',
    startsAt: new Date('2027-03-29T12:00:00.000Z'),
    endsAt: new Date('2027-03-29T14:00:00.000Z'),
    room: 'Aula Magna',
  }),
]

/** Saturday 30 October 09.00 CEST to Monday 1 November 16.00 CET; the clocks go back on Sunday 31 October at 03.00. */
const autumn = event({
  id: '9c8d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e6f',
  slug: 'social-innovation-i-norr',
  titleSv: 'Social Innovation i Norr',
  titleEn: 'Social Innovation in the North',
  venueName: 'Umeå Folkets Hus',
  venueAddress: 'Skolgatan 59',
  postalCode: '903 29',
  city: 'Umeå',
  startsAt: new Date('2027-10-30T07:00:00.000Z'),
  endsAt: new Date('2027-11-01T15:00:00.000Z'),
  revision: 1,
})
const autumnItems = [
  // Before the switch: 09.00 CEST = 07:00 UTC.
  item({
    id: '55555555-5555-4555-8555-555555555555',
    titleSv: 'Öppning',
    titleEn: 'Opening',
    startsAt: new Date('2027-10-30T07:00:00.000Z'),
    endsAt: new Date('2027-10-30T08:00:00.000Z'),
  }),
  // Across the switch: 23.00 CEST to 04.00 CET is six hours, not five.
  item({
    id: '66666666-6666-4666-8666-666666666666',
    titleSv: 'Nattens hackathon',
    titleEn: 'Night hackathon',
    descriptionEn: 'The clocks go back an hour tonight: we stop at 04:00 winter time.',
    startsAt: new Date('2027-10-30T21:00:00.000Z'),
    endsAt: new Date('2027-10-31T03:00:00.000Z'),
  }),
  // After the switch: 09.00 CET = 08:00 UTC.
  item({
    id: '77777777-7777-4777-8777-777777777777',
    titleSv: 'Forskarnas lunchträff',
    titleEn: "Researchers' lunch meetup",
    startsAt: new Date('2027-10-31T08:00:00.000Z'),
    endsAt: new Date('2027-10-31T09:00:00.000Z'),
    room: 'Lilla salen',
  }),
  item({
    id: '88888888-8888-4888-8888-888888888888',
    titleSv: 'Avslutning',
    titleEn: 'Closing',
    startsAt: new Date('2027-11-01T13:00:00.000Z'),
    endsAt: new Date('2027-11-01T15:00:00.000Z'),
  }),
]

/** A feed as feeds.server.ts builds one: PUBLISH, named, described, with refresh hints. */
function feed(locale: Locale, name: string, description: string, entries: CalendarEntry[]): string {
  return buildCalendar({ method: 'PUBLISH', locale, name: t(locale, 'calendar.feed.named', { name }), description, entries, refreshSeconds: 3600 })
}

const programme = (facts: CalendarEventFacts, items: CalendarItemFacts[], locale: Locale) =>
  feed(locale, pick(facts, 'title', locale), t(locale, 'calendar.feed.programme.description', { name: pick(facts, 'title', locale) }), [
    eventCalendarEntry(facts, locale),
    ...items.map((entry) => itemCalendarEntry(entry, facts, locale)),
  ])

type Expected = { uid: string; start: string; end: string; wallStart: string; summary: string }

const GOLDEN: { file: string; build: () => string; expected: Expected[] }[] = [
  {
    file: 'calendar-winter.ics',
    build: () => feed('sv', ORGANIZATION, t('sv', 'calendar.feed.organization.description', { name: ORGANIZATION }), [eventCalendarEntry(winter, 'sv')]),
    expected: [
      {
        uid: calendarUid({ kind: 'event', id: winter.id }),
        start: '2027-02-12T08:00:00.000Z',
        end: '2027-02-12T15:00:00.000Z',
        wallStart: '2027-02-12T09:00:00',
        summary: winter.titleSv,
      },
    ],
  },
  {
    file: 'calendar-summer.ics',
    build: () => feed('en', ORGANIZATION, t('en', 'calendar.feed.organization.description', { name: ORGANIZATION }), [eventCalendarEntry(summer, 'en')]),
    expected: [
      {
        uid: calendarUid({ kind: 'event', id: summer.id }),
        start: '2027-06-10T07:00:00.000Z',
        end: '2027-06-10T10:00:00.000Z',
        wallStart: '2027-06-10T09:00:00',
        summary: summer.titleEn,
      },
    ],
  },
  {
    file: 'calendar-dst-spring.ics',
    build: () => programme(spring, springItems, 'sv'),
    expected: [
      {
        uid: calendarUid({ kind: 'event', id: spring.id }),
        start: '2027-03-27T08:00:00.000Z',
        end: '2027-03-29T14:00:00.000Z',
        wallStart: '2027-03-27T09:00:00',
        summary: spring.titleSv,
      },
      {
        uid: calendarUid({ kind: 'item', id: springItems[0].id }),
        start: '2027-03-27T08:00:00.000Z',
        end: '2027-03-27T09:00:00.000Z',
        wallStart: '2027-03-27T09:00:00',
        summary: 'Öppning: välkommen till Värmland',
      },
      {
        uid: calendarUid({ kind: 'item', id: springItems[1].id }),
        start: '2027-03-27T22:00:00.000Z',
        end: '2027-03-28T02:00:00.000Z',
        wallStart: '2027-03-27T23:00:00',
        summary: 'Nattens hackathon',
      },
      {
        uid: calendarUid({ kind: 'item', id: springItems[2].id }),
        start: '2027-03-28T07:00:00.000Z',
        end: '2027-03-28T08:30:00.000Z',
        wallStart: '2027-03-28T09:00:00',
        summary: 'Söndagens workshop',
      },
      {
        uid: calendarUid({ kind: 'item', id: springItems[3].id }),
        start: '2027-03-29T12:00:00.000Z',
        end: '2027-03-29T14:00:00.000Z',
        wallStart: '2027-03-29T14:00:00',
        summary: 'Avslutning',
      },
    ],
  },
  {
    file: 'calendar-dst-autumn.ics',
    build: () => programme(autumn, autumnItems, 'en'),
    expected: [
      {
        uid: calendarUid({ kind: 'event', id: autumn.id }),
        start: '2027-10-30T07:00:00.000Z',
        end: '2027-11-01T15:00:00.000Z',
        wallStart: '2027-10-30T09:00:00',
        summary: autumn.titleEn,
      },
      {
        uid: calendarUid({ kind: 'item', id: autumnItems[0].id }),
        start: '2027-10-30T07:00:00.000Z',
        end: '2027-10-30T08:00:00.000Z',
        wallStart: '2027-10-30T09:00:00',
        summary: 'Opening',
      },
      {
        uid: calendarUid({ kind: 'item', id: autumnItems[1].id }),
        start: '2027-10-30T21:00:00.000Z',
        end: '2027-10-31T03:00:00.000Z',
        wallStart: '2027-10-30T23:00:00',
        summary: 'Night hackathon',
      },
      {
        uid: calendarUid({ kind: 'item', id: autumnItems[2].id }),
        start: '2027-10-31T08:00:00.000Z',
        end: '2027-10-31T09:00:00.000Z',
        wallStart: '2027-10-31T09:00:00',
        summary: "Researchers' lunch meetup",
      },
      {
        uid: calendarUid({ kind: 'item', id: autumnItems[3].id }),
        start: '2027-11-01T13:00:00.000Z',
        end: '2027-11-01T15:00:00.000Z',
        wallStart: '2027-11-01T14:00:00',
        summary: 'Closing',
      },
    ],
  },
]

// ---------------------------------------------------------------------------------------------
// Reading them back
// ---------------------------------------------------------------------------------------------

const golden = (file: string) => fs.readFileSync(path.join(GOLDEN_DIR, file))

/** ical.js with ONLY the VTIMEZONE in the text (nothing registered beforehand). */
function viaIcalJs(text: string) {
  ICAL.TimezoneService.reset()
  const calendar = new ICAL.Component(ICAL.parse(text))
  const zones = calendar.getAllSubcomponents('vtimezone')
  for (const zone of zones) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  return { calendar, zones, events: calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)) }
}

function viaNodeIcal(text: string) {
  return Object.values(nodeIcal.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT')
}

/** The zones a process might run in: UTC (most servers), one far west and one far east of Stockholm. */
const SERVER_ZONES = ['UTC', 'America/New_York', 'Asia/Tokyo']

describe.each(GOLDEN)('the golden feed $file', ({ file, build, expected }) => {
  it('is built byte for byte as committed (CRLF line ends, 75-octet folding), in every server time zone', () => {
    process.env.TZ = 'UTC'
    if (UPDATE) fs.writeFileSync(path.join(GOLDEN_DIR, file), build(), 'utf8')
    const bytes = golden(file)
    for (const zone of SERVER_ZONES) {
      process.env.TZ = zone
      // The process really runs in that zone now (Node re-reads TZ when it is set).
      expect(new Date('2027-02-12T08:00:00.000Z').getHours()).toBe({ UTC: 8, 'America/New_York': 3, 'Asia/Tokyo': 17 }[zone])
      expect(Buffer.from(build(), 'utf8').equals(bytes), `${file} built with TZ=${zone} differs from the golden file`).toBe(true)
    }
    const text = bytes.toString('utf8')
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const decoder = new TextDecoder('utf-8', { fatal: true })
    for (const line of text.split('\r\n').slice(0, -1)) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
      expect(() => decoder.decode(Buffer.from(line, 'utf8'))).not.toThrow()
    }
  })

  it.each(SERVER_ZONES)('reads back with ical.js and node-ical as the same instants in UTC, in Europe/Stockholm, under TZ=%s', (zone) => {
    process.env.TZ = zone
    const text = golden(file).toString('utf8')
    const { events } = viaIcalJs(text)
    expect(
      events.map((entry) => ({
        uid: entry.uid,
        start: entry.startDate.toJSDate().toISOString(),
        end: entry.endDate.toJSDate().toISOString(),
        wallStart: entry.startDate.toString(),
        summary: entry.summary,
      })),
    ).toEqual(expected)
    for (const entry of events) {
      expect(entry.startDate.zone.tzid).toBe('Europe/Stockholm')
      expect(entry.endDate.zone.tzid).toBe('Europe/Stockholm')
    }
    const other = viaNodeIcal(text)
    expect(other.map((entry) => ({ uid: entry.uid, start: entry.start.toISOString(), end: entry.end?.toISOString(), summary: String(entry.summary) }))).toEqual(
      expected.map(({ uid, start, end, summary }) => ({ uid, start, end, summary })),
    )
    for (const entry of other) expect(entry.start.tz).toBe('Europe/Stockholm')
  })

  it('carries one VTIMEZONE for Europe/Stockholm with the EU rules (last Sunday of March and October), and its calendar properties before it', () => {
    const text = golden(file).toString('utf8')
    const { calendar, zones } = viaIcalJs(text)
    expect(zones.map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual(['Europe/Stockholm'])
    const rules = (name: 'standard' | 'daylight') => {
      const [rule, ...more] = zones[0].getAllSubcomponents(name)
      expect(more).toEqual([])
      return {
        from: rule.getFirstProperty('tzoffsetfrom')!.toICALString(),
        to: rule.getFirstProperty('tzoffsetto')!.toICALString(),
        name: rule.getFirstPropertyValue('tzname'),
        since: String(rule.getFirstPropertyValue('dtstart')),
        rrule: String(rule.getFirstPropertyValue('rrule')),
      }
    }
    // Summer time from 02.00 CET on the last Sunday of March, winter time from 03.00 CEST on the last Sunday of October.
    expect(rules('daylight')).toEqual({
      from: 'TZOFFSETFROM:+0100',
      to: 'TZOFFSETTO:+0200',
      name: 'CEST',
      since: '1970-03-29T02:00:00',
      rrule: 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    })
    expect(rules('standard')).toEqual({
      from: 'TZOFFSETFROM:+0200',
      to: 'TZOFFSETTO:+0100',
      name: 'CET',
      since: '1970-10-25T03:00:00',
      rrule: 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    })
    // The zone's own switches in 2027 (28 March, 31 October), as a client computes them from those rules alone.
    const zone = ICAL.TimezoneService.get('Europe/Stockholm')!
    const offsetAt = (iso: string) => zone.utcOffset(ICAL.Time.fromDateTimeString(iso)) / 3600
    expect(['2027-03-28T01:59:00', '2027-03-28T03:00:00', '2027-10-31T01:59:00', '2027-10-31T03:01:00'].map(offsetAt)).toEqual([1, 2, 2, 1])
    // RFC 5545 §3.4: every calendar property comes before the first component.
    const head = text.slice(0, text.indexOf('\r\nBEGIN:VTIMEZONE\r\n'))
    expect(head).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H')
    expect(head).toContain('\r\nMETHOD:PUBLISH\r\n')
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H')
  })
})

describe('the golden files', () => {
  it('fold the long Swedish title between whole characters and read it back unchanged', () => {
    const text = golden('calendar-winter.ics').toString('utf8')
    const summary = text.split('\r\n').findIndex((line) => line.startsWith('SUMMARY:'))
    expect(text.split('\r\n')[summary + 1]).toMatch(/^ \S/)
    expect(viaIcalJs(text).events[0].summary).toBe(winter.titleSv)
    expect(String(viaNodeIcal(text)[0].summary)).toBe(winter.titleSv)
  })

  it('say 09.00 Stockholm time both in winter (08:00 UTC) and in summer (07:00 UTC)', () => {
    const winterStart = viaIcalJs(golden('calendar-winter.ics').toString('utf8')).events[0].startDate
    const summerStart = viaIcalJs(golden('calendar-summer.ics').toString('utf8')).events[0].startDate
    expect([winterStart.toString(), winterStart.toJSDate().toISOString()]).toEqual(['2027-02-12T09:00:00', '2027-02-12T08:00:00.000Z'])
    expect([summerStart.toString(), summerStart.toJSDate().toISOString()]).toEqual(['2027-06-10T09:00:00', '2027-06-10T07:00:00.000Z'])
  })
})
