import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newCheckedPage } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// A checkbox sits on the first line of its label, at desktop and phone widths alike.
let server: RunningServer
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startServer()
  const mailboxKey = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')).mailboxKey
  browser = await launchBrowser()
  page = await newCheckedPage(browser)
  await page.goto(`${server.url}/login`)
  await page.getByLabel('E-postadress').fill('arrangor@example.org')
  await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click()
  await page.locator('main h1', { hasText: 'Titta i din inkorg' }).waitFor()
  // The mail worker sends within a moment; look again until the mail is there.
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto(`${server.url}/dev/mailbox?key=${mailboxKey}`)
    // Only the sign-in mail: the demo's organizers may also have their morning digest in the mailbox.
    if (await page.locator('main table a', { hasText: 'inloggningslänk' }).count()) break
    await page.waitForTimeout(500)
  }
  await page.locator('main table a', { hasText: 'inloggningslänk' }).first().click()
  await page.waitForURL(/\/dev\/mailbox\/[^/?]+/)
  const link = (await page.locator('main a[href*="/login/"]').first().getAttribute('href'))!
  await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url))
  await page.getByRole('button', { name: 'Logga in' }).click()
  await page.waitForURL(/\/organizer/)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('checkboxes in console forms', { timeout: 60_000 }, () => {
  for (const width of [1280, 390]) {
    it(`line up with the first line of their label at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 })
      await page.goto(`${server.url}/organizer/innovation-park`)
      await page.locator('main a', { hasText: 'Co-Days' }).first().click()
      await page.waitForURL(/\/events\/[0-9a-f-]{36}/)
      await page.goto(`${page.url().replace(/\?.*$/, '')}/programme`)
      const offsets = await page.locator('.field--checkbox').evaluateAll((fields) =>
        fields.map((field) => {
          const box = field.querySelector('input')!.getBoundingClientRect()
          const label = field.querySelector('label')!
          const range = document.createRange()
          range.selectNodeContents(label)
          const firstLine = range.getClientRects()[0]
          const lineCentre = firstLine.top + firstLine.height / 2
          return { label: label.textContent, offset: Math.round(Math.abs(box.top + box.height / 2 - lineCentre)), outside: box.left < 0 }
        }),
      )
      expect(offsets.length).toBeGreaterThan(5)
      expect(offsets.filter((o) => o.offset > 3 || o.outside)).toEqual([])
    })
  }
})
