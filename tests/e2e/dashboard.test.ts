import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'

// The dashboard and the report against the built server and the demo: the organizer opens the past
// hybrid meeting in Malmö from the console, reads its check-ins, no-shows and charts, then the
// organization's report through its tab.
let server: RunningServer
let browser: Browser

const TITLE = 'Nätverksträff: social innovation i Skåne'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('event dashboard and organization report, end to end', { timeout: 120_000 }, () => {
  it('the organizer clicks from the console to the dashboard and the report; charts are figures with tables (0 axe violations)', async () => {
    const page = await newCheckedPage(browser)
    await signInThroughMailbox(page, server)
    await page.goto(`${server.url}/organizer/motesplats-social-innovation`)
    await page.getByRole('link', { name: TITLE }).first().click()
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    await page.getByRole('link', { name: 'Översikt och diagram', exact: true }).click()
    await page.waitForURL(/\/dashboard$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Översikt: ${TITLE}`)
    const fact = (label: string) => page.locator('.glance__item', { has: page.locator('dt', { hasText: new RegExp(`^${label}`) }) }).locator('.glance__value')
    expect(await fact('Anmälda på plats').textContent()).toBe('46')
    expect(await fact('Incheckade').textContent()).toBe('40')
    expect(await fact('Kom inte').textContent()).toBe('6')
    expect(await page.locator('figure svg[role="img"]').count()).toBe(4)
    await page.getByText('Visa siffrorna som tabell').nth(1).click()
    expect(await page.getByRole('table', { name: 'Sektor bland bekräftade deltagare' }).isVisible()).toBe(true)
    expect(await wcagViolations(page)).toEqual([])

    await page.getByRole('link', { name: 'Rapport', exact: true }).first().click()
    await page.waitForURL(/\/report$/)
    await page.getByLabel('Från och med').fill('2025-01-01')
    await page.getByRole('button', { name: 'Visa rapporten' }).click()
    await page.waitForURL(/from=2025-01-01/)
    await expect.poll(() => page.getByRole('table', { name: 'Hållna evenemang under perioden' }).getByText(TITLE).count()).toBe(1)
    expect(await page.getByRole('link', { name: 'CSV för Excel (semikolon)' }).getAttribute('href')).toMatch(
      /\/report\/csv\?from=2025-01-01&to=\d{4}-\d{2}-\d{2}&dialect=excel-sv$/,
    )
    expect(await wcagViolations(page)).toEqual([])
  })
})
