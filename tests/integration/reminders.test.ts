import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { reminderDedupKey, scheduleReminders } from '../../app/registrations/reminders.server.ts'
import { manageToken } from '../../app/registrations/tokens.server.ts'
import { createOrganization } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

const STARTS = new Date('2027-02-12T08:00:00.000Z') // 09.00 in Stockholm
const hours = (h: number, from = STARTS) => new Date(from.getTime() + h * 3600_000)
const minutes = (m: number, from = STARTS) => new Date(from.getTime() + m * 60_000)

let org: { id: string }
let sink: SmtpSink
let transport: MailTransport

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test' })
  org = await createOrganization('sormland-reminders', 'Region Sörmland')
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
})
afterAll(async () => {
  await transport?.close()
  await sink?.close()
})
beforeEach(async () => {
  await db.outboxMessage.deleteMany()
  await db.registration.deleteMany()
  await db.event.deleteMany()
  sink.messages.length = 0
})

const reminders = () =>
  db.outboxMessage.findMany({
    where: { template: 'registration-reminder' },
    select: { recipient: true, dedupKey: true },
    orderBy: [{ recipient: 'asc' }, { dedupKey: 'asc' }],
  })

describe('who gets a reminder, and when (pinned clock)', () => {
  it('the 24 h reminder goes to those registered before its time; a late registrant gets only the 1 h one', async () => {
    const event = await createEvent(org.id, { startsAt: STARTS, endsAt: hours(7) })
    const early = await createRegistration(event.id, { email: 'tidig@kommun.se', createdAt: hours(-72) })
    const late = await createRegistration(event.id, { email: 'sen@kommun.se', createdAt: hours(-3) })
    await createRegistration(event.id, { email: 'avanmald@kommun.se', status: 'cancelled', createdAt: hours(-72) })
    await createRegistration(event.id, { email: 'vantar@kommun.se', status: 'waitlisted', createdAt: hours(-72) })
    await createRegistration(event.id, { email: 'intresse@kommun.se', status: 'interest', createdAt: hours(-72) })

    expect(await scheduleReminders({ now: minutes(-24 * 60 - 1) })).toEqual({ queued: 0 })
    expect(await scheduleReminders({ now: minutes(-24 * 60 + 1) })).toEqual({ queued: 1 })
    expect(await reminders()).toEqual([{ recipient: 'tidig@kommun.se', dedupKey: reminderDedupKey('24h', early.id, STARTS) }])

    // Three hours before: the late registrant registered after the 24 h reminder's time, so none for them.
    expect(await scheduleReminders({ now: hours(-2) })).toEqual({ queued: 0 })
    expect(await scheduleReminders({ now: minutes(-59) })).toEqual({ queued: 2 })
    expect(await reminders()).toEqual([
      { recipient: 'sen@kommun.se', dedupKey: reminderDedupKey('1h', late.id, STARTS) },
      { recipient: 'tidig@kommun.se', dedupKey: reminderDedupKey('1h', early.id, STARTS) },
      { recipient: 'tidig@kommun.se', dedupKey: reminderDedupKey('24h', early.id, STARTS) },
    ])
    // Once it has started, nothing more.
    expect(await scheduleReminders({ now: minutes(1) })).toEqual({ queued: 0 })
  })

  it('someone promoted from the waitlist after the 24 h mark gets only the 1 h reminder', async () => {
    const event = await createEvent(org.id, { startsAt: STARTS, endsAt: hours(7) })
    await createRegistration(event.id, { createdAt: hours(-72), promotedAt: hours(-5) })
    expect(await scheduleReminders({ now: hours(-4) })).toEqual({ queued: 0 })
    expect(await scheduleReminders({ now: minutes(-55) })).toEqual({ queued: 1 })
  })

  it('a worker that was down does not send the 24 h reminder after the 1 h mark, nor any after the start', async () => {
    const event = await createEvent(org.id, { startsAt: STARTS, endsAt: hours(7) })
    await createRegistration(event.id, { createdAt: hours(-72) })
    expect(await scheduleReminders({ now: minutes(-30) })).toEqual({ queued: 1 })
    expect((await db.outboxMessage.findFirstOrThrow()).dedupKey).toMatch(/^reminder:1h:/)
  })

  it('cancelled, postponed and draft events get no reminders', async () => {
    for (const status of ['cancelled', 'postponed', 'draft'] as const) {
      const event = await createEvent(org.id, { status, cancellationReason: status === 'cancelled' ? 'Sjukdom' : null, startsAt: STARTS, endsAt: hours(7) })
      await createRegistration(event.id, { createdAt: hours(-72) })
    }
    expect(await scheduleReminders({ now: hours(-23) })).toEqual({ queued: 0 })
    expect(await scheduleReminders({ now: minutes(-30) })).toEqual({ queued: 0 })
  })

  it('running it again, or in several processes at once, queues each reminder once', async () => {
    const event = await createEvent(org.id, { startsAt: STARTS, endsAt: hours(7) })
    for (let i = 0; i < 5; i++) await createRegistration(event.id, { createdAt: hours(-72) })
    const results = await Promise.all([0, 1, 2].map(() => scheduleReminders({ now: hours(-23) })))
    expect(results.reduce((sum, result) => sum + result.queued, 0)).toBe(5)
    expect(await scheduleReminders({ now: hours(-22) })).toEqual({ queued: 0 })
    expect(await db.outboxMessage.count()).toBe(5)
  })

  it('an event moved to a later day gets new reminders for its new time', async () => {
    const event = await createEvent(org.id, { startsAt: STARTS, endsAt: hours(7) })
    await createRegistration(event.id, { createdAt: hours(-72) })
    expect(await scheduleReminders({ now: hours(-23) })).toEqual({ queued: 1 })
    const later = hours(48)
    await db.event.update({ where: { id: event.id }, data: { startsAt: later, endsAt: hours(7, later) } })
    expect(await scheduleReminders({ now: hours(-23) })).toEqual({ queued: 0 })
    expect(await scheduleReminders({ now: hours(-23, later) })).toEqual({ queued: 1 })
  })
})

describe('what a reminder says', () => {
  it('an online attendee of a hybrid event gets the stream link and their manage link; the outbox keeps neither in clear', async () => {
    const event = await createEvent(org.id, { format: 'hybrid', onlineUrl: 'https://stream.example.se/sisd-hemlig', startsAt: STARTS, endsAt: hours(7) })
    const online = await createRegistration(event.id, { email: 'digital@kommun.se', attendanceMode: 'online', createdAt: hours(-72) })
    await scheduleReminders({ now: hours(-23) })
    const row = await db.outboxMessage.findFirstOrThrow()
    expect(JSON.stringify(row.payload)).not.toContain('sisd-hemlig')
    expect(JSON.stringify(row.payload)).not.toContain(manageToken(online))

    expect(await processOutboxOnce({ transport, now: hours(-23) })).toMatchObject({ sent: 1 })
    const mail = await simpleParser(sink.messages[0].raw)
    expect(mail.subject).toBe(`Påminnelse: ${event.titleSv} börjar fre 12 feb 2027, kl. 09.00`)
    expect(mail.text).toContain('Tid: fre 12 feb 2027, kl. 09.00–16.00 (svensk tid)')
    expect(mail.text).toContain('Plats: Digitalt')
    expect(mail.text).toContain('Länk till sändningen:\nhttps://stream.example.se/sisd-hemlig\n')
    expect(mail.text).toContain(`Din anmälan:\nhttps://samling.test/registrations/${manageToken(online)}\n`)
    expect(mail.html).toContain('href="https://stream.example.se/sisd-hemlig"')
    // A reminder answers the person's own registration: no unsubscribe headers.
    expect(mail.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(false)
    // Once sent, the secrets are gone from the database.
    expect(JSON.stringify((await db.outboxMessage.findFirstOrThrow()).payload)).toContain('$redacted')
  })

  it('an on-site event’s reminder, in English, has the venue and no stream link', async () => {
    const event = await createEvent(org.id, { startsAt: STARTS, endsAt: hours(7) })
    await createRegistration(event.id, { locale: 'en', createdAt: hours(-72) })
    await scheduleReminders({ now: minutes(-50) })
    await processOutboxOnce({ transport, now: minutes(-50) })
    const mail = await simpleParser(sink.messages[0].raw)
    expect(mail.subject).toBe(`${event.titleEn} starts soon (Fri 12 Feb 2027, 09:00)`)
    expect(mail.text).toContain('Place: Munktellarenan, Verkstadsgatan 5, 632 20 Eskilstuna')
    expect(mail.text).not.toContain('stream')
  })
})
