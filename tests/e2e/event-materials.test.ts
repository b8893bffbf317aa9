import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'

// Recordings after the event against the built server and the demo: the organizer opens the past
// webinar "Digital social innovation" in the console, adds a recording link for the whole event by
// clicking, notifies the participants, and the public event page shows the recording.
let server: RunningServer
let browser: Browser

const TITLE = 'Digital social innovation och kollektiv intelligens'
const EVENT = '/events/digital-social-innovation'
const URL = 'https://www.youtube.com/watch?v=samling-e2e'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('recordings and slides after the event, end to end', { timeout: 120_000 }, () => {
  it('the organizer adds a recording link and notifies the participants; the public page shows it (0 axe violations)', async () => {
    const organizer = await newCheckedPage(browser)
    await signInThroughMailbox(organizer, server)
    await organizer.goto(`${server.url}/organizer/motesplats-social-innovation`)
    await organizer.getByRole('link', { name: TITLE }).first().click()
    await organizer.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    await organizer.getByRole('link', { name: 'Inspelningar och bilder', exact: true }).click()
    await organizer.waitForURL(/\/materials$/)
    await expect.poll(() => organizer.getByRole('heading', { level: 1 }).textContent()).toBe(`Inspelningar och bilder: ${TITLE}`)
    expect(await wcagViolations(organizer)).toEqual([])

    const add = organizer.locator('section[aria-labelledby="add-material"]')
    await add.getByLabel('Typ').selectOption('recording')
    await add.getByLabel('Gäller').selectOption({ label: 'Hela evenemanget' })
    await add.getByLabel(/^Länk/).fill(URL)
    await add.getByLabel('Rubrik (svenska, valfri)').fill('Webbinariet i efterhand')
    await add.getByRole('button', { name: 'Lägg till' }).click()
    await expect.poll(() => organizer.getByRole('status').first().textContent()).toBe('Materialet är tillagt.')
    expect(await organizer.getByRole('link', { name: 'Webbinariet i efterhand' }).count()).toBe(1)
    expect(await wcagViolations(organizer)).toEqual([])

    await organizer.getByRole('button', { name: 'Meddela deltagarna' }).click()
    await expect.poll(() => organizer.getByRole('status').first().textContent()).toMatch(/^Deltagarna meddelas nu/)
    expect(await organizer.getByRole('button', { name: 'Meddela deltagarna' }).count()).toBe(0)
    expect(await wcagViolations(organizer)).toEqual([])

    const visitor = await newCheckedPage(browser)
    await visitor.goto(`${server.url}${EVENT}`)
    const recording = visitor.locator('#materials-heading ~ *').getByRole('link', { name: 'Webbinariet i efterhand' })
    await expect.poll(() => recording.count()).toBe(1)
    expect(await recording.getAttribute('href')).toBe(URL)
    expect(await wcagViolations(visitor)).toEqual([])
  })
})
