import ICAL from 'ical.js'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// "Lägg till i kalender" and the feeds behind it through the real production server (server.ts
// sends paths with an extension past the static files to Remix) with the demo data.
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const SLUG = 'sormland-social-innovation-day'

describe('"Lägg till i kalender" on an event page', () => {
  it('opens by a click and offers webcal, Google, Outlook, the download and the address to copy, with 0 axe violations', async () => {
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/events/${SLUG}`)
    const control = page.locator('details.add-to-calendar')
    await expect.poll(() => control.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false)
    await control.locator('summary', { hasText: 'Lägg till i kalender' }).click()
    await expect.poll(() => control.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true)

    const feedUrl = await page.getByLabel('Adress att prenumerera på').inputValue()
    expect(feedUrl).toMatch(new RegExp(`^https?://[^/]+/events/${SLUG}/calendar\\.ics$`))
    const webcal = feedUrl.replace(/^https?:/, 'webcal:')
    const href = (name: string) => control.getByRole('link', { name, exact: true }).getAttribute('href')
    expect(await href('Prenumerera i ditt kalenderprogram')).toBe(webcal)
    expect(await href('Google Kalender')).toBe(`https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`)
    const outlook = new URL((await href('Outlook på webben (Microsoft 365)'))!)
    expect(`${outlook.origin}${outlook.pathname}`).toBe('https://outlook.office.com/calendar/0/addfromweb')
    expect(outlook.searchParams.get('url')).toBe(feedUrl)
    expect(outlook.searchParams.get('name')).toBe('Samling – Sörmland Social Innovation Day')
    const download = control.getByRole('link', { name: 'Ladda ner en gång (.ics)', exact: true })
    expect(await download.getAttribute('href')).toBe(`/events/${SLUG}/calendar.ics`)
    expect(await download.getAttribute('download')).toBe(`${SLUG}.ics`)
    expect(await wcagViolations(page)).toEqual([])
    await page.context().close()
  })

  it('leads to a text/calendar download of that event with its UID, in Swedish and in English, and a 304 for a repeat with its ETag', async () => {
    for (const prefix of ['', '/en']) {
      const response = await fetch(`${server.url}${prefix}/events/${SLUG}/calendar.ics`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}.ics"`)
      const calendar = new ICAL.Component(ICAL.parse(await response.text()))
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
      expect(String(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid'))).toMatch(/^event-[0-9a-f-]{36}@samling$/)
      const repeat = await fetch(`${server.url}${prefix}/events/${SLUG}/calendar.ics`, { headers: { 'If-None-Match': response.headers.get('etag')! } })
      expect(repeat.status).toBe(304)
    }
  })

  it('serves /calendar.ics and /en/calendar.ics from the real server, and 404 for an event that does not exist', async () => {
    for (const [path, name] of [
      ['/calendar.ics', 'Samling'],
      ['/en/calendar.ics?format=online', 'Samling – Online'],
    ]) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('public, max-age=300')
      const calendar = new ICAL.Component(ICAL.parse(await response.text()))
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(name)
      expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(0)
    }
    expect((await fetch(`${server.url}/events/finns-inte/calendar.ics`)).status).toBe(404)
  })
})
