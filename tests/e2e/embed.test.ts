import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowConsoleError, launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'

// A municipality puts Samling's widget on its own site: the organizer copies the code from the
// console, the code goes into a page on another origin, and a visitor there sees the events.
let server: RunningServer
let browser: Browser
let appUrl: string
let host: http.Server
let hostUrl: string
/** What the other site's page holds (set by each test). */
let hostBody = ''
const codes: Record<'sv' | 'en' | 'series', string> = { sv: '', en: '', series: '' }
const ORG = 'motesplats-social-innovation'
const SERIES = 're-act'

beforeAll(async () => {
  server = await startServer()
  // The configured APP_URL (http://localhost:PORT): the snippet's absolute URLs point there.
  appUrl = server.url.replace('127.0.0.1', 'localhost')
  browser = await launchBrowser()
  host = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(
      `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Eskilstuna kommun</title></head><body><main><h1>Evenemang i kommunen</h1>${hostBody}</main></body></html>`,
    )
  })
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', () => resolve()))
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => host?.close(resolve))
  await server?.stop()
})

/** The upcoming titles the public API lists for a filter, soonest first (the widget must show the same). */
async function upcomingTitles(filter: string, limit = 5): Promise<string[]> {
  const body = (await (await fetch(`${server.url}/api/events?${filter}&limit=${limit}`)).json()) as { events: { title: { sv: string } }[] }
  return body.events.map((event) => event.title.sv)
}

/** Opens the other site's page with `body` and waits for its frame to load. */
async function openHostPage(body: string): Promise<{ page: Page; frame: Frame }> {
  hostBody = body
  const page = await newCheckedPage(browser)
  await page.goto(hostUrl)
  const element = await page.waitForSelector('iframe')
  const frame = (await element.contentFrame())!
  await frame.waitForLoadState('load')
  return { page, frame }
}

describe('the embeddable widget', { timeout: 90_000 }, () => {
  it('an organizer finds the code for both languages on the dashboard and on the series page, and previews the widget', async () => {
    const page = await newCheckedPage(browser)
    await signInThroughMailbox(page, server)
    await page.locator('main a', { hasText: 'Mötesplats Social Innovation' }).first().click()
    await page.waitForURL(new RegExp(`/organizer/${ORG}$`))
    await page.getByRole('heading', { name: 'Visa era evenemang på er webbplats' }).waitFor()
    codes.sv = await page.getByLabel('Kod för en svensk sida').inputValue()
    codes.en = await page.getByLabel('Kod för en engelsk sida').inputValue()
    expect(codes.sv).toBe(
      `<iframe src="${appUrl}/embed/organizations/${ORG}" title="Kommande evenemang – Mötesplats Social Innovation (Samling)" width="100%" height="600" loading="lazy" style="border:0"></iframe>`,
    )
    expect(codes.en).toContain(`src="${appUrl}/en/embed/organizations/${ORG}" title="Upcoming events – Mötesplats Social Innovation (Samling)"`)
    expect(await page.getByLabel('Kod för en svensk sida').getAttribute('readonly')).not.toBeNull()
    expect(await wcagViolations(page)).toEqual([])

    await page.locator('section[aria-labelledby="group-series"] a', { hasText: 'Re-Act' }).click()
    await page.waitForURL(new RegExp(`/organizer/${ORG}/series/[0-9a-f-]{36}$`))
    codes.series = await page.getByLabel('Kod för en svensk sida').inputValue()
    expect(codes.series).toContain(
      `src="${appUrl}/embed/series/${SERIES}" title="Kommande evenemang – Re-Act – en samtalsserie om omställning i kris (Samling)"`,
    )

    await page.getByRole('link', { name: 'Förhandsgranska på svenska' }).click()
    await page.waitForURL(new RegExp(`/embed/series/${SERIES}$`))
    await expect(page.locator('h1').textContent()).resolves.toBe('Kommande evenemang')
    await page.context().close()
  })

  it('shows the upcoming events in a page on another origin, with links that open the event on Samling, and sets no cookie', async () => {
    const { page, frame } = await openHostPage(codes.sv)
    expect(new URL(frame.url()).origin).not.toBe(new URL(hostUrl).origin)
    expect(frame.url()).toBe(`${appUrl}/embed/organizations/${ORG}`)
    expect(await frame.getAttribute('html', 'lang')).toBe('sv')
    await expect(frame.locator('h1').textContent()).resolves.toBe('Kommande evenemang')
    const expected = await upcomingTitles(`organization=${ORG}`)
    expect(expected.length).toBeGreaterThan(1)
    expect(await frame.locator('main h2').allTextContents()).toEqual(expected.map((title) => `${title} (öppnas i ny flik)`))
    // Nothing of the site around it, and no script in the frame.
    expect(await frame.locator('header, footer, nav, script').count()).toBe(0)
    expect(await wcagViolations(page)).toEqual([])

    const first = frame.locator('main h2 a').first()
    expect(await first.getAttribute('target')).toBe('_blank')
    const [opened] = await Promise.all([page.context().waitForEvent('page'), first.click()])
    await opened.waitForLoadState('load')
    expect(opened.url()).toMatch(new RegExp(`^${appUrl}/events/[a-z0-9-]+$`))
    await expect(opened.locator('main h1').textContent()).resolves.toBe(expected[0])
    await opened.close()
    expect(await page.context().cookies()).toEqual([])
    await page.context().close()
  })

  it('is in English with the English code, and the series code shows the series', async () => {
    const english = await openHostPage(codes.en)
    expect(await english.frame.getAttribute('html', 'lang')).toBe('en')
    await expect(english.frame.locator('h1').textContent()).resolves.toBe('Upcoming events')
    await expect(english.frame.getByRole('link', { name: 'All events on Samling (opens in a new tab)' }).getAttribute('href')).resolves.toBe(
      `${appUrl}/en/organizations/${ORG}`,
    )
    await english.page.context().close()

    const series = await openHostPage(codes.series)
    const expected = await upcomingTitles(`series=${SERIES}`)
    expect(expected.length).toBeGreaterThan(0)
    expect(await series.frame.locator('main h2').allTextContents()).toEqual(expected.map((title) => `${title} (öppnas i ny flik)`))
    await series.page.context().close()
  })

  it('passes axe when opened on its own, and its answer lets any site frame it, may be cached and is the same with a cookie', async () => {
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/embed/organizations/${ORG}?limit=3`)
    expect(await page.locator('main h2').count()).toBe(3)
    expect(await wcagViolations(page)).toEqual([])
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('h2') !== null)).toBe(true)
    await page.context().close()

    const url = `${server.url}/embed/organizations/${ORG}`
    const anonymous = await fetch(url)
    const withCookie = await fetch(url, { headers: { cookie: 'samling_session=whatever; tracking=1' } })
    for (const response of [anonymous, withCookie]) {
      expect(response.status).toBe(200)
      expect(response.headers.get('content-security-policy')).toContain('frame-ancestors http: https:;')
      expect(response.headers.get('x-frame-options')).toBeNull()
      expect(response.headers.get('cache-control')).toBe('public, max-age=300')
      expect(response.headers.get('set-cookie')).toBeNull()
    }
    expect(await withCookie.text()).toBe(await anonymous.text())
    const english = await fetch(`${server.url}/en/embed/series/${SERIES}`)
    expect(english.headers.get('content-security-policy')).toContain('frame-ancestors http: https:;')
    expect(english.headers.get('x-frame-options')).toBeNull()

    const bad = await fetch(`${url}?limit=50`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Ogiltigt värde för limit: ange ett heltal från 1 till 20.')

    // Every other page still refuses to be framed.
    const home = await fetch(`${server.url}/`)
    expect(home.headers.get('x-frame-options')).toBe('DENY')
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('an ordinary Samling page put in a frame on another origin stays empty', async () => {
    allowConsoleError(/Refused to (frame|display)|frame-ancestors/)
    const { page, frame } = await openHostPage(`<iframe src="${appUrl}/" title="Samling" width="100%" height="400"></iframe>`)
    // Chromium shows its own error document in the frame instead of the page.
    expect(frame.url()).toBe('chrome-error://chromewebdata/')
    const content = await frame.evaluate(() => document.body?.innerText ?? '')
    expect(content).not.toContain('För arrangörer')
    expect(content).not.toContain('Kommande evenemang')
    await page.context().close()
  })
})
