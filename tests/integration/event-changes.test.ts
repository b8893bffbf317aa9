import { randomUUID } from 'node:crypto'
import ICAL from 'ical.js'
import { simpleParser, type ParsedMail } from 'mailparser'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { calendarUid } from '../../app/calendar/uid.ts'
import { StatusPanel } from '../../app/components/console/status-panel.tsx'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { countAffectedRegistrants } from '../../app/events/changes.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { manageToken, manageTokenHash } from '../../app/registrations/tokens.server.ts'
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
  org = await db.organization.create({ data: { slug: 'sormland-changes', name: 'Region Sörmland', contactEmail: 'info@regionsormland.se' } })
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

/** A published hybrid day with two confirmed places (sv, en), one on the waitlist, one cancelled and one interest. */
async function eventWithPeople(data: Parameters<typeof createEvent>[1] = {}) {
  const event = await createEvent(org.id, { format: 'hybrid', onlineUrl: 'https://stream.example.se/rum-1', ...data })
  const people = {
    anna: await createRegistration(event.id, { email: 'anna@kommun.se', attendanceMode: 'on_site' }),
    sam: await createRegistration(event.id, { email: 'sam@region.se', attendanceMode: 'online', locale: 'en' }),
    vera: await createRegistration(event.id, { email: 'vera@kommun.se', status: 'waitlisted' }),
    carl: await createRegistration(event.id, { email: 'carl@kommun.se', status: 'cancelled' }),
    ida: await createRegistration(event.id, { email: 'ida@kommun.se', status: 'interest' }),
  }
  return { event, people }
}

const params = (id: string) => ({ org: org.slug, id })

/** The edit form as the console shows it, with some fields changed, posted as the organizer. */
async function save(eventId: string, changes: Record<string, string>) {
  const shown = await call(editLoader, getRequest(`/organizer/${org.slug}/events/${eventId}`, cookie), params(eventId))
  const { values } = (await shown.json()) as { values: Record<string, string> }
  const response = await call(
    editAction,
    postRequest(`/organizer/${org.slug}/events/${eventId}`, { ...values, ...changes, intent: 'save' }, cookie),
    params(eventId),
  )
  expect(response.status).toBe(302)
}

async function status(eventId: string, fields: Record<string, string>) {
  const response = await call(editAction, postRequest(`/organizer/${org.slug}/events/${eventId}`, fields, cookie), params(eventId))
  expect(response.status).toBe(302)
}

type Received = { to: string; mail: ParsedMail; raw: string; calendar?: string }

/** Sends everything queued through the real worker and SMTP and parses what arrived, by recipient. */
async function deliver(): Promise<Map<string, Received>> {
  await processOutboxOnce({ transport, batchSize: 100 })
  const received = new Map<string, Received>()
  for (const message of sink.messages) {
    const mail = await simpleParser(message.raw)
    const part = mail.attachments.find((attachment) => attachment.contentType === 'text/calendar')
    received.set(message.to[0], { to: message.to[0], mail, raw: message.raw.toString('utf8'), calendar: part?.content.toString('utf8') })
  }
  sink.messages.length = 0
  return received
}

function parseCalendar(text: string) {
  ICAL.TimezoneService.reset()
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  const vevent = calendar.getFirstSubcomponent('vevent')!
  return { method: calendar.getFirstPropertyValue('method'), vevent, event: new ICAL.Event(vevent) }
}

const mimeMethod = (raw: string) => /Content-Type:\s*text\/calendar;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/i.exec(raw)?.[0].match(/method=("?)(\w+)\1/i)?.[2]

describe('an organizer changes a published event', () => {
  it('before saving, the console says how many people will be mailed, next to save, cancel and postpone', async () => {
    const { event } = await eventWithPeople()
    expect(await countAffectedRegistrants(event.id)).toBe(3)
    const shown = await call(editLoader, getRequest(`/organizer/${org.slug}/events/${event.id}`, cookie), params(event.id))
    expect(await shown.json()).toMatchObject({ affected: 3 })
    const panel = (props: { locale: 'sv' | 'en'; affected: number }) => {
      const element = createElement(StatusPanel, { ...props, action: '/x', status: 'published', revision: 0, cancellationReason: null })
      return renderToString(createElement(RouterProvider, { router: createMemoryRouter([{ path: '/', element }]) }))
    }
    // Once on the cancel form and once on the postpone form.
    expect(panel({ locale: 'sv', affected: 3 }).match(/3 personer får ett mejl om ändringen\./g)).toHaveLength(2)
    expect(panel({ locale: 'en', affected: 1 })).toContain('1 person will get an email about the change.')
  })

  it('a new time reaches each registrant once, with an updated REQUEST with a higher SEQUENCE; the waitlist gets the news without an invitation', async () => {
    const { event, people } = await eventWithPeople()
    await save(event.id, { startsAt: '2027-02-12T10:00', endsAt: '2027-02-12T17:00' })
    const updated = await db.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(updated.revision).toBe(event.revision + 1)

    const mails = await deliver()
    expect([...mails.keys()].sort()).toEqual(['anna@kommun.se', 'sam@region.se', 'vera@kommun.se'])

    const anna = mails.get('anna@kommun.se')!
    expect(anna.mail.subject).toBe(`Ny tid: ${event.titleSv}`)
    expect(anna.mail.text).toContain('Ny tid: fre 12 feb 2027, kl. 10.00–17.00 (svensk tid)')
    expect(anna.mail.text).toContain('Plats: Munktellarenan, Verkstadsgatan 5, 632 20 Eskilstuna')
    expect(anna.mail.text).toContain(`Din anmälan:\nhttps://samling.test/registrations/${manageToken(people.anna)}\n`)
    expect(anna.mail.replyTo?.text).toBe('info@regionsormland.se')
    // Transactional: people must learn that their event moved, unsubscribed or not.
    expect(anna.mail.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(false)
    expect(mimeMethod(anna.raw)).toBe('REQUEST')
    const invite = parseCalendar(anna.calendar!)
    expect(invite.method).toBe('REQUEST')
    expect(invite.event.uid).toBe(calendarUid({ kind: 'event', id: event.id }))
    expect(invite.event.sequence).toBe(event.revision + 1)
    expect(invite.event.startDate.toJSDate().toISOString()).toBe('2027-02-12T09:00:00.000Z')
    // The stream link did not change, so it does not travel (it comes with the reminder).
    expect(anna.mail.text).not.toContain('rum-1')

    const sam = mails.get('sam@region.se')!
    expect(sam.mail.subject).toBe(`New time: ${event.titleEn}`)
    expect(sam.mail.text).toContain('Place: Online')
    expect(parseCalendar(sam.calendar!).event.sequence).toBe(event.revision + 1)

    const vera = mails.get('vera@kommun.se')!
    expect(vera.calendar).toBeUndefined()
    expect(vera.mail.text).toContain('Du får det här mejlet eftersom du står på väntelistan till evenemanget.')

    const audit = await db.auditEntry.findFirstOrThrow({ where: { entityId: event.id, action: 'event.attendeesNotified' } })
    expect(audit.data).toEqual({ changes: ['time'], revision: event.revision + 1, mailed: 3 })
  })

  it('a text-only edit mails nobody and leaves the revision alone', async () => {
    const { event } = await eventWithPeople()
    await save(event.id, { titleSv: 'Innovationsdagen – nytt namn', descriptionSv: 'Ny beskrivning.' })
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).revision).toBe(event.revision)
    expect(await db.outboxMessage.count()).toBe(0)
  })

  it('time and place at once are one mail per person, not two', async () => {
    const { event } = await eventWithPeople()
    await save(event.id, { startsAt: '2027-02-13T09:00', endsAt: '2027-02-13T16:00', venueName: 'Stadsbiblioteket' })
    const mails = await deliver()
    expect(mails.size).toBe(3)
    const anna = mails.get('anna@kommun.se')!.mail
    expect(anna.subject).toBe(`Ändrat: ${event.titleSv}`)
    expect(anna.text).toContain('Tiden för')
    expect(anna.text).toContain('Platsen för')
    expect(anna.text).toContain('Ny plats: Stadsbiblioteket, Verkstadsgatan 5, 632 20 Eskilstuna')
  })

  it('a new stream link goes only to people entitled to it, and the outbox keeps it encrypted until sent', async () => {
    const { event } = await eventWithPeople()
    await save(event.id, { onlineUrl: 'https://stream.example.se/nytt-rum-2' })
    const rows = await db.outboxMessage.findMany()
    // Both confirmed people (a hybrid event: on-site people may watch too), not the waitlist.
    expect(rows.map((row) => row.recipient).sort()).toEqual(['anna@kommun.se', 'sam@region.se'])
    for (const row of rows) expect(JSON.stringify(row.payload)).not.toContain('nytt-rum-2')
    const mails = await deliver()
    const sam = mails.get('sam@region.se')!
    expect(sam.mail.subject).toBe(`New stream link: ${event.titleEn}`)
    expect(sam.mail.text).toContain('New stream link:\nhttps://stream.example.se/nytt-rum-2\n')
    // The calendar entry does not carry the link, so nothing there changes.
    expect(sam.calendar).toBeUndefined()
    for (const row of await db.outboxMessage.findMany()) expect(JSON.stringify(row.payload)).not.toContain('nytt-rum-2')
  })

  it('cancelling sends CANCEL with the reason to everyone with a place, and the news to the waitlist', async () => {
    const { event } = await eventWithPeople()
    await status(event.id, { intent: 'cancel', reason: 'Lokalen har brunnit. Vi hör av oss om ett nytt datum.' })
    const mails = await deliver()
    expect([...mails.keys()].sort()).toEqual(['anna@kommun.se', 'sam@region.se', 'vera@kommun.se'])
    for (const to of ['anna@kommun.se', 'sam@region.se']) {
      const { mail, raw, calendar } = mails.get(to)!
      expect(mail.text).toContain('Lokalen har brunnit. Vi hör av oss om ett nytt datum.')
      expect(mimeMethod(raw)).toBe('CANCEL')
      const cancel = parseCalendar(calendar!)
      expect(cancel.method).toBe('CANCEL')
      expect(cancel.event.uid).toBe(calendarUid({ kind: 'event', id: event.id }))
      expect(cancel.event.sequence).toBe(event.revision + 1)
    }
    expect(mails.get('anna@kommun.se')!.mail.subject).toBe(`Inställt: ${event.titleSv}`)
    expect(mails.get('vera@kommun.se')!.calendar).toBeUndefined()

    // Brought back: a REQUEST that outranks the CANCEL.
    await status(event.id, { intent: 'publish' })
    const back = await deliver()
    const anna = back.get('anna@kommun.se')!
    expect(anna.mail.subject).toBe(`Blir av igen: ${event.titleSv}`)
    expect(parseCalendar(anna.calendar!).event.sequence).toBe(event.revision + 2)
  })

  it('postponing sends a REQUEST with the note', async () => {
    const { event } = await eventWithPeople()
    await status(event.id, { intent: 'postpone', note: 'Vi återkommer med nytt datum i vår.' })
    const anna = (await deliver()).get('anna@kommun.se')!
    expect(anna.mail.subject).toBe(`Uppskjutet: ${event.titleSv}`)
    expect(anna.mail.text).toContain('Vi återkommer med nytt datum i vår.')
    expect(anna.mail.text).toContain('Planerad tid: fre 12 feb 2027, kl. 09.00–16.00 (svensk tid)')
    expect(parseCalendar(anna.calendar!).method).toBe('REQUEST')
  })

  it('a draft’s new time mails nobody (nobody expects it), though the revision still goes up', async () => {
    const { event } = await eventWithPeople({ status: 'draft' })
    await save(event.id, { startsAt: '2027-02-12T10:00', endsAt: '2027-02-12T17:00' })
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).revision).toBe(event.revision + 1)
    expect(await db.outboxMessage.count()).toBe(0)
  })

  it('a conference with a thousand registrants: the edit mails all of them in its transaction', async () => {
    const event = await createEvent(org.id, {})
    const data = Array.from({ length: 1000 }, (_, i) => {
      const id = randomUUID()
      return {
        id,
        eventId: event.id,
        name: `Deltagare ${i}`,
        email: `d${i}@kommun.se`,
        emailNormalized: `d${i}@kommun.se`,
        status: 'confirmed' as const,
        manageTokenHash: manageTokenHash({ id, tokenVersion: 0 }),
      }
    })
    await db.registration.createMany({ data })
    const started = performance.now()
    await save(event.id, { venueName: 'Konserthuset' })
    console.log(`edit of an event with 1000 registrants: ${Math.round(performance.now() - started)} ms`)
    expect(await db.outboxMessage.count({ where: { eventId: event.id, template: 'event-changed' } })).toBe(1000)
  }, 60_000)
})
