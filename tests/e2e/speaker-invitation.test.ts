import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, newCheckedPage, wcagViolations } from '../support/browser.ts'
import { startServer, type RunningServer } from '../support/server.ts'

// The whole loop over HTTP against the built server and the demo: an organizer invites a speaker
// from the console, the invitation arrives in the dev mailbox, the speaker opens the link (rendered
// on the server, personal) and accepts once.
let server: RunningServer
let mailboxKey: string
let cookie = ''
let browser: Browser | undefined
const ORG = 'motesplats-social-innovation'

async function get(pathname: string) {
  return fetch(`${server.url}${pathname}`, { headers: { Cookie: cookie }, redirect: 'manual' })
}

async function post(pathname: string, fields: Record<string, string>, withCookie = true) {
  return fetch(`${server.url}${pathname}`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', ...(withCookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  })
}

/** The first mail in the dev mailbox whose page matches `pattern`, waiting for the worker. */
async function mailMatching(pattern: RegExp): Promise<RegExpExecArray> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const list = await (await fetch(`${server.url}/dev/mailbox?key=${mailboxKey}`)).text()
    for (const [, id] of list.matchAll(/href="\/dev\/mailbox\/([0-9a-z-]+)/g)) {
      const match = pattern.exec(await (await fetch(`${server.url}/dev/mailbox/${id}?key=${mailboxKey}`)).text())
      if (match) return match
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`no mail matches ${pattern}`)
}

beforeAll(async () => {
  server = await startServer()
  mailboxKey = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')).mailboxKey
  expect((await post('/login', { email: 'arrangor@example.org' }, false)).status).toBe(200)
  const token = (await mailMatching(/\/login\/([A-Za-z0-9_-]{43})/))[1]
  const signedIn = await fetch(`${server.url}/login/${token}`, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' })
  expect(signedIn.status).toBe(302)
  cookie = signedIn.headers.get('Set-Cookie')!.split(';')[0]
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('inviting a speaker, end to end', { timeout: 90_000 }, () => {
  it('the console invites, the mail carries the link, the page shows the invitation and accepts once', async () => {
    const dashboard = await (await get(`/organizer/${ORG}`)).text()
    const eventId = new RegExp(`/organizer/${ORG}/events/([0-9a-f-]{36})`).exec(dashboard)![1]
    const speakersPath = `/organizer/${ORG}/events/${eventId}/speakers`
    const consolePage = await get(speakersPath)
    expect(consolePage.status).toBe(200)
    const consoleHtml = await consolePage.text()
    expect(consoleHtml).toContain('<h1>Talare för ')
    const item = /name="(item_[0-9a-f-]{36})"/.exec(consoleHtml)?.[1]

    const invited = await post(speakersPath, {
      intent: 'invite',
      name: 'Ebba Talare',
      email: 'ebba.talare@example.se',
      role: 'panelist',
      ...(item ? { [item]: 'yes' } : {}),
      message: 'Vi vill gärna höra dig.',
      answerBy: '2099-03-15T23:59',
      locale: 'sv',
    })
    expect(invited.status).toBe(302)
    expect(await (await get(`${speakersPath}?done=invited`)).text()).toContain('Ebba Talare')

    const token = (await mailMatching(/\/invitations\/([A-Za-z0-9_-]{43})/))[1]
    const page = await fetch(`${server.url}/invitations/${token}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('Cache-Control')).toBe('private, no-store')
    expect(page.headers.get('Vary')?.split(/,\s*/)).toContain('Cookie')
    const html = await page.text()
    expect(html).toContain('Inbjudan att medverka i ')
    expect(html).toContain('Vi vill gärna höra dig.')
    expect(html).toContain('paneldeltagare')
    expect(html).toContain('>Tacka ja</button>')

    const accepted = await post(`/invitations/${token}`, { intent: 'accept' }, false)
    expect(accepted.status).toBe(303)
    expect((await post(`/invitations/${token}`, { intent: 'accept' }, false)).status).toBe(303)
    const after = await (await fetch(`${server.url}/invitations/${token}`)).text()
    expect(after).toContain('Tack! Du har tackat ja.')
    expect(after).not.toContain('>Tacka ja</button>')
    expect(await (await get(speakersPath)).text()).toContain('Tackat ja')

    const english = await (await fetch(`${server.url}/en/invitations/${token}`)).text()
    expect(english).toContain('Thank you! You have accepted.')
    expect((await fetch(`${server.url}/invitations/${'A'.repeat(43)}`)).status).toBe(404)
  })

  it('in a browser the speaker declines with a reason by clicking; the page says so in a status message, with 0 axe violations', async () => {
    const dashboard = await (await get(`/organizer/${ORG}`)).text()
    const eventId = new RegExp(`/organizer/${ORG}/events/([0-9a-f-]{36})`).exec(dashboard)![1]
    const invited = await post(`/organizer/${ORG}/events/${eventId}/speakers`, {
      intent: 'invite',
      name: 'Frans Nej',
      email: 'frans.nej@example.se',
      role: 'moderator',
      answerBy: '2099-03-15T23:59',
      locale: 'sv',
    })
    expect(invited.status).toBe(302)
    const token = (await mailMatching(/Hej Frans Nej![\s\S]*?\/invitations\/([A-Za-z0-9_-]{43})/))[1]

    browser = await launchBrowser()
    const page = await newCheckedPage(browser)
    await page.goto(`${server.url}/invitations/${token}`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Inbjudan att medverka i /)
    expect(await wcagViolations(page)).toEqual([])
    await page.getByLabel('Anledning (frivilligt)').fill('Jag är bortrest.')
    await page.getByRole('button', { name: 'Tacka nej' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Tack för ditt svar. Du har tackat nej, och arrangören har fått besked.')
    expect(await page.getByRole('button', { name: 'Tacka nej' }).count()).toBe(0)
    expect(await wcagViolations(page)).toEqual([])
    expect(await (await get(`/organizer/${ORG}/events/${eventId}/speakers`)).text()).toContain('Anledning: Jag är bortrest.')
  })

  it('in a browser the organizer moves an answer-by date from the speakers page by clicking; a status message says so, 0 axe violations', async () => {
    const dashboard = await (await get(`/organizer/${ORG}`)).text()
    const eventId = new RegExp(`/organizer/${ORG}/events/([0-9a-f-]{36})`).exec(dashboard)![1]
    const speakersPath = `/organizer/${ORG}/events/${eventId}/speakers`
    const invited = await post(speakersPath, {
      intent: 'invite',
      name: 'Gustav Senare',
      email: 'gustav.senare@example.se',
      role: 'speaker',
      answerBy: '2099-03-15T23:59',
    })
    expect(invited.status).toBe(302)

    browser ??= await launchBrowser()
    const page = await newCheckedPage(browser)
    const [name, value] = cookie.split('=')
    await page.context().addCookies([{ name, value, url: server.url }])
    await page.goto(`${server.url}${speakersPath}`)
    expect(await wcagViolations(page)).toEqual([])
    await page.getByLabel('Ny sista svarsdag för Gustav Senare (svensk tid)').fill('2099-04-01T12:00')
    await page.getByRole('button', { name: 'Ändra sista svarsdag för Gustav Senare' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Sista svarsdagen är ändrad.')
    expect(await page.getByLabel('Ny sista svarsdag för Gustav Senare (svensk tid)').inputValue()).toBe('2099-04-01T12:00')
    expect(await wcagViolations(page)).toEqual([])
  })
})
