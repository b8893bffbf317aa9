import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { t } from '../../app/i18n/index.ts'
import { enqueueMail } from '../../app/mail/outbox.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { unsubscribeToken } from '../../app/mail/unsubscribe.server.ts'
import { processOutboxOnce, SKIPPED_UNSUBSCRIBED } from '../../app/mail/worker.server.ts'
import { action, loader } from '../../app/routes/unsubscribe.$token.tsx'
import { call, ORIGIN } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

let sink: SmtpSink
let transport: MailTransport

beforeAll(async () => {
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
})
afterAll(async () => {
  await transport?.close()
  await sink?.close()
})
beforeEach(async () => {
  await db.mailOptOut.deleteMany()
  await db.outboxMessage.deleteMany()
  sink.messages.length = 0
})

const ADDRESS = 'anna.svensson@kommun.se'
const page = (token: string, query = '') => `${ORIGIN}/unsubscribe/${token}${query}`

function post(token: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(page(token), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body })
}

const optOuts = () => db.mailOptOut.findMany({ select: { emailNormalized: true } })

const registrationOpened = (to: string) => ({
  template: 'registration-opened' as const,
  to,
  locale: 'sv' as const,
  payload: {
    eventTitle: 'Rekryteringslabbet',
    eventUrl: 'https://samling.test/events/rekryteringslabbet',
    startsAt: '2027-03-18T12:00:00.000Z',
    endsAt: '2027-03-18T15:00:00.000Z',
    place: 'Umeå',
  },
})

describe('the unsubscribe page', () => {
  it('opening the link (as Outlook Safe Links does) shows the address and a button, and unsubscribes nobody', async () => {
    const response = await call(loader, new Request(page(unsubscribeToken(ADDRESS))), { token: unsubscribeToken(ADDRESS) })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(await response.json()).toEqual({ locale: 'sv', address: ADDRESS, organization: null, isOptedOut: false })
    expect(await optOuts()).toEqual([])
  })

  it('the button on the page unsubscribes, and pressing it again changes nothing', async () => {
    const token = unsubscribeToken(ADDRESS)
    for (let i = 0; i < 2; i++) {
      const response = await call(action, post(token, 'intent=unsubscribe', { Origin: ORIGIN }), { token })
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ done: 'unsubscribed', address: ADDRESS })
    }
    expect(await optOuts()).toEqual([{ emailNormalized: ADDRESS }])
    const shown = await call(loader, new Request(page(token)), { token })
    expect(await shown.json()).toMatchObject({ isOptedOut: true })
  })

  it('a mail provider’s RFC 8058 one-click POST works without cookie or Origin, also twice at once', async () => {
    const token = unsubscribeToken(ADDRESS)
    const answers = await Promise.all([0, 1].map(() => call(action, post(token, 'List-Unsubscribe=One-Click'), { token })))
    expect(answers.map((answer) => answer.status)).toEqual([200, 200])
    expect(await optOuts()).toEqual([{ emailNormalized: ADDRESS }])
  })

  it('the page’s own button from another site is refused, and nothing changes', async () => {
    const token = unsubscribeToken(ADDRESS)
    const response = await call(action, post(token, 'intent=unsubscribe', { Origin: 'https://evil.example' }), { token })
    expect(response.status).toBe(403)
    expect(await optOuts()).toEqual([])
  })

  it('“turn notifications back on” undoes it', async () => {
    const token = unsubscribeToken(ADDRESS)
    await call(action, post(token, 'List-Unsubscribe=One-Click'), { token })
    const response = await call(action, post(token, 'intent=resubscribe', { Origin: ORIGIN }), { token })
    expect(await response.json()).toEqual({ done: 'resubscribed', address: ADDRESS })
    expect(await optOuts()).toEqual([])
  })

  it('a tampered token is a 404 in Swedish or English, for GET and POST, and changes nothing', async () => {
    const good = unsubscribeToken(ADDRESS)
    const [encoded, signature] = good.split('.')
    const otherAddress = `${Buffer.from('someone.else@kommun.se').toString('base64url')}.${signature}`
    for (const token of [`${encoded}.${signature.slice(0, -1)}A`, otherAddress, 'nonsense', `${good}.extra`]) {
      const sv = await call(loader, new Request(page(token)), { token })
      expect(sv.status).toBe(404)
      expect(await sv.json()).toEqual({ message: t('sv', 'mail.unsubscribe.notFound') })
      const en = await call(loader, new Request(page(token, '?lang=en')), { token })
      expect(await en.json()).toEqual({ message: t('en', 'mail.unsubscribe.notFound') })
      const posted = await call(action, post(token, 'List-Unsubscribe=One-Click'), { token })
      expect(posted.status).toBe(404)
    }
    expect(await optOuts()).toEqual([])
  })
})

describe('the worker honours unsubscribing', () => {
  it('notification mail to an unsubscribed address is closed without sending, with a note; other people and transactional mail still go', async () => {
    const token = unsubscribeToken(ADDRESS)
    await call(action, post(token, 'List-Unsubscribe=One-Click'), { token })
    const rows = await db.$transaction(async (tx) => [
      await enqueueMail(tx, registrationOpened(ADDRESS)),
      await enqueueMail(tx, registrationOpened('kvar@kommun.se')),
      await enqueueMail(tx, { template: 'sign-in-link', to: ADDRESS, locale: 'sv', payload: { url: 'https://samling.test/login/abc', expiresMinutes: 15 } }),
    ])
    expect(await processOutboxOnce({ transport })).toEqual({ claimed: 3, sent: 2, retried: 0, failed: 0, skipped: 1 })
    const skipped = await db.outboxMessage.findUniqueOrThrow({ where: { id: rows[0].id } })
    expect(skipped).toMatchObject({ status: 'sent', sentAt: null, lastError: SKIPPED_UNSUBSCRIBED })
    expect(sink.messages.map((message) => message.messageId).sort()).toEqual([rows[1].messageId, rows[2].messageId].sort())
    // Closed for good: a later round does not pick it up again.
    expect((await processOutboxOnce({ transport, now: new Date(Date.now() + 86_400_000) })).claimed).toBe(0)
  })
})
