import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, wcagViolations } from '../support/browser.ts'
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
  page = await (await browser.newContext()).newPage()
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
      return (await page.locator('main').textContent()) ?? ''
    }
    await page.waitForTimeout(500)
  }
  throw new Error('no sign-in mail arrived in the dev mailbox')
}

describe('an organizer', () => {
  it('signs in with a link from the dev mailbox, and opening the link alone does not sign in', async () => {
    await page.goto(`${server.url}/login`)
    await page.getByLabel('E-postadress').fill('arrangor@example.org')
    await page.locator('main form button[type=submit]').click()
    await expect(page.locator('main').textContent()).resolves.toMatch(/länk/i)

    const mail = await openNewestMail(/logga in|inloggning/i)
    const link = /https?:\/\/[^\s"<>]+\/login\/[A-Za-z0-9_-]{40,}/.exec(mail)?.[0]
    expect(link).toBeTruthy()
    await page.goto(link!.replace(/^https?:\/\/[^/]+/, server.url))
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: 'samling_session' }))
    await page.getByRole('button', { name: 'Logga in' }).click()
    await page.waitForURL(/\/organizer/)
    expect(await page.context().cookies()).toContainEqual(expect.objectContaining({ name: 'samling_session', httpOnly: true, sameSite: 'Lax' }))
  })

  it('creates an event with a two-day programme, publishes it and finds it on the start page', async () => {
    await page.goto(`${server.url}/organizer/${ORG}/events/new`)
    await page.getByLabel('Titel (svenska)').fill(TITLE)
    await page.getByLabel('Titel (engelska)').fill('Co-created welfare in practice')
    await page.getByLabel('Format').selectOption('online')
    await page.getByLabel('Start', { exact: true }).fill('2027-03-10T09:00')
    await page.getByLabel('Slut', { exact: true }).fill('2027-03-11T16:00')
    await page.getByLabel('Länk till sändning eller möte').fill('https://example.org/stream/samskapande')
    await page.getByRole('button', { name: 'Spara utkast' }).click()
    await page.waitForURL(new RegExp(`/organizer/${ORG}/events/[0-9a-f-]{36}`))
    const editUrl = page.url().replace(/\?.*$/, '')

    await page.goto(`${editUrl}/programme`)
    await page.getByLabel('Namn på ny sal').fill('Digitala rummet')
    await page.getByRole('button', { name: 'Lägg till sal' }).click()
    const days = ['2027-03-10', '2027-03-11']
    for (const [index, day] of days.entries()) {
      await page.getByLabel('Typ', { exact: true }).selectOption('talk')
      await page.getByLabel('Titel (svenska)').fill(`Dag ${index + 1}: erfarenheter från kommunerna`)
      await page.getByLabel('Titel (engelska)').fill(`Day ${index + 1}: lessons from municipalities`)
      await page.getByLabel('Dag', { exact: true }).selectOption(day)
      await page.getByLabel('Starttid').fill('10:00')
      await page.getByLabel('Sluttid').fill('11:00')
      await page.getByRole('button', { name: 'Lägg till programpunkt' }).click()
      await page.waitForLoadState('load')
    }
    const programme = (await page.locator('main').textContent()) ?? ''
    expect(programme).toContain('Dag 1: erfarenheter från kommunerna')
    expect(programme).toContain('Dag 2: erfarenheter från kommunerna')

    await page.goto(editUrl)
    await page.getByRole('button', { name: 'Publicera', exact: true }).click()
    await page.waitForLoadState('load')

    await page.goto(`${server.url}/?q=${encodeURIComponent('Samskapande')}`)
    expect(await page.locator('main').textContent()).toContain(TITLE)
    await page.locator('main a', { hasText: TITLE }).first().click()
    const eventPage = (await page.locator('main').textContent()) ?? ''
    expect(eventPage).toContain('Dag 2: erfarenheter från kommunerna')
    expect(eventPage).not.toContain('https://example.org/stream/samskapande')
  })

  it('meets WCAG 2.1 AA on the console pages (axe)', async () => {
    const paths = ['/organizer', `/organizer/${ORG}`, `/organizer/${ORG}/events/new`, `/organizer/${ORG}/members`, `/organizer/${ORG}/series`, '/organizer/mail-preview', '/login']
    const programmeLink = `/organizer/innovation-park`
    for (const p of [...paths, programmeLink]) {
      await page.goto(`${server.url}${p}`)
      expect({ page: p, violations: await wcagViolations(page) }).toEqual({ page: p, violations: [] })
    }
    // the biggest form: Co-Days' programme editor with 30+ items
    await page.goto(`${server.url}/organizer/innovation-park`)
    const coDays = page.locator('main a', { hasText: 'Co-Days' }).first()
    await coDays.click()
    const url = page.url().replace(/\?.*$/, '')
    await page.goto(`${url}/programme`)
    expect(await page.locator('main tr, main li').count()).toBeGreaterThan(30)
    expect(await wcagViolations(page)).toEqual([])
  })
})
