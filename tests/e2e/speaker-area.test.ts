import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'

// Issue 10's loop in Chromium, moving by clicking: the organizer invites a speaker to two Co-Days
// sessions from the console; the speaker opens the invitation in the local mailbox, accepts (and is
// signed in), edits their bio, adds their slides; the public event page shows them. Every page the
// speaker sees has 0 axe violations and no page or console errors.
let server: RunningServer
let browser: Browser
let mailboxKey: string

const SPEAKER = { name: 'Linnea Samskapare', email: 'linnea.samskapare@example.org' }
const SESSIONS = ['Affärsmodeller för sociala företag', 'Finansieringsvägar för social innovation']

beforeAll(async () => {
  server = await startServer()
  mailboxKey = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')).mailboxKey
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Opens the dev mailbox until a mail to `email` whose subject contains `subject` is listed, and clicks it. */
async function openMail(page: Page, email: string, subject: string) {
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto(`${server.url}/dev/mailbox?key=${mailboxKey}`)
    const mail = page.locator('main table tr', { hasText: email }).locator('a', { hasText: subject }).first()
    if (await mail.count()) {
      await mail.click()
      await page.waitForURL(/\/dev\/mailbox\/[^/?]+/)
      return
    }
    await page.waitForTimeout(500)
  }
  throw new Error(`no mail "${subject}" to ${email}`)
}

describe('a speaker, from invitation to the public programme', { timeout: 150_000 }, () => {
  it('is invited to two Co-Days sessions, accepts through the mailbox, edits the bio, adds slides, and the event page shows them', async () => {
    const organizer = await newCheckedPage(browser)
    await signInThroughMailbox(organizer, server)
    await organizer.locator('main a', { hasText: 'Innovation Park' }).first().click()
    await organizer.waitForURL(/\/organizer\/innovation-park$/)
    await organizer.locator('main a', { hasText: 'Co-Days Social Innovation Värmland' }).first().click()
    await organizer.waitForURL(/\/organizer\/innovation-park\/events\/[0-9a-f-]{36}$/)
    await organizer.getByRole('link', { name: 'Talare', exact: true }).click()
    await organizer.waitForURL(/\/speakers$/)
    await organizer.getByLabel('Namn', { exact: true }).fill(SPEAKER.name)
    await organizer.getByLabel('E-post', { exact: true }).fill(SPEAKER.email)
    for (const session of SESSIONS) await organizer.getByLabel(new RegExp(`^${session} \\(`)).check()
    await organizer.getByLabel('Svara senast (svensk tid)').fill('2099-01-15T12:00')
    await organizer.getByRole('button', { name: 'Skicka inbjudan' }).click()
    await organizer.getByRole('status').waitFor()
    await expect(organizer.getByRole('table').getByRole('rowheader').allTextContents()).resolves.toContainEqual(expect.stringContaining(SPEAKER.name))
    await organizer.context().close()

    const speaker = await newCheckedPage(browser)
    await openMail(speaker, SPEAKER.email, 'Inbjudan att medverka')
    const link = (await speaker.locator('main a[href*="/invitations/"]').first().getAttribute('href')) ?? ''
    await speaker.goto(link.replace(/^https?:\/\/[^/]+/, server.url))
    await speaker.getByRole('heading', { level: 1, name: /^Inbjudan att medverka i Co-Days/ }).waitFor()
    for (const session of SESSIONS) await speaker.locator('main li', { hasText: session }).waitFor()
    expect(await wcagViolations(speaker)).toEqual([])
    await speaker.getByRole('button', { name: 'Tacka ja' }).click()

    await speaker.waitForURL(/\/speaker\?welcome=1$/)
    await speaker.getByRole('status').filter({ hasText: 'Tack för att du tackade ja!' }).waitFor()
    const upcoming = speaker.getByRole('list', { name: 'Kommande programpunkter' })
    await expect(upcoming.getByRole('heading', { level: 3 }).allTextContents()).resolves.toEqual(SESSIONS)
    expect(await wcagViolations(speaker)).toEqual([])

    await speaker.getByRole('link', { name: `Redigera profilen ${SPEAKER.name}` }).click()
    await speaker.waitForURL(/\/speaker\/profile/)
    await speaker.getByLabel('Organisation').fill('Karlstads kommun')
    await speaker.getByLabel('Kort presentation på svenska').fill('Linnea leder samskapande projekt mellan kommunen och civilsamhället.')
    await speaker.getByRole('button', { name: 'Spara profilen' }).click()
    await speaker.getByRole('status').filter({ hasText: 'Profilen är sparad.' }).waitFor()
    expect(await wcagViolations(speaker)).toEqual([])

    await speaker.getByRole('link', { name: 'Mina programpunkter' }).click()
    await speaker.getByRole('link', { name: SESSIONS[0] }).click()
    await speaker.waitForURL(/\/speaker\/sessions\/[0-9a-f-]{36}$/)
    expect(await wcagViolations(speaker)).toEqual([])
    await speaker.getByLabel('Namn på filen som den ska visas').fill('Presentation: affärsmodeller')
    await speaker
      .getByLabel('Fil', { exact: true })
      .setInputFiles({ name: 'affärsmodeller.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') })
    await speaker.getByRole('button', { name: 'Ladda upp filen' }).click()
    await speaker.getByRole('status').filter({ hasText: 'Materialet är tillagt.' }).waitFor()
    await speaker.getByRole('link', { name: 'Presentation: affärsmodeller' }).waitFor()
    await speaker.getByLabel('Namn på materialet').fill('Bilder: affärsmodeller')
    await speaker.getByLabel('Länk (https://…)').fill('https://example.org/affarsmodeller.pdf')
    await speaker.getByRole('button', { name: 'Lägg till länken' }).click()
    await speaker.getByRole('status').filter({ hasText: 'Materialet är tillagt.' }).waitFor()
    await speaker.getByLabel('Får programpunkten spelas in?').selectOption('yes')
    await speaker.getByLabel('Tekniska behov').fill('HDMI och en handmikrofon')
    await speaker.getByRole('button', { name: 'Spara svaren' }).click()
    await speaker.getByRole('status').filter({ hasText: 'Dina svar är sparade.' }).waitFor()
    expect(await wcagViolations(speaker)).toEqual([])

    await speaker.getByRole('link', { name: /^Evenemangssidan för Co-Days/ }).click()
    await speaker.waitForURL(/\/events\/co-days-social-innovation-varmland$/)
    const item = speaker.locator('li', { has: speaker.getByRole('heading', { name: SESSIONS[0] }) }).first()
    await item.getByRole('link', { name: SPEAKER.name }).waitFor()
    expect(await item.getByRole('link', { name: 'Bilder: affärsmodeller' }).getAttribute('href')).toBe('https://example.org/affarsmodeller.pdf')
    const slides = await item.getByRole('link', { name: 'Presentation: affärsmodeller' }).getAttribute('href')
    expect(slides).toMatch(/^\/media\/[0-9a-f-]{36}\/aff/)
    const download = await fetch(`${server.url}${slides}`)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(await speaker.content()).not.toContain('HDMI och en handmikrofon')
    await item.getByRole('link', { name: SPEAKER.name }).click()
    await speaker.waitForURL(/\/speakers\//)
    await speaker.getByText('Linnea leder samskapande projekt mellan kommunen och civilsamhället.').waitFor()
  })
})
