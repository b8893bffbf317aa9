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

  it('a public page stays cacheable (it does not depend on who asks)', async () => {
    const response = await fetch(`${server.url}/`)
    expect(response.headers.get('Cache-Control') ?? '').not.toContain('private')
  })
})
