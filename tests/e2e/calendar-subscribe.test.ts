import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// "Lägg till i kalender" beyond the event page (calendar-download.test.ts): the home page and the
// organization, series and speaker pages reached by clicking, through the real production server
// with the demo data. Each control must open by a click, offer links to the feed the page is about
// and pass axe while open.
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

/** Opens the page's control and checks every link against its https feed address; returns that address. */
async function checkControl(page: Page, feedPath: RegExp): Promise<string> {
  const control = page.locator('details.add-to-calendar').first()
  await expect.poll(() => control.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false)
  await control.locator('summary', { hasText: 'Lägg till i kalender' }).click()
  await expect.poll(() => control.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true)

  const feedUrl = await control.getByLabel('Adress att prenumerera på').inputValue()
  expect(new URL(feedUrl).pathname).toMatch(feedPath)
  const webcal = feedUrl.replace(/^https?:/, 'webcal:')
  const href = (name: string) => control.getByRole('link', { name, exact: true }).getAttribute('href')
  expect(await href('Prenumerera i ditt kalenderprogram')).toBe(webcal)
  expect(await href('Google Kalender')).toBe(`https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`)
  const outlook = new URL((await href('Outlook på webben (Microsoft 365)'))!)
  expect(`${outlook.origin}${outlook.pathname}`).toBe('https://outlook.office.com/calendar/0/addfromweb')
  expect(outlook.searchParams.get('url')).toBe(feedUrl)
  expect(outlook.searchParams.get('name')).toMatch(/^Samling( – .+)?$/)
  expect(await wcagViolations(page)).toEqual([])

  // The address the control shows is a live feed (APP_URL may name another host; the path is what counts).
  const response = await fetch(`${server.url}${new URL(feedUrl).pathname}`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  expect(await response.text()).toMatch(/^BEGIN:VCALENDAR\r\n/)
  return feedUrl
}

/** Follows the first link on the page whose path starts with `prefix`, as a person clicks it. */
async function follow(page: Page, prefix: string) {
  const link = page.locator(`main a[href^="${prefix}"]`).first()
  const target = (await link.getAttribute('href'))!
  await link.click()
  await page.waitForURL((url) => url.pathname === target)
}

describe('"Lägg till i kalender" on the home, organization, series and speaker pages', () => {
  it('on the home page subscribes to /calendar.ics', async () => {
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/`)
    await checkControl(page, /^\/calendar\.ics$/)
    await page.context().close()
  })

  it('on an organization page and a speaker page reached from an event page, subscribes to their feeds', async () => {
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/events/sormland-social-innovation-day`)
    await follow(page, '/speakers/')
    const speakerSlug = new URL(page.url()).pathname.split('/')[2]
    await checkControl(page, new RegExp(`^/speakers/${speakerSlug}/calendar\\.ics$`))
    await page.goto(`${server.url}/events/sormland-social-innovation-day`)
    await follow(page, '/organizations/')
    const organizationSlug = new URL(page.url()).pathname.split('/')[2]
    await checkControl(page, new RegExp(`^/organizations/${organizationSlug}/calendar\\.ics$`))
    await page.context().close()
  })

  it('on a series page reached from one of its parts, subscribes to the series feed', async () => {
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/events/re-act-del-1`)
    await follow(page, '/series/')
    const seriesSlug = new URL(page.url()).pathname.split('/')[2]
    await checkControl(page, new RegExp(`^/series/${seriesSlug}/calendar\\.ics$`))
    await page.context().close()
  })
})
