import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../support/server.ts'

// Pages that depend on who asks must tell every cache so: `Cache-Control: private, no-store` and
// `Vary: Cookie`, on the document and on the `?_data=` JSON that client-side navigation fetches.
let server: RunningServer
let mailboxKey: string
let cookie = ''
let token = ''
let mailId = ''
const ORG = 'motesplats-social-innovation'

async function get(pathname: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${pathname}`, { headers: { Cookie: cookie, ...headers }, redirect: 'manual' })
}

beforeAll(async () => {
  server = await startServer()
  mailboxKey = JSON.parse(fs.readFileSync(path.join(server.dataDir, 'secrets.json'), 'utf8')).mailboxKey
  const asked = await fetch(`${server.url}/login`, {
    method: 'POST',
    headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'arrangor@example.org' }),
  })
  expect(asked.status).toBe(200)
  for (let attempt = 0; attempt < 40 && !mailId; attempt++) {
    const list = await (await fetch(`${server.url}/dev/mailbox?key=${mailboxKey}`)).text()
    mailId = /href="\/dev\/mailbox\/([0-9a-z-]+)/.exec(list)?.[1] ?? ''
    if (!mailId) await new Promise((resolve) => setTimeout(resolve, 500))
  }
  const mail = await (await fetch(`${server.url}/dev/mailbox/${mailId}?key=${mailboxKey}`)).text()
  token = /\/login\/([A-Za-z0-9_-]{43})/.exec(mail)![1]
  const signedIn = await fetch(`${server.url}/login/${token}`, { method: 'POST', headers: { Origin: server.url }, redirect: 'manual' })
  expect(signedIn.status).toBe(302)
  cookie = signedIn.headers.get('Set-Cookie')!.split(';')[0]
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('pages that depend on who asks', { timeout: 60_000 }, () => {
  const pages = [
    '/organizer',
    `/organizer/${ORG}`,
    `/organizer/${ORG}/members?lang=en`,
    `/organizer/${ORG}/series`,
    `/organizer/${ORG}?_data=routes%2Forganizer.%24org`,
    `/organizer/${ORG}/members?_data=routes%2Forganizer.%24org.members`,
    '/organizer/mail-preview',
    '/login',
    '/login?_data=routes%2Flogin',
    '/logout',
  ]
  for (const pathname of pages) {
    it(`${pathname} says private, no-store and Vary: Cookie`, async () => {
      const response = await get(pathname)
      expect(response.status).toBe(200)
      expect(response.headers.get('Cache-Control')).toBe('private, no-store')
      expect(response.headers.get('Vary')?.split(/,\s*/)).toContain('Cookie')
    })
  }

  it('the sign-in link page, the dev mailbox and its raw message say so too', async () => {
    for (const pathname of [
      `/login/${token}`,
      `/dev/mailbox?key=${mailboxKey}`,
      `/dev/mailbox/${mailId}?key=${mailboxKey}`,
      `/dev/mailbox/${mailId}/raw?key=${mailboxKey}`,
    ]) {
      const response = await get(pathname)
      expect([pathname, response.headers.get('Cache-Control')]).toEqual([pathname, 'private, no-store'])
      expect(response.headers.get('Vary')?.split(/,\s*/)).toContain('Cookie')
    }
  })

  it('a stranger sent from the console to /login gets a redirect that says private, no-store too', async () => {
    const response = await fetch(`${server.url}/organizer/motesplats-social-innovation`, { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/login\?/)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('Vary')?.split(/,\s*/)).toContain('Cookie')
  })

  it('a public page stays cacheable (it does not depend on who asks)', async () => {
    const response = await fetch(`${server.url}/`)
    expect(response.headers.get('Cache-Control') ?? '').not.toContain('private')
  })
})

describe('console page titles follow ?lang=en', { timeout: 60_000 }, () => {
  const titleOf = async (pathname: string) => {
    const html = await (await get(pathname)).text()
    return /<title>([^<]*)<\/title>/.exec(html)?.[1]
  }

  it('every console page has an English <title> under ?lang=en, and a Swedish one without', async () => {
    const dashboard = await (await get(`/organizer/${ORG}?lang=en`)).text()
    const eventId = new RegExp(`/organizer/${ORG}/events/([0-9a-f-]{36})`).exec(dashboard)![1]
    const seriesId = new RegExp(`/organizer/${ORG}/series/([0-9a-f-]{36})`).exec(dashboard)![1]
    const expected: [string, RegExp][] = [
      ['/organizer?lang=en', /^Your organizations – Samling$/],
      [`/organizer/${ORG}?lang=en`, /^Events and series – Mötesplats Social Innovation – Samling$/],
      [`/organizer/${ORG}/events/new?lang=en`, /^New event – Samling$/],
      [`/organizer/${ORG}/events/${eventId}?lang=en`, /^Edit .+ – Samling$/],
      [`/organizer/${ORG}/events/${eventId}/programme?lang=en`, /^Programme for .+ – Samling$/],
      [`/organizer/${ORG}/series?lang=en`, /^Series – Samling$/],
      [`/organizer/${ORG}/series/new?lang=en`, /^New series – Samling$/],
      [`/organizer/${ORG}/series/${seriesId}?lang=en`, /^Edit the series .+ – Samling$/],
      [`/organizer/${ORG}/members?lang=en`, /^Members – Mötesplats Social Innovation – Samling$/],
      [`/organizer/${ORG}/mail?lang=en`, /^Email – Samling$/],
      ['/organizer/mail-preview?lang=en', /^Preview e-mails – Samling$/],
    ]
    for (const [pathname, title] of expected) expect([pathname, await titleOf(pathname)]).toEqual([pathname, expect.stringMatching(title)])
    expect(await titleOf(`/organizer/${ORG}/events/new`)).toBe('Nytt evenemang – Samling')
    expect(await titleOf(`/organizer/${ORG}/events/${eventId}/programme`)).toMatch(/^Program för .+ – Samling$/)
  })
})

describe('the status panel offers only what applies', { timeout: 60_000 }, () => {
  const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]+)<\/button>/g)].map((match) => match[1])

  it('a draft that was never published offers Publicera, not Ställ in or Skjut upp; once published it offers those', async () => {
    const created = await fetch(`${server.url}/organizer/${ORG}/events/new`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        titleSv: 'Statuspanelen',
        format: 'online',
        startsAt: '2027-05-04T09:00',
        endsAt: '2027-05-04T10:00',
        onlineUrl: 'https://meet.example.se/status',
      }),
      redirect: 'manual',
    })
    expect(created.status).toBe(302)
    const editPath = created.headers.get('Location')!.replace(/\?.*$/, '')
    const draft = buttons(await (await get(editPath)).text())
    expect(draft).toContain('Publicera')
    expect(draft).not.toContain('Ställ in evenemanget')
    expect(draft).not.toContain('Skjut upp')
    expect(draft).not.toContain('Avpublicera')

    const published = await fetch(`${server.url}${editPath}`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ intent: 'publish' }),
      redirect: 'manual',
    })
    expect(published.status).toBe(302)
    const live = buttons(await (await get(editPath)).text())
    expect(live).toEqual(expect.arrayContaining(['Avpublicera', 'Ställ in evenemanget', 'Skjut upp']))
    expect(live).not.toContain('Publicera')
  })
})

describe('console form markup', { timeout: 60_000 }, () => {
  it('a required select starts with an empty placeholder option; others are aria-required (the HTML rule the Nu checker flagged)', async () => {
    const dashboard = await (await get(`/organizer/${ORG}`)).text()
    const eventId = new RegExp(`/organizer/${ORG}/events/([0-9a-f-]{36})`).exec(dashboard)![1]
    for (const pathname of [`/organizer/${ORG}/events/new`, `/organizer/${ORG}/events/${eventId}`, `/organizer/${ORG}/events/${eventId}/programme`]) {
      const html = await (await get(pathname)).text()
      const selects = [...html.matchAll(/<select([^>]*)>(.*?)<\/select>/gs)]
      expect(selects.length).toBeGreaterThan(0)
      for (const [, attributes, options] of selects) {
        if (!/\srequired=""/.test(attributes)) continue
        expect([pathname, attributes, /<option[^>]*>/.exec(options)![0]]).toEqual([pathname, attributes, expect.stringMatching(/value=""/)])
      }
      expect(selects.some(([, attributes]) => attributes.includes('aria-required="true"'))).toBe(true)
    }
  })

  it('the mail preview text blocks can take focus and have a name (they scroll on a phone)', async () => {
    const html = await (await get('/organizer/mail-preview')).text()
    const blocks = [...html.matchAll(/<pre([^>]*)>/g)].map((match) => match[1])
    expect(blocks).toHaveLength(2)
    for (const attributes of blocks) {
      expect(attributes).toContain('tabindex="0"')
      expect(attributes).toContain('role="region"')
      expect(attributes).toMatch(/aria-label="Textversion \((Svenska|Engelska)\)"/)
    }
  })
})
