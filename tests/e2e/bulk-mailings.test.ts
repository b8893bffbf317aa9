import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'

// A bulk mailing against the built server and the demo: the organizer opens "Social Innovation i
// Norr" (the demo's sent mailing and draft are there) in the console, starts a mailing, writes it, saves it, sees the
// preview for a recipient, presses "Skicka" by clicking and sees its state and counts; the
// organization's mail page lists the messages. Axe on every page, and on the previewed mail itself.
let server: RunningServer
let browser: Browser

const TITLE = 'Social Innovation i Norr'
const ORG = 'pitea-science-park'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('bulk mailing with review, end to end', { timeout: 150_000 }, () => {
  it('the organizer composes, previews, presses Skicka and sees the status (0 axe violations)', async () => {
    const page = await newCheckedPage(browser)
    await signInThroughMailbox(page, server)
    await page.goto(`${server.url}/organizer/${ORG}`)
    await page.getByRole('link', { name: TITLE }).first().click()
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    await page.getByRole('link', { name: 'Utskick', exact: true }).click()
    await page.waitForURL(/\/mailings$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Utskick: ${TITLE}`)
    // The demo's mailings: one sent, one draft.
    expect(await page.getByRole('cell', { name: 'Skickat', exact: true }).count()).toBe(1)
    expect(await page.getByRole('cell', { name: 'Utkast', exact: true }).count()).toBe(1)
    expect(await wcagViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Nytt utskick' }).click()
    await page.waitForURL(/\/mailings\/[0-9a-f-]{36}$/)
    await expect.poll(() => page.getByTestId('mailing-state').textContent()).toBe('Utkast')
    await page.getByLabel('Ämne (svenska)').fill('Tack för att du var med på {eventnamn}')
    await page.getByLabel('Text (svenska)').fill('Hej {förnamn}!\n\nTack för i går. Din anmälan: {länk}')
    await page.getByRole('button', { name: 'Spara utkast' }).click()
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Utkastet är sparat.')
    const preview = page.getByTestId('mailing-preview')
    await expect.poll(() => preview.textContent()).toContain(`Ämne: Tack för att du var med på ${TITLE}`)
    expect(await wcagViolations(page, { iframes: false })).toEqual([])
    const html = await preview.locator('iframe').getAttribute('srcdoc')
    expect(html).toContain('Hej ')
    expect(html).toContain('/registrations/forhandsvisning')

    // Another recipient in the preview, by choosing and clicking.
    const recipients = page.getByRole('combobox', { name: 'Mottagare', exact: true })
    const second = await recipients.locator('option').nth(1).getAttribute('value')
    if (second) {
      await recipients.selectOption(second)
      await page.getByRole('button', { name: 'Visa' }).click()
      await page.waitForURL(new RegExp(`preview=${second}`))
    }

    await page.getByRole('button', { name: 'Skicka', exact: true }).click()
    // About 200 registrants: queueing them is one transaction of a few seconds on embedded PGlite.
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 }).toMatch(/^Utskicket är i kö: \d+ mejl\.$/)
    expect(['Skickas', 'Skickat']).toContain(await page.getByTestId('mailing-state').textContent())
    expect(await page.getByRole('button', { name: 'Skicka', exact: true }).count()).toBe(0)
    // The worker sends them (file mailbox): the counts move to "sent" on reload.
    await expect
      .poll(
        async () => {
          await page.reload()
          return page.getByTestId('mailing-counts').textContent()
        },
        { timeout: 60_000 },
      )
      .toMatch(/^\d+ skickade, 0 i kö, 0 misslyckade/)
    expect(await wcagViolations(page, { iframes: false })).toEqual([])

    await page.setContent(html ?? '')
    expect(await wcagViolations(page, { iframes: false, disableRules: ['region', 'landmark-one-main'] })).toEqual([])

    await page.goto(`${server.url}/organizer/${ORG}`)
    await page.getByRole('navigation', { name: 'Organisationens sidor' }).getByRole('link', { name: 'E-post' }).click()
    await page.waitForURL(/\/mail$/)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('E-post')
    expect(await page.getByRole('cell', { name: 'bulk-mailing' }).count()).toBeGreaterThan(0)
    expect(await wcagViolations(page)).toEqual([])
  })
})
