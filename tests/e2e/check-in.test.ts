import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'

// Check-in at the door against the built server and the demo, on a phone-sized screen: the owner
// opens the upcoming Sörmland Social Innovation Day in the console, goes to "Incheckning" by
// clicking, finds a participant by name and checks them in; a second phone whose list was drawn
// before that presses "Checka in" for the same person and is told "redan incheckad", then undoes it.
let server: RunningServer
let browser: Browser

const TITLE = 'Sörmland Social Innovation Day'
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const counter = async (page: Page) => {
  const text = (await page.locator('#check-in-counter').textContent()) ?? ''
  const match = /^Incheckade (\d+) av (\d+)$/.exec(text)
  expect(match, text).not.toBeNull()
  return { checkedIn: Number(match![1]), total: Number(match![2]) }
}

async function search(page: Page, text: string) {
  // The scanner's button appears once the page is hydrated; type only then.
  await page.getByRole('button', { name: 'Starta kameran' }).waitFor()
  await page.getByLabel('Namn, e-post eller kod').fill(text)
  await page.getByRole('button', { name: 'Sök', exact: true }).click()
  await page.waitForURL(/[?&]q=/)
  await page.getByRole('table', { name: `Träffar för ”${text}”` }).waitFor()
}

describe('check-in on a phone, end to end', { timeout: 180_000 }, () => {
  it('the organizer checks a participant in by search, a second phone is told "redan incheckad", and the check-in is undone (0 axe violations)', async () => {
    // The dev mailbox is a desktop page: sign in there, then carry the session cookie to the phone.
    const desk = await newCheckedPage(browser)
    await signInThroughMailbox(desk, server)
    const phone = await newCheckedPage(browser, { ...PHONE, storageState: await desk.context().storageState() })
    await phone.goto(`${server.url}/organizer/coompanion-sormland`)
    await phone.getByRole('link', { name: TITLE }).first().click()
    await phone.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    await phone.getByRole('link', { name: 'Incheckning', exact: true }).click()
    await phone.waitForURL(/\/check-in$/)
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent()).toBe(`Incheckning: ${TITLE}`)
    const before = await counter(phone)
    expect(before.total).toBeGreaterThan(0)
    expect(await wcagViolations(phone)).toEqual([])

    await search(phone, 'Anna')
    const button = phone.getByRole('button', { name: /^Checka in / }).first()
    const name = ((await button.getAttribute('aria-label')) ?? '').replace(/^Checka in /, '')
    expect(name).toMatch(/^Anna /)
    expect(await wcagViolations(phone)).toEqual([])

    // The second phone draws the same list before the first one checks the person in.
    const second = await phone.context().newPage()
    await second.goto(phone.url())
    await second.getByRole('button', { name: `Checka in ${name}` }).waitFor()

    await phone.getByRole('button', { name: `Checka in ${name}` }).click()
    await expect.poll(() => phone.getByRole('status').filter({ hasText: name }).first().textContent()).toBe(`${name} är incheckad.`)
    expect(await counter(phone)).toEqual({ checkedIn: before.checkedIn + 1, total: before.total })
    expect(await phone.getByRole('button', { name: `Ångra incheckning av ${name}` }).count()).toBeGreaterThan(0)
    expect(await wcagViolations(phone)).toEqual([])

    await second.getByRole('button', { name: `Checka in ${name}` }).click()
    await expect
      .poll(() => second.getByRole('status').filter({ hasText: name }).first().textContent())
      .toMatch(new RegExp(`^${name} är redan incheckad \\(kl\\. \\d\\d\\.\\d\\d\\)\\.$`))
    expect(await counter(second)).toEqual({ checkedIn: before.checkedIn + 1, total: before.total })
    expect(await wcagViolations(second)).toEqual([])

    await second
      .getByRole('button', { name: `Ångra incheckning av ${name}` })
      .first()
      .click()
    await expect.poll(() => second.getByRole('status').filter({ hasText: name }).first().textContent()).toBe(`Incheckningen av ${name} är ångrad.`)
    expect(await counter(second)).toEqual(before)
    expect(await second.getByRole('button', { name: `Checka in ${name}` }).count()).toBe(1)
    expect(await wcagViolations(second)).toEqual([])
  })
})
