import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DEMO_STAR_REGISTRATION_ID } from '../../app/demo/demo-stars.server.ts'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// The programme as people read it, against the built server and the demo: a visitor opens Co-Days,
// switches between the list and the grid by clicking, and Greta Lind (a demo registration with a
// fixed id, so the test can derive her manage link from the server's secret) stars an item.
const SECRET = 'grid-e2e-secret-0123456789abcdef0123456789'
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

describe('the programme grid and Mitt program, end to end', { timeout: 120_000 }, () => {
  it('switches Co-Days between list and grid by clicking (rooms as column headers, times as row headers), 0 axe violations', async () => {
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/events/co-days-social-innovation-varmland`)
    expect(await page.locator('table.programme-grid').count()).toBe(0)
    expect(await wcagViolations(page)).toEqual([])
    await page.getByRole('link', { name: 'Rutnät per sal', exact: true }).click()
    await page.waitForURL(/\?view=grid/)
    await expect.poll(() => page.locator('table.programme-grid').count()).toBe(3)
    const first = page.locator('table.programme-grid').first()
    expect(await first.locator('thead th[scope="col"]').allTextContents()).toEqual(['Tid', 'Stora salen', 'Klarälven', 'Vänern', 'Fiket'])
    expect(await first.locator('tbody th[scope="row"]').first().textContent()).toBe('09.00–09.30')
    // Day two's workshop in Vänern runs past the panel beside it: it spans two rows.
    expect(await page.locator('table.programme-grid td[rowspan]').count()).toBeGreaterThan(0)
    expect(await wcagViolations(page)).toEqual([])
    // Printed, each of the three days takes exactly one A4 page (Chromium's own PDF, pages counted in it).
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1')
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)?.length).toBe(3)
    await page.getByRole('link', { name: 'Lista per tid', exact: true }).click()
    await page.waitForURL(/\?view=list/)
    await expect.poll(() => page.locator('table.programme-grid').count()).toBe(0)
    expect(await page.locator('ol.programme').count()).toBe(3)
  })

  it('Greta stars an item on her manage page by clicking and sees it in Mitt program, 0 axe violations', async () => {
    const token = createHmac('sha256', SECRET).update(`manage:${DEMO_STAR_REGISTRATION_ID}:0`).digest('base64url')
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/registrations/${token}`)
    const panel = page.locator('#my-programme')
    await expect.poll(() => panel.locator('.my-programme__starred li').count()).toBe(3)
    expect(await wcagViolations(page)).toEqual([])
    await panel.getByRole('button', { name: /^Stjärnmärk\s*: Hur mäter vi effekt\?$/ }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Programpunkten finns nu i Mitt program.')
    await expect.poll(() => panel.locator('.my-programme__starred li').count()).toBe(4)
    expect(await panel.locator('.my-programme__starred').textContent()).toContain('Hur mäter vi effekt?')
    expect(await wcagViolations(page)).toEqual([])
  })
})
