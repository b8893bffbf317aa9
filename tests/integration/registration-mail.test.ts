import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import ICAL from 'ical.js'
import { simpleParser, type ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { calendarUid } from '../../app/calendar/uid.ts'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { readMailboxAttachment, readMailboxMessage } from '../../app/mail/mailbox.server.ts'
import { createMailboxTransport, createSmtpTransport, MAILBOX_INDEX, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import {
  enqueueAlreadyRegistered,
  enqueueCancellation,
  enqueueConfirmation,
  enqueueInterestRegistered,
  enqueueWaitlisted,
  type MailEvent,
  type MailRegistration,
} from '../../app/registrations/mail.server.ts'
import { manageToken, manageTokenHash } from '../../app/registrations/tokens.server.ts'
import { loader as mailPreviewLoader } from '../../app/routes/organizer.mail-preview.tsx'
import { body, call, cookieFor, createMember, getRequest } from '../support/console.ts'
import { loader as calendarLoader } from '../../app/routes/($lang).events.$slug_.calendar[.]ics.ts'
import { useTestDatabase } from '../support/database.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

let sink: SmtpSink
let transport: MailTransport

beforeAll(async () => {
  setConfig({ ...config(), mailFrom: 'Samling <no-reply@samling.test>', appUrl: 'https://samling.test' })
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

let sequence = 0

/** A published hybrid day in Eskilstuna, 09.00–16.00 Stockholm time (winter: 08:00–15:00 UTC), with a priced ticket. */
async function makeEvent(overrides: { startsAt?: Date; endsAt?: Date; withSeries?: boolean } = {}): Promise<MailEvent & { ticketTypes: { id: string }[] }> {
  const n = ++sequence
  const organization = await db.organization.create({
    data: { slug: `motesplats-${n}`, name: 'Mötesplats Social Innovation', contactEmail: 'info@motesplats.se' },
  })
  const series = overrides.withSeries
    ? await db.series.create({
        data: { slug: `re-act-${n}`, organizationId: organization.id, titleSv: 'Re-Act: samtal om omställning', titleEn: 'Re-Act conversations' },
      })
    : null
  return db.event.create({
    data: {
      slug: `valfardens-innovationsdag-${n}`,
      organizationId: organization.id,
      seriesId: series?.id,
      titleSv: 'Välfärdens innovationsdag',
      titleEn: 'Welfare innovation day',
      summarySv: 'En dag om tjänstedesign i kommuner och regioner.',
      summaryEn: 'A day on service design in municipalities and regions.',
      status: 'published',
      format: 'hybrid',
      startsAt: overrides.startsAt ?? new Date('2027-02-12T08:00:00.000Z'),
      endsAt: overrides.endsAt ?? new Date('2027-02-12T15:00:00.000Z'),
      venueName: 'Munktell Science Park',
      venueAddress: 'Verkstadsgatan 11',
      postalCode: '632 20',
      city: 'Eskilstuna',
      onlineUrl: 'https://stream.example/hemligt-rum-4711',
      revision: 2,
      publishedAt: new Date(),
      ticketTypes: { create: { nameSv: 'Ordinarie', nameEn: 'Standard', priceOre: 29500, vatRate: 25 } },
    },
    include: { organization: true, series: true, ticketTypes: true },
  })
}

async function makeRegistration(
  event: Awaited<ReturnType<typeof makeEvent>>,
  overrides: Partial<{
    locale: 'sv' | 'en'
    attendanceMode: 'on_site' | 'online'
    status: 'confirmed' | 'waitlisted' | 'interest' | 'cancelled'
    priced: boolean
  }> = {},
): Promise<MailRegistration> {
  const id = randomUUID()
  const priced = overrides.priced ?? true
  return db.registration.create({
    data: {
      id,
      eventId: event.id,
      name: 'Åsa Öberg',
      email: 'Asa.Oberg@Kommun.se',
      emailNormalized: 'asa.oberg@kommun.se',
      attendanceMode: overrides.attendanceMode ?? 'on_site',
      status: overrides.status ?? 'confirmed',
      cancelledAt: overrides.status === 'cancelled' ? new Date() : null,
      locale: overrides.locale ?? 'sv',
      manageTokenHash: manageTokenHash({ id, tokenVersion: 0 }),
      ...(priced
        ? {
            ticketTypeId: event.ticketTypes[0].id,
            priceOre: 29500,
            vatRate: 25,
            invoiceOrgNumber: '212000-0142',
            invoiceAddress: 'Eskilstuna kommun\nFack 4711\n631 86 Eskilstuna',
            invoiceEReference: '7350000000001',
            buyerReference: 'Ansvar 1234',
            paymentStatus: 'unpaid' as const,
          }
        : {}),
    },
    include: { ticketType: true },
  })
}

type Received = { mail: ParsedMail; raw: string; calendar?: string; outboxId: string }

/** Sends what is queued through the real worker and SMTP, and parses the one message that arrived. */
async function sendOne(): Promise<Received> {
  const [row] = await db.outboxMessage.findMany()
  expect(await processOutboxOnce({ transport })).toMatchObject({ sent: 1 })
  expect(sink.messages.length).toBe(1)
  const raw = sink.messages[0].raw.toString('utf8')
  const mail = await simpleParser(sink.messages[0].raw)
  const part = mail.attachments.find((attachment) => attachment.contentType === 'text/calendar')
  return { mail, raw, calendar: part?.content.toString('utf8'), outboxId: row.id }
}

/** Parses calendar text with ical.js, using only the VTIMEZONE it carries. */
function parseCalendar(text: string) {
  ICAL.TimezoneService.reset()
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  const vevent = calendar.getFirstSubcomponent('vevent')!
  return { calendar, vevent, event: new ICAL.Event(vevent) }
}

/** The MIME method parameter of the text/calendar part, as the relay received it. */
const mimeMethods = (raw: string) =>
  [...raw.matchAll(/Content-Type:\s*text\/calendar;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/gi)].map((match) => /method=("?)(\w+)\1/i.exec(match[0])?.[2])

describe('the confirmation an attendee receives', () => {
  it('has the invitation as text/calendar with method=REQUEST equal to the body METHOD, ORGANIZER, ATTENDEE, the event UID and SEQUENCE = revision', async () => {
    const event = await makeEvent()
    const registration = await makeRegistration(event)
    await db.$transaction((tx) => enqueueConfirmation(tx, { event, registration, reason: 'registered' }))
    const { mail, raw, calendar } = await sendOne()

    expect(mimeMethods(raw)).toEqual(['REQUEST'])
    expect(calendar).toBeDefined()
    const { calendar: vcalendar, vevent, event: parsed } = parseCalendar(calendar!)
    expect(vcalendar.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(parsed.uid).toBe(calendarUid({ kind: 'event', id: event.id }))
    expect(parsed.sequence).toBe(2)
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2027-02-12T08:00:00.000Z')
    expect(parsed.startDate.toString()).toBe('2027-02-12T09:00:00')
    expect(vevent.getFirstProperty('organizer')!.getFirstValue()).toBe('mailto:info@motesplats.se')
    const attendee = vevent.getFirstProperty('attendee')!
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:asa.oberg@kommun.se')
    expect(attendee.getParameter('rsvp')).toBe('FALSE')
    expect(parsed.location).toBe('Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna')
    // The stream link is never in a mail before the reminder, nor in any calendar text.
    expect(raw).not.toContain('hemligt-rum')
    // One invite.ics attachment besides the alternative, not two.
    expect(mail.attachments.filter((attachment) => attachment.filename === 'invite.ics').length).toBeLessThanOrEqual(2)
    expect(mail.subject).toBe('Du är anmäld: Välfärdens innovationsdag')
    expect(mail.replyTo?.value[0].address).toBe('info@motesplats.se')
  })

  it('the text part carries every fact: title, Stockholm time, place, price incl. VAT, invoice details, the full manage link', async () => {
    const event = await makeEvent({ withSeries: true })
    const registration = await makeRegistration(event)
    await db.$transaction((tx) => enqueueConfirmation(tx, { event, registration, reason: 'registered', itemTitles: ['Lunchträff för forskare'] }))
    const { mail } = await sendOne()
    const text = mail.text!
    const lines = text.split('\n')
    expect(lines).toContain('Evenemang: Välfärdens innovationsdag')
    expect(lines).toContain('Serie: Re-Act: samtal om omställning')
    expect(lines).toContain('Arrangör: Mötesplats Social Innovation')
    expect(lines).toContain('Tid: fre 12 feb 2027, kl. 09.00–16.00 (svensk tid)')
    expect(lines).toContain('Plats: Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna')
    expect(lines).toContain('Deltar: På plats')
    expect(lines).toContain('Biljett: Ordinarie')
    expect(lines).toContain('Pris: 295 kr inkl. moms (varav moms 25 %: 59 kr)')
    expect(lines).toContain('Organisationsnummer: 212000-0142')
    expect(lines).toContain('Fakturaadress: Eskilstuna kommun, Fack 4711, 631 86 Eskilstuna')
    expect(lines).toContain('E-fakturareferens: 7350000000001')
    expect(lines).toContain('Er referens: Ansvar 1234')
    expect(lines).toContain('- Lunchträff för forskare')
    expect(lines).toContain(`https://samling.test/events/${event.slug}`)
    expect(lines).toContain(`https://samling.test/registrations/${manageToken(registration)}`)
    expect(mail.html).toContain(`https://samling.test/registrations/${manageToken(registration)}`)
  })

  it('an online attendee reads "Digitalt – länken till sändningen kommer före start", in English "Online – the stream link will come before the start"', async () => {
    const event = await makeEvent()
    const sv = await makeRegistration(event, { attendanceMode: 'online', priced: false })
    await db.$transaction((tx) => enqueueConfirmation(tx, { event, registration: sv, reason: 'registered' }))
    const svMail = await sendOne()
    expect(svMail.mail.text!.split('\n')).toContain('Plats: Digitalt – länken till sändningen kommer före start')
    expect(parseCalendar(svMail.calendar!).event.location).toBe('Digitalt')
    expect(svMail.mail.text).not.toContain('Pris')

    await db.outboxMessage.deleteMany()
    sink.messages.length = 0
    const other = await makeEvent()
    const en = await makeRegistration(other, { attendanceMode: 'online', locale: 'en', priced: false })
    await db.$transaction((tx) => enqueueConfirmation(tx, { event: other, registration: en, reason: 'promoted' }))
    const enMail = await sendOne()
    expect(enMail.mail.subject).toBe('You have got a place: Welfare innovation day')
    const lines = enMail.mail.text!.split('\n')
    expect(lines).toContain('Place: Online – the stream link will come before the start')
    expect(lines).toContain('Time: Fri 12 Feb 2027, 09:00–16:00 (Swedish time)')
    expect(lines).toContain(`https://samling.test/en/registrations/${manageToken(en)}`)
    expect(parseCalendar(enMail.calendar!).event.summary).toBe('Welfare innovation day')
  })

  it('a summer event at 09.00 Stockholm time is 07:00 UTC in the invitation', async () => {
    const event = await makeEvent({ startsAt: new Date('2027-06-10T07:00:00.000Z'), endsAt: new Date('2027-06-10T14:00:00.000Z') })
    const registration = await makeRegistration(event, { priced: false })
    await db.$transaction((tx) => enqueueConfirmation(tx, { event, registration, reason: 'registered' }))
    const { mail, calendar } = await sendOne()
    const parsed = parseCalendar(calendar!).event
    expect(parsed.startDate.toString()).toBe('2027-06-10T09:00:00')
    expect(parsed.startDate.toJSDate().toISOString()).toBe('2027-06-10T07:00:00.000Z')
    expect(mail.text!.split('\n')).toContain('Tid: tors 10 juni 2027, kl. 09.00–16.00 (svensk tid)')
  })

  it('the manage link is encrypted while queued and gone from the outbox once sent; the row knows its registration', async () => {
    const event = await makeEvent()
    const registration = await makeRegistration(event)
    const token = manageToken(registration)
    const queued = await db.$transaction((tx) => enqueueConfirmation(tx, { event, registration, reason: 'registered' }))
    const stored = await db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })
    expect(stored.registrationId).toBe(registration.id)
    expect(stored.eventId).toBe(event.id)
    expect(stored.organizationId).toBe(event.organizationId)
    expect(JSON.stringify(stored.payload)).not.toContain(token)
    expect((stored.payload as { manageUrl: unknown }).manageUrl).toMatchObject({ $sealed: expect.any(String) })
    const { mail } = await sendOne()
    expect(mail.text).toContain(token)
    const sent = await db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })
    expect(sent.status).toBe('sent')
    expect(JSON.stringify(sent.payload)).not.toContain(token)
    expect(JSON.stringify(sent.payload)).not.toContain('/registrations/')
  })

  it('a malformed contact address of the organization costs the Reply-To, not the registration: Samling is the ORGANIZER then', async () => {
    const event = await makeEvent()
    await db.organization.update({ where: { id: event.organizationId }, data: { contactEmail: 'info at motesplats' } })
    const broken = { ...event, organization: { ...event.organization, contactEmail: 'info at motesplats' } }
    const registration = await makeRegistration(event, { priced: false })
    await db.$transaction((tx) => enqueueConfirmation(tx, { event: broken, registration, reason: 'registered' }))
    const { mail, calendar } = await sendOne()
    expect(mail.replyTo).toBeUndefined()
    expect(parseCalendar(calendar!).vevent.getFirstProperty('organizer')!.getFirstValue()).toBe('mailto:no-reply@samling.test')
  })

  it('a confirmation queued in a transaction that rolls back leaves no mail', async () => {
    const event = await makeEvent()
    const registration = await makeRegistration(event)
    await expect(
      db.$transaction(async (tx) => {
        await enqueueConfirmation(tx, { event, registration, reason: 'registered' })
        throw new Error('the seat was not free after all')
      }),
    ).rejects.toThrow('the seat was not free')
    expect(await db.outboxMessage.count()).toBe(0)
  })
})

describe('the dev mailbox', () => {
  it('shows the invitation of a confirmation as an attachment that opens as METHOD:REQUEST', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-mailbox-'))
    const mailbox = createMailboxTransport(dir)
    try {
      const event = await makeEvent()
      const registration = await makeRegistration(event, { priced: false })
      await db.$transaction((tx) => enqueueConfirmation(tx, { event, registration, reason: 'registered' }))
      expect(await processOutboxOnce({ transport: mailbox })).toMatchObject({ sent: 1 })
      const [entry] = fs
        .readFileSync(path.join(dir, MAILBOX_INDEX), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string })
      const message = (await readMailboxMessage(dir, entry.id))!
      const invite = message.attachments.find((attachment) => attachment.contentType === 'text/calendar')
      expect(invite).toBeDefined()
      const file = (await readMailboxAttachment(dir, entry.id, invite!.index))!
      expect(parseCalendar(file.content.toString('utf8')).calendar.getFirstPropertyValue('method')).toBe('REQUEST')
      expect(message.attachments.map((attachment) => attachment.filename)).toContain('invite.ics')
    } finally {
      await mailbox.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the other attendee mail', () => {
  it('a cancellation carries METHOD:CANCEL (MIME and body), the same UID and SEQUENCE revision + 1', async () => {
    const event = await makeEvent()
    const registration = await makeRegistration(event)
    await db.$transaction((tx) => enqueueCancellation(tx, { event, registration, by: 'attendee' }))
    const { mail, raw, calendar } = await sendOne()
    expect(mimeMethods(raw)).toEqual(['CANCEL'])
    const { calendar: vcalendar, vevent, event: parsed } = parseCalendar(calendar!)
    expect(vcalendar.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(parsed.uid).toBe(calendarUid({ kind: 'event', id: event.id }))
    expect(parsed.sequence).toBe(3)
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(vevent.getFirstProperty('organizer')).not.toBeNull()
    expect(vevent.getFirstProperty('attendee')).not.toBeNull()
    expect(mail.subject).toBe('Avbokad: Välfärdens innovationsdag')
    const lines = mail.text!.split('\n')
    expect(lines).toContain('Du har avbokat din plats på Välfärdens innovationsdag.')
    expect(lines).toContain('Tid: fre 12 feb 2027, kl. 09.00–16.00 (svensk tid)')
    expect(lines).toContain(`https://samling.test/events/${event.slug}`)
  })

  it('leaving the waitlist says so and carries no invitation (there never was one)', async () => {
    const event = await makeEvent()
    const registration = await makeRegistration(event, { status: 'cancelled', priced: false })
    await db.$transaction((tx) => enqueueCancellation(tx, { event, registration, by: 'organizer', previousStatus: 'waitlisted' }))
    const { mail, raw, calendar } = await sendOne()
    expect(calendar).toBeUndefined()
    expect(raw).not.toMatch(/text\/calendar/i)
    expect(mail.subject).toBe('Du har lämnat kön: Välfärdens innovationsdag')
    expect(mail.text!.split('\n')).toContain('Arrangören har tagit bort dig från kön till Välfärdens innovationsdag.')
  })

  it('waitlisted: the place in the queue and the manage link, and no calendar invitation', async () => {
    const event = await makeEvent()
    const registration = await makeRegistration(event, { status: 'waitlisted', priced: false })
    await db.$transaction((tx) => enqueueWaitlisted(tx, { event, registration, position: 4 }))
    const { mail, raw, calendar } = await sendOne()
    expect(calendar).toBeUndefined()
    expect(raw).not.toMatch(/text\/calendar/i)
    expect(mail.subject).toBe('Du står i kö: Välfärdens innovationsdag')
    const lines = mail.text!.split('\n')
    expect(lines).toContain('Plats i kön: 4')
    expect(lines).toContain('Tid: fre 12 feb 2027, kl. 09.00–16.00 (svensk tid)')
    expect(lines).toContain('Plats: Munktell Science Park, Verkstadsgatan 11, 632 20 Eskilstuna')
    expect(lines).toContain(`https://samling.test/registrations/${manageToken(registration)}`)
  })

  it('"du är redan anmäld" mails the existing manage link again, in English too', async () => {
    const event = await makeEvent()
    const registration = await makeRegistration(event, { locale: 'en', priced: false })
    await db.$transaction((tx) => enqueueAlreadyRegistered(tx, { event, registration }))
    const { mail, calendar } = await sendOne()
    expect(calendar).toBeUndefined()
    expect(mail.subject).toBe('You are already registered: Welfare innovation day')
    expect(mail.text!.split('\n')).toContain(`https://samling.test/en/registrations/${manageToken(registration)}`)
    expect(mail.text!.split('\n')).toContain('Time: Fri 12 Feb 2027, 09:00–16:00 (Swedish time)')
  })

  it('interest registered: "vi mejlar dig en gång när anmälan öppnar", with the link to withdraw', async () => {
    const event = await makeEvent()
    const registration = await makeRegistration(event, { status: 'interest', priced: false })
    await db.$transaction((tx) => enqueueInterestRegistered(tx, { event, registration }))
    const { mail, calendar } = await sendOne()
    expect(calendar).toBeUndefined()
    expect(mail.subject).toBe('Vi hör av oss när anmälan öppnar: Välfärdens innovationsdag')
    expect(mail.text).toContain('Vi mejlar dig en gång när anmälan öppnar.')
    expect(mail.text!.split('\n')).toContain(`https://samling.test/registrations/${manageToken(registration)}`)
  })
})

describe('the .ics download of one event', () => {
  const download = async (slug: string, lang?: 'en') => {
    const path = `${lang ? '/en' : ''}/events/${slug}/calendar.ics`
    try {
      return await (calendarLoader as (args: LoaderFunctionArgs) => Promise<Response>)({
        request: new Request(`https://samling.test${path}`),
        params: lang ? { slug, lang } : { slug },
        context: {},
      })
    } catch (error) {
      if (error instanceof Response) return error
      throw error
    }
  }

  it('is text/calendar, an attachment, METHOD:PUBLISH, with the same UID and SEQUENCE as the invitation in the mail', async () => {
    const event = await makeEvent()
    const response = await download(event.slug)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${event.slug}.ics"`)
    const body = await response.text()
    const { calendar, event: downloaded } = parseCalendar(body)
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(downloaded.summary).toBe('Välfärdens innovationsdag')
    expect(downloaded.startDate.toString()).toBe('2027-02-12T09:00:00')
    expect(body).not.toContain('hemligt-rum')

    const registration = await makeRegistration(event, { priced: false })
    await db.$transaction((tx) => enqueueConfirmation(tx, { event, registration, reason: 'registered' }))
    const mailed = parseCalendar((await sendOne()).calendar!).event
    expect(mailed.uid).toBe(downloaded.uid)
    expect(mailed.sequence).toBe(downloaded.sequence)
  })

  it('in English at /en/…, and a cancelled event downloads as "CANCELLED:" with STATUS:CANCELLED', async () => {
    const event = await makeEvent()
    await db.event.update({ where: { id: event.id }, data: { status: 'cancelled', cancellationReason: 'Talaren är sjuk.', revision: 3 } })
    const { event: parsed, vevent } = parseCalendar(await (await download(event.slug, 'en')).text())
    expect(parsed.summary).toBe('CANCELLED: Welfare innovation day')
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED')
    expect(parsed.sequence).toBe(3)
    expect(vevent.getFirstPropertyValue('url')).toBe(`https://samling.test/en/events/${event.slug}`)
  })

  it('answers 404 for a draft, an unknown slug and a malformed one', async () => {
    const event = await makeEvent()
    await db.event.update({ where: { id: event.id }, data: { status: 'draft' } })
    expect((await download(event.slug)).status).toBe(404)
    expect((await download('finns-inte')).status).toBe(404)
    expect((await download('Inte..en%20slug')).status).toBe(404)
  })
})

describe('the organizer mail preview', () => {
  it('shows a confirmation with its calendar invitation in both languages, and a waitlist mail without one', async () => {
    const cookie = await cookieFor((await createMember(null, 'viewer', 'preview')).id)
    const preview = async (template: string) =>
      body<{ renders: { locale: string; calendar: { method: string; content: string } | null }[] }>(
        await call(mailPreviewLoader, getRequest(`/organizer/mail-preview?template=${template}`, cookie)),
      )
    const confirmed = await preview('registration-confirmed')
    expect(confirmed.renders.map((mail) => [mail.locale, mail.calendar?.method])).toEqual([
      ['sv', 'REQUEST'],
      ['en', 'REQUEST'],
    ])
    expect(parseCalendar(confirmed.renders[0].calendar!.content).calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    expect((await preview('registration-waitlisted')).renders.map((mail) => mail.calendar)).toEqual([null, null])
  })
})
