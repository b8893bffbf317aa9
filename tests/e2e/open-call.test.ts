import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { allowConsoleError, launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'

// The open call against the built server and the demo (Sörmland Social Innovation Day has an open
// call): a visitor finds "Skicka in ett förslag" on the event page and sends a proposal by
// clicking, the organizer accepts it in the console, and the event's programme shows it.
let server: RunningServer
let browser: Browser

const EVENT = '/events/sormland-social-innovation-day'
const TITLE = 'Lokala matsystem som social innovation'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the open call, end to end', { timeout: 120_000 }, () => {
  it('a visitor proposes from the event page, the organizer accepts in the console, the programme shows the item (0 axe violations)', async () => {
    const visitor = await newCheckedPage(browser)
    await visitor.goto(`${server.url}${EVENT}`)
    expect(await wcagViolations(visitor)).toEqual([])
    await visitor.getByRole('link', { name: 'Skicka in ett förslag' }).click()
    await visitor.waitForURL(/\/propose$/)
    await expect.poll(() => visitor.getByRole('heading', { level: 1 }).textContent()).toBe('Skicka in ett förslag: Sörmland Social Innovation Day')
    expect(await wcagViolations(visitor)).toEqual([])

    // Sent with a broken address first: the error sits next to the field and what was typed stays
    // (Chromium logs the 400 answer as a failed resource).
    allowConsoleError(/status of 400/)
    await visitor.getByLabel('Titel *').fill(TITLE)
    await visitor.getByLabel('Sammanfattning *').fill('Hur kommuner och föreningar bygger upp lokala matsystem tillsammans.')
    await visitor.getByLabel('Form *').selectOption('workshop')
    await visitor.getByLabel('Längd *').selectOption('45')
    await visitor.getByLabel('Namn *').fill('Sara Åkerlund')
    await visitor.getByLabel('E-postadress *').fill('sara.akerlund')
    await visitor.getByLabel('Organisation').fill('Matnätverket i Sörmland')
    await visitor.getByRole('button', { name: 'Skicka förslaget' }).click()
    await visitor.getByText('Skriv en giltig e-postadress, till exempel namn@kommun.se.').first().waitFor()
    expect(await visitor.getByLabel('Titel *').inputValue()).toBe(TITLE)
    expect(await wcagViolations(visitor)).toEqual([])

    // Sending accepts the notice the form names (no box to tick, ADR 0032).
    await expect(visitor.locator('.privacy-consent').textContent()).resolves.toContain(
      'Genom att skicka förslaget godkänner du Coompanion Sörmlands integritetsmeddelande (version 1).',
    )
    await visitor.getByLabel('E-postadress *').fill('sara.akerlund@example.org')
    await visitor.getByRole('button', { name: 'Skicka förslaget' }).click()
    await expect.poll(() => visitor.getByRole('heading', { name: 'Tack för ditt förslag!' }).count()).toBe(1)
    expect(await wcagViolations(visitor)).toEqual([])

    const organizer = await newCheckedPage(browser)
    await signInThroughMailbox(organizer, server)
    await organizer.goto(`${server.url}/organizer/coompanion-sormland`)
    await organizer.getByRole('link', { name: 'Sörmland Social Innovation Day' }).first().click()
    await organizer.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    await organizer.getByRole('link', { name: 'Förslag', exact: true }).click()
    await organizer.waitForURL(/\/proposals$/)
    expect(await wcagViolations(organizer)).toEqual([])
    await organizer.getByRole('link', { name: TITLE }).click()
    await organizer.waitForURL(/\/proposals\?id=/)
    await expect.poll(() => organizer.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE)
    expect(await wcagViolations(organizer)).toEqual([])
    await organizer.getByLabel('Meddelande till förslagsställaren (frivilligt)').fill('Varmt välkommen!')
    await organizer.getByRole('button', { name: 'Anta förslaget' }).click()
    await expect.poll(() => organizer.getByRole('status').first().textContent()).toMatch(/^Förslaget är antaget/)
    expect(await organizer.getByText('Antaget', { exact: true }).count()).toBeGreaterThan(0)
    expect(await wcagViolations(organizer)).toEqual([])

    await visitor.getByRole('link', { name: 'Tillbaka till evenemanget' }).click()
    await visitor.waitForURL(new RegExp(`${EVENT}$`))
    await expect.poll(() => visitor.locator('#programme-heading ~ *').getByText(TITLE).count()).toBeGreaterThan(0)
    expect(await wcagViolations(visitor)).toEqual([])
  })
})
