import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// An organizer's first day: sign in through the dev mailbox, build a two-day programme, publish.
let server: RunningServer
let browser: Browser
let page: Page
let mailboxKey: string
const ORG = 'motesplats-social-innovation'
const TITLE = 'Samskapande välfärd i praktiken'

beforeAll(async () => {
  server = await startServer()
  mailboxKey = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')).mailboxKey
  browser = await launchBrowser()
  page = await newCheckedPage(browser)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function openNewestMail(subjectPattern: RegExp): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto(`${server.url}/dev/mailbox?key=${mailboxKey}`)
    const link = page.locator('main table a', { hasText: subjectPattern }).first()
    if (await link.count()) {
      await link.click()
      await page.waitForURL(/\/dev\/mailbox\/[^/?]+/)
      return (await page.locator('main a[href*="/login/"]').first().getAttribute('href')) ?? ''
    }
    await page.waitForTimeout(500)
  }
  throw new Error('no sign-in mail arrived in the dev mailbox')
}

describe('an organizer', { timeout: 90_000 }, () => {
  it('signs in with a link from the dev mailbox, and opening the link alone does not sign in', async () => {
    await page.goto(`${server.url}/`)
    await page.getByRole('navigation').getByRole('link', { name: 'För arrangörer' }).click()
    await page.waitForURL(/\/login/)
    await page.getByLabel('E-postadress').fill('arrangor@example.org')
    await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click()
    // A client-side submission: wait for the answer's heading (no load event to wait for).
    await page.locator('main h1', { hasText: 'Titta i din inkorg' }).waitFor()
    await expect(page.locator('main').textContent()).resolves.toContain('Länken gäller i 15 minuter och kan bara användas en gång.')

    const link = await openNewestMail(/logga in|inloggning/i)
    // The header link led to /organizer, which sent the visitor to sign in and back there afterwards.
    expect(link).toMatch(/^http:\/\/localhost:\d+\/login\/[A-Za-z0-9_-]{43}\?redirectTo=%2Forganizer$/)
    expect(link!.startsWith(server.url.replace('127.0.0.1', 'localhost'))).toBe(true)
    // The link arrives by mail, so opening it is the one place a person types (or pastes) a URL.
    await page.goto(link!.replace(/^https?:\/\/[^/]+/, server.url))
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'samling_session' }))
    await page.getByRole('button', { name: 'Logga in' }).click()
    await page.waitForURL(/\/organizer/)
    expect(await page.context().cookies()).toContainEqual(expect.objectContaining({ name: 'samling_session', httpOnly: true, sameSite: 'Lax' }))
  })

  it('creates an event with a two-day programme, publishes it and finds it on the start page', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'För arrangörer' }).click()
    await page.locator('main a', { hasText: 'Mötesplats Social Innovation' }).first().click()
    await page.waitForURL(new RegExp(`/organizer/${ORG}$`))
    await page.getByRole('link', { name: 'Nytt evenemang' }).first().click()
    await page.waitForURL(new RegExp(`/organizer/${ORG}/events/new`))
    await page.getByLabel('Titel (svenska)').fill(TITLE)
    await page.getByLabel('Titel (engelska)').fill('Co-created welfare in practice')
    await page.getByLabel('Format').selectOption('online')
    await page.getByLabel('Start', { exact: true }).fill('2027-03-10T09:00')
    await page.getByLabel('Slut', { exact: true }).fill('2027-03-11T16:00')
    await page.getByLabel('Länk till sändning eller möte').fill('https://example.org/stream/samskapande')
    await page.getByRole('button', { name: 'Spara utkast' }).click()
    await page.waitForURL(new RegExp(`/organizer/${ORG}/events/[0-9a-f-]{36}`))

    await page.getByRole('link', { name: 'Redigera programmet' }).click()
    await page.waitForURL(/\/programme/)
    await page.getByLabel('Namn på ny sal').fill('Digitala rummet')
    await page.getByRole('button', { name: 'Lägg till sal' }).click()
    await page.locator('main', { hasText: 'Digitala rummet' }).waitFor()
    const days = ['2027-03-10', '2027-03-11']
    for (const [index, day] of days.entries()) {
      const title = `Dag ${index + 1}: erfarenheter från kommunerna`
      await page.getByLabel('Typ', { exact: true }).selectOption('talk')
      await page.getByLabel('Titel (svenska)').fill(title)
      await page.getByLabel('Titel (engelska)').fill(`Day ${index + 1}: lessons from municipalities`)
      await page.getByLabel('Dag', { exact: true }).selectOption(day)
      await page.getByLabel('Starttid').fill('10:00')
      await page.getByLabel('Sluttid').fill('11:00')
      await page.getByRole('button', { name: 'Lägg till programpunkt' }).click()
      // The list is rendered again after the redirect; wait for the new item, not for a load event
      // (a client-side submission has none).
      await page.getByRole('link', { name: `Redigera ${title}` }).waitFor()
    }
    const programme = (await page.locator('main').textContent()) ?? ''
    expect(programme).toContain('Dag 1: erfarenheter från kommunerna')
    expect(programme).toContain('Dag 2: erfarenheter från kommunerna')

    await page.getByRole('link', { name: 'Tillbaka till evenemanget' }).click()
    await page.getByRole('button', { name: 'Publicera', exact: true }).click()
    await page.getByRole('status').filter({ hasText: 'Evenemanget är publicerat.' }).waitFor()

    // From the console to the public start page, and search as a visitor does.
    await page.getByRole('link', { name: 'Evenemang', exact: true }).first().click()
    await page.waitForURL(new RegExp(`^${server.url}/$`))
    await page.locator('#filter-q').fill('Samskapande')
    await page.getByRole('button', { name: 'Visa evenemang' }).click()
    await page.waitForURL(/q=Samskapande/)
    await page.locator('main a', { hasText: TITLE }).first().click()
    await page.waitForURL(/\/events\/samskapande/)
    // After a client-side navigation the URL changes before React has drawn the new page: wait
    // for the event's own heading before reading the page (reading at once saw the start page).
    await page.locator('main h1', { hasText: TITLE }).waitFor()
    const eventPage = (await page.locator('main').textContent()) ?? ''
    expect(eventPage).toContain('Dag 1: erfarenheter från kommunerna')
    expect(eventPage).toContain('Dag 2: erfarenheter från kommunerna')
    expect(eventPage).not.toContain('https://example.org/stream/samskapande')
  })

  for (const p of [
    '/organizer',
    `/organizer/${ORG}`,
    `/organizer/${ORG}/events/new`,
    `/organizer/${ORG}/members`,
    `/organizer/${ORG}/series`,
    `/organizer/${ORG}/mail`,
    '/login',
    '/organizer?lang=en',
  ]) {
    it(`meets WCAG 2.1 AA on ${p} (axe)`, async () => {
      await page.goto(`${server.url}${p}`)
      expect(await wcagViolations(page)).toEqual([])
    })
  }

  it('meets WCAG 2.1 AA on the mail preview, and every previewed mail does too', async () => {
    await page.goto(`${server.url}/organizer/mail-preview`)
    expect(await wcagViolations(page, { iframes: false })).toEqual([])
    const mails = await page.locator('iframe[srcdoc]').evaluateAll((frames) => frames.map((f) => f.getAttribute('srcdoc') ?? ''))
    expect(mails.length).toBeGreaterThan(0)
    for (const html of mails) {
      await page.setContent(html)
      // Landmarks do not exist in mail clients (they strip <main>); everything else applies.
      expect(await wcagViolations(page, { iframes: false, disableRules: ['region', 'landmark-one-main'] })).toEqual([])
    }
  })

  it("meets WCAG 2.1 AA on Co-Days' programme editor with 30+ items, and on the event form", async () => {
    await page.goto(`${server.url}/organizer/innovation-park`)
    await page.locator('main a', { hasText: 'Co-Days' }).first().click()
    await page.waitForURL(/\/events\/[0-9a-f-]{36}/)
    const url = page.url().replace(/\?.*$/, '')
    expect(await wcagViolations(page)).toEqual([])
    await page.goto(`${url}/programme`)
    expect(await page.getByRole('link', { name: /Redigera/ }).count()).toBeGreaterThanOrEqual(30)
    expect(await wcagViolations(page)).toEqual([])
  })

  it("picks a speaker in Co-Days' programme editor by filtering and clicking, makes them moderator, and the event page says so", async () => {
    await page.goto(`${server.url}/organizer/innovation-park`)
    await page.locator('main a', { hasText: 'Co-Days' }).first().click()
    await page.waitForURL(/\/events\/[0-9a-f-]{36}/)
    await page.goto(`${page.url().replace(/\?.*$/, '')}/programme`)
    await page.getByRole('link', { name: 'Redigera Välkommen till Co-Days' }).click()
    await page.waitForURL(/edit=/)
    const filter = page.getByLabel('Sök bland talarna')
    await filter.pressSequentially('nordqv')
    await page.getByRole('status').filter({ hasText: '1 träff' }).waitFor()
    // The filter narrows the list as you type; the chosen speaker stays listed.
    expect(await page.locator('.console-speaker:visible').count()).toBe(2)
    expect(await page.locator('.console-speaker:visible', { hasText: 'Inbjudan: Tackat ja' }).count()).toBe(1)
    expect(await wcagViolations(page)).toEqual([])
    await page.getByRole('checkbox', { name: /^Johan Nordqvist/ }).check()
    await page.getByLabel('Roll för Johan Nordqvist').selectOption('moderator')
    await page.getByRole('button', { name: 'Spara programpunkt' }).click()
    await page.getByRole('status').filter({ hasText: 'Programpunkten är sparad.' }).waitFor()

    await page.goto(`${server.url}/events/co-days-social-innovation-varmland`)
    const item = page.locator('.programme-item', { hasText: 'Välkommen till Co-Days' })
    const roles = (await item.locator('.programme-item__speakers').textContent()) ?? ''
    expect(roles).toMatch(/Moderator:\s*Johan Nordqvist/)
    expect(roles).toContain('Talare:')
    expect(await item.getByRole('link', { name: 'Johan Nordqvist' }).getAttribute('href')).toBe('/speakers/johan-nordqvist')
    expect(await wcagViolations(page)).toEqual([])
  })
})
