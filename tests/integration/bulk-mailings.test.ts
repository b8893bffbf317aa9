import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { sendMailing } from '../../app/mailings/mailings.server.ts'
import { enqueueMail } from '../../app/mail/outbox.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { requireMembership } from '../../app/organizations/access.server.ts'
import { hashToken } from '../../app/registrations/tokens.server.ts'
import { runScheduledMail } from '../../app/registrations/scheduled-mail.server.ts'
import * as mailPage from '../../app/routes/organizer.$org.mail.tsx'
import * as mailing from '../../app/routes/organizer.$org.events.$id.mailings.$mailingId.tsx'
import * as mailings from '../../app/routes/organizer.$org.events.$id.mailings._index.tsx'
import * as registrations from '../../app/routes/organizer.$org.events.$id.registrations.tsx'
import * as unsubscribePage from '../../app/routes/unsubscribe.$token.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, ORIGIN, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

type FormAnswer = { intent?: string; formError: string; fieldErrors: Record<string, string> }
type MailingView = {
  mailing: { id: string; state: string; skippedUnsubscribed: number; skippedBounced: number }
  counts: { queued: number; sent: number; failed: number; skipped: number }
  recipientTotal: number
  people: { id: string; label: string }[]
  preview: { locale: string; subject: string; html: string; text: string } | null
}

let sink: SmtpSink
let transport: MailTransport
let org: { id: string; slug: string }
let other: { id: string; slug: string }
let organizerId: string
let organizer: string
let viewer: string
let outsider: string
let event: { id: string; slug: string }
let otherEvent: { id: string; slug: string }
let people: Record<'anna' | 'john' | 'bo' | 'cia' | 'dan' | 'eva', { id: string; email: string }>
let lunch: { id: string }

const listPath = (eventId = event.id, slug = org.slug) => `/organizer/${slug}/events/${eventId}/mailings`
const params = (eventId = event.id, slug = org.slug, mailingId?: string) => ({ org: slug, id: eventId, ...(mailingId ? { mailingId } : {}) })

/** "Nytt utskick" by clicking: the action makes a draft and redirects to it. */
async function newDraft(cookie = organizer, eventId = event.id, slug = org.slug): Promise<string> {
  const response = await call(mailings.action, postRequest(listPath(eventId, slug), { intent: 'create' }, cookie), params(eventId, slug))
  expect(response.status).toBe(302)
  return /mailings\/([0-9a-f-]{36})/.exec(response.headers.get('Location') ?? '')![1]
}

const content = {
  subjectSv: 'Välkommen till {eventnamn}',
  bodySv: 'Hej {förnamn}!\n\nPraktisk information om {eventnamn}.\n\nÄndra din anmälan: {länk}',
  subjectEn: 'Welcome to {eventname}',
  bodyEn: 'Hi {firstname}!\n\nPractical information about {eventname}.\n\nChange your registration: {link}',
}

async function post(mailingId: string, fields: Record<string, string>, cookie = organizer, eventId = event.id, slug = org.slug) {
  return call(mailing.action, postRequest(`${listPath(eventId, slug)}/${mailingId}`, fields, cookie), params(eventId, slug, mailingId))
}

async function view(mailingId: string, query = '', cookie = organizer, eventId = event.id): Promise<MailingView> {
  const response = await call(mailing.loader, getRequest(`${listPath(eventId)}/${mailingId}${query}`, cookie), params(eventId, org.slug, mailingId))
  expect(response.status).toBe(200)
  return body<MailingView>(response)
}

/** Runs the real worker against the SMTP sink until the queue is empty. */
async function drain() {
  for (let round = 0; round < 20; round++) {
    const result = await processOutboxOnce({ transport, batchSize: 50 })
    if (result.claimed === 0) return
  }
}

async function received() {
  return Promise.all(sink.messages.map(async (message) => ({ to: message.to, raw: message.raw, parsed: await simpleParser(message.raw) })))
}

/** A header of the raw message as sent (folded lines joined). */
function rawHeader(raw: Buffer, name: string): string | undefined {
  const head = raw
    .subarray(0, raw.indexOf('\r\n\r\n'))
    .toString('utf8')
    .replace(/\r\n[ \t]+/g, ' ')
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]
}

/** The https URL of List-Unsubscribe. */
const unsubscribeHref = (raw: Buffer) => /<(https:[^>]+)>/.exec(rawHeader(raw, 'List-Unsubscribe') ?? '')?.[1] ?? ''

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test', mailFrom: 'Samling <no-reply@samling.test>' })
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
  org = await createOrganization('mikrofonden-utskick', 'Mikrofonden')
  other = await createOrganization('annan-utskick', 'Annan förening')
  const member = await createMember(org.id, 'organizer')
  organizerId = member.id
  organizer = await cookieFor(member.id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  outsider = await cookieFor((await createMember(other.id, 'owner')).id)
  const series = await db.series.create({
    data: { slug: 'utskicksserien', organizationId: org.id, titleSv: 'Serien', titleEn: 'The series', status: 'published' },
  })
  event = await createEvent(org.id, { titleSv: 'Finansieringsdagen', titleEn: 'Funding day', format: 'hybrid', seriesId: series.id, capacityOnline: 100 })
  otherEvent = await createEvent(other.id, { titleSv: 'Annans dag', titleEn: 'Other day' })
  lunch = await db.programmeItem.create({
    data: {
      eventId: event.id,
      type: 'break',
      titleSv: 'Forskarlunch',
      titleEn: 'Researchers’ lunch',
      capacity: 20,
      startsAt: new Date('2027-02-12T11:00:00.000Z'),
      endsAt: new Date('2027-02-12T12:00:00.000Z'),
    },
  })
  const signup = await db.seriesSignup.create({ data: { seriesId: series.id, name: 'Cia Lind', email: 'cia@ideell.se', emailNormalized: 'cia@ideell.se' } })
  const add = (name: string, email: string, data: Parameters<typeof createRegistration>[1] = {}) =>
    createRegistration(event.id, { name, email, emailNormalized: email, ...data })
  people = {
    anna: await add('Anna Berg', 'anna@kommun.se', { sector: 'public_sector', attendanceMode: 'on_site', locale: 'sv' }),
    john: await add('John Smith', 'john@uni.example', { sector: 'academia', attendanceMode: 'online', locale: 'en' }),
    bo: await add('Bo Ek', 'bo@foretag.se', { sector: 'private_sector', attendanceMode: 'online', status: 'waitlisted' }),
    cia: await add('Cia Lind', 'cia@ideell.se', { sector: 'civil_society', seriesSignupId: signup.id }),
    dan: await add('Dan Ny', 'dan@kommun.se', { sector: 'public_sector', status: 'cancelled' }),
    eva: await add('Eva Ås', 'eva@region.se', { sector: 'public_sector' }),
  }
  await db.itemSignup.create({ data: { itemId: lunch.id, registrationId: people.john.id } })
  // The same person at another organization's event.
  await createRegistration(otherEvent.id, { name: 'Anna Berg', email: 'anna@kommun.se', emailNormalized: 'anna@kommun.se' })
})

afterAll(async () => {
  await transport?.close()
  await sink?.close()
})

beforeEach(async () => {
  await drain()
  sink.messages.length = 0
})

describe('bulk mailings with review', () => {
  it('a saved draft is never sent: nothing is queued however long the worker and the scheduler run', async () => {
    const id = await newDraft()
    const saved = await post(id, { intent: 'save', ...content })
    expect(saved.status).toBe(302)
    await runScheduledMail({ now: new Date(Date.now() + 30 * 86_400_000) })
    await drain()
    expect(sink.messages).toEqual([])
    expect(await db.outboxMessage.count({ where: { template: 'bulk-mailing' } })).toBe(0)
    expect((await view(id)).mailing.state).toBe('draft')
  })

  it('the filters choose the recipients: mode, status, sector, programme item sign-up and series part', async () => {
    const id = await newDraft()
    const total = async (filter: Record<string, string>) => {
      expect((await post(id, { intent: 'save', ...content, ...filter })).status).toBe(302)
      return (await view(id)).people.map((person) => person.label.replace(/ \(.*\)$/, '')).sort()
    }
    // No status chosen: the confirmed and the waitlisted, never the cancelled.
    expect(await total({})).toEqual(['Anna Berg', 'Bo Ek', 'Cia Lind', 'Eva Ås', 'John Smith'])
    expect(await total({ mode: 'online' })).toEqual(['Bo Ek', 'John Smith'])
    expect(await total({ mode: 'online', status: 'confirmed' })).toEqual(['John Smith'])
    expect(await total({ status: 'cancelled' })).toEqual(['Dan Ny'])
    expect(await total({ sector: 'public_sector' })).toEqual(['Anna Berg', 'Eva Ås'])
    expect(await total({ item: lunch.id })).toEqual(['John Smith'])
    expect(await total({ via: 'series' })).toEqual(['Cia Lind'])
    expect(await total({ via: 'part', sector: 'civil_society' })).toEqual([])
    const foreignItem = await post(id, { intent: 'save', ...content, item: '00000000-0000-4000-8000-000000000000' })
    expect(foreignItem.status).toBe(400)
  })

  it('preview shows the mail as each recipient reads it, in their language, with no working link', async () => {
    const id = await newDraft()
    await post(id, { intent: 'save', ...content, sector: 'academia' })
    const en = await view(id, `?preview=${people.john.id}`)
    expect(en.preview?.locale).toBe('en')
    expect(en.preview?.subject).toBe('Welcome to Funding day')
    expect(en.preview?.text).toContain('Hi John!')
    expect(en.preview?.text).toContain('https://samling.test/en/registrations/forhandsvisning')
    // Only Swedish written: the English reader gets the Swedish text.
    await post(id, { intent: 'save', subjectSv: content.subjectSv, bodySv: content.bodySv, sector: 'academia' })
    const sv = await view(id, `?preview=${people.john.id}`)
    expect([sv.preview?.locale, sv.preview?.subject]).toEqual(['sv', 'Välkommen till Finansieringsdagen'])
    // A misspelt placeholder is a 400 on its field when sending, and nothing is queued.
    const typo = await post(id, { intent: 'send', subjectSv: 'Hej {fornamn}', bodySv: 'Text' })
    expect(typo.status).toBe(400)
    expect((await body<FormAnswer>(typo)).fieldErrors.subjectSv).toBe('Okänd platshållare. Använd {förnamn}, {eventnamn} eller {länk}.')
    expect(await db.outboxMessage.count({ where: { template: 'bulk-mailing' } })).toBe(0)
  })

  it('Skicka pressed twice at once queues one message per recipient; placeholders in each language; List-Unsubscribe; the link is sealed, then erased', async () => {
    const id = await newDraft()
    await post(id, { intent: 'save', ...content, sector: 'academia' })
    await post(id, { intent: 'save', ...content, mode: 'online' })
    const access = await requireMembership({ personId: organizerId, organizationSlug: org.slug, minimum: 'organizer' })
    const results = await Promise.allSettled([
      sendMailing({ access, eventId: event.id, mailingId: id }),
      sendMailing({ access, eventId: event.id, mailingId: id }),
    ])
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
    const again = await post(id, { intent: 'send', ...content, mode: 'online' })
    expect(again.status).toBe(409)
    expect((await db.mailingRecipient.findMany({ where: { mailingId: id } })).length).toBe(2)

    const queued = await db.outboxMessage.findMany({ where: { template: 'bulk-mailing' } })
    expect(queued.length).toBe(2)
    for (const row of queued) expect(JSON.stringify(row.payload)).not.toMatch(/registrations\/[A-Za-z0-9_-]{20,}/)
    expect((await view(id)).mailing.state).toBe('sending')

    await drain()
    const mails = await received()
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['bo@foretag.se', 'john@uni.example'])
    const john = mails.find((mail) => mail.to[0] === 'john@uni.example')!.parsed
    expect(john.subject).toBe('Welcome to Funding day')
    expect(john.text).toContain('Hi John!')
    const boMail = mails.find((mail) => mail.to[0] === 'bo@foretag.se')!
    const bo = boMail.parsed
    expect(bo.subject).toBe('Välkommen till Finansieringsdagen')
    expect(bo.text).toContain('Hej Bo!')
    // {länk} is Bo's own manage link, which works.
    const token = /registrations\/([A-Za-z0-9_-]{20,})/.exec(bo.text ?? '')![1]
    expect((await db.registration.findUniqueOrThrow({ where: { id: people.bo.id } })).manageTokenHash).toBe(hashToken(token))
    const unsubscribe = unsubscribeHref(boMail.raw)
    expect(unsubscribe).toMatch(/^https:\/\/samling\.test\/unsubscribe\/[^.]+\.[0-9a-f-]{36}\.[A-Za-z0-9_-]+$/)
    expect(rawHeader(boMail.raw, 'List-Unsubscribe')).toContain('<mailto:unsubscribe@samling.test?subject=')
    expect(rawHeader(boMail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    expect(bo.text).toContain(unsubscribe)
    // Sent: the link is gone from the database.
    for (const row of await db.outboxMessage.findMany({ where: { template: 'bulk-mailing' } })) {
      expect((row.payload as Record<string, unknown>).manageUrl).toEqual({ $redacted: true })
    }
    await runScheduledMail()
    const done = await view(id)
    expect([done.mailing.state, done.counts]).toEqual(['sent', { queued: 0, sent: 2, failed: 0, skipped: 0 }])
    const audit = await db.auditEntry.findMany({ where: { entityId: id }, select: { action: true, actorId: true } })
    expect(audit).toEqual([{ action: 'mailing.sent', actorId: organizerId }])
  })

  it('unsubscribing (GET changes nothing, POST does) skips that organization’s later mailings but not another organization’s', async () => {
    const first = await newDraft()
    await post(first, { intent: 'send', ...content, sector: 'public_sector' })
    await drain()
    const anna = (await received()).find((mail) => mail.to[0] === 'anna@kommun.se')!
    const url = new URL(unsubscribeHref(anna.raw))
    const token = url.pathname.split('/').pop()!
    const opened = await call(unsubscribePage.loader, new Request(`${ORIGIN}${url.pathname}`), { token })
    expect(await body(opened)).toEqual({ locale: 'sv', address: 'anna@kommun.se', organization: 'Mikrofonden', isOptedOut: false })
    expect(await db.organizationMailOptOut.count()).toBe(0)
    // The mail provider's RFC 8058 one-click POST: no cookie, no Origin.
    const oneClick = new Request(`${ORIGIN}${url.pathname}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect((await call(unsubscribePage.action, oneClick, { token })).status).toBe(200)
    expect(await db.organizationMailOptOut.findMany({ select: { organizationId: true, emailNormalized: true } })).toEqual([
      { organizationId: org.id, emailNormalized: 'anna@kommun.se' },
    ])
    // Samling-wide notification opt-out is untouched.
    expect(await db.mailOptOut.count()).toBe(0)
    sink.messages.length = 0

    const second = await newDraft()
    const sent = await post(second, { intent: 'send', ...content, sector: 'public_sector' })
    expect(sent.headers.get('Location')).toContain('done=sent&count=1')
    await drain()
    expect((await received()).map((mail) => mail.to[0])).toEqual(['eva@region.se'])
    expect((await view(second)).mailing.skippedUnsubscribed).toBe(1)

    sink.messages.length = 0
    const otherOrganizer = await createMember(other.id, 'organizer')
    const theirs = await newDraft(await cookieFor(otherOrganizer.id), otherEvent.id, other.slug)
    await post(theirs, { intent: 'send', ...content }, await cookieFor(otherOrganizer.id), otherEvent.id, other.slug)
    await drain()
    expect((await received()).map((mail) => mail.to[0])).toEqual(['anna@kommun.se'])
  })

  it('a 5xx from the relay marks the address: the console shows "studsar", the mail page lists it, and later mailings skip it', async () => {
    const id = await newDraft()
    await post(id, { intent: 'send', ...content, sector: 'civil_society' })
    sink.failNext(1, 550, '5.1.1 <cia@ideell.se>: Recipient address rejected: User unknown')
    await drain()
    const bounce = await db.bouncedAddress.findUniqueOrThrow({ where: { emailNormalized: 'cia@ideell.se' } })
    expect(bounce.lastResponse).toMatch(/^550 5\.1\.1/)
    expect(bounce.bounces).toBe(1)

    const list = await call(registrations.loader, getRequest(`/organizer/${org.slug}/events/${event.id}/registrations`, viewer), params())
    const rows = (await body<{ registrations: { name: string; hasBounced: boolean }[] }>(list)).registrations
    expect(rows.filter((row) => row.hasBounced).map((row) => row.name)).toEqual(['Cia Lind'])

    const status = await body<{
      bounces: { address: string; lastResponse: string }[]
      perEvent: { title: string; sent: number; failed: number }[]
      recent: { recipient: string; state: string; lastError: string }[]
    }>(await call(mailPage.loader, getRequest(`/organizer/${org.slug}/mail`, viewer), { org: org.slug }))
    expect(status.bounces.map((row) => row.address)).toEqual(['cia@ideell.se'])
    expect(status.recent.find((row) => row.recipient === 'cia@ideell.se')?.state).toBe('Misslyckades')
    expect(status.perEvent.find((row) => row.title === 'Finansieringsdagen')?.failed).toBe(1)

    const later = await newDraft()
    await post(later, { intent: 'send', ...content, sector: 'civil_society' })
    const after = await view(later)
    expect([after.mailing.state, after.mailing.skippedBounced]).toEqual(['sent', 1])

    // The mailbox is fixed: the next mail the relay takes for that address clears the mark.
    await db.bouncedAddress.update({ where: { emailNormalized: 'cia@ideell.se' }, data: { lastBouncedAt: new Date(Date.now() - 60_000) } })
    await enqueueMail(db, { template: 'sign-in-link', to: 'cia@ideell.se', locale: 'sv', payload: { url: `${ORIGIN}/login/abc`, expiresMinutes: 15 } })
    await drain()
    expect(await db.bouncedAddress.count({ where: { emailNormalized: 'cia@ideell.se' } })).toBe(0)
    const again = await newDraft()
    await post(again, { intent: 'send', ...content, sector: 'civil_society' })
    expect((await view(again)).mailing.skippedBounced).toBe(0)
  })

  it('a scheduled mailing goes at its time (Swedish time), not before; a cancelled one never goes', async () => {
    const id = await newDraft()
    const scheduled = await post(id, { intent: 'schedule', ...content, sector: 'academia', scheduledAt: '2030-06-01T09:00' })
    expect(scheduled.status).toBe(302)
    const at = new Date('2030-06-01T07:00:00.000Z') // 09:00 in Stockholm (summer time)
    expect((await db.mailing.findUniqueOrThrow({ where: { id } })).scheduledAt).toEqual(at)
    await runScheduledMail({ now: new Date(at.getTime() - 60_000) })
    expect(await db.outboxMessage.count({ where: { template: 'bulk-mailing', eventId: event.id, recipient: 'john@uni.example' } })).toBe(1) // from the earlier test
    expect((await view(id)).mailing.state).toBe('scheduled')
    // Nobody can edit or send it meanwhile.
    expect((await post(id, { intent: 'send', ...content })).status).toBe(409)

    await runScheduledMail({ now: at })
    await drain()
    expect((await received()).map((mail) => mail.to[0])).toEqual(['john@uni.example'])
    await runScheduledMail({ now: new Date(at.getTime() + 60_000) })
    expect((await view(id)).mailing.state).toBe('sent')

    const cancelled = await newDraft()
    await post(cancelled, { intent: 'schedule', ...content, scheduledAt: '2030-06-02T09:00' })
    expect((await post(cancelled, { intent: 'cancel' })).status).toBe(302)
    await runScheduledMail({ now: new Date('2030-06-03T00:00:00.000Z') })
    expect(await db.mailingRecipient.count({ where: { mailingId: cancelled } })).toBe(0)
    expect((await view(cancelled)).mailing.state).toBe('cancelled')
    const actions = await db.auditEntry.findMany({
      where: { entityType: 'mailing', entityId: { in: [id, cancelled] } },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    })
    expect(actions.map((row) => row.action)).toEqual(['mailing.scheduled', 'mailing.sent', 'mailing.scheduled', 'mailing.cancelled'])
    // A time in the past is a 400 on the field.
    const past = await newDraft()
    const refused = await post(past, { intent: 'schedule', ...content, scheduledAt: '2020-01-01T09:00' })
    expect((await body<FormAnswer>(refused)).fieldErrors.scheduledAt).toBe('Välj en tid som inte har passerat.')
  })

  it('viewers read but cannot write (403); another organization gets 404', async () => {
    const id = await newDraft()
    expect((await call(mailing.loader, getRequest(`${listPath()}/${id}`, viewer), params(event.id, org.slug, id))).status).toBe(200)
    expect((await post(id, { intent: 'send', ...content }, viewer)).status).toBe(403)
    expect((await call(mailings.action, postRequest(listPath(), { intent: 'create' }, viewer), params())).status).toBe(403)
    expect((await call(mailing.loader, getRequest(`${listPath()}/${id}`, outsider), params(event.id, org.slug, id))).status).toBe(404)
    // Their own organization in the URL, our mailing id: still not found.
    const theirs = await call(
      mailing.loader,
      getRequest(`/organizer/${other.slug}/events/${otherEvent.id}/mailings/${id}`, outsider),
      params(otherEvent.id, other.slug, id),
    )
    expect(theirs.status).toBe(404)
    expect((await db.mailing.findUniqueOrThrow({ where: { id } })).state).toBe('draft')
  })
})
