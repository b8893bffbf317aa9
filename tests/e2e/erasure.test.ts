import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowConsoleError, launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { manageLinkFromMailbox, signInThroughMailbox } from '../support/sign-in.ts'

// "Radera mina uppgifter" against the built server and the demo (issue 12 §1, ADR 0031): an attendee
// registers for the Sörmland day, opens the manage link from the dev mailbox, presses erase, reads
// what goes, confirms, and lands on the "erased" page (410); the organizer then sees the row as
// "Anonymiserad", and the demo's forum whose retention passed says when it was anonymized. axe finds
// nothing on the pages; no console errors except the 410 the erased page is meant to be.
let server: RunningServer
let browser: Browser
/** Signed in once (a sign-in link works once); the second test goes on with the same page. */
let organizer: Page

const EVENT = 'sormland-social-innovation-day'
const TITLE = 'Sörmland Social Innovation Day'
const EMAIL = 'raderas@example.org'

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

describe('erasing my data, end to end', { timeout: 180_000 }, () => {
  it('asks first, erases on confirmation, and the link then says the data is gone; the console shows an anonymized row', async () => {
    allowConsoleError(/status of 410/)
    const attendee = await newCheckedPage(browser)
    await attendee.goto(`${server.url}/events/${EVENT}`)
    await hydrated(attendee)
    await attendee.getByLabel('Namn *').fill('Rut Raderad')
    await attendee.getByLabel('E-post *').fill(EMAIL)
    await attendee.getByLabel('Sektor *').selectOption({ index: 1 })
    await attendee.getByLabel('Län *').selectOption('sodermanland')
    await attendee.getByLabel('På plats').check()
    await attendee.getByRole('button', { name: 'Anmäl mig', exact: true }).click()
    await attendee.locator('main [role=status]', { hasText: 'du är anmäld' }).waitFor()

    const manageLink = await manageLinkFromMailbox(attendee, server, EMAIL)
    await attendee.goto(manageLink)
    await hydrated(attendee)
    const panel = attendee.locator('section[aria-labelledby=manage-erasure]')
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe('Radera mina uppgifter')
    await panel.getByRole('button', { name: 'Radera mina uppgifter …' }).click()
    await expect.poll(() => panel.getByRole('heading', { level: 3 }).textContent()).toBe('Vill du verkligen radera dina uppgifter?')
    expect(await panel.locator('li').allTextContents()).toEqual([expect.stringMatching(new RegExp(`^${TITLE} \\(.+, Anmäld\\)$`))])
    expect(await wcagViolations(attendee)).toEqual([])
    await panel.getByRole('button', { name: 'Ja, radera mina uppgifter' }).click()
    await expect.poll(() => attendee.getByRole('heading', { level: 1 }).textContent()).toBe('Uppgifterna är raderade')
    expect(await attendee.locator('main').textContent()).toContain('Länken fungerar inte längre.')
    expect(await wcagViolations(attendee)).toEqual([])
    // Opened again from the mail: the same page, with its 410.
    const again = await attendee.goto(manageLink)
    expect(again?.status()).toBe(410)
    expect(await attendee.getByRole('heading', { level: 1 }).textContent()).toBe('Uppgifterna är raderade')

    organizer = await newCheckedPage(browser)
    await signInThroughMailbox(organizer, server)
    await organizer.goto(`${server.url}/organizer/coompanion-sormland`)
    await organizer.getByRole('link', { name: TITLE }).first().click()
    await organizer.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    await hydrated(organizer)
    await organizer.getByRole('link', { name: 'Anmälningar', exact: true }).first().click()
    await organizer.waitForURL(/\/registrations$/)
    expect(await organizer.locator('main').textContent()).not.toContain('Rut Raderad')
    expect(await organizer.locator('main').textContent()).not.toContain(EMAIL)
    await expect.poll(() => organizer.locator('tbody th em', { hasText: 'Anonymiserad' }).count()).toBe(1)
    expect(await wcagViolations(organizer)).toEqual([])
  })

  it('shows on the demo forum whose retention passed when it was anonymized, and its dashboard still counts', async () => {
    await organizer.goto(`${server.url}/organizer/motesplats-social-innovation`)
    await hydrated(organizer)
    await organizer
      .getByRole('link', { name: /^Välfärdsforum Västerås/ })
      .first()
      .click()
    await organizer.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    const retention = organizer.locator('section[aria-labelledby=retention-heading]')
    await expect.poll(() => retention.textContent()).toMatch(/Deltagarnas personuppgifter anonymiserades den \S+ \d+ \S+ \d{4}\./)
    expect(await organizer.locator('section[aria-labelledby=audit-heading]').textContent()).toContain('Gallring: deltagarnas personuppgifter anonymiserades')
    expect(await wcagViolations(organizer)).toEqual([])
    await organizer.getByRole('link', { name: 'Översikt och diagram', exact: true }).click()
    await organizer.waitForURL(/\/dashboard$/)
    // 52 confirmed on site, anonymized or not (demo-registrations.server.ts).
    await expect.poll(() => organizer.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Översikt: Välfärdsforum Västerås/)
    await expect.poll(() => organizer.locator('main').textContent()).toContain('52')
  })
})
