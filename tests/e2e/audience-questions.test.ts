import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { manageLinkFromMailbox, signInThroughMailbox } from '../support/sign-in.ts'

// Audience questions against the built server and the demo: an attendee registers for the
// Sörmland day, opens the manage link from the dev mailbox and sends a question to a session by
// clicking; the organizer selects it in the console; the panel screen (opened by its link, without
// an account) shows it as text, and drops it by itself once it is marked answered. axe finds nothing on the three pages; no console errors.
let server: RunningServer
let browser: Browser

const EVENT = 'sormland-social-innovation-day'
const TITLE = 'Sörmland Social Innovation Day'
const EMAIL = 'fragestallare@example.org'
const SESSION = 'Innovationsupphandling och sociala företag'
const QUESTION = 'Hur når vi <b>kommunerna</b> med innovationsupphandling?'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function hydrated(page: Page) {
  await page.waitForLoadState('load')
  await page.waitForFunction(() => (window as unknown as { __remixContext?: unknown }).__remixContext !== undefined)
  await page.waitForTimeout(300)
}

describe('audience questions, end to end', { timeout: 180_000 }, () => {
  it('an attendee asks on the manage page, the moderator selects it, the panel screen shows it (0 axe violations)', async () => {
    const attendee = await newCheckedPage(browser)
    await attendee.goto(`${server.url}/events/${EVENT}`)
    await hydrated(attendee)
    await attendee.getByLabel('Namn *').fill('Frida Frågvis')
    await attendee.getByLabel('E-post *').fill(EMAIL)
    await attendee.getByLabel('Sektor *').selectOption({ index: 1 })
    await attendee.getByLabel('Län *').selectOption('sodermanland')
    await attendee.getByLabel('På plats').check()
    await attendee.getByRole('button', { name: 'Anmäl mig', exact: true }).click()
    await attendee.locator('main [role=status]', { hasText: 'du är anmäld' }).waitFor()

    await attendee.goto(await manageLinkFromMailbox(attendee, server, EMAIL))
    await hydrated(attendee)
    const panel = attendee.locator('section[aria-labelledby=manage-questions]')
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe('Ställ en fråga')
    expect(await panel.textContent()).toContain('Du har inte skickat några frågor.')
    expect(await wcagViolations(attendee)).toEqual([])
    const option = await panel.locator('option', { hasText: SESSION }).getAttribute('value')
    await panel.getByLabel('Programpunkt').selectOption(option!)
    await panel.getByLabel('Din fråga').fill(QUESTION)
    await panel.getByRole('button', { name: 'Skicka frågan' }).click()
    await expect.poll(() => panel.getByRole('status').textContent()).toBe('Tack! Din fråga är skickad.')
    const mine = panel.locator('.audience-question')
    await expect.poll(() => mine.locator('.audience-question__text').textContent()).toBe(QUESTION)
    expect(await mine.locator('[data-state]').textContent()).toBe('Väntar på moderatorn')
    expect(await wcagViolations(attendee)).toEqual([])

    const organizer = await newCheckedPage(browser)
    await signInThroughMailbox(organizer, server)
    await organizer.goto(`${server.url}/organizer/coompanion-sormland`)
    await organizer.getByRole('link', { name: TITLE }).first().click()
    await organizer.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    await organizer.getByRole('link', { name: 'Publikfrågor', exact: true }).click()
    await organizer.waitForURL(/\/questions$/)
    await expect.poll(() => organizer.getByRole('heading', { level: 1 }).textContent()).toBe(`Publikfrågor: ${TITLE}`)
    const row = organizer.locator('tr', { hasText: 'Hur når vi' })
    expect(await row.locator('td').nth(1).textContent()).toBe('Frida Frågvis')
    expect(await wcagViolations(organizer)).toEqual([])
    await row.getByRole('button', { name: /^Välj: / }).click()
    await expect.poll(() => organizer.getByRole('status').first().textContent()).toBe('Frågan är ändrad.')
    await expect.poll(() => organizer.locator('tr', { hasText: 'Hur når vi' }).locator('td').nth(3).textContent()).toBe('Vald')
    expect(await wcagViolations(organizer)).toEqual([])
    const panelLink = organizer.locator('a[href^="/panel/"]', { hasText: `Öppna panelskärmen: ${SESSION}` })
    const href = await panelLink.getAttribute('href')
    expect(href).toMatch(/^\/panel\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{43}$/)

    // The panelist has no account: a fresh browser context opens the link.
    const panelist = await newCheckedPage(browser)
    await panelist.goto(`${server.url}${href}`)
    await expect.poll(() => panelist.getByRole('heading', { level: 1 }).textContent()).toBe(SESSION)
    expect(await panelist.locator('.panel-screen__question').allTextContents()).toEqual([QUESTION])
    expect(await panelist.locator('.panel-screen__question b').count()).toBe(0)
    expect(await panelist.locator('.panel-screen__asker').allTextContents()).toEqual(['Frida Frågvis'])
    expect(await panelist.locator('noscript').innerHTML()).toContain('http-equiv="refresh" content="15"')
    expect(await wcagViolations(panelist)).toEqual([])

    // Marked answered in the console: the screen drops it by itself, without a reload.
    await panelist.evaluate(() => ((window as unknown as { samlingMark?: number }).samlingMark = 1))
    await organizer
      .locator('tr', { hasText: 'Hur når vi' })
      .getByRole('button', { name: /^Besvarad: / })
      .click()
    await expect.poll(() => organizer.locator('tr', { hasText: 'Hur når vi' }).locator('td').nth(3).textContent()).toBe('Besvarad')
    await expect.poll(() => panelist.locator('.panel-screen__none').textContent(), { timeout: 40_000 }).toBe('Inga valda frågor än.')
    expect(await panelist.evaluate(() => (window as unknown as { samlingMark?: number }).samlingMark)).toBe(1)

    // The attendee sees the new state.
    await attendee.reload()
    await expect.poll(() => attendee.locator('.audience-question [data-state]').textContent()).toBe('Besvarad')
  })
})
