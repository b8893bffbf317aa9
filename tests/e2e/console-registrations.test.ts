import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase, db, disconnectDatabase } from '../../app/db/client.server.ts'
import { loadDemo } from '../../app/demo/load-demo.server.ts'
import { loadConfig, setConfig } from '../../app/env.server.ts'
import { allowConsoleError, launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// An organizer of SI Summit (a priced, digital event) looks up one buyer and marks the invoice paid.
let server: RunningServer
let browser: Browser
let page: Page
let dataDir: string

beforeAll(async () => {
  // The demo plus three ticket buyers, written before the server starts on the same DATA_DIR.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-e2e-registrations-'))
  setConfig(loadConfig({ ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir, NODE_ENV: 'test' }))
  await connectDatabase({ dataDir })
  await loadDemo({})
  const summit = await db.event.findUniqueOrThrow({ where: { slug: 'si-summit' }, include: { ticketTypes: true } })
  const ticket = summit.ticketTypes[0]
  const buyers = [
    ['Åsa Öberg', 'asa.oberg@region-test.example.org', 'Region Sörmland', 'sodermanland'],
    ['Erik Lind', 'erik.lind@coompanion-test.example.org', 'Coompanion', 'stockholm'],
    ['Märta Ärlig', 'marta@ideell-test.example.org', 'Ideell Arena', 'skane'],
  ] as const
  for (const [index, [name, email, organizationName, county]] of buyers.entries()) {
    await db.registration.create({
      data: {
        eventId: summit.id,
        name,
        email,
        emailNormalized: email,
        organizationName,
        county,
        sector: 'public_sector',
        attendanceMode: 'online',
        status: 'confirmed',
        manageTokenHash: String(index).repeat(64),
        ticketTypeId: ticket.id,
        priceOre: ticket.priceOre,
        vatRate: ticket.vatRate,
        paymentStatus: 'invoiced',
        invoiceOrgNumber: '232100-0255',
        invoiceAddress: `${organizationName}\nBox 1\n111 11 Stockholm`,
        buyerReference: `Ref ${index}`,
      },
    })
  }
  await disconnectDatabase()
  server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: undefined })
  browser = await launchBrowser()
  page = await newCheckedPage(browser)
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('the registration list in the console', { timeout: 120_000 }, () => {
  it('an organizer opens it from the event, filters, and marks a registration paid by clicking', async () => {
    await signInThroughMailbox(page, server, 'arrangor@example.org')
    await page.locator('main a', { hasText: 'Social Innovation Summit' }).first().click()
    await page.waitForURL(/\/organizer\/social-innovation-summit$/)
    await page.locator('main a', { hasText: 'SI Summit – Crisis Driving Change' }).first().click()
    await page.waitForURL(/\/organizer\/social-innovation-summit\/events\/[0-9a-f-]{36}$/)
    await page.getByRole('link', { name: 'Anmälningar', exact: true }).click()
    await page.waitForURL(/\/registrations$/)
    // A client-side navigation: wait for the new page's heading, not only the URL.
    await page.locator('main h1', { hasText: 'Anmälningar: SI Summit – Crisis Driving Change' }).waitFor()
    const glance = page.getByRole('region', { name: 'Läget just nu' })
    await expect(glance.getByRole('heading', { name: 'Digitalt' }).count()).resolves.toBe(1)

    // Filter: free text and payment status, in a plain GET form.
    await page.getByLabel('Sök').fill('sörmland')
    await page.getByLabel('Betalning').selectOption('invoiced')
    await page.getByRole('button', { name: 'Visa' }).click()
    await page.waitForURL(/\/registrations\?q=s%C3%B6rmland&.*payment=invoiced$/)
    const table = page.getByRole('table', { name: 'Anmälningar till SI Summit – Crisis Driving Change' })
    // The URL changes before React has drawn the filtered list: wait for the list, not only the URL.
    await expect.poll(() => table.getByRole('rowheader').allTextContents()).toEqual([expect.stringContaining('Åsa Öberg')])
    const row = table.getByRole('row', { name: /Åsa Öberg/ })
    await expect(row.getByRole('cell').allTextContents()).resolves.toContainEqual(expect.stringContaining('BetalningFakturerad'))
    expect(await wcagViolations(page)).toEqual([])

    await row.getByRole('button', { name: 'Markera anmälan från Åsa Öberg som betald' }).click()
    await page.getByRole('status').filter({ hasText: 'Betalningsstatusen är ändrad.' }).waitFor()
    // Back on the same filtered list: she is no longer "invoiced", so the filter finds nobody.
    expect(new URL(page.url()).searchParams.get('payment')).toBe('invoiced')
    await expect.poll(() => page.locator('main').textContent()).toContain('Inga anmälningar matchar filtren.')

    await page.getByRole('link', { name: 'Rensa filter' }).click()
    await page.waitForURL(/\/registrations$/)
    // The unfiltered list has rendered (and its filter form with it) before we type.
    await page.getByRole('table', { name: 'Anmälningar till SI Summit – Crisis Driving Change' }).waitFor()
    await expect(page.getByLabel('Betalning').inputValue()).resolves.toBe('')
    await page.getByLabel('Sök').fill('Åsa')
    await page.getByRole('button', { name: 'Visa' }).click()
    await page.waitForURL(/q=%C3%85sa/)
    const paid = page.getByRole('row', { name: /Åsa Öberg/ })
    await expect.poll(() => paid.getByRole('cell').allTextContents()).toContainEqual(expect.stringContaining('BetalningBetald'))
    await expect.poll(() => page.getByLabel('Sök').inputValue()).toBe('Åsa')

    // The list is personal: no cache may keep it.
    const answer = await page.context().request.get(page.url())
    expect([answer.status(), answer.headers()['cache-control']]).toEqual([200, 'private, no-store'])
  })

  it('an organizer adds someone by hand and cancels them again, by clicking', async () => {
    await page.getByRole('link', { name: 'Rensa filter' }).click()
    await page.waitForURL(/\/registrations$/)
    await page.getByRole('link', { name: 'Rensa filter' }).waitFor({ state: 'detached' })
    const form = page.getByRole('region', { name: 'Lägg till en anmälan' })
    await form.getByLabel('Namn').fill('Kim Lee')
    await form.getByLabel('E-postadress').fill('kim.lee@e2e-test.example.org')
    await form.getByRole('button', { name: 'Lägg till' }).click()
    await page.getByRole('status').filter({ hasText: 'Anmälan är tillagd och bekräftelsen skickas.' }).waitFor()
    const kim = page.getByRole('row', { name: /Kim Lee/ })
    await expect(kim.getByRole('cell').allTextContents()).resolves.toContainEqual('Anmäld')

    await kim.getByRole('button', { name: 'Avanmäl Kim Lee' }).click()
    await page.getByRole('status').filter({ hasText: 'Personen är avanmäld och får besked med e-post.' }).waitFor()
    await expect(
      page
        .getByRole('row', { name: /Kim Lee/ })
        .getByRole('cell')
        .allTextContents(),
    ).resolves.toContainEqual('Avanmäld')
    expect(await wcagViolations(page)).toEqual([])
  })

  it('an organizer pastes the guest list of Co-Days, fixes a bad line, and revokes one invitation', async () => {
    await page.getByRole('link', { name: 'Arrangörsverktyget' }).first().click()
    await page.waitForURL(/\/organizer$/)
    await page.locator('main a', { hasText: 'Innovation Park' }).first().click()
    await page.waitForURL(/\/organizer\/innovation-park$/)
    await page.locator('main a', { hasText: 'Co-Days Social Innovation Värmland' }).first().click()
    await page.waitForURL(/\/organizer\/innovation-park\/events\/[0-9a-f-]{36}$/)
    await page.getByRole('link', { name: 'Inbjudna gäster' }).click()
    await page.waitForURL(/\/invites$/)
    await page.locator('main h1', { hasText: 'Inbjudna gäster: Co-Days Social Innovation Värmland' }).waitFor()

    const list = page.getByLabel('Gästlista')
    // The refused list is answered with 400, which Chromium reports on the console.
    allowConsoleError(/status of 400/)
    await list.fill('Åsa Öberg <asa.oberg@kommun-test.example.org>\nbara ett namn\nMärta Ärlig;marta@ideell-test.example.org')
    await page.getByRole('button', { name: 'Bjud in och skicka länkar' }).click()
    const error = page.locator('#f-list-error')
    await error.waitFor()
    await expect(error.textContent()).resolves.toBe(
      'Raderna 2 (”bara ett namn”) kunde inte läsas. Skriv en gäst per rad, till exempel ”Anna Svensson <anna@kommun.se>”. Ingen är inbjuden ännu.',
    )
    await expect(list.getAttribute('aria-invalid')).resolves.toBe('true')
    expect(await wcagViolations(page)).toEqual([])

    await list.fill('Åsa Öberg <asa.oberg@kommun-test.example.org>\nMärta Ärlig;marta@ideell-test.example.org')
    await page.getByRole('button', { name: 'Bjud in och skicka länkar' }).click()
    await page.getByRole('status').filter({ hasText: 'Nya inbjudna: 2. Redan inbjudna: 0. Dubbletter i listan: 0.' }).waitFor()
    // The demo's own guests are on the list too.
    const guests = page.getByRole('table', { name: /^Inbjudna gäster \(\d+\)$/ })
    await expect(guests.getByRole('rowheader').allTextContents()).resolves.toEqual(expect.arrayContaining(['Märta Ärlig', 'Åsa Öberg']))

    await guests.getByRole('button', { name: 'Återkalla inbjudan till marta@ideell-test.example.org' }).click()
    await page.getByRole('status').filter({ hasText: 'Inbjudan är återkallad. Länken fungerar inte längre.' }).waitFor()
    await expect(
      guests
        .getByRole('row', { name: /Märta Ärlig/ })
        .getByRole('cell')
        .allTextContents(),
    ).resolves.toEqual(['marta@ideell-test.example.org', 'Återkallad', ''])
    expect(await wcagViolations(page)).toEqual([])
  })
})
