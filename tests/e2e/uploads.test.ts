import sharp from 'sharp'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'

// Issue 10 §4 through the real server: an organizer uploads a cover for a demo conference; the
// event page and the home page show it with its description and share it as og:image; the file is
// served by /media with its own strict headers; the body limit lets the upload through.
let server: RunningServer
let browser: Browser
let page: Page
const ORG = 'innovation-park'
const EVENT = 'co-days-social-innovation-varmland'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await newCheckedPage(browser)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('a cover image', { timeout: 90_000 }, () => {
  it('is uploaded in the console, shown on the event page and the home page, and served with strict headers', async () => {
    await signInThroughMailbox(page, server)
    await page.goto(`${server.url}/organizer/${ORG}`)
    await page.locator('main a', { hasText: 'Co-Days Social Innovation Värmland' }).first().click()
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/)
    // A 1.3 MB PNG: more than the 1 MiB every other form may send.
    const noise = Buffer.alloc(700 * 500 * 3)
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251
    const png = await sharp(noise, { raw: { width: 700, height: 500, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer()
    expect(png.length).toBeGreaterThan(1024 * 1024)
    await page.getByLabel('Bildfil').setInputFiles({ name: 'omslag.png', mimeType: 'image/png', buffer: png })
    await page.getByLabel('Beskrivning av bilden på svenska').fill('Deltagare i samtal runt ett bord')
    await page.getByLabel('Beskrivning av bilden på engelska').fill('Participants talking around a table')
    await page.getByRole('button', { name: 'Spara bilden' }).click()
    await page.getByRole('status').filter({ hasText: 'Omslagsbilden är sparad.' }).waitFor()
    expect(await wcagViolations(page)).toEqual([])

    await page.goto(`${server.url}/en/events/${EVENT}`)
    const cover = page.locator('main img.event-cover')
    expect(await cover.getAttribute('alt')).toBe('Participants talking around a table')
    expect(await cover.getAttribute('srcset')).toMatch(/w320\.webp 320w, .*w700\.webp 700w/)
    expect(await cover.getAttribute('width')).toBe('700')
    const ogImage = await page.locator('meta[property="og:image"]').getAttribute('content')
    expect(ogImage).toMatch(/^http:\/\/localhost:\d+\/media\/[0-9a-f-]{36}\/w700\.webp$/)
    expect(await page.locator('meta[property="og:image:alt"]').getAttribute('content')).toBe('Participants talking around a table')
    expect(await wcagViolations(page)).toEqual([])

    await page.goto(`${server.url}/`)
    const card = page.locator('main .card', { hasText: 'Co-Days Social Innovation Värmland' }).locator('img')
    expect(await card.getAttribute('alt')).toBe('Deltagare i samtal runt ett bord')
    expect(await card.getAttribute('loading')).toBe('lazy')

    const file = await fetch(`${server.url}${new URL(ogImage!).pathname}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/webp')
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const again = await fetch(file.url, { headers: { 'If-None-Match': file.headers.get('etag')! } })
    expect(again.status).toBe(304)
    for (const tricky of ['/media/..%2F..%2Fsecrets.json/x.webp', `${new URL(ogImage!).pathname.replace('w700', '..%2Fw700')}`, '/media/x/y.webp']) {
      expect((await fetch(`${server.url}${tricky}`)).status, tricky).toBe(404)
    }
  })
})
