import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { unsubscribeToken } from '../../app/mail/unsubscribe.server.ts'
import { processOutboxOnce, SKIPPED_UNSUBSCRIBED } from '../../app/mail/worker.server.ts'
import { notifyOrganizers, scheduleDigests } from '../../app/registrations/organizer-notices.server.ts'
import { action as membersAction, loader as membersLoader } from '../../app/routes/organizer.$org.members.tsx'
import { action as unsubscribeAction } from '../../app/routes/unsubscribe.$token.tsx'
import { call, cookieFor, createMember, getRequest, ORIGIN, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

let org: { id: string; slug: string }
let sink: SmtpSink
let transport: MailTransport
let people: Record<'immediate' | 'daily' | 'off', { id: string; email: string }>

beforeAll(async () => {
  setConfig({ ...config(), mailFrom: 'Samling <no-reply@samling.test>', appUrl: 'https://samling.test' })
  org = await db.organization.create({ data: { slug: 'norr-notices', name: 'Social Innovation i Norr' } })
  people = {
    immediate: await createMember(org.id, 'organizer', 'direkt'),
    daily: await createMember(org.id, 'owner', 'daglig'),
    off: await createMember(org.id, 'viewer', 'av'),
  }
  for (const [frequency, person] of Object.entries(people)) {
    await db.membership.update({
      where: { organizationId_personId: { organizationId: org.id, personId: person.id } },
      data: { registrationDigest: frequency as 'immediate' | 'daily' | 'off' },
    })
  }
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
})
afterAll(async () => {
  await transport?.close()
  await sink?.close()
})
beforeEach(async () => {
  await db.outboxMessage.deleteMany()
  await db.mailOptOut.deleteMany()
  sink.messages.length = 0
})

/** What the lead's registration domain does: the change, then notifyOrganizers, in one transaction. */
async function register(eventId: string, data: Parameters<typeof createRegistration>[1]) {
  const registration = await createRegistration(eventId, data)
  await db.$transaction((tx) => notifyOrganizers(tx, { eventId, change: 'registered', registrationId: registration.id }))
  return registration
}

const queued = (template: string) =>
  db.outboxMessage.findMany({ where: { template }, select: { recipient: true, dedupKey: true }, orderBy: { recipient: 'asc' } })

describe('organizer notifications', () => {
  it('“immediate” members get one mail per registration and cancellation; “daily” and “off” members none', async () => {
    const event = await createEvent(org.id, { capacityOnSite: 50, titleSv: 'Forskarlunchen' })
    const anna = await register(event.id, { name: 'Anna Svensson' })
    await db.registration.update({ where: { id: anna.id }, data: { status: 'cancelled', cancelledAt: new Date() } })
    await db.$transaction((tx) => notifyOrganizers(tx, { eventId: event.id, change: 'cancelled', registrationId: anna.id }))
    expect((await queued('organizer-registrations')).map((row) => row.recipient)).toEqual([people.immediate.email, people.immediate.email])

    await processOutboxOnce({ transport })
    const subjects = await Promise.all(sink.messages.map(async (message) => (await simpleParser(message.raw)).subject))
    expect(subjects.sort()).toEqual(['Avanmälan: Anna Svensson från Forskarlunchen', 'Ny anmälan: Anna Svensson till Forskarlunchen'])
    const mail = await simpleParser(sink.messages[0].raw)
    expect(mail.text).toContain(`https://samling.test/organizer/${org.slug}/events/${event.id}/registrations`)
    expect(mail.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(true)
  })

  it('taking the last place of a mode sends one “full” notice per member who gets registration mail, once per capacity', async () => {
    const event = await createEvent(org.id, { format: 'hybrid', onlineUrl: 'https://stream.example.se/x', capacityOnSite: 2, capacityOnline: null })
    await register(event.id, {})
    expect(await queued('event-full')).toEqual([])
    await register(event.id, {})
    await register(event.id, { status: 'waitlisted' })
    await register(event.id, { attendanceMode: 'online' })
    const full = await queued('event-full')
    expect(full.map((row) => row.recipient).sort()).toEqual([people.daily.email, people.immediate.email].sort())

    await processOutboxOnce({ transport })
    const notice = (await Promise.all(sink.messages.map((message) => simpleParser(message.raw)))).find((mail) => mail.subject?.startsWith('Fullt'))!
    expect(notice.subject).toBe(`Fullt på plats: ${event.titleSv}`)
    expect(notice.text).toContain(`Alla 2 platser på plats till ${event.titleSv} (fre 12 feb 2027, kl. 09.00–16.00) är tagna.`)

    // A cancellation and a new registration at the same capacity: no second notice. A raised capacity that fills up: a new one.
    await register(event.id, {})
    expect((await queued('event-full')).length).toBe(2)
    await db.event.update({ where: { id: event.id }, data: { capacityOnSite: 4 } })
    await register(event.id, {})
    expect((await queued('event-full')).length).toBe(4)
  })

  it('the daily digest goes from 07.00 Stockholm time, lists yesterday per event with names, once per member and day', async () => {
    const event = await createEvent(org.id, { titleSv: 'Sörmlandsdagen' })
    const other = await createEvent(org.id, { titleSv: 'Tyst evenemang' })
    // 2027-02-10 in Stockholm (UTC+1): 23:30 UTC the evening before is already the 10th there.
    await createRegistration(event.id, { name: 'Tidig Tisdag', createdAt: new Date('2027-02-09T23:30:00.000Z') })
    await createRegistration(event.id, { name: 'Sam Okafor', status: 'waitlisted', createdAt: new Date('2027-02-10T12:00:00.000Z') })
    await createRegistration(event.id, {
      name: 'Karl Berg',
      status: 'cancelled',
      createdAt: new Date('2027-01-02T12:00:00.000Z'),
      cancelledAt: new Date('2027-02-10T15:00:00.000Z'),
    })
    await createRegistration(event.id, { name: 'För tidig', createdAt: new Date('2027-02-09T22:30:00.000Z') })
    await createRegistration(other.id, { name: 'Idag Redan', createdAt: new Date('2027-02-11T05:00:00.000Z') })

    expect(await scheduleDigests({ now: new Date('2027-02-11T05:59:00.000Z') })).toEqual({ queued: 0 }) // 06.59
    expect(await scheduleDigests({ now: new Date('2027-02-11T06:00:00.000Z') })).toEqual({ queued: 1 }) // 07.00
    expect(await scheduleDigests({ now: new Date('2027-02-11T09:00:00.000Z') })).toEqual({ queued: 0 })
    expect(await queued('organizer-registrations')).toEqual([{ recipient: people.daily.email, dedupKey: `digest:${people.daily.id}:2027-02-10` }])

    await processOutboxOnce({ transport })
    const mail = await simpleParser(sink.messages[0].raw)
    expect(mail.subject).toBe('Anmälningar onsdag 10 februari 2027: 2 nya, 1 avanmälda')
    expect(mail.text).toContain(
      [
        'Sörmlandsdagen',
        'Nya anmälningar (2):',
        '- Tidig Tisdag (på plats)',
        '- Sam Okafor (på plats, på väntelistan)',
        'Avanmälningar (1):',
        '- Karl Berg',
      ].join('\n'),
    )
    expect(mail.text).toContain('Just nu: 2 anmälda, 1 på väntelistan')
    expect(mail.text).not.toContain('Tyst evenemang')
    expect(mail.text).not.toContain('För tidig')
  })

  it('someone who unsubscribed gets no organizer notifications: the worker closes them with a note', async () => {
    const event = await createEvent(org.id, {})
    const token = unsubscribeToken(people.immediate.email)
    const body = new URLSearchParams({ 'List-Unsubscribe': 'One-Click' })
    await call(unsubscribeAction, new Request(`${ORIGIN}/unsubscribe/${token}`, { method: 'POST', body }), { token })
    await register(event.id, {})
    expect(await processOutboxOnce({ transport })).toMatchObject({ claimed: 1, sent: 0, skipped: 1 })
    expect((await db.outboxMessage.findFirstOrThrow()).lastError).toBe(SKIPPED_UNSUBSCRIBED)
    expect(sink.messages).toEqual([])
  })
})

describe('“Mina aviseringar” in the console', () => {
  it('any member, a viewer too, chooses their own frequency; the page shows the choice', async () => {
    const cookie = await cookieFor(people.off.id)
    const page = `/organizer/${org.slug}/members`
    const before = await call(membersLoader, getRequest(page, cookie), { org: org.slug })
    expect(await before.json()).toMatchObject({ registrationDigest: 'off' })
    const saved = await call(membersAction, postRequest(page, { intent: 'notifications', registrationDigest: 'immediate' }, cookie), { org: org.slug })
    expect(saved.status).toBe(200)
    expect(await saved.json()).toEqual({ intent: 'notifications', message: 'Dina aviseringar är sparade.' })
    const after = await call(membersLoader, getRequest(page, cookie), { org: org.slug })
    expect(await after.json()).toMatchObject({ registrationDigest: 'immediate' })
    // Other members' choices are untouched.
    const others = await db.membership.findMany({ where: { organizationId: org.id, personId: { not: people.off.id } }, select: { registrationDigest: true } })
    expect(others.map((m) => m.registrationDigest).sort()).toEqual(['daily', 'immediate'])
    await db.membership.update({ where: { organizationId_personId: { organizationId: org.id, personId: people.off.id } }, data: { registrationDigest: 'off' } })
  })

  it('a value that is no choice is a 400 next to the form, and nothing changes', async () => {
    const cookie = await cookieFor(people.off.id)
    const response = await call(
      membersAction,
      postRequest(`/organizer/${org.slug}/members`, { intent: 'notifications', registrationDigest: 'hourly' }, cookie),
      {
        org: org.slug,
      },
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ intent: 'notifications' })
    const membership = await db.membership.findUniqueOrThrow({ where: { organizationId_personId: { organizationId: org.id, personId: people.off.id } } })
    expect(membership.registrationDigest).toBe('off')
  })
})
