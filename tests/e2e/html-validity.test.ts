import { execFile } from 'node:child_process'
import { createHmac } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Browser } from 'playwright-core'
import { DEMO_STAR_REGISTRATION_ID } from '../../app/demo/demo-stars.server.ts'
import { launchBrowser, newCheckedPage } from '../support/browser.ts'
import { signInThroughMailbox } from '../support/sign-in.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// The Nu Html Checker (vnu.jar, the W3C validator's engine, run on Java here) reads the HTML the
// server sends for the public pages, an attendee's manage page and every console page of the
// demo's events, as a validator run from outside would. Any error fails the test, with the page
// and the checker's words.
const VNU_JAR = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar')
const SECRET = 'html-validity-secret-0123456789abcdef012345'
const EVENT_PAGES = [
  '',
  '/dashboard',
  '/registrations',
  '/check-in',
  '/mailings',
  '/materials',
  '/questions',
  '/programme',
  '/speakers',
  '/invites',
  '/proposals',
]
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  server = await startServer({ SESSION_SECRET: SECRET })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

type VnuMessage = { type: string; subType?: string; url: string; message: string; extract?: string; lastLine?: number }

describe('the HTML of every kind of page', { timeout: 300_000 }, () => {
  it('has no errors in the Nu Html Checker (public pages, manage page, console pages of the demo)', async () => {
    const page = await newCheckedPage(browser)
    await signInThroughMailbox(page, server)
    const fetchHtml = async (pathname: string) => {
      const response = await page.request.get(`${server.url}${pathname}`, { maxRedirects: 0 })
      expect([pathname, response.status()]).toEqual([pathname, 200])
      return response.text()
    }
    const links = (html: string, pattern: RegExp) => [...new Set([...html.matchAll(pattern)].map((match) => match[1]))]

    const pathnames = new Set<string>([
      '/',
      '/en',
      '/events/co-days-social-innovation-varmland?view=grid',
      '/events/co-days-social-innovation-varmland/my-programme',
    ])
    const home = await fetchHtml('/')
    for (const event of links(home, /href="(\/events\/[a-z0-9-]+)"/g).slice(0, 6)) pathnames.add(event)
    const token = createHmac('sha256', SECRET).update(`manage:${DEMO_STAR_REGISTRATION_ID}:0`).digest('base64url')
    pathnames.add(`/registrations/${token}`)
    // Privacy (ADR 0032): the site's and an organization's notice (also an older version), "my data".
    for (const path of ['/privacy', '/en/privacy', '/organizations/coompanion-sormland/privacy', '/en/organizations/innovation-park/privacy?version=1'])
      pathnames.add(path)
    pathnames.add(`/registrations/${token}/data`)
    pathnames.add(`/en/registrations/${token}/data`)

    const consoleHome = await fetchHtml('/organizer')
    pathnames.add('/organizer/mail-preview')
    for (const organization of links(consoleHome, /href="(\/organizer\/[a-z0-9-]+)"/g).filter((href) => href !== '/organizer/mail-preview')) {
      pathnames.add(organization)
      for (const tab of ['/mail', '/report', '/members', '/series', '/privacy']) pathnames.add(`${organization}${tab}`)
      const dashboard = await fetchHtml(organization)
      for (const event of links(dashboard, /href="(\/organizer\/[a-z0-9-]+\/events\/[0-9a-f-]{36})"/g).slice(0, 4)) {
        for (const sub of EVENT_PAGES) pathnames.add(`${event}${sub}`)
      }
    }

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-vnu-'))
    const files = new Map<string, string>()
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }))
    let n = 0
    for (const pathname of pathnames) {
      const file = path.join(dir, `page-${n++}.html`)
      fs.writeFileSync(file, await fetchHtml(pathname))
      files.set(`file:${file}`, pathname)
    }
    expect(files.size).toBeGreaterThan(40)
    console.info(`Nu Html Checker: ${files.size} pages`)

    // vnu exits 1 when it found errors; its JSON report is on stderr either way.
    const { stderr } = await promisify(execFile)(
      'java',
      ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...[...files.keys()].map((url) => url.slice(5))],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }))
    const messages = (JSON.parse(stderr) as { messages: VnuMessage[] }).messages
    const errors = messages
      .filter((message) => message.type === 'error' || message.subType === 'fatal')
      .map((message) => `${files.get(message.url) ?? message.url}:${message.lastLine ?? '?'} ${message.message} ${message.extract ?? ''}`)
    expect(errors).toEqual([])
  })
})
