import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DEMO_STAR_REGISTRATION_ID } from '../../app/demo/demo-stars.server.ts'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// Privacy from a person's side (ADR 0032), against the built server and the demo: Greta Lind (a demo
// registration with a fixed id, so her manage link can be derived from the server's secret) clicks
// "Ladda ner mina uppgifter" on her manage page, and a visitor follows the privacy notice link that
// sits beside a registration form's button.
const SECRET = 'privacy-e2e-secret-0123456789abcdef01234567'
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  server = await startServer({ SESSION_SECRET: SECRET })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('privacy, end to end', { timeout: 120_000 }, () => {
  it('Greta downloads her data from her manage page by clicking: the page lists her registration and offers the JSON, 0 axe violations', async () => {
    const token = createHmac('sha256', SECRET).update(`manage:${DEMO_STAR_REGISTRATION_ID}:0`).digest('base64url')
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/registrations/${token}`)
    await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined)
    await page.getByRole('link', { name: 'Ladda ner mina uppgifter', exact: true }).click()
    await page.waitForURL(new RegExp(`/registrations/${token}/data$`))
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Mina uppgifter på Samling')
    const main = (await page.locator('main').textContent()) ?? ''
    expect(main).toContain('Greta Lind')
    expect(main).toContain('Co-Days')
    expect(main).not.toContain(token)
    expect(await page.getByRole('link', { name: 'Ladda ner som JSON' }).getAttribute('href')).toBe(`/registrations/${token}/data.json`)
    expect(await wcagViolations(page)).toEqual([])
    const download = await page.request.get(`${server.url}/registrations/${token}/data.json`)
    expect(download.headers()['content-disposition']).toBe('attachment; filename="samling-mina-uppgifter.json"')
    expect(download.headers()['cache-control']).toBe('private, no-store')
    expect(((await download.json()) as { registrations: unknown[] }).registrations.length).toBeGreaterThan(0)
    // And back to the manage page by clicking.
    await page.getByRole('link', { name: /Tillbaka till din anmälan/ }).click()
    await page.waitForURL(new RegExp(`/registrations/${token}$`))
  })

  it('a visitor follows the privacy notice link beside a registration form’s button to the organizer’s notice, version 1, 0 axe violations', async () => {
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/`)
    // The first event on the front page whose page carries an open registration form.
    const hrefs = await page.locator('main a[href^="/events/"]').evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute('href')!))])
    let found = false
    for (const href of hrefs) {
      await page.goto(`${server.url}${href}`)
      if ((await page.locator('.privacy-consent a').count()) > 0) {
        found = true
        break
      }
    }
    expect(found).toBe(true)
    await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined)
    const link = page.locator('.privacy-consent a').first()
    const text = (await link.textContent()) ?? ''
    expect(text).toMatch(/^.+s integritetsmeddelande \(version 1\)$/)
    await link.click()
    await page.waitForURL(/\/organizations\/[a-z0-9-]+\/privacy\?version=1$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Integritetsmeddelande: /)
    expect(await page.locator('main').textContent()).toContain('Version 1,')
    expect(await page.getByRole('heading', { name: 'Personuppgiftsansvarig' }).count()).toBe(1)
    expect(await wcagViolations(page)).toEqual([])
  })
})
