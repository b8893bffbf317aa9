import fs from 'node:fs'
import path from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { simpleParser } from 'mailparser'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { enqueueMail } from '../../app/mail/outbox.server.ts'
import { createTransportFromConfig } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { loader as listLoader } from '../../app/routes/dev.mailbox._index.tsx'
import { loader as messageLoader } from '../../app/routes/dev.mailbox.$id.tsx'
import { loader as rawLoader } from '../../app/routes/dev.mailbox.$id_.raw.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const SIGN_IN_URL = 'https://samling.test/login/verify?token=t0k3n&x=1'

beforeAll(async () => {
  setConfig({ ...config(), smtpUrl: undefined, appUrl: 'https://samling.test' })
  const transport = createTransportFromConfig(config())
  expect(transport.kind).toBe('mailbox')
  await db.$transaction((tx) =>
    enqueueMail(tx, { template: 'sign-in-link', to: 'lead@example.se', locale: 'sv', payload: { url: SIGN_IN_URL, expiresMinutes: 15 } }),
  )
  expect(await processOutboxOnce({ transport })).toMatchObject({ sent: 1 })
  await db.$transaction((tx) =>
    enqueueMail(tx, {
      template: 'member-invitation',
      to: 'new@example.se',
      locale: 'en',
      payload: { organizationName: 'Re-Act', inviterName: 'Amira', role: 'organizer', url: 'https://samling.test/invitations/abc' },
    }),
  )
  expect(await processOutboxOnce({ transport })).toMatchObject({ sent: 1 })
  await transport.close()
})

const call = async <T>(loader: (args: LoaderFunctionArgs) => Promise<T>, url: string, params: Record<string, string> = {}, cookie?: string) => {
  const request = new Request(`https://samling.test${url}`, { headers: cookie ? { Cookie: cookie } : {} })
  try {
    return (await loader({ request, params, context: {} })) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

const key = () => config().mailboxKey

describe('the dev mailbox', () => {
  it('keeps each sent mail as a real .eml file with an index under DATA_DIR/mailbox', async () => {
    const dir = path.join(config().dataDir, 'mailbox')
    const files = fs.readdirSync(dir).filter((name) => name.endsWith('.eml'))
    expect(files.length).toBe(2)
    const index = fs
      .readFileSync(path.join(dir, 'index.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(index.map((entry) => entry.to).sort()).toEqual(['lead@example.se', 'new@example.se'])
    const signIn = index.find((entry) => entry.to === 'lead@example.se')
    const parsed = await simpleParser(fs.readFileSync(path.join(dir, `${signIn.id}.eml`)))
    const row = await db.outboxMessage.findFirstOrThrow({ where: { recipient: 'lead@example.se' } })
    expect(parsed.messageId).toBe(row.messageId)
    expect(parsed.subject).toBe('Din inloggningslänk till Samling')
    expect(parsed.text).toContain(SIGN_IN_URL)
  })

  it('answers 404 to anyone without the key, or with a wrong key', async () => {
    expect((await call(listLoader, '/dev/mailbox')).status).toBe(404)
    expect((await call(listLoader, '/dev/mailbox?key=wrong')).status).toBe(404)
    expect((await call(listLoader, '/dev/mailbox', {}, 'samling_mailbox=wrong')).status).toBe(404)
    const first = (await call(listLoader, `/dev/mailbox?key=${key()}`).then((r) => r.json())) as { messages: Array<{ id: string }> }
    expect((await call(messageLoader, `/dev/mailbox/${first.messages[0].id}`, { id: first.messages[0].id })).status).toBe(404)
  })

  it('answers 404, not 500, to a mailbox cookie that is not percent-encoding (%zz)', async () => {
    expect((await call(listLoader, '/dev/mailbox', {}, 'samling_mailbox=%zz')).status).toBe(404)
    expect((await call(listLoader, '/dev/mailbox', {}, 'samling_mailbox=%E0%A4%A')).status).toBe(404)
  })

  it('with the key it lists the mail newest first and remembers the visitor in an httpOnly cookie', async () => {
    const response = await call(listLoader, `/dev/mailbox?key=${key()}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Set-Cookie')).toBe(`samling_mailbox=${key()}; Path=/dev/mailbox; HttpOnly; SameSite=Lax; Secure`)
    const data = (await response.json()) as { locale: string; messages: Array<{ to: string; subject: string }> }
    expect(data.locale).toBe('sv')
    expect(data.messages.map((message) => [message.to, message.subject])).toEqual([
      ['new@example.se', 'Amira has added you to Re-Act on Samling'],
      ['lead@example.se', 'Din inloggningslänk till Samling'],
    ])
    const withCookie = await call(listLoader, '/dev/mailbox?lang=en', {}, `other=1; samling_mailbox=${key()}`)
    expect(withCookie.status).toBe(200)
    expect(withCookie.headers.get('Set-Cookie')).toBeNull()
    expect(((await withCookie.json()) as { locale: string }).locale).toBe('en')
  })

  it('a message page shows the headers, the text part and the sign-in link ready to click', async () => {
    const cookie = `samling_mailbox=${key()}`
    const list = (await call(listLoader, '/dev/mailbox', {}, cookie).then((r) => r.json())) as { messages: Array<{ id: string; to: string }> }
    const id = list.messages.find((message) => message.to === 'lead@example.se')!.id
    const response = await call(messageLoader, `/dev/mailbox/${id}`, { id }, cookie)
    expect(response.status).toBe(200)
    const { message } = (await response.json()) as {
      message: {
        subject: string
        to: string
        from: string
        text: string
        html: string
        links: string[]
        language: string
        headers: Array<{ name: string; value: string }>
      }
    }
    expect(message.subject).toBe('Din inloggningslänk till Samling')
    expect(message.to).toBe('lead@example.se')
    expect(message.language).toBe('sv')
    expect(message.text).toContain('Länken gäller i 15 minuter')
    expect(message.text).toContain(SIGN_IN_URL)
    expect(message.html).toContain('lang="sv"')
    expect(message.links).toEqual([SIGN_IN_URL, 'https://samling.test/privacy'])
    expect(message.headers.find((header) => header.name === 'auto-submitted')?.value).toBe('auto-generated')
    expect(message.headers.find((header) => header.name === 'subject')?.value).toBe('Din inloggningslänk till Samling')

    const raw = await call(rawLoader, `/dev/mailbox/${id}/raw`, { id }, cookie)
    expect(raw.headers.get('Content-Type')).toBe('message/rfc822')
    expect((await simpleParser(Buffer.from(await raw.arrayBuffer()))).subject).toBe('Din inloggningslänk till Samling')

    expect((await call(messageLoader, '/dev/mailbox/nope', { id: 'nope' }, cookie)).status).toBe(404)
    expect((await call(messageLoader, '/dev/mailbox/..%2Fsecrets', { id: '../secrets' }, cookie)).status).toBe(404)
  })

  it('does not exist when a real SMTP server is configured, key or not', async () => {
    const before = config()
    setConfig({ ...before, smtpUrl: 'smtp://127.0.0.1:2525' })
    try {
      expect((await call(listLoader, `/dev/mailbox?key=${key()}`)).status).toBe(404)
      expect((await call(listLoader, '/dev/mailbox', {}, `samling_mailbox=${key()}`)).status).toBe(404)
    } finally {
      setConfig(before)
    }
  })
})
