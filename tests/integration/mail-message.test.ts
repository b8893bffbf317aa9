import { simpleParser, type ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { t } from '../../app/i18n/index.ts'
import { enqueueMail, type EnqueueMailInput } from '../../app/mail/outbox.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { unsubscribeToken } from '../../app/mail/unsubscribe.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { useTestDatabase } from '../support/database.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

let sink: SmtpSink
let transport: MailTransport
const MAIL_FROM = 'Samling <no-reply@samling.test>'

beforeAll(async () => {
  setConfig({ ...config(), mailFrom: MAIL_FROM, appUrl: 'https://samling.test' })
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
})
afterAll(async () => {
  await transport?.close()
  await sink?.close()
})

/** Queues one mail, lets the worker send it through real SMTP, and parses what the server got. */
async function sendAndReceive(input: EnqueueMailInput): Promise<{ mail: ParsedMail; messageId: string }> {
  const row = await db.$transaction((tx) => enqueueMail(tx, input))
  expect(await processOutboxOnce({ transport })).toMatchObject({ sent: 1 })
  const received = sink.messages.filter((message) => message.messageId === row.messageId)
  expect(received.length).toBe(1)
  return { mail: await simpleParser(received[0].raw), messageId: row.messageId }
}

const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .filter((line) => line.key === name.toLowerCase())
    .map((line) =>
      line.line
        .slice(line.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    )

const eventChange = (locale: 'sv' | 'en', change: 'time' | 'cancelled' = 'time') => ({
  template: 'event-changed' as const,
  to: 'deltagare@kommun.se',
  locale,
  payload: {
    eventTitle: 'Välfärdens innovationsdag <Eskilstuna>',
    eventUrl: 'https://samling.test/events/valfardens-innovationsdag',
    changes: [change],
    // 08:00 UTC in February is 09.00 in Stockholm; 07:00 UTC in June is also 09.00 (summer time).
    startsAt: '2027-02-12T08:00:00.000Z',
    endsAt: new Date('2027-02-12T15:30:00.000Z'),
    place: 'Munktell Science Park, Eskilstuna',
    reason: 'Lokalen behövs på morgonen.',
    replyTo: 'arrangor@motesplats.se',
  },
})

/** A notification (the unsubscribe link applies): "registration is open" for an interest-only event. */
const registrationOpened = (locale: 'sv' | 'en') => ({
  template: 'registration-opened' as const,
  to: 'deltagare@kommun.se',
  locale,
  payload: {
    eventTitle: 'Rekryteringslabbet <Umeå>',
    eventUrl: 'https://samling.test/events/rekryteringslabbet',
    startsAt: '2027-02-12T08:00:00.000Z',
    endsAt: new Date('2027-02-12T15:30:00.000Z'),
    place: 'Sopact, Storgatan 4, Umeå',
    replyTo: 'arrangor@motesplats.se',
  },
})

describe('a mail as it reaches a relay', () => {
  it('a sign-in link comes from Samling, with its Message-ID, both parts, in Swedish, and without unsubscribe headers', async () => {
    const { mail, messageId } = await sendAndReceive({
      template: 'sign-in-link',
      to: 'Anna.Svensson@Kommun.se',
      locale: 'sv',
      payload: { url: 'https://samling.test/login/verify?token=abc123', expiresMinutes: 15 },
    })
    expect(mail.from?.value).toEqual([{ name: 'Samling', address: 'no-reply@samling.test' }])
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('anna.svensson@kommun.se')
    expect(mail.replyTo).toBeUndefined()
    expect(mail.messageId).toBe(messageId)
    expect(Math.abs(mail.date!.getTime() - Date.now())).toBeLessThan(60_000)
    expect(mail.subject).toBe('Din inloggningslänk till Samling')
    expect(header(mail, 'Auto-Submitted')).toEqual(['auto-generated'])
    expect(header(mail, 'Content-Language')).toEqual(['sv'])
    expect(header(mail, 'List-Unsubscribe')).toEqual([])
    expect(header(mail, 'List-Unsubscribe-Post')).toEqual([])
    expect(header(mail, 'List-Id')).toEqual([])

    expect(mail.html).toContain('<html dir="ltr" lang="sv">')
    expect(mail.html).toContain('href="https://samling.test/login/verify?token=abc123"')
    expect(mail.text).toContain(t('sv', 'mail.signIn.body', { minutes: 15 }))
    expect(mail.text).toContain('\nhttps://samling.test/login/verify?token=abc123\n')
  })

  it('an invitation in English says who added whom with which role, that it is active now, how to start and whom to tell if it was a mistake; replies go to the inviter', async () => {
    const { mail } = await sendAndReceive({
      template: 'member-invitation',
      to: 'sam@region.se',
      locale: 'en',
      payload: {
        organizationName: 'Re-Act',
        inviterName: 'Amira Haddad',
        role: 'viewer',
        url: 'https://samling.test/invitations/xyz',
        replyTo: 'amira@react.se',
      },
    })
    expect(mail.subject).toBe('Amira Haddad has added you to Re-Act on Samling')
    expect(mail.replyTo?.text).toBe('amira@react.se')
    expect(header(mail, 'Content-Language')).toEqual(['en'])
    expect(mail.html).toContain('lang="en"')
    expect(mail.text).toContain(
      [
        'You are now a member of Re-Act',
        '',
        'Amira Haddad has added you as a viewer of Re-Act on Samling. The membership is already active: there is nothing to accept.',
        'As a viewer you see events and registrations but change nothing.',
        '',
        'Sign in to start:',
        'https://samling.test/invitations/xyz',
        '',
        'The link opens the sign-in page. Enter your email address there and we will mail you a link that signs you in. No password needed.',
        'Was this a mistake, or do you not want to take part? Reply to this email or contact Amira Haddad, and an owner will remove you from Re-Act.',
      ].join('\n'),
    )
    expect(mail.text).not.toMatch(/accept or decline|lagt till/)
    expect(mail.html).toContain('href="https://samling.test/invitations/xyz"')
    expect(mail.html).not.toContain('accept or decline')
    expect(header(mail, 'List-Unsubscribe')).toEqual([])
  })

  it('an invitation in Swedish says the same: added, active now, sign in to start, tell the inviter if it was a mistake', async () => {
    const { mail } = await sendAndReceive({
      template: 'member-invitation',
      to: 'sara@kommun.se',
      locale: 'sv',
      payload: {
        organizationName: 'Re-Act',
        inviterName: 'Amira Haddad',
        role: 'organizer',
        url: 'https://samling.test/login?redirectTo=/organizer/re-act',
        replyTo: 'amira@react.se',
      },
    })
    expect(mail.subject).toBe('Amira Haddad har lagt till dig i Re-Act på Samling')
    expect(mail.text).toContain('Amira Haddad har lagt till dig som arrangör för Re-Act på Samling. Medlemskapet gäller redan: du behöver inte tacka ja.')
    expect(mail.text).toContain('Logga in och börja:\nhttps://samling.test/login?redirectTo=/organizer/re-act\n')
    expect(mail.text).toContain(
      'Var det ett misstag, eller vill du inte vara med? Svara på det här mejlet eller kontakta Amira Haddad, så tar en ägare bort dig ur Re-Act.',
    )
    expect(mail.text).not.toMatch(/tackar ja eller nej|Visa inbjudan/)
    expect(mail.replyTo?.text).toBe('amira@react.se')
  })

  it('“registration is open” is a notification: one-click unsubscribe headers, organizer in Reply-To, the event link in the text', async () => {
    const { mail, messageId } = await sendAndReceive(registrationOpened('sv'))
    const token = unsubscribeToken('deltagare@kommun.se')
    expect(mail.messageId).toBe(messageId)
    expect(mail.from?.value).toEqual([{ name: 'Samling', address: 'no-reply@samling.test' }])
    expect(mail.replyTo?.text).toBe('arrangor@motesplats.se')
    expect(mail.subject).toBe('Nu kan du anmäla dig: Rekryteringslabbet <Umeå>')
    expect(header(mail, 'Auto-Submitted')).toEqual(['auto-generated'])
    expect(header(mail, 'List-Unsubscribe')).toEqual([
      `<https://samling.test/unsubscribe/${token}>, <mailto:unsubscribe@samling.test?subject=unsubscribe%20${token}>`,
    ])
    expect(header(mail, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe=One-Click'])
    expect(header(mail, 'List-Id')).toEqual(['Samling <registration-opened.samling.test>'])
    expect(mail.text).toContain('Tid: fre 12 feb 2027, kl. 09.00–16.30 (svensk tid)')
    expect(mail.text).toContain('Anmäl dig:\nhttps://samling.test/events/rekryteringslabbet\n')
    expect(mail.text).toContain(`https://samling.test/unsubscribe/${token}`)
    // The title is text in the HTML part, never markup.
    expect(mail.html).toContain('Rekryteringslabbet &lt;Umeå&gt;')
    expect(mail.html).not.toContain('<Umeå>')
  })

  it('in English the notification’s unsubscribe page opens in English', async () => {
    const { mail } = await sendAndReceive(registrationOpened('en'))
    const token = unsubscribeToken('deltagare@kommun.se')
    expect(mail.subject).toBe('Registration is open: Rekryteringslabbet <Umeå>')
    expect(header(mail, 'List-Unsubscribe')[0]).toContain(`<https://samling.test/unsubscribe/${token}?lang=en>`)
    expect(mail.text).toContain(`https://samling.test/unsubscribe/${token}?lang=en`)
  })

  it('a changed event is transactional (people must learn it moved): no unsubscribe headers; Stockholm time, place and event link in the text', async () => {
    const { mail } = await sendAndReceive(eventChange('sv'))
    expect(mail.replyTo?.text).toBe('arrangor@motesplats.se')
    expect(mail.subject).toBe('Ny tid: Välfärdens innovationsdag <Eskilstuna>')
    expect(header(mail, 'List-Unsubscribe')).toEqual([])
    expect(header(mail, 'List-Unsubscribe-Post')).toEqual([])
    // Outlook copies the text body into the calendar entry: every fact must be there.
    expect(mail.text).toContain('Evenemang: Välfärdens innovationsdag <Eskilstuna>')
    expect(mail.text).toContain('Ny tid: fre 12 feb 2027, kl. 09.00–16.30 (svensk tid)')
    expect(mail.text).toContain('Plats: Munktell Science Park, Eskilstuna')
    expect(mail.text).toContain('Mer information:\nhttps://samling.test/events/valfardens-innovationsdag\n')
    expect(mail.text).toContain('Lokalen behövs på morgonen.')
    expect(mail.text).not.toContain('/unsubscribe/')
    expect(mail.html).toContain('Välfärdens innovationsdag &lt;Eskilstuna&gt;')
    expect(mail.html).not.toContain('<Eskilstuna>')
  })

  it('the same change in English uses English words and the English time format', async () => {
    const { mail } = await sendAndReceive(eventChange('en', 'cancelled'))
    expect(mail.subject).toBe('Cancelled: Välfärdens innovationsdag <Eskilstuna>')
    expect(header(mail, 'Content-Language')).toEqual(['en'])
    expect(mail.text).toContain('Planned time: Fri 12 Feb 2027, 09:00–16:30 (Swedish time)')
    expect(mail.text).toContain('More information:\nhttps://samling.test/events/valfardens-innovationsdag\n')
    expect(mail.text).toContain('is cancelled and will not take place.')
    expect(mail.text).not.toContain('svensk tid')
    expect(header(mail, 'List-Unsubscribe-Post')).toEqual([])
  })

  it('everyone who gets the same notification gets their own unsubscribe link, in the headers and in both parts', async () => {
    const before = sink.messages.length
    const recipients = ['first@kommun.se', 'second@kommun.se', 'third@kommun.se']
    await db.$transaction(async (tx) => {
      for (const to of recipients) await enqueueMail(tx, { ...registrationOpened('sv'), to })
    })
    expect(await processOutboxOnce({ transport })).toMatchObject({ sent: 3 })
    const mails = await Promise.all(sink.messages.slice(before).map((message) => simpleParser(message.raw)))
    for (const to of recipients) {
      const mail = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.text === to)!
      const own = `https://samling.test/unsubscribe/${unsubscribeToken(to)}`
      expect(header(mail, 'List-Unsubscribe')[0]).toContain(`<${own}>`)
      expect(mail.text).toContain(own)
      expect(mail.html).toContain(`href="${own}"`)
      for (const other of recipients.filter((r) => r !== to)) expect(mail.text).not.toContain(unsubscribeToken(other))
      expect(mail.text).not.toContain('unsubscribe.invalid')
    }
  })
})
