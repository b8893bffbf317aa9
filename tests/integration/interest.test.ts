import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { scheduleOpenedRegistrations } from '../../app/registrations/interest.server.ts'
import { action as editAction, loader as editLoader } from '../../app/routes/organizer.$org.events.$id._index.tsx'
import { call, cookieFor, createMember, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

let org: { id: string; slug: string }
let cookie: string
let sink: SmtpSink
let transport: MailTransport

beforeAll(async () => {
  setConfig({ ...config(), mailFrom: 'Samling <no-reply@samling.test>', appUrl: 'https://samling.test' })
  org = await db.organization.create({ data: { slug: 'sopact-interest', name: 'Sopact', contactEmail: 'lab@sopact.se' } })
  cookie = await cookieFor((await createMember(org.id, 'organizer')).id)
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
})
afterAll(async () => {
  await transport?.close()
  await sink?.close()
})
beforeEach(async () => {
  await db.outboxMessage.deleteMany()
  sink.messages.length = 0
})

async function save(eventId: string, changes: Record<string, string>) {
  const params = { org: org.slug, id: eventId }
  const shown = await call(editLoader, getRequest(`/organizer/${org.slug}/events/${eventId}`, cookie), params)
  const { values } = (await shown.json()) as { values: Record<string, string> }
  const response = await call(editAction, postRequest(`/organizer/${org.slug}/events/${eventId}`, { ...values, ...changes, intent: 'save' }, cookie), params)
  expect(response.status).toBe(302)
}

const opened = () => db.outboxMessage.findMany({ where: { template: 'registration-opened' }, select: { recipient: true }, orderBy: { recipient: 'asc' } })

describe('“registration is open” for people who showed interest', () => {
  it('switching an interest-only event to open registration mails each interested person once, in the same save', async () => {
    const event = await createEvent(org.id, {
      registrationMode: 'interest_only',
      titleSv: 'Rekryteringslabbet',
      startsAt: new Date('2030-03-18T12:00:00.000Z'),
      endsAt: new Date('2030-03-18T15:00:00.000Z'),
    })
    const anna = await createRegistration(event.id, { email: 'anna@kommun.se', status: 'interest' })
    await createRegistration(event.id, { email: 'sam@region.se', status: 'interest', locale: 'en' })
    await createRegistration(event.id, { email: 'redan@kommun.se', status: 'confirmed' })

    await save(event.id, { summarySv: 'Ny sammanfattning.' })
    expect(await opened()).toEqual([])

    await save(event.id, { registrationMode: 'open' })
    expect(await opened()).toEqual([{ recipient: 'anna@kommun.se' }, { recipient: 'sam@region.se' }])
    expect((await db.registration.findUniqueOrThrow({ where: { id: anna.id } })).interestNotifiedAt).not.toBeNull()

    // Saving again, or the minute's sweep, mails nobody a second time.
    await save(event.id, { registrationMode: 'open', summarySv: 'Ännu en.' })
    expect(await scheduleOpenedRegistrations({ now: new Date() })).toEqual({ queued: 0 })
    expect((await opened()).length).toBe(2)

    await processOutboxOnce({ transport })
    const mails = await Promise.all(sink.messages.map((message) => simpleParser(message.raw)))
    const sv = mails.find((mail) => mail.subject?.startsWith('Nu kan'))!
    expect(sv.subject).toBe('Nu kan du anmäla dig: Rekryteringslabbet')
    expect(sv.text).toContain(`Anmäl dig:\nhttps://samling.test/events/${event.slug}\n`)
    expect(sv.replyTo?.text).toBe('lab@sopact.se')
    const en = mails.find((mail) => mail.subject?.startsWith('Registration is open'))!
    expect(en.text).toContain(`https://samling.test/en/events/${event.slug}`)
  })

  it('when the registration window opens later, the sweep after its opening time mails once, also when run twice at once', async () => {
    const opensAt = new Date('2030-02-01T08:00:00.000Z')
    const event = await createEvent(org.id, {
      registrationMode: 'open',
      registrationOpensAt: opensAt,
      startsAt: new Date('2030-03-18T12:00:00.000Z'),
      endsAt: new Date('2030-03-18T15:00:00.000Z'),
    })
    for (let i = 0; i < 3; i++) await createRegistration(event.id, { status: 'interest' })
    expect(await scheduleOpenedRegistrations({ now: new Date(opensAt.getTime() - 60_000) })).toEqual({ queued: 0 })
    const runs = await Promise.all([0, 1].map(() => scheduleOpenedRegistrations({ now: new Date(opensAt.getTime() + 60_000) })))
    expect(runs.reduce((sum, run) => sum + run.queued, 0)).toBe(3)
    expect(await scheduleOpenedRegistrations({ now: new Date(opensAt.getTime() + 120_000) })).toEqual({ queued: 0 })
  })

  it('nothing for drafts, cancelled events, closed windows or events that already began', async () => {
    const past = { startsAt: new Date('2020-03-18T12:00:00.000Z'), endsAt: new Date('2020-03-18T15:00:00.000Z') }
    const future = { startsAt: new Date('2030-03-18T12:00:00.000Z'), endsAt: new Date('2030-03-18T15:00:00.000Z') }
    const events = [
      await createEvent(org.id, { status: 'draft', ...future }),
      await createEvent(org.id, { status: 'cancelled', cancellationReason: 'Inställt', ...future }),
      await createEvent(org.id, {
        registrationClosesAt: new Date('2021-01-01T00:00:00.000Z'),
        registrationOpensAt: new Date('2020-12-01T00:00:00.000Z'),
        ...future,
      }),
      await createEvent(org.id, past),
      await createEvent(org.id, { registrationMode: 'interest_only', ...future }),
    ]
    for (const event of events) await createRegistration(event.id, { status: 'interest' })
    expect(await scheduleOpenedRegistrations({ now: new Date() })).toEqual({ queued: 0 })
  })
})
