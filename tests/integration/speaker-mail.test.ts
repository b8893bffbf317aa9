import type { LoaderFunctionArgs } from '@remix-run/node'
import ICAL from 'ical.js'
import { simpleParser, type ParsedMail } from 'mailparser'
import nodeIcal, { type VEvent } from 'node-ical'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { calendarUid } from '../../app/calendar/uid.ts'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { requireMembership, type Access } from '../../app/organizations/access.server.ts'
import { deleteProgrammeItem, saveProgrammeItem, type ItemInput } from '../../app/programme/editing.server.ts'
import { scheduleDigests } from '../../app/registrations/organizer-notices.server.ts'
import { runScheduledMail } from '../../app/registrations/scheduled-mail.server.ts'
import { action as membersAction, loader as membersLoader } from '../../app/routes/organizer.$org.members.tsx'
import { action as speakersAction } from '../../app/routes/organizer.$org.events.$id.speakers.tsx'
import { loader as eventFeed } from '../../app/routes/($lang).events.$slug_.calendar[.]ics.ts'
import { reminderDueAt, scheduleSpeakerInvitationMail } from '../../app/speakers/invitation-reminders.server.ts'
import { t } from '../../app/i18n/index.ts'
import {
  acceptInvitation,
  changeAnswerBy,
  createInvitations,
  declineInvitation,
  invitationToken,
  revokeInvitation,
} from '../../app/speakers/invitations.server.ts'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

/** The pinned clock: invitations are sent at NOW and answer by ANSWER_BY, 14 days later. */
const NOW = new Date('2027-03-01T09:00:00Z')
const ANSWER_BY = new Date('2027-03-15T22:59:00Z')
const HOUR = 3600_000
const at = (base: Date, ms: number) => new Date(base.getTime() + ms)

let access: Access
let organizer: { id: string; email: string }
let digestMember: { id: string; email: string }
let quietMember: { id: string; email: string }
let orgSlug: string
let cookie: string
let event: { id: string; slug: string }
let panel: { id: string }
let keynote: { id: string }
let room: { id: string }
let sink: SmtpSink
let transport: MailTransport
let counter = 0

async function invite(overrides: Partial<Parameters<typeof createInvitations>[0]> = {}) {
  counter += 1
  const email = `talare-${counter}@example.se`
  const { ids } = await createInvitations({
    access,
    eventId: event.id,
    invitees: [{ name: `Talare ${counter}`, email }],
    role: 'panelist',
    itemIds: [panel.id, keynote.id],
    message: '',
    answerBy: ANSWER_BY,
    locale: 'sv',
    now: NOW,
    ...overrides,
  })
  // The invitation mail itself is speaker-invitations.test.ts's business.
  await db.outboxMessage.deleteMany({ where: { template: 'speaker-invitation' } })
  return { id: ids[0], token: invitationToken({ id: ids[0] }), email }
}

/** Three invitations that are no longer open: accepted, declined and revoked at NOW. */
async function closedInvitations() {
  const [accepted, declined, revoked] = [await invite(), await invite(), await invite()]
  await acceptInvitation({ token: accepted.token, now: NOW })
  await declineInvitation({ token: declined.token, now: NOW })
  await revokeInvitation({ access, eventId: event.id, invitationId: revoked.id, now: NOW })
  return [accepted, declined, revoked]
}

const outboxTo = (email: string, template: string) => db.outboxMessage.findMany({ where: { recipient: email, template }, orderBy: { createdAt: 'asc' } })

/** Sends everything queued through the real worker and SMTP, and parses what reached `email`. */
async function deliveredTo(email: string): Promise<Array<{ mail: ParsedMail; raw: string; calendar?: string }>> {
  sink.messages.length = 0
  for (;;) {
    const result = await processOutboxOnce({ transport })
    if (result.claimed === 0) break
  }
  const mine = sink.messages.filter((message) => message.to.includes(email))
  return Promise.all(
    mine.map(async (message) => {
      const mail = await simpleParser(message.raw)
      const part = mail.attachments.find((attachment) => attachment.contentType === 'text/calendar')
      return { mail, raw: message.raw.toString('utf8'), calendar: part?.content.toString('utf8') }
    }),
  )
}

/** Parses calendar text with ical.js (using only the VTIMEZONE it carries) and checks node-ical reads the same UIDs. */
function parseCalendar(text: string) {
  ICAL.TimezoneService.reset()
  const calendar = new ICAL.Component(ICAL.parse(text))
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone))
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => ({ vevent, event: new ICAL.Event(vevent) }))
  const other = Object.values(nodeIcal.sync.parseICS(text)).filter((entry): entry is VEvent => entry?.type === 'VEVENT')
  expect(other.map((entry) => entry.uid).sort()).toEqual(events.map((entry) => entry.event.uid).sort())
  return { calendar, events, other }
}

/** The MIME method parameter of the text/calendar part, as the relay received it. */
const mimeMethods = (raw: string) =>
  [...raw.matchAll(/Content-Type:\s*text\/calendar;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*/gi)].map((match) => /method=("?)(\w+)\1/i.exec(match[0])?.[2])

async function programmeFeedUids(): Promise<string[]> {
  const response = await (eventFeed as (args: LoaderFunctionArgs) => Promise<Response>)({
    request: new Request(`http://localhost/events/${event.slug}/calendar.ics?programme=1`),
    params: { slug: event.slug },
    context: {},
  })
  expect(response.status).toBe(200)
  return parseCalendar(await response.text()).events.map((entry) => entry.event.uid)
}

async function itemInput(itemId: string, changes: Partial<ItemInput> = {}): Promise<ItemInput> {
  const item = await db.programmeItem.findUniqueOrThrow({ where: { id: itemId }, include: { speakers: true } })
  return {
    type: item.type,
    titleSv: item.titleSv,
    titleEn: item.titleEn,
    descriptionSv: item.descriptionSv,
    descriptionEn: item.descriptionEn,
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    roomId: item.roomId,
    trackId: item.trackId,
    capacity: item.capacity,
    recordingUrl: item.recordingUrl,
    slidesUrl: item.slidesUrl,
    speakers: item.speakers.map((role) => ({ speakerId: role.speakerId, role: role.role })),
    newSpeaker: null,
    ...changes,
  }
}

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test', mailFrom: 'Samling <no-reply@samling.test>' })
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
  const org = await db.organization.update({
    where: { id: (await createOrganization('co-days-talarpost', 'Co-Days')).id },
    data: { contactEmail: 'hej@codays.se' },
  })
  organizer = await createMember(org.id, 'organizer')
  access = await requireMembership({ personId: organizer.id, organizationSlug: org.slug, minimum: 'viewer' })
  orgSlug = org.slug
  cookie = await cookieFor(organizer.id)
  // An owner who reads speaker answers in the daily digest, and an organizer who wants none.
  digestMember = await createMember(org.id, 'owner')
  await db.membership.update({
    where: { organizationId_personId: { organizationId: org.id, personId: digestMember.id } },
    data: { speakerAnswerMail: 'daily' },
  })
  quietMember = await createMember(org.id, 'organizer')
  await db.membership.update({
    where: { organizationId_personId: { organizationId: org.id, personId: quietMember.id } },
    data: { speakerAnswerMail: 'off', registrationDigest: 'off' },
  })
  event = await db.event.create({
    data: {
      format: 'on_site',
      status: 'published',
      slug: 'co-days-2027-talarpost',
      organizationId: org.id,
      titleSv: 'Co-Days 2027',
      titleEn: 'Co-Days 2027 (en)',
      startsAt: new Date('2027-05-18T07:00:00Z'),
      endsAt: new Date('2027-05-18T15:00:00Z'),
      venueName: 'Munktell Science Park',
      city: 'Eskilstuna',
    },
  })
  room = await db.room.create({ data: { eventId: event.id, name: 'Sal A', position: 0 } })
  const item = (titleSv: string, hour: number) =>
    db.programmeItem.create({
      data: {
        eventId: event.id,
        type: 'panel',
        titleSv,
        titleEn: `${titleSv} (en)`,
        roomId: room.id,
        startsAt: new Date(`2027-05-18T${String(hour).padStart(2, '0')}:00:00Z`),
        endsAt: new Date(`2027-05-18T${String(hour + 1).padStart(2, '0')}:00:00Z`),
      },
    })
  keynote = await item('Inledning', 7)
  panel = await item('Panel om välfärd', 8)
})

beforeEach(async () => {
  // Nothing left from the test before: every test reads only its own mail.
  await db.outboxMessage.deleteMany()
})

afterAll(async () => {
  await transport?.close()
  await sink?.close()
})

describe('the reminder before the answer-by date', () => {
  it('goes once, 48 hours before the date, to an invitee who has not answered, with the link and the date in Swedish time', async () => {
    const { id, email, token } = await invite()
    expect(reminderDueAt({ createdAt: (await db.speakerInvitation.findUniqueOrThrow({ where: { id } })).createdAt, expiresAt: ANSWER_BY })).toEqual(
      at(ANSWER_BY, -48 * HOUR),
    )
    await db.speakerInvitation.update({ where: { id }, data: { createdAt: NOW } })
    expect((await scheduleSpeakerInvitationMail({ now: at(ANSWER_BY, -49 * HOUR) })).reminders).toBe(0)
    // Two instances at the same minute, then the next minutes: one mail.
    const [first, second] = await Promise.all([runScheduledMail({ now: at(ANSWER_BY, -47 * HOUR) }), runScheduledMail({ now: at(ANSWER_BY, -47 * HOUR) })])
    expect(first.speakerReminders + second.speakerReminders).toBe(1)
    expect((await scheduleSpeakerInvitationMail({ now: at(ANSWER_BY, -46 * HOUR) })).reminders).toBe(0)
    expect((await scheduleSpeakerInvitationMail({ now: at(ANSWER_BY, -1 * HOUR) })).reminders).toBe(0)
    expect(await outboxTo(email, 'speaker-reminder')).toHaveLength(1)
    expect((await db.speakerInvitation.findUniqueOrThrow({ where: { id } })).reminderSentAt).toEqual(at(ANSWER_BY, -47 * HOUR))

    const [received] = await deliveredTo(email)
    expect(received.mail.subject).toBe('Påminnelse: svara senast mån 15 mars 2027, kl. 23.59 (svensk tid) – Co-Days 2027')
    const lines = received.mail.text!.split('\n')
    expect(lines).toContain('Svara senast: mån 15 mars 2027, kl. 23.59 (svensk tid)')
    expect(received.mail.text).toContain(`https://samling.test/invitations/${token}`)
    expect(received.mail.html).toContain(`https://samling.test/invitations/${token}`)
  })

  it('comes halfway when the invitation was sent less than 4 days before the date', async () => {
    const answerBy = at(NOW, 72 * HOUR)
    const { id, email } = await invite({ answerBy })
    await db.speakerInvitation.update({ where: { id }, data: { createdAt: NOW } })
    expect((await scheduleSpeakerInvitationMail({ now: at(NOW, 35 * HOUR) })).reminders).toBe(0)
    expect((await scheduleSpeakerInvitationMail({ now: at(NOW, 36 * HOUR) })).reminders).toBe(1)
    expect(await outboxTo(email, 'speaker-reminder')).toHaveLength(1)
  })

  it('never goes to someone who answered or whose invitation was revoked', async () => {
    const [accepted, declined, revoked] = await closedInvitations()
    await db.speakerInvitation.updateMany({ where: { id: { in: [accepted.id, declined.id, revoked.id] } }, data: { createdAt: NOW } })
    await scheduleSpeakerInvitationMail({ now: at(ANSWER_BY, -47 * HOUR) })
    for (const { email } of [accepted, declined, revoked]) expect(await outboxTo(email, 'speaker-reminder')).toEqual([])
  })
})

describe('an invitation whose answer-by date passes unanswered', () => {
  it('is marked expired once, audited, and the organizers hear of it once through the answer notice', async () => {
    const { id } = await invite()
    await db.speakerInvitation.update({ where: { id }, data: { createdAt: NOW } })
    const after = at(ANSWER_BY, 60_000)
    // Two instances at the same minute (other open invitations of this file expire with it).
    await Promise.all([scheduleSpeakerInvitationMail({ now: after }), scheduleSpeakerInvitationMail({ now: after })])
    expect((await scheduleSpeakerInvitationMail({ now: at(after, HOUR) })).expired).toBe(0)
    const row = await db.speakerInvitation.findUniqueOrThrow({ where: { id } })
    expect(row).toMatchObject({ status: 'expired', expiredAt: after })
    expect(await db.auditEntry.count({ where: { entityId: id, action: 'speakerInvitation.expired' } })).toBe(1)
    const notices = await db.outboxMessage.findMany({ where: { template: 'speaker-answer', dedupKey: { startsWith: `speaker-answer:${id}:expired:` } } })
    expect(notices.map((notice) => notice.recipient)).toEqual([organizer.email])
    await db.outboxMessage.deleteMany({ where: { id: { notIn: notices.map((notice) => notice.id) } } })
    const [received] = await deliveredTo(organizer.email)
    expect(received.mail.subject).toMatch(/^Talare \d+ svarade inte: Co-Days 2027$/)
  })
})

describe('the confirmation a speaker gets on accepting', () => {
  it('carries METHOD:REQUEST with one VEVENT per session, the programme feed UIDs, Stockholm time, ORGANIZER and ATTENDEE, and the /speaker link', async () => {
    const { token, email } = await invite()
    await acceptInvitation({ token, now: NOW })
    expect(await outboxTo(email, 'speaker-confirmed')).toHaveLength(1)
    // Accepting twice mails once.
    await acceptInvitation({ token, now: at(NOW, HOUR) })
    expect(await outboxTo(email, 'speaker-confirmed')).toHaveLength(1)

    const [received] = await deliveredTo(email)
    expect(received.mail.subject).toBe('Välkommen som paneldeltagare i Co-Days 2027')
    expect(received.mail.replyTo?.value[0].address).toBe('hej@codays.se')
    const lines = received.mail.text!.split('\n')
    expect(lines).toContain('Roll: paneldeltagare')
    expect(lines).toContain('Programpunkt: Inledning')
    expect(lines).toContain('Tid: tis 18 maj 2027, kl. 09.00–10.00 (svensk tid)')
    expect(lines).toContain('Plats: Sal A, Munktell Science Park, Eskilstuna')
    expect(lines).toContain('https://samling.test/speaker')
    expect(mimeMethods(received.raw)).toEqual(['REQUEST'])

    const { calendar, events } = parseCalendar(received.calendar!)
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm')
    expect(events.map((entry) => entry.event.uid)).toEqual([calendarUid({ kind: 'item', id: keynote.id }), calendarUid({ kind: 'item', id: panel.id })])
    expect((await programmeFeedUids()).sort()).toEqual(events.map((entry) => entry.event.uid).sort())
    const [first] = events
    expect(first.vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Stockholm')
    expect(first.event.startDate.toString()).toBe('2027-05-18T09:00:00')
    expect(first.event.sequence).toBe(0)
    expect(first.vevent.getFirstProperty('organizer')!.getFirstValue()).toBe('mailto:hej@codays.se')
    expect(String(first.vevent.getFirstProperty('attendee')!.getFirstValue()).toLowerCase()).toBe(`mailto:${email}`)
  })
  it('in English for an invitation in English: the subject, Swedish time said as such, /en/speaker and the English title in the calendar', async () => {
    const { token, email } = await invite({ locale: 'en', itemIds: [panel.id] })
    await acceptInvitation({ token, now: NOW })
    const [received] = await deliveredTo(email)
    expect(received.mail.subject).toBe('Welcome as panelist in Co-Days 2027 (en)')
    const lines = received.mail.text!.split('\n')
    expect(lines).toContain('https://samling.test/en/speaker')
    expect(lines.some((line) => line.endsWith('(Swedish time)'))).toBe(true)
    const { events } = parseCalendar(received.calendar!)
    expect(events.map((entry) => entry.event.summary)).toEqual(['Panel om välfärd (en)'])
  })
})

describe('a session a speaker accepted changes', () => {
  it('a new time sends an updated REQUEST with a higher SEQUENCE; saving again without a change sends nothing', async () => {
    const { token, email } = await invite({ itemIds: [panel.id] })
    await acceptInvitation({ token, now: NOW })
    await deliveredTo(email)
    const before = await db.programmeItem.findUniqueOrThrow({ where: { id: panel.id } })
    const later = { startsAt: at(before.startsAt, 4 * HOUR), endsAt: at(before.endsAt, 4 * HOUR) }
    await saveProgrammeItem({ access, eventId: event.id, itemId: panel.id, item: await itemInput(panel.id, later) })
    await saveProgrammeItem({ access, eventId: event.id, itemId: panel.id, item: await itemInput(panel.id) })
    const received = await deliveredTo(email)
    expect(received).toHaveLength(1)
    expect(received[0].mail.subject).toBe('Ändrad tid eller plats: Panel om välfärd')
    expect(mimeMethods(received[0].raw)).toEqual(['REQUEST'])
    const { events } = parseCalendar(received[0].calendar!)
    expect(events[0].event.uid).toBe(calendarUid({ kind: 'item', id: panel.id }))
    expect(events[0].event.sequence).toBe(before.revision + 1)
    expect(events[0].event.startDate.toString()).toBe('2027-05-18T14:00:00')
  })

  it('a speaker taken off the session gets a CANCEL for its UID; the one who stays gets nothing', async () => {
    const staying = await invite({ itemIds: [keynote.id] })
    const leaving = await invite({ itemIds: [keynote.id] })
    await acceptInvitation({ token: staying.token, now: NOW })
    const { speakerId } = await acceptInvitation({ token: leaving.token, now: NOW })
    await deliveredTo(staying.email)
    const input = await itemInput(keynote.id)
    const revision = (await db.programmeItem.findUniqueOrThrow({ where: { id: keynote.id } })).revision
    await saveProgrammeItem({
      access,
      eventId: event.id,
      itemId: keynote.id,
      item: { ...input, speakers: input.speakers.filter((s) => s.speakerId !== speakerId) },
    })
    expect(await outboxTo(staying.email, 'speaker-session-changed')).toEqual([])
    const [received] = await deliveredTo(leaving.email)
    expect(received.mail.subject).toBe('Du medverkar inte längre i Inledning')
    expect(mimeMethods(received.raw)).toEqual(['CANCEL'])
    const { calendar, events } = parseCalendar(received.calendar!)
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(events[0].event.uid).toBe(calendarUid({ kind: 'item', id: keynote.id }))
    expect(events[0].event.sequence).toBe(revision + 1)
  })

  it('deleting the session sends each accepted speaker a CANCEL, once', async () => {
    const extra = await db.programmeItem.create({
      data: {
        eventId: event.id,
        type: 'talk',
        titleSv: 'Extrapass',
        titleEn: 'Extra',
        startsAt: new Date('2027-05-18T12:00:00Z'),
        endsAt: new Date('2027-05-18T12:30:00Z'),
      },
    })
    const { token, email } = await invite({ itemIds: [extra.id] })
    await acceptInvitation({ token, now: NOW })
    await deliveredTo(email)
    await deleteProgrammeItem({ access, eventId: event.id, itemId: extra.id })
    const [received, ...more] = await deliveredTo(email)
    expect(more).toEqual([])
    expect(received.mail.subject).toBe('Inställd: Extrapass')
    const { calendar, events } = parseCalendar(received.calendar!)
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL')
    expect(events[0].event.uid).toBe(calendarUid({ kind: 'item', id: extra.id }))
    expect(events[0].event.sequence).toBe(1)
  })
})

describe('changing the answer-by date', () => {
  const path = () => `/organizer/${orgSlug}/events/${event.id}/speakers`
  const post = (fields: Record<string, string>) => call(speakersAction, postRequest(path(), fields, cookie), { org: orgSlug, id: event.id })

  it("an organizer moves an open invitation's date from the speakers page; it is audited", async () => {
    const { id } = await invite()
    const response = await post({ intent: 'deadline', invitationId: id, answerBy: '2027-03-20T12:00' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${path()}?done=deadline`)
    expect((await db.speakerInvitation.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(new Date('2027-03-20T11:00:00Z'))
    const [entry] = await db.auditEntry.findMany({ where: { entityId: id, action: 'speakerInvitation.deadlineChanged' } })
    expect(entry).toMatchObject({ actorId: organizer.id, data: { from: ANSWER_BY.toISOString(), to: '2027-03-20T11:00:00.000Z', reopened: false } })
  })

  it("moving an expired invitation's date forward reopens it: one new reminder before the new date, and it can expire again", async () => {
    const { id, email } = await invite()
    await db.speakerInvitation.update({ where: { id }, data: { createdAt: NOW, viewedAt: NOW, status: 'viewed' } })
    await scheduleSpeakerInvitationMail({ now: at(ANSWER_BY, -47 * HOUR) })
    await scheduleSpeakerInvitationMail({ now: at(ANSWER_BY, HOUR) })
    expect((await db.speakerInvitation.findUniqueOrThrow({ where: { id } })).status).toBe('expired')

    const later = new Date('2027-03-31T21:59:00Z')
    await changeAnswerBy({ access, eventId: event.id, invitationId: id, answerBy: later, now: at(ANSWER_BY, 2 * HOUR) })
    expect(await db.speakerInvitation.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'viewed',
      expiredAt: null,
      reminderSentAt: null,
      expiresAt: later,
    })
    await scheduleSpeakerInvitationMail({ now: at(later, -47 * HOUR) })
    await scheduleSpeakerInvitationMail({ now: at(later, -46 * HOUR) })
    expect(await outboxTo(email, 'speaker-reminder')).toHaveLength(2)
    await scheduleSpeakerInvitationMail({ now: at(later, HOUR) })
    const notices = await db.outboxMessage.findMany({ where: { recipient: organizer.email, dedupKey: { startsWith: `speaker-answer:${id}:expired:` } } })
    expect(notices).toHaveLength(2)
  })

  it('an accepted, declined or revoked invitation keeps its date: 409 with a Swedish message; a past date is a 400 on the field', async () => {
    const [accepted, declined, revoked] = await closedInvitations()
    for (const { id } of [accepted, declined, revoked]) {
      const response = await post({ intent: 'deadline', invitationId: id, answerBy: '2027-03-20T12:00' })
      expect(response.status).toBe(409)
      expect((await body<{ formError: string }>(response)).formError).toBe(t('sv', 'speakers.console.deadlineClosed'))
      expect((await db.speakerInvitation.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(ANSWER_BY)
    }
    const open = await invite()
    const past = await post({ intent: 'deadline', invitationId: open.id, answerBy: '2020-01-01T12:00' })
    expect(past.status).toBe(400)
    expect((await body<{ fieldErrors: Record<string, string> }>(past)).fieldErrors.answerBy).toBe(t('sv', 'speakers.console.answerByPast'))
    const garbage = await post({ intent: 'deadline', invitationId: open.id, answerBy: 'imorgon' })
    expect(garbage.status).toBe(400)
  })
})

describe('how organizers hear about speaker answers', () => {
  it('each member chooses on the members page; the choice is theirs alone and kept when an old form leaves it out', async () => {
    const members = `/organizer/${orgSlug}/members`
    const me = await createMember((await db.organization.findUniqueOrThrow({ where: { slug: orgSlug } })).id, 'viewer')
    const myCookie = await cookieFor(me.id)
    const page = await body<{ registrationDigest: string; speakerAnswerMail: string }>(
      await call(membersLoader, getRequest(members, myCookie), { org: orgSlug }),
    )
    expect(page).toMatchObject({ registrationDigest: 'daily', speakerAnswerMail: 'immediate' })
    const saved = await call(
      membersAction,
      postRequest(members, { intent: 'notifications', registrationDigest: 'off', speakerAnswerMail: 'daily' }, myCookie),
      {
        org: orgSlug,
      },
    )
    expect(saved.status).toBe(200)
    const mine = () => db.membership.findFirstOrThrow({ where: { personId: me.id }, select: { registrationDigest: true, speakerAnswerMail: true } })
    expect(await mine()).toEqual({ registrationDigest: 'off', speakerAnswerMail: 'daily' })
    await call(membersAction, postRequest(members, { intent: 'notifications', registrationDigest: 'immediate' }, myCookie), { org: orgSlug })
    expect(await mine()).toEqual({ registrationDigest: 'immediate', speakerAnswerMail: 'daily' })
    const bad = await call(
      membersAction,
      postRequest(members, { intent: 'notifications', registrationDigest: 'daily', speakerAnswerMail: 'hourly' }, myCookie),
      {
        org: orgSlug,
      },
    )
    expect(bad.status).toBe(400)
    await db.membership.deleteMany({ where: { personId: me.id } })
  })

  it("immediate gets one mail per answer, daily reads it in the next morning's digest, off gets neither", async () => {
    const { token, id } = await invite({ answerBy: new Date('2027-04-30T21:59:00Z') })
    const answeredAt = new Date('2027-04-06T10:00:00Z')
    await declineInvitation({ token, reason: 'Bortrest', now: answeredAt })
    const immediate = await db.outboxMessage.findMany({ where: { template: 'speaker-answer', dedupKey: { startsWith: `speaker-answer:${id}:` } } })
    expect(immediate.map((row) => row.recipient)).toEqual([organizer.email])

    // 07.30 Stockholm time the next day: the digest covers 6 April.
    expect((await scheduleDigests({ now: new Date('2027-04-07T05:30:00Z') })).queued).toBe(1)
    expect((await scheduleDigests({ now: new Date('2027-04-07T05:31:00Z') })).queued).toBe(0)
    const digests = await db.outboxMessage.findMany({ where: { template: 'organizer-registrations' } })
    expect(digests.map((row) => row.recipient)).toEqual([digestMember.email])
    const [received] = await deliveredTo(digestMember.email)
    expect(received.mail.subject).toBe('Talarsvar tisdag 6 april 2027: 1')
    const lines = received.mail.text!.split('\n')
    expect(lines).toContain('Talarnas svar (1):')
    expect(lines).toContain(`- Talare ${counter}: Tackat nej – Co-Days 2027 (Anledning: Bortrest)`)
    expect(lines).toContain(`  https://samling.test/organizer/${orgSlug}/events/${event.id}/speakers`)
    expect(await db.outboxMessage.count({ where: { recipient: quietMember.email } })).toBe(0)
  })
})
