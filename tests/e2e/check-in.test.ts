import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { PNG } from 'pngjs'
import QRCode from 'qrcode'
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
/** A busy CI machine needs more than expect.poll's one second for a form post and the page drawn again. */
const WAIT = { timeout: 15_000 }
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/**
 * A camera that films a ticket: the QR code of `token` on a white 640×480 picture, as the Y4M file
 * Chromium's fake capture device plays in a loop (Y plane from the pixels, neutral chroma).
 */
async function fakeCameraFile(token: string): Promise<string> {
  const qr = PNG.sync.read(await QRCode.toBuffer(token, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }))
  const [width, height] = [640, 480]
  const y = Buffer.alloc(width * height, 255)
  const left = (width - qr.width) >> 1
  const top = (height - qr.height) >> 1
  for (let row = 0; row < qr.height; row++) for (let col = 0; col < qr.width; col++) y[(top + row) * width + left + col] = qr.data[(row * qr.width + col) * 4]
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma])
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'samling-camera-')), 'ticket.y4m')
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]))
  return file
}

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
    await expect.poll(() => phone.getByRole('heading', { level: 1 }).textContent(), WAIT).toBe(`Incheckning: ${TITLE}`)
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
    await expect.poll(() => phone.getByRole('status').filter({ hasText: name }).first().textContent(), WAIT).toBe(`${name} är incheckad.`)
    expect(await counter(phone)).toEqual({ checkedIn: before.checkedIn + 1, total: before.total })
    expect(await phone.getByRole('button', { name: `Ångra incheckning av ${name}` }).count()).toBeGreaterThan(0)
    expect(await wcagViolations(phone)).toEqual([])

    await second.getByRole('button', { name: `Checka in ${name}` }).click()
    await expect
      .poll(() => second.getByRole('status').filter({ hasText: name }).first().textContent(), WAIT)
      .toMatch(new RegExp(`^${name} är redan incheckad \\(kl\\. \\d\\d\\.\\d\\d\\)\\.$`))
    expect(await counter(second)).toEqual({ checkedIn: before.checkedIn + 1, total: before.total })
    expect(await wcagViolations(second)).toEqual([])

    await second
      .getByRole('button', { name: `Ångra incheckning av ${name}` })
      .first()
      .click()
    await expect.poll(() => second.getByRole('status').filter({ hasText: name }).first().textContent(), WAIT).toBe(`Incheckningen av ${name} är ångrad.`)
    expect(await counter(second)).toEqual(before)
    expect(await second.getByRole('button', { name: `Checka in ${name}` }).count()).toBe(1)
    expect(await wcagViolations(second)).toEqual([])
  })

  it('the camera reads a ticket while the phone is offline, the scan waits on the phone, and is checked in once the network is back', async () => {
    const desk = await newCheckedPage(browser)
    await signInThroughMailbox(desk, server)
    const storageState = await desk.context().storageState()
    await desk.goto(`${server.url}/organizer/coompanion-sormland`)
    await desk.getByRole('link', { name: TITLE }).first().click()
    await desk.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    await desk.getByRole('link', { name: 'Incheckning', exact: true }).click()
    await desk.waitForURL(/\/check-in$/)
    await search(desk, 'Erik')
    const form = desk.locator('form', { has: desk.getByRole('button', { name: /^Checka in / }) }).first()
    const name = ((await form.getByRole('button').getAttribute('aria-label')) ?? '').replace(/^Checka in /, '')
    const registrationId = await form.locator('input[name="registrationId"]').inputValue()
    const { sessionSecret } = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')) as { sessionSecret: string }
    const token = `${registrationId}.${createHmac('sha256', sessionSecret).update(`check-in:${registrationId}:0`).digest('base64url')}`
    const checkInUrl = desk.url().replace(/\?.*$/, '')

    const video = await fakeCameraFile(token)
    const camera = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
    try {
      const phone = await newCheckedPage(camera, { ...PHONE, storageState })
      await phone.goto(checkInUrl)
      const before = await counter(phone)
      // The scanner's code is fetched when the camera is first started. Start it once online
      // without the camera permission (it fails and says so, with the code loaded), so the camera
      // films the ticket only after the network is gone, whatever the machine's speed.
      await phone.getByRole('button', { name: 'Starta kameran' }).click()
      await expect.poll(() => phone.locator('.check-in-answer').textContent(), WAIT).toContain('Kameran gick inte att starta.')
      await phone.waitForLoadState('networkidle')
      await phone.context().grantPermissions(['camera'])
      await phone.context().setOffline(true)
      await phone.getByRole('button', { name: 'Starta kameran' }).click()
      await phone.getByRole('button', { name: 'Stoppa kameran' }).waitFor({ timeout: 30_000 })
      await expect
        .poll(() => phone.locator('.check-in-pending').textContent(), { timeout: 30_000 })
        .toBe('1 skanning väntar på att skickas Ingen uppkoppling: skanningarna sparas i telefonen och skickas när nätet är tillbaka.')
      await phone.getByRole('button', { name: 'Stoppa kameran' }).click()
      expect(await wcagViolations(phone)).toEqual([])

      await phone.context().setOffline(false)
      await expect.poll(() => phone.locator('.check-in-answer').textContent(), { timeout: 30_000 }).toBe(`${name} är incheckad.`)
      await expect.poll(() => phone.locator('.check-in-pending').textContent(), WAIT).toBe('')
      await expect.poll(() => counter(phone), WAIT).toEqual({ checkedIn: before.checkedIn + 1, total: before.total })
      expect(await phone.evaluate(() => Object.keys(window.localStorage).filter((key) => key.startsWith('samling:check-in:')))).toEqual([])
      await phone
        .getByRole('button', { name: `Ångra incheckning av ${name}` })
        .first()
        .click()
      await expect.poll(() => counter(phone), WAIT).toEqual(before)
    } finally {
      await camera.close()
      fs.rmSync(path.dirname(video), { recursive: true, force: true })
    }
  })
})
