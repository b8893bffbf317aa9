import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// A visitor's journey on the built production server with the demo data it loads on first start.
let server: RunningServer
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await (await browser.newContext()).newPage()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('a visitor', () => {
  it('sees upcoming demo conferences on the Swedish start page', async () => {
    await page.goto(`${server.url}/`)
    expect(await page.getAttribute('html', 'lang')).toBe('sv')
    await expect(page.locator('h1').count()).resolves.toBe(1)
    const titles = await page.locator('main h2, main h3').allTextContents()
    expect(titles.join(' | ')).toContain('Co-Days')
  })

  it('filters by län without JavaScript-only controls and keeps the filter in the URL', async () => {
    await page.goto(`${server.url}/`)
    await page.selectOption('#filter-county', 'varmland')
    await page.locator('form[role=search] button[type=submit]').click()
    await page.waitForURL(/county=varmland/)
    const cards = await page.locator('main .card').allTextContents()
    expect(cards.length).toBeGreaterThan(0)
    for (const card of cards) expect(card).toMatch(/Karlstad|Värmland/)
    expect(await page.inputValue('#filter-county')).toBe('varmland')
  })

  it('opens an event with its programme and switches to English', async () => {
    await page.goto(`${server.url}/events/co-days-social-innovation-varmland`)
    expect(await page.locator('h1').textContent()).toContain('Co-Days')
    expect(await page.locator('main').textContent()).toContain('Karlstad')
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1)
    await page.locator('a[hreflang="en"]').first().click()
    await page.waitForURL(/\/en\/events\/co-days-social-innovation-varmland$/)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
  })

  it('gets a 404 page in its own language for an unknown event', async () => {
    const sv = await page.goto(`${server.url}/events/finns-inte`)
    expect(sv?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Sidan finns inte')
    const en = await page.goto(`${server.url}/en/events/does-not-exist`)
    expect(en?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Page not found')
  })
})

describe('accessibility (axe, WCAG 2.1 A and AA)', () => {
  const pages = [
    '/',
    '/events/co-days-social-innovation-varmland',
    '/events/si-summit',
    '/series/re-act',
    '/organizations/innovation-park',
    '/archive',
    '/events/finns-inte',
  ]
  for (const path of pages) {
    for (const prefix of ['', '/en']) {
      it(`${prefix}${path} has no violations`, async () => {
        await page.goto(`${server.url}${prefix}${path === '/' && prefix ? '' : path}`)
        expect(await wcagViolations(page)).toEqual([])
      })
    }
  }

  it('speaker pages have no violations in either language', async () => {
    await page.goto(`${server.url}/events/co-days-social-innovation-varmland`)
    const href = await page.locator('main a[href*="/speakers/"]').first().getAttribute('href')
    expect(href).toBeTruthy()
    await page.goto(`${server.url}${href}`)
    expect(await wcagViolations(page)).toEqual([])
    await page.goto(`${server.url}/en${href}`)
    expect(await wcagViolations(page)).toEqual([])
  })
})
