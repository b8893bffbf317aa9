import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newCheckedPage } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// With JavaScript on, links into the sign-in and console routes must navigate in the page: a
// server-only call left in a route's browser chunk made Remix reload the whole document instead
// ("Error loading route module …", "withDomainErrors is not a function").
let server: RunningServer
let browser: Browser
let page: Page
let mailboxKey: string
const problems: string[] = []
const ORG_NAME = 'Mötesplats Social Innovation'

beforeAll(async () => {
  server = await startServer()
  mailboxKey = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')).mailboxKey
  browser = await launchBrowser()
  // newCheckedPage fails any test that sees a page or console error; the listeners below also
  // catch Remix's "reloading page" notice, which is not always logged as an error.
  page = await newCheckedPage(browser)
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' || /reloading page/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`)
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Marks the current document; the mark is gone after a full reload, and stays through client-side navigation. */
async function markDocument() {
  await page.evaluate(() => ((window as unknown as { samlingMark: number }).samlingMark = 1))
}
async function isSameDocument() {
  return page.evaluate(() => (window as unknown as { samlingMark?: number }).samlingMark === 1)
}
/** Waits for the page's h1 (a click's navigation has finished when it shows). */
async function showsHeading(name: string | RegExp) {
  await page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' }).waitFor({ timeout: 10_000 })
}
async function hydrated() {
  await page.waitForLoadState('load')
  await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined)
  // Give React a moment to hydrate, so a click is handled by Remix and not by the browser.
  await page.waitForTimeout(300)
}

describe('client-side navigation into the sign-in and console routes', { timeout: 90_000 }, () => {
  it('"För arrangörer" in the header opens the sign-in page without reloading the document or a console error', async () => {
    await page.goto(`${server.url}/`)
    await hydrated()
    await markDocument()
    await page.getByRole('link', { name: 'För arrangörer' }).click()
    await page.waitForURL(/\/login\?redirectTo=%2Forganizer/)
    await showsHeading('Logga in')
    expect(await isSameDocument()).toBe(true)
    expect(problems).toEqual([])
  })

  it('an organization card on /organizer opens its dashboard, and its tabs open in the page too', async () => {
    await page.getByLabel('E-postadress').fill('arrangor@example.org')
    await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click()
    await showsHeading('Titta i din inkorg')
    let link = ''
    for (let attempt = 0; attempt < 40 && !link; attempt++) {
      await page.goto(`${server.url}/dev/mailbox?key=${mailboxKey}`)
      // The sign-in mail, not the demo organizers' morning digest that may be there too.
      const mail = page.locator('main table a', { hasText: 'inloggningslänk' }).first()
      if (await mail.count()) {
        await mail.click()
        await page.waitForURL(/\/dev\/mailbox\/[^/?]+/)
        link = (await page.locator('main a[href*="/login/"]').first().getAttribute('href')) ?? ''
      } else {
        await page.waitForTimeout(500)
      }
    }
    expect(link).toMatch(/\/login\/[A-Za-z0-9_-]{43}/)
    await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url))
    await page.getByRole('button', { name: 'Logga in' }).click()
    await page.waitForURL(/\/organizer$/)
    await hydrated()
    await markDocument()

    await page.getByRole('main').getByRole('link', { name: ORG_NAME }).click()
    await page.waitForURL(/\/organizer\/motesplats-social-innovation$/)
    await showsHeading(/^Evenemang och serier/)
    for (const [tab, heading] of [
      ['Serier', 'Serier'],
      ['Medlemmar', 'Medlemmar'],
      ['E-post', 'E-post'],
    ]) {
      await page.getByRole('navigation', { name: 'Organisationens sidor' }).getByRole('link', { name: tab }).click()
      await showsHeading(heading)
    }
    await page.getByRole('navigation', { name: 'Du är här' }).getByRole('link', { name: 'Arrangörsverktyget' }).click()
    await page.waitForURL(/\/organizer$/)
    expect(await isSameDocument()).toBe(true)
    expect(problems).toEqual([])
  })
})
