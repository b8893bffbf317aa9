import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowConsoleError, launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { manageLinkFromMailbox } from '../support/sign-in.ts'

// An attendee's journey on the built production server with the demo: register for the hybrid
// Sörmland day with the keyboard only, get the confirmation in the dev mailbox, open the manage
// link, switch to taking part online, cancel. axe finds nothing on the form, its errors and the
// manage page.
let server: RunningServer
let browser: Browser
let page: Page

const EVENT = 'sormland-social-innovation-day'
const EMAIL = 'kim.tangentbord@example.org'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await newCheckedPage(browser)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function typeInto(label: string | RegExp, text: string) {
  await page.getByLabel(label).first().focus()
  await page.keyboard.type(text)
}

describe('an attendee', { timeout: 120_000 }, () => {
  it('sees errors next to the fields, in Swedish, when the form is sent empty (no JavaScript needed)', async () => {
    allowConsoleError(/status of 400/) // the answer to a form with errors is a 400 page
    await page.goto(`${server.url}/events/${EVENT}`)
    await page.locator('#registration-form-heading').scrollIntoViewIfNeeded()
    expect(await wcagViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Anmäl mig', exact: true }).focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`/events/${EVENT}/register`))
    const summary = page.locator('.form-error[role=alert]')
    await summary.waitFor()
    await expect(summary.textContent()).resolves.toContain('Skriv ditt namn.')
    // No box to tick: sending the form accepts the organizer's notice, whose version the form names.
    await expect(page.locator('.privacy-consent').textContent()).resolves.toMatch(
      /^Genom att anmäla dig godkänner du .+ integritetsmeddelande \(version 1\)\.$/,
    )
    expect(await wcagViolations(page)).toEqual([])
  })

  it('registers to take part on site with the keyboard, and the typed values survive an error', async () => {
    allowConsoleError(/status of 400/)
    await typeInto('Namn *', 'Kim Tangentbord')
    await typeInto('E-post *', 'inte-en-adress')
    await page.getByLabel('Sektor *').focus()
    await page.keyboard.press('ArrowDown') // offentlig sektor
    await page.getByLabel('Län *').focus()
    await page.keyboard.type('Söd') // Södermanlands län
    await page.getByLabel('På plats').focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Anmäl mig', exact: true }).focus()
    await page.keyboard.press('Enter')
    await page.locator('.form-error[role=alert]').waitFor()
    expect(await page.inputValue('#f-name')).toBe('Kim Tangentbord')
    await page.getByLabel('E-post *').focus()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type(EMAIL)
    await page.getByRole('button', { name: 'Anmäl mig', exact: true }).focus()
    await page.keyboard.press('Enter')
    await page.locator('main [role=status]', { hasText: 'du är anmäld' }).waitFor()
  })

  it('gets a confirmation with the manage link; opening it changes nothing', async () => {
    const link = await manageLinkFromMailbox(page, server, EMAIL, /anmäld|bekräft/i)
    expect(link).toMatch(/\/registrations\/[A-Za-z0-9_-]{43}$/)
    await page.goto(link)
    await expect(page.locator('main').textContent()).resolves.toContain('Anmäld')
    await expect(page.locator('main').textContent()).resolves.toContain('På plats')
    expect(await wcagViolations(page)).toEqual([])
  })

  it('makes a personal calendar feed by a click, offers it in "Lägg till i kalender" with the event in it, and a click on "Stäng av länken" makes it a 404', async () => {
    await page.getByRole('button', { name: 'Skapa prenumerationslänk' }).click()
    await page.locator('main [role=status]', { hasText: 'Din prenumerationslänk är klar' }).waitFor()
    const panel = page.locator('section[aria-labelledby=manage-calendar-feed]')
    const control = panel.locator('details.add-to-calendar')
    await control.locator('summary', { hasText: 'Lägg till i kalender' }).click()
    await expect.poll(() => control.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true)
    const feedUrl = await control.getByLabel('Adress att prenumerera på').inputValue()
    expect(new URL(feedUrl).pathname).toMatch(/^\/calendar\/personal\/[A-Za-z0-9_-]{43}\.ics$/)
    const webcal = feedUrl.replace(/^https?:/, 'webcal:')
    expect(await control.getByRole('link', { name: 'Prenumerera i ditt kalenderprogram', exact: true }).getAttribute('href')).toBe(webcal)
    expect(await control.getByRole('link', { name: 'Google Kalender', exact: true }).getAttribute('href')).toBe(
      `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`,
    )
    expect(await wcagViolations(page)).toEqual([])
    const feedPath = new URL(feedUrl).pathname
    const feed = await fetch(`${server.url}${feedPath}`)
    expect(feed.status).toBe(200)
    expect(feed.headers.get('cache-control')).toMatch(/^private/)
    // The hybrid Sörmland day just registered for is in it.
    expect((await feed.text()).replace(/\r\n[ \t]/g, '')).toMatch(/BEGIN:VEVENT[\s\S]*SUMMARY:[^\r]*Sörmland/)

    await panel.getByRole('button', { name: 'Stäng av länken' }).click()
    await page.locator('main [role=status]', { hasText: 'Prenumerationslänken är avstängd' }).waitFor()
    expect((await fetch(`${server.url}${feedPath}`)).status).toBe(404)
    await panel.getByRole('button', { name: 'Skapa prenumerationslänk' }).waitFor()
  })

  it('switches to taking part online, then cancels', async () => {
    await page.getByRole('button', { name: /Byt till digitalt/ }).click()
    await page.locator('main [role=status]', { hasText: 'Ändringen är sparad' }).waitFor()
    await expect(page.locator('.facts').textContent()).resolves.toContain('Digitalt')
    // Online participants see where the stream link will come.
    await expect(page.locator('.facts').textContent()).resolves.toMatch(/sändningen/)
    await page.getByRole('button', { name: 'Avboka min plats' }).click()
    await page.locator('main [role=status]', { hasText: 'avbokad' }).waitFor()
    await expect(page.locator('.facts').textContent()).resolves.toContain('Avanmäld')
    expect(await wcagViolations(page)).toEqual([])
  })
})
