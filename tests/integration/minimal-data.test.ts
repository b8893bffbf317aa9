import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDemoContent } from '../../app/demo/demo-data.server.ts'
import { startServer, type RunningServer } from '../support/server.ts'

/**
 * Minimal by default (issue 12 §1): a person registers for a hybrid event with distinctive answers;
 * then no public page, feed, embed or API answer carries the event's stream link, the answers, the
 * person's name or address, or anybody else on the attendee list, and the server's own log lines
 * (one per request, SAMLING_QUIET_LOG=0) carry no e-mail address. Against the built server (npm run
 * build), so the request log is the real one.
 */

const PERSON = { name: 'Zelda Läckagesdotter', email: 'zelda.lackage-4711@example.org' }
const ANSWER = 'Hemlig-kost-svar-9931'
const EMAIL = /[^\s@<>"'(),;:\\]+@[^\s@<>"'(),;:\\]+\.[a-z]{2,}/i

let server: RunningServer
let event: { slug: string; onlineUrl: string; organizationSlug: string; seriesSlug: string | null }
const demo = buildDemoContent(new Date())

beforeAll(async () => {
  // The embedded database in both CI passes: the test reads the demo, and the built server needs no PostgreSQL here.
  server = await startServer({ SAMLING_QUIET_LOG: '0', DATABASE_URL: undefined })
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' })

async function registerSomewhere(): Promise<void> {
  const candidates = demo.events.filter(
    (candidate) => candidate.format === 'hybrid' && candidate.status === 'published' && candidate.onlineUrl && candidate.endsAt > new Date(),
  )
  for (const candidate of candidates) {
    const page = await get(`/events/${candidate.slug}/register`)
    const html = await page.text()
    if (page.status !== 200 || !html.includes('name="email"')) continue
    const form = new URLSearchParams({
      name: PERSON.name,
      email: PERSON.email,
      organization: 'Läckagefria kommunen',
      sector: 'public_sector',
      county: 'vasterbotten',
      attendance: 'online',
      whenFull: 'waitlist',
    })
    // Every text question gets the distinctive answer.
    for (const match of html.matchAll(/<textarea[^>]*name="(q_[0-9a-f-]{36})"/g)) form.set(match[1], ANSWER)
    const posted = await fetch(`${server.url}/events/${candidate.slug}/register`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    })
    if (posted.status !== 303 || !/done=(confirmed|waitlisted)/.test(posted.headers.get('location') ?? '')) continue
    const organizationSlug = demo.organizations.find((organization) => organization.slug === candidate.organizationSlug)!.slug
    event = { slug: candidate.slug, onlineUrl: candidate.onlineUrl!, organizationSlug, seriesSlug: candidate.seriesSlug }
    return
  }
  throw new Error('no demo hybrid event with open registration')
}

describe('minimal by default', { timeout: 180_000 }, () => {
  it('no public page, feed, embed or API answer shows the stream link, the answers, the registrant or the attendee list; the log has no e-mail address', async () => {
    await registerSomewhere()
    expect(event.onlineUrl).toMatch(/^https:\/\//)
    // A few demo registrants' names: the attendee list must not show on any public answer either.
    const attendeeNames = ['Greta Lind']
    const speaker = demo.speakers[0]?.slug
    const paths = [
      '/',
      '/en',
      '/archive',
      '/privacy',
      '/accessibility',
      `/events/${event.slug}`,
      `/en/events/${event.slug}`,
      `/events/${event.slug}/register`,
      `/events/${event.slug}/my-programme`,
      `/events/${event.slug}/calendar.ics`,
      `/events/${event.slug}/calendar.ics?programme=1`,
      '/calendar.ics',
      '/en/calendar.ics',
      '/feed.xml',
      '/en/feed.xml',
      `/organizations/${event.organizationSlug}`,
      `/organizations/${event.organizationSlug}/privacy`,
      `/organizations/${event.organizationSlug}/calendar.ics`,
      `/organizations/${event.organizationSlug}/feed.xml`,
      `/embed/organizations/${event.organizationSlug}`,
      `/en/embed/organizations/${event.organizationSlug}`,
      '/api/events',
      `/api/events/${event.slug}`,
      ...(event.seriesSlug
        ? [
            `/series/${event.seriesSlug}`,
            `/series/${event.seriesSlug}/feed.xml`,
            `/series/${event.seriesSlug}/calendar.ics`,
            `/embed/series/${event.seriesSlug}`,
          ]
        : []),
      ...(speaker ? [`/speakers/${speaker}`, `/speakers/${speaker}/feed.xml`, `/speakers/${speaker}/calendar.ics`] : []),
    ]
    const leaks: string[] = []
    for (const path of paths) {
      const response = await get(path)
      expect(response.status, path).toBe(200)
      const text = await response.text()
      for (const secret of [event.onlineUrl, ANSWER, PERSON.name, PERSON.email, ...attendeeNames]) if (text.includes(secret)) leaks.push(`${path}: ${secret}`)
    }
    expect(leaks).toEqual([])

    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
    expect(lines.filter((line) => line.includes('"path"') || line.includes('/events/')).length).toBeGreaterThan(paths.length - 1)
    expect(lines.filter((line) => EMAIL.test(line))).toEqual([])
    expect(server.output()).not.toContain(PERSON.email)
    expect(server.output()).not.toContain(PERSON.name)
  })
})
