import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowConsoleError, launchBrowser, newCheckedPage, takePageProblems, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// A visitor's journey on the built production server with the demo data it loads on first start.
// The visitor arrives once on `/` and then moves by clicking, as a person does.
let server: RunningServer
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await newCheckedPage(browser)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const NOT_FOUND_RESOURCE = /Failed to load resource: the server responded with a status of 404/

describe('the browser check itself', () => {
  it('notices a console error and an uncaught error on a page', async () => {
    const probe = await newCheckedPage(browser)
    await probe.setContent('<script>console.error("boom in the console")</script><script>throw new Error("boom uncaught")</script>')
    await probe.waitForTimeout(100)
    const problems = takePageProblems()
    expect(problems).toHaveLength(2)
    expect(problems[0]).toContain('console error on about:blank: boom in the console')
    expect(problems[1]).toContain('pageerror on about:blank: Error: boom uncaught')
    await probe.context().close()
  })
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
    await page.selectOption('#filter-county', 'varmland')
    await page.locator('form[role=search] button[type=submit]').click()
    await page.waitForURL(/county=varmland/)
    await page.locator('main .card').first().waitFor()
    const cards = await page.locator('main .card').allTextContents()
    expect(cards.length).toBeGreaterThan(0)
    for (const card of cards) expect(card).toMatch(/Karlstad|Värmland/)
    expect(await page.inputValue('#filter-county')).toBe('varmland')
  })

  it('sees the filters of the list shown after "Rensa filter" and after going Back', async () => {
    // Continues from the Värmland list of the test before.
    const allCards = async () => page.locator('main .card').count()
    const filtered = await allCards()
    await page.getByRole('link', { name: 'Rensa filter' }).first().click()
    await page.waitForURL(new RegExp(`^${server.url}/$`))
    await expect.poll(allCards).toBeGreaterThan(filtered)
    expect(await page.inputValue('#filter-county')).toBe('')
    expect(await page.locator('#filter-county option:checked').textContent()).toBe('Alla län')

    await page.goBack()
    await page.waitForURL(/county=varmland/)
    await expect.poll(allCards).toBe(filtered)
    expect(await page.inputValue('#filter-county')).toBe('varmland')

    await page.goForward()
    await page.waitForURL(new RegExp(`^${server.url}/$`))
    await expect.poll(allCards).toBeGreaterThan(filtered)
    expect(await page.inputValue('#filter-county')).toBe('')
  })

  it('opens an event with its programme from the start page and switches to English', async () => {
    await page.locator('main a', { hasText: 'Co-Days' }).first().click()
    await page.waitForURL(/\/events\/co-days-social-innovation-varmland$/)
    await page.locator('main h1', { hasText: 'Co-Days' }).waitFor()
    expect(await page.locator('main').textContent()).toContain('Karlstad')
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1)
    await page.locator('a[hreflang="en"]').first().click()
    await page.waitForURL(/\/en\/events\/co-days-social-innovation-varmland$/)
    expect(await page.getAttribute('html', 'lang')).toBe('en')
  })

  it('finds no place on a digital-only event card, only where the organizer is based', async () => {
    await page.getByRole('link', { name: 'Events', exact: true }).first().click()
    await page.waitForURL(new RegExp(`^${server.url}/en$`))
    const card = page.locator('main .card', { hasText: 'SI Summit' }).first()
    await card.waitFor()
    const text = (await card.textContent()) ?? ''
    expect(text).toContain('Online')
    expect(text).not.toContain('Skåne County')
    expect(await card.locator('.card__meta').allTextContents()).toContain('Organizer based in Malmö')
  })

  it('gets a 404 page in its own language for an unknown event', async () => {
    // An address nobody links to can only be typed.
    allowConsoleError(NOT_FOUND_RESOURCE)
    const sv = await page.goto(`${server.url}/events/finns-inte`)
    expect(sv?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Sidan finns inte')
    const en = await page.goto(`${server.url}/en/events/does-not-exist`)
    expect(en?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Page not found')
  })
})

describe('on a phone (390 px wide)', () => {
  let phone: Page
  beforeAll(async () => {
    phone = await newCheckedPage(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true })
  })
  afterAll(async () => {
    await phone?.context().close()
  })

  const scrollWidth = () => phone.evaluate(() => document.scrollingElement!.scrollWidth)

  it('the accessibility statement does not scroll sideways', async () => {
    await phone.goto(`${server.url}/`)
    expect(await scrollWidth()).toBeLessThanOrEqual(390)
    await phone.getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click()
    await phone.waitForURL(/\/accessibility$/)
    await phone.locator('main h1', { hasText: 'Tillgänglighet' }).waitFor()
    expect(await scrollWidth()).toBeLessThanOrEqual(390)
  })

  it('an event page shows the practical facts right after the title, before the programme', async () => {
    await phone.getByRole('link', { name: 'Evenemang', exact: true }).first().click()
    await phone.waitForURL(new RegExp(`^${server.url}/$`))
    await phone.locator('main a', { hasText: 'Co-Days' }).first().click()
    await phone.locator('main h1', { hasText: 'Co-Days' }).waitFor()
    expect(await scrollWidth()).toBeLessThanOrEqual(390)
    const facts = await phone.locator('[aria-labelledby="facts-heading"]').boundingBox()
    const programme = await phone.locator('[aria-labelledby="programme-heading"]').boundingBox()
    const registration = await phone.locator('[aria-labelledby="registration-heading"]').boundingBox()
    expect(facts!.y).toBeLessThan(programme!.y)
    expect(registration!.y).toBeLessThan(programme!.y)
    // Right after the title: within the first screen on a phone.
    expect(facts!.y).toBeLessThan(844)
    // Screen readers meet the facts in the same order.
    const order = await phone.evaluate(() => {
      const facts = document.getElementById('facts-heading')!
      const programme = document.getElementById('programme-heading')!
      return facts.compareDocumentPosition(programme) & Node.DOCUMENT_POSITION_FOLLOWING ? 'facts first' : 'programme first'
    })
    expect(order).toBe('facts first')
  })

  it('on a wide screen the facts sit beside the programme', async () => {
    const wide = await newCheckedPage(browser, { viewport: { width: 1280, height: 900 } })
    await wide.goto(`${server.url}/events/co-days-social-innovation-varmland`)
    const facts = await wide.locator('[aria-labelledby="facts-heading"]').boundingBox()
    const programme = await wide.locator('[aria-labelledby="programme-heading"]').boundingBox()
    expect(facts!.x).toBeGreaterThan(programme!.x + programme!.width - 1)
    await wide.context().close()
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
    '/accessibility',
    '/events/finns-inte',
  ]
  for (const path of pages) {
    for (const prefix of ['', '/en']) {
      it(`${prefix}${path} has no violations`, async () => {
        if (path === '/events/finns-inte') allowConsoleError(NOT_FOUND_RESOURCE)
        await page.goto(`${server.url}${prefix}${path === '/' && prefix ? '' : path}`)
        expect(await wcagViolations(page)).toEqual([])
      })
    }
  }

  it('speaker pages have no violations in either language', async () => {
    await page.goto(`${server.url}/events/co-days-social-innovation-varmland`)
    await page.locator('main a[href*="/speakers/"]').first().click()
    await page.waitForURL(/\/speakers\//)
    await page.locator('main h1').waitFor()
    expect(await wcagViolations(page)).toEqual([])
    await page.locator('a[hreflang="en"]').first().click()
    await page.waitForURL(/\/en\/speakers\//)
    await page.locator('html[lang="en"]').waitFor()
    expect(await wcagViolations(page)).toEqual([])
  })
})
