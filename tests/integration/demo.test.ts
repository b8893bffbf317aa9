import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { buildDemoContent, DEMO_ORGANIZER_EMAIL, DEMO_OWNER_EMAIL, DEMO_VIEWER_EMAIL, type DemoEvent } from '../../app/demo/demo-data.server.ts'
import { loadDemo, loadDemoIfEmpty } from '../../app/demo/load-demo.server.ts'
import { hashToken } from '../../app/registrations/tokens.server.ts'
import { effectiveStatus, invitationToken } from '../../app/speakers/invitations.server.ts'
import { loadConfig } from '../../app/env.server.ts'
import { SLUG_PATTERN } from '../../app/slug.ts'
import { stockholmClock, stockholmDay } from '../../app/time.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

/** A Monday in late November (winter time); every date below follows from it. */
const NOW = new Date('2026-11-23T10:00:00Z')

const CONFERENCES = {
  'co-days-social-innovation-varmland': 'Co-Days Social Innovation Värmland',
  'si-summit': 'SI Summit – Crisis Driving Change',
  'sormland-social-innovation-day': 'Sörmland Social Innovation Day',
  'social-innovation-i-norr': 'Social Innovation i Norr',
}
const WEBINARS = {
  'socialt-entreprenorskap-ger-det-nagon-effekt': 'Socialt entreprenörskap – ger det någon effekt?',
  'doing-well-by-doing-good': 'Doing well by doing good – dubbel nytta för företag',
  'digital-social-innovation': 'Digital social innovation och kollektiv intelligens',
  're-act-del-1': 'Re-Act del 1: Omställning i kristid – en tillbakablick',
  're-act-del-2': 'Re-Act del 2: Näringslivet ställer om för överlevnad',
}
const SERIES = {
  're-act': 'Re-Act – en samtalsserie om omställning i kris',
  'innovationer-och-samverkan-for-barnets-ratt': 'Innovationer och samverkan för barnets rätt',
}
const ORGANIZATIONS = ['innovation-park', 'motesplats-social-innovation', 'coompanion-sormland', 'pitea-science-park', 'social-innovation-summit', 'sopact']

const wallTime = (instant: Date) => {
  const c = stockholmClock(instant)
  return `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`
}

async function rowCounts() {
  return {
    organizations: await db.organization.count(),
    people: await db.person.count(),
    memberships: await db.membership.count(),
    series: await db.series.count(),
    events: await db.event.count(),
    rooms: await db.room.count(),
    tracks: await db.track.count(),
    ticketTypes: await db.ticketType.count(),
    programmeItems: await db.programmeItem.count(),
    speakerProfiles: await db.speakerProfile.count(),
    programmeRoles: await db.programmeRole.count(),
    registrations: await db.registration.count(),
    outbox: await db.outboxMessage.count(),
  }
}

function eventBySlug(events: DemoEvent[], slug: string): DemoEvent {
  const found = events.find((e) => e.slug === slug)
  if (!found) throw new Error(`no event ${slug}`)
  return found
}

describe('demo content, for any day of the year it is loaded', () => {
  // The 1st and 15th of every month over two years, at 10:00 UTC: both DST seasons and every
  // position relative to the events' own months.
  const nows = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2026 + Math.floor(i / 24), Math.floor(i / 2) % 12, i % 2 === 0 ? 1 : 15, 10)))

  it('keeps the conferences upcoming on their seed dates, on weekdays, at 09:00 Stockholm time', () => {
    for (const now of nows) {
      const { events } = buildDemoContent(now)
      const coDays = eventBySlug(events, 'co-days-social-innovation-varmland')
      const days = [...new Set(coDays.items.map((entry) => stockholmDay(entry.startsAt)))]
      expect(days).toHaveLength(3)
      expect(days.every((day) => day.slice(5, 7) === '02')).toBe(true)
      expect(stockholmClock(coDays.startsAt).weekday).toBeGreaterThanOrEqual(1)
      expect(stockholmClock(coDays.endsAt).weekday).toBeLessThanOrEqual(5)
      expect(wallTime(coDays.startsAt)).toBe('09:00')
      const sormland = eventBySlug(events, 'sormland-social-innovation-day')
      expect(stockholmDay(sormland.startsAt).slice(5)).toMatch(/^09-(27|28|29)$/)
      // The seed: "Onsdagen den 3 maj". A Wednesday, within three days of 3 May, in every year.
      const norr = eventBySlug(events, 'social-innovation-i-norr')
      expect(stockholmClock(norr.startsAt).weekday, `Social Innovation i Norr at ${now.toISOString()}`).toBe(3)
      const norrDay = stockholmDay(norr.startsAt)
      const fromMay3 = (Date.parse(`${norrDay}T00:00:00Z`) - Date.parse(`${norrDay.slice(0, 4)}-05-03T00:00:00Z`)) / 86_400_000
      expect(Math.abs(fromMay3)).toBeLessThanOrEqual(3)
      for (const slug of Object.keys(CONFERENCES)) {
        expect(eventBySlug(events, slug).startsAt.getTime(), `${slug} at ${now.toISOString()}`).toBeGreaterThan(now.getTime() + 13 * 86_400_000)
      }
    }
  })

  it('holds Social Innovation i Norr on a Wednesday as the seed says: 5 May 2027, when 3 May is a Monday', () => {
    const norr = eventBySlug(buildDemoContent(NOW).events, 'social-innovation-i-norr')
    expect(stockholmDay(norr.startsAt)).toBe('2027-05-05')
    expect(stockholmClock(norr.startsAt).weekday).toBe(3)
  })

  it('keeps series parts in order, Re-Act part 2 at 09:00, and one held part of the child-rights series', () => {
    for (const now of nows) {
      const { events } = buildDemoContent(now)
      const [reAct1, reAct2] = [eventBySlug(events, 're-act-del-1'), eventBySlug(events, 're-act-del-2')]
      expect(reAct1.endsAt.getTime()).toBeLessThan(reAct2.startsAt.getTime())
      expect(wallTime(reAct2.startsAt)).toBe('09:00')
      const childRights = events
        .filter((e) => e.seriesSlug === 'innovationer-och-samverkan-for-barnets-ratt')
        .sort((a, b) => a.seriesPosition! - b.seriesPosition!)
      expect(childRights.map((e) => e.seriesPosition)).toEqual([1, 2, 3])
      expect(childRights[0].endsAt.getTime()).toBeLessThan(now.getTime())
      expect(childRights[1].startsAt.getTime()).toBeGreaterThan(now.getTime())
      expect(childRights[2].startsAt.getTime()).toBeGreaterThan(childRights[1].endsAt.getTime())
      expect(eventBySlug(events, 'digital-social-innovation').endsAt.getTime()).toBeLessThan(now.getTime())
      const lab = eventBySlug(events, 'sopact-rekryteringslabb-helsingborg')
      expect(lab.registrationOpensAt!.getTime()).toBeGreaterThan(now.getTime())
      expect(lab.registrationOpensAt!.getTime()).toBeLessThan(lab.startsAt.getTime())
    }
  })

  it('never books two programme items into one room at the same time', () => {
    const { events } = buildDemoContent(NOW)
    for (const e of events) {
      const placed = e.items.filter((entry) => entry.room)
      for (const a of placed) {
        for (const b of placed) {
          if (a === b || a.room !== b.room) continue
          const overlaps = a.startsAt < b.endsAt && b.startsAt < a.endsAt
          expect(overlaps, `${e.slug}: "${a.titleSv}" and "${b.titleSv}" in ${a.room}`).toBe(false)
        }
      }
    }
  })
})

describe('a database that already holds data', () => {
  it('is left untouched by the demo loader', async () => {
    const own = await db.organization.create({ data: { slug: 'var-egen-forening', name: 'Vår egen förening' } })
    const before = await rowCounts()
    expect(await loadDemoIfEmpty({ now: NOW })).toBe(false)
    const refused = await loadDemo({ now: NOW, force: true })
    expect(refused).toEqual({ loaded: false, reason: 'not-empty', existingOrganizations: 1, existingEvents: 0 })
    expect(await rowCounts()).toEqual(before)
    expect((await db.organization.findMany()).map((o) => o.slug)).toEqual(['var-egen-forening'])
    // Empty again for the tests below.
    await db.organization.delete({ where: { id: own.id } })
  })
})

describe('loading the demo into an empty database', () => {
  let loaded: boolean | undefined
  beforeAll(async () => {
    // Someone signed in before any organization existed; the demo must reuse that account.
    await db.person.create({ data: { email: DEMO_VIEWER_EMAIL, name: 'Lisa som loggade in först' } })
    loaded = await loadDemoIfEmpty({ now: NOW })
  })

  it('fills it with the four conferences, the webinars and both series', async () => {
    expect(loaded).toBe(true)
    const events = await db.event.findMany({ select: { slug: true, titleSv: true, status: true, revision: true } })
    const titles = Object.fromEntries(events.map((e) => [e.slug, e.titleSv]))
    expect(titles).toMatchObject({ ...CONFERENCES, ...WEBINARS })
    const series = await db.series.findMany({ select: { slug: true, titleSv: true, status: true, parts: { select: { seriesPosition: true } } } })
    expect(Object.fromEntries(series.map((s) => [s.slug, s.titleSv]))).toEqual(SERIES)
    expect(series.every((s) => s.status === 'published')).toBe(true)
    expect(
      series
        .find((s) => s.slug === 're-act')!
        .parts.map((p) => p.seriesPosition)
        .sort(),
    ).toEqual([1, 2])
    expect(series.find((s) => s.slug === 'innovationer-och-samverkan-for-barnets-ratt')!.parts).toHaveLength(3)
    expect((await db.organization.findMany({ orderBy: { slug: 'asc' } })).map((o) => o.slug)).toEqual([...ORGANIZATIONS].sort())
    expect(events.filter((e) => e.status !== 'published').map((e) => e.slug)).toEqual(['frukostmote-samhallsentreprenorskap'])
    expect(events.every((e) => e.revision === 0 && SLUG_PATTERN.test(e.slug))).toBe(true)
  })

  it('gives Co-Days 30+ programme items over three Stockholm days from 09:00, by invitation for 70', async () => {
    const coDays = await db.event.findUniqueOrThrow({
      where: { slug: 'co-days-social-innovation-varmland' },
      include: { programmeItems: { include: { room: true, track: true, speakers: true } }, rooms: true, tracks: true, organization: true },
    })
    expect(coDays.organization.slug).toBe('innovation-park')
    expect([coDays.city, coDays.county, coDays.venueName]).toEqual(['Karlstad', 'varmland', 'Innovation Park'])
    expect(coDays.registrationMode).toBe('invite_only')
    expect(coDays.capacityOnSite).toBe(70)
    expect(coDays.programmeItems.length).toBeGreaterThanOrEqual(30)
    const days = [...new Set(coDays.programmeItems.map((entry) => stockholmDay(entry.startsAt)))].sort()
    // 12 February 2027 is a Friday, so the three days move back to Wednesday–Friday.
    expect(days).toEqual(['2027-02-10', '2027-02-11', '2027-02-12'])
    for (const day of days) {
      const first = coDays.programmeItems.filter((entry) => stockholmDay(entry.startsAt) === day).sort((a, b) => +a.startsAt - +b.startsAt)[0]
      expect(wallTime(first.startsAt)).toBe('09:00')
    }
    expect(coDays.startsAt.toISOString()).toBe('2027-02-10T08:00:00.000Z')
    expect(coDays.rooms.length).toBeGreaterThanOrEqual(3)
    expect(coDays.tracks.length).toBeGreaterThanOrEqual(2)
    expect(new Set(coDays.programmeItems.map((entry) => entry.type))).toEqual(new Set(['talk', 'keynote', 'workshop', 'break', 'lunch', 'panel']))
    const roles = new Set(coDays.programmeItems.flatMap((entry) => entry.speakers.map((s) => s.role)))
    expect(roles).toEqual(new Set(['speaker', 'moderator', 'panelist']))
  })

  it('makes SI Summit a two-day online event in Malmö with a 295 kr ticket, a keynote with Q&A and a strategy panel', async () => {
    const summit = await db.event.findUniqueOrThrow({
      where: { slug: 'si-summit' },
      include: { ticketTypes: true, programmeItems: { include: { speakers: { include: { speaker: true } } } } },
    })
    expect(summit.format).toBe('online')
    expect(summit.onlineUrl).toBe('https://example.org/stream/si-summit')
    expect([summit.city, summit.county]).toEqual(['Malmö', 'skane'])
    expect(summit.ticketTypes.map((t) => [t.priceOre, t.vatRate])).toEqual([[29500, 25]])
    expect(new Set(summit.programmeItems.map((entry) => stockholmDay(entry.startsAt))).size).toBe(2)
    const keynote = summit.programmeItems.find((entry) => entry.type === 'keynote')!
    expect(keynote.titleEn).toBe('Crisis Driving Change – keynote with Q&A')
    const panel = summit.programmeItems.find((entry) => entry.titleSv.startsWith('Ett år kvar av regeringens strategi'))!
    expect(panel.type).toBe('panel')
    expect(panel.speakers.filter((s) => s.role === 'moderator')).toHaveLength(1)
    expect(panel.speakers.filter((s) => s.role === 'panelist').length).toBeGreaterThanOrEqual(3)
  })

  it('makes the Sörmland day hybrid on 29 September with 60 seats on site and an open stream, organized by Coompanion', async () => {
    const day = await db.event.findUniqueOrThrow({ where: { slug: 'sormland-social-innovation-day' }, include: { organization: true } })
    expect(day.format).toBe('hybrid')
    expect(stockholmDay(day.startsAt)).toBe('2027-09-29')
    expect(day.capacityOnSite).toBe(60)
    expect(day.capacityOnline).toBeNull()
    expect(day.onlineUrl).toMatch(/^https:\/\/example\.org\/stream\//)
    expect([day.city, day.county]).toEqual(['Eskilstuna', 'sodermanland'])
    expect(day.organization.name).toBe('Coompanion Sörmland')
  })

  it('gives Social Innovation i Norr ten presentations, a researchers’ lunch meetup with 30 places and a closing panel', async () => {
    const norr = await db.event.findUniqueOrThrow({
      where: { slug: 'social-innovation-i-norr' },
      include: { programmeItems: { orderBy: { startsAt: 'asc' }, include: { room: true, speakers: true } } },
    })
    expect([norr.venueName, norr.city, norr.county, norr.capacityOnSite]).toEqual(['Studio Acusticum', 'Piteå', 'norrbotten', 200])
    // The Wednesday nearest 3 May, as the seed has it ("Onsdagen den 3 maj"); 3 May 2027 is a Monday.
    expect(stockholmDay(norr.startsAt)).toBe('2027-05-05')
    expect(norr.programmeItems.filter((entry) => entry.descriptionSv.startsWith('Social innovation '))).toHaveLength(10)
    const meetups = norr.programmeItems.filter((entry) => entry.type === 'meetup')
    expect(meetups.map((m) => [m.titleSv, m.capacity, m.room?.name])).toEqual([['Forskarträff över lunch', 30, 'Black Box']])
    const lastPanel = norr.programmeItems.filter((entry) => entry.type === 'panel').at(-1)!
    expect(lastPanel.titleSv).toMatch(/^Avslutande panel/)
    expect(lastPanel.speakers.filter((s) => s.role === 'panelist')).toHaveLength(5)
    // Upcoming, so nothing is published yet.
    expect(norr.programmeItems.every((entry) => entry.slidesUrl === null && entry.recordingUrl === null)).toBe(true)
  })

  it('starts Re-Act part 2 at 09:00 Stockholm summer time, with a moderator and titled panelists', async () => {
    const part = await db.event.findUniqueOrThrow({
      where: { slug: 're-act-del-2' },
      include: { series: true, programmeItems: { include: { speakers: { include: { speaker: true } } } } },
    })
    expect(part.series?.slug).toBe('re-act')
    expect(part.seriesPosition).toBe(2)
    expect(wallTime(part.startsAt)).toBe('09:00')
    expect(part.startsAt.toISOString()).toBe('2027-06-11T07:00:00.000Z')
    const panel = part.programmeItems.find((entry) => entry.type === 'panel')!
    expect(panel.speakers.filter((s) => s.role === 'moderator').map((s) => s.speaker.name)).toEqual(['Paula Moberg'])
    const panelists = panel.speakers.filter((s) => s.role === 'panelist')
    expect(panelists.length).toBeGreaterThanOrEqual(3)
    expect(panelists.every((s) => s.speaker.titleSv !== '' && s.speaker.titleEn !== '')).toBe(true)
  })

  it('has speaker invitations in every state for the four conferences and Re-Act part 2, accepted ones with their roles', async () => {
    const events = ['co-days-social-innovation-varmland', 'si-summit', 'sormland-social-innovation-day', 'social-innovation-i-norr', 're-act-del-2']
    for (const slug of events) {
      const invitations = await db.speakerInvitation.findMany({ where: { event: { slug } }, include: { items: true } })
      expect(new Set(invitations.map((row) => effectiveStatus(row, NOW))), slug).toEqual(
        new Set(['sent', 'viewed', 'accepted', 'declined', 'expired', 'revoked']),
      )
      for (const row of invitations) {
        expect(row.email).toMatch(/@example\.org$/)
        expect(row.tokenHash).toBe(hashToken(invitationToken({ id: row.id })))
        expect(row.items.length).toBeGreaterThan(0)
        if (row.status === 'accepted') {
          const roles = await db.programmeRole.count({ where: { speakerId: row.speakerId!, itemId: { in: row.items.map((item) => item.itemId) } } })
          expect(roles).toBe(row.items.length)
        }
        if (row.status === 'declined') expect([row.declineReason, row.suggestedName, row.suggestedEmail].every(Boolean)).toBe(true)
        if (row.status === 'expired') expect(row.expiresAt.getTime()).toBeLessThan(NOW.getTime())
      }
    }
    const coDays = await db.speakerInvitation.findMany({
      where: { event: { slug: 'co-days-social-innovation-varmland' }, status: 'accepted' },
      include: { items: true, speaker: true },
    })
    expect(coDays.map((row) => row.speaker?.slug).sort()).toEqual(['elsa-berglund', 'johan-nordqvist'])
    expect(coDays.every((row) => row.items.length === 2 && row.message.includes('SI Summit'))).toBe(true)
  })

  it('publishes the recording and slides of the past digital social innovation webinar', async () => {
    const webinar = await db.event.findUniqueOrThrow({ where: { slug: 'digital-social-innovation' }, include: { programmeItems: true } })
    expect(webinar.endsAt.getTime()).toBeLessThan(NOW.getTime())
    expect(webinar.programmeItems.length).toBeGreaterThan(0)
    for (const entry of webinar.programmeItems) {
      expect(entry.recordingUrl).toMatch(/^https:\/\/example\.org\//)
      expect(entry.slidesUrl).toMatch(/^https:\/\/example\.org\/.+\.pdf$/)
    }
  })

  it('shows both upcoming and past published events relative to now', async () => {
    const upcoming = await db.event.count({ where: { status: 'published', endsAt: { gte: NOW } } })
    const past = await db.event.findMany({ where: { status: 'published', endsAt: { lt: NOW } }, select: { slug: true } })
    expect(upcoming).toBeGreaterThanOrEqual(10)
    expect(past.map((e) => e.slug).sort()).toEqual([
      'barnets-ratt-trygga-utomhusmiljoer',
      'digital-social-innovation',
      'natverkstraff-social-innovation-skane',
      'valfardsforum-vasteras',
    ])
  })

  it('opens interest registration for Sopact’s lab before its registration opens', async () => {
    const lab = await db.event.findUniqueOrThrow({ where: { slug: 'sopact-rekryteringslabb-helsingborg' } })
    expect(lab.registrationMode).toBe('interest_only')
    expect(lab.registrationOpensAt!.getTime()).toBeGreaterThan(NOW.getTime())
    expect([lab.venueName, lab.city, lab.county]).toEqual(['Pixlapiren', 'Helsingborg', 'skane'])
    expect(stockholmDay(lab.startsAt).slice(0, 7)).toBe('2027-05')
  })

  it('lets the demo owner own every demo organization, with an organizer and a viewer at Mötesplats Social Innovation', async () => {
    const owner = await db.person.findUniqueOrThrow({ where: { email: DEMO_OWNER_EMAIL }, include: { memberships: { include: { organization: true } } } })
    expect(owner.name).toBe('Anna Arrangör')
    expect(owner.memberships.every((m) => m.role === 'owner')).toBe(true)
    expect(owner.memberships.map((m) => m.organization.slug).sort()).toEqual([...ORGANIZATIONS].sort())
    const msi = await db.membership.findMany({ where: { organization: { slug: 'motesplats-social-innovation' } }, include: { person: true } })
    expect(Object.fromEntries(msi.map((m) => [m.person.email, m.role]))).toEqual({
      [DEMO_OWNER_EMAIL]: 'owner',
      [DEMO_ORGANIZER_EMAIL]: 'organizer',
      [DEMO_VIEWER_EMAIL]: 'viewer',
    })
  })

  it('reuses an account that existed before the demo, unchanged, and gives it its demo role', async () => {
    const viewer = await db.person.findUniqueOrThrow({ where: { email: DEMO_VIEWER_EMAIL }, include: { memberships: { include: { organization: true } } } })
    expect(viewer.name).toBe('Lisa som loggade in först')
    expect(viewer.memberships.map((m) => [m.organization.slug, m.role])).toEqual([['motesplats-social-innovation', 'viewer']])
  })

  it('does nothing the second time: returns false and every row count stays the same', async () => {
    const before = await rowCounts()
    expect(before.programmeItems).toBeGreaterThan(100)
    expect(await loadDemoIfEmpty({ now: new Date() })).toBe(false)
    expect(await rowCounts()).toEqual(before)
  })
})

describe('npm run seed:demo', () => {
  const run = promisify(execFile)
  const seed = async (env: Record<string, string>) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/seed-demo.ts', '--force'], {
        env: { ...process.env, DATABASE_URL: '', ...env },
        timeout: 120_000,
      })
      return { code: 0, stdout, stderr }
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string }
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
    }
  }

  it('loads an empty embedded database once, then refuses in one line and exits 1', { timeout: 240_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-seed-'))
    try {
      const first = await seed({ DATA_DIR: dataDir })
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toMatch(/^Demo loaded: 6 organizations, 16 events, 2 series, \d+ programme items, \d+ speakers, 4 accounts\.$/m)
      const second = await seed({ DATA_DIR: dataDir })
      expect(second.code).toBe(1)
      expect(second.stderr.trim()).toBe(
        'The database already holds data (6 organizations, 16 events); the demo is only loaded into an empty database, so nothing was changed.',
      )
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('names a bad setting and exits 1 without a stack trace', { timeout: 60_000 }, async () => {
    const result = await seed({ PORT: 'abc', DATA_DIR: os.tmpdir() })
    expect(result.code).toBe(1)
    expect(result.stderr.trim()).toMatch(/^PORT: .*\(got "abc"\)$/)
  })
})

describe('which databases get the demo on start', () => {
  const run = promisify(execFile)
  /** Boots the app (no HTTP server) in a child process, as `npm start` does, and reports what it found. */
  const bootWith = async (env: Record<string, string>) => {
    const script = [
      "import { boot, shutdown } from './app/boot.server.ts'",
      "import { db } from './app/db/client.server.ts'",
      "import { loadConfig } from './app/env.server.ts'",
      'const result = await boot(loadConfig())',
      'console.log(JSON.stringify({ demoLoaded: result.demoLoaded, organizations: await db.organization.count() }))',
      'await shutdown()',
    ].join('\n')
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DATABASE_URL: '', DEMO: '', MAIL_WORKER: 'off', NODE_ENV: 'test', ...env },
      timeout: 180_000,
    })
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as { demoLoaded: boolean; organizations: number }
  }

  it('the embedded database gets it (npm install && npm start shows the demo), unless DEMO=off', { timeout: 400_000 }, async () => {
    for (const [env, expected] of [
      [{}, { demoLoaded: true, organizations: 6 }],
      [{ DEMO: 'off' }, { demoLoaded: false, organizations: 0 }],
    ] as const) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-demo-boot-'))
      try {
        expect([env, await bootWith({ ...env, DATA_DIR: dataDir })]).toEqual([env, expected])
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    }
  })

  // Needs a PostgreSQL server: CI runs this file again with DATABASE_URL set.
  it.runIf(process.env.DATABASE_URL)('an empty PostgreSQL (DATABASE_URL) stays empty unless DEMO=on asks for the demo', { timeout: 400_000 }, async () => {
    const serverUrl = process.env.DATABASE_URL!
    for (const [env, expected] of [
      [{}, { demoLoaded: false, organizations: 0 }],
      [{ DEMO: 'on' }, { demoLoaded: true, organizations: 6 }],
    ] as const) {
      const name = `samling_demo_${Math.random().toString(36).slice(2, 10)}`
      const admin = new pg.Client({ connectionString: serverUrl })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${name}`)
      const url = new URL(serverUrl)
      url.pathname = `/${name}`
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-demo-boot-'))
      try {
        expect([env, await bootWith({ ...env, DATABASE_URL: url.toString(), DATA_DIR: dataDir })]).toEqual([env, expected])
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true })
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await admin.end()
      }
    }
  })

  it('the configuration says so: embedded on, DATABASE_URL off, DEMO=on/off decides wherever it is set', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-demo-config-'))
    try {
      const demoOnBoot = (env: Record<string, string>) => loadConfig({ DATA_DIR: dataDir, ...env }).loadDemoOnBoot
      const databaseUrl = 'postgresql://samling@db.example:5432/samling'
      expect(demoOnBoot({})).toBe(true)
      expect(demoOnBoot({ DEMO: 'off' })).toBe(false)
      expect(demoOnBoot({ DATABASE_URL: databaseUrl })).toBe(false)
      expect(demoOnBoot({ DATABASE_URL: databaseUrl, DEMO: 'on' })).toBe(true)
      expect(() => loadConfig({ DATA_DIR: dataDir, DEMO: 'yes' })).toThrow(/^DEMO: /)
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
