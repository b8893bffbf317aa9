import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { RunningServer } from './server.ts'

/**
 * Signs `page` in as `email` the way a person does: asks for a link on /login, opens the sign-in
 * mail in the dev mailbox (the row for that address: the demo organizers' morning digest may be
 * there too), follows the link and presses "Logga in". Resolves on the console.
 */
export async function signInThroughMailbox(page: Page, server: RunningServer, email = 'arrangor@example.org'): Promise<void> {
  const mailboxKey = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')).mailboxKey
  const signInMails = () => page.locator('main table tr', { hasText: email }).locator('a', { hasText: 'inloggningslänk' })
  // A link from an earlier sign-in has been used (410): wait for a mail newer than those.
  await page.goto(`${server.url}/dev/mailbox?key=${mailboxKey}`)
  const before = await signInMails().count()
  await page.goto(`${server.url}/login`)
  await page.getByLabel('E-postadress').fill(email)
  await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click()
  await page.locator('main h1', { hasText: 'Titta i din inkorg' }).waitFor()
  // The mail worker sends within a moment; look again until the mail is there.
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto(`${server.url}/dev/mailbox?key=${mailboxKey}`)
    // The mailbox lists the newest mail first.
    const mail = signInMails().first()
    if ((await signInMails().count()) > before) {
      await mail.click()
      await page.waitForURL(/\/dev\/mailbox\/[^/?]+/)
      const link = (await page.locator('main a[href*="/login/"]').first().getAttribute('href')) ?? ''
      await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url))
      await page.getByRole('button', { name: 'Logga in' }).click()
      await page.waitForURL(/\/organizer/)
      return
    }
    await page.waitForTimeout(500)
  }
  throw new Error('no sign-in mail arrived in the dev mailbox')
}

/**
 * The attendee's manage link (/registrations/<token>) from the newest mail to `email` in the dev
 * mailbox whose subject matches, rewritten onto the test server; waits for the mail worker.
 */
export async function manageLinkFromMailbox(page: Page, server: RunningServer, email: string, subject: RegExp = /./): Promise<string> {
  const mailboxKey = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')).mailboxKey
  for (let attempt = 0; attempt < 40; attempt++) {
    await page.goto(`${server.url}/dev/mailbox?key=${mailboxKey}`)
    const link = page.locator('main table tr', { hasText: email }).locator('a', { hasText: subject }).first()
    if (await link.count()) {
      await link.click()
      await page.waitForURL(/\/dev\/mailbox\/[^/?]+/)
      const href = await page.locator('main a[href*="/registrations/"]').first().getAttribute('href')
      if (href) return href.replace(/^https?:\/\/[^/]+/, server.url)
    }
    await page.waitForTimeout(500)
  }
  throw new Error('no confirmation arrived in the dev mailbox')
}
