import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { DomainError } from '../../app/errors.server.ts'
import { t } from '../../app/i18n/index.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { requireMembership, type Access } from '../../app/organizations/access.server.ts'
import { isPersonalPath } from '../../app/personal-pages.ts'
import { action as pageAction, loader as pageLoader } from '../../app/routes/($lang).invitations.$token.tsx'
import { action as consoleAction, loader as consoleLoader } from '../../app/routes/organizer.$org.events.$id.speakers.tsx'
import {
  acceptInvitation,
  createInvitations,
  declineInvitation,
  findInvitationByToken,
  invitationToken,
  invitationUrl,
  listInvitations,
  markViewed,
  resendInvitation,
  revokeInvitation,
} from '../../app/speakers/invitations.server.ts'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

/** The pinned clock: every call in this file passes it, so the answer-by date is the only thing that decides expiry. */
const NOW = new Date('2027-03-01T09:00:00Z')
const ANSWER_BY = new Date('2027-03-15T22:59:00Z')

let access: Access
let viewerAccess: Access
let otherAccess: Access
let event: { id: string; slug: string }
let panel: { id: string }
let keynote: { id: string }
let otherEventItem: { id: string }
let counter = 0
let sink: SmtpSink
let transport: MailTransport
let orgSlug: string
let organizerEmail: string
let viewerEmail: string
let cookies: { organizer: string; viewer: string; other: string }

async function invite(overrides: Partial<Parameters<typeof createInvitations>[0]> = {}) {
  counter += 1
  const email = `talare-${counter}@example.se`
  const { ids } = await createInvitations({
    access,
    eventId: event.id,
    invitees: [{ name: `Talare ${counter}`, email }],
    role: 'panelist',
    itemIds: [panel.id, keynote.id],
    message: 'Vi hörde dig på SI Summit.',
    answerBy: ANSWER_BY,
    locale: 'sv',
    now: NOW,
    ...overrides,
  })
  return { id: ids[0], token: invitationToken({ id: ids[0] }), email }
}

async function row(id: string) {
  return db.speakerInvitation.findUniqueOrThrow({ where: { id } })
}

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test', mailFrom: 'Samling <no-reply@samling.test>' })
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
  const org = await createOrganization('co-days-talare', 'Co-Days')
  const organizer = await createMember(org.id, 'organizer')
  const viewer = await createMember(org.id, 'viewer')
  access = await requireMembership({ personId: organizer.id, organizationSlug: org.slug, minimum: 'viewer' })
  viewerAccess = await requireMembership({ personId: viewer.id, organizationSlug: org.slug, minimum: 'viewer' })
  const other = await createOrganization('sormland-talare', 'Sörmland')
  const otherOwner = await createMember(other.id, 'owner')
  otherAccess = await requireMembership({ personId: otherOwner.id, organizationSlug: other.slug, minimum: 'viewer' })
  orgSlug = org.slug
  organizerEmail = organizer.email
  viewerEmail = viewer.email
  cookies = { organizer: await cookieFor(organizer.id), viewer: await cookieFor(viewer.id), other: await cookieFor(otherOwner.id) }
  const base = { format: 'on_site' as const, status: 'published' as const }
  event = await db.event.create({
    data: {
      ...base,
      slug: 'co-days-2027-talare',
      organizationId: org.id,
      titleSv: 'Co-Days 2027',
      titleEn: 'Co-Days 2027 (en)',
      startsAt: new Date('2027-05-18T07:00:00Z'),
      endsAt: new Date('2027-05-18T15:00:00Z'),
    },
  })
  const otherEvent = await db.event.create({
    data: {
      ...base,
      slug: 'sormland-dagen',
      organizationId: other.id,
      titleSv: 'Sörmlandsdagen',
      titleEn: 'Sörmland day',
      startsAt: new Date('2027-06-01T07:00:00Z'),
      endsAt: new Date('2027-06-01T15:00:00Z'),
    },
  })
  const item = (eventId: string, titleSv: string, hour: number) =>
    db.programmeItem.create({
      data: {
        eventId,
        type: 'panel',
        titleSv,
        titleEn: `${titleSv} (en)`,
        startsAt: new Date(`2027-05-18T${String(hour).padStart(2, '0')}:00:00Z`),
        endsAt: new Date(`2027-05-18T${String(hour + 1).padStart(2, '0')}:00:00Z`),
      },
    })
  keynote = await item(event.id, 'Inledning', 7)
  panel = await item(event.id, 'Panel om välfärd', 8)
  otherEventItem = await item(otherEvent.id, 'Annat', 9)
})

afterAll(async () => {
  await transport?.close()
  await sink?.close()
})

describe('the invitation state machine', () => {
  it('goes sent → viewed → accepted, and accepting puts the speaker on both sessions with the role', async () => {
    const { id, token, email } = await invite()
    expect((await row(id)).status).toBe('sent')
    expect((await findInvitationByToken({ token, now: NOW }))?.status).toBe('sent')

    await markViewed({ token, now: NOW })
    expect((await row(id)).status).toBe('viewed')

    const answer = await acceptInvitation({ token, now: NOW })
    expect(answer.alreadyAccepted).toBe(false)
    const accepted = await row(id)
    expect(accepted.status).toBe('accepted')
    expect(accepted.respondedAt).toEqual(NOW)
    const profile = await db.speakerProfile.findUniqueOrThrow({ where: { id: accepted.speakerId! }, include: { person: true, roles: true } })
    expect(profile.person?.email).toBe(email)
    expect(profile.roles.map((role) => [role.itemId, role.role]).sort()).toEqual(
      [
        [panel.id, 'panelist'],
        [keynote.id, 'panelist'],
      ].sort(),
    )
  })

  it('opening the page changes nothing but "viewed", and a second opening keeps the first time', async () => {
    const { id, token } = await invite()
    const before = await row(id)
    await markViewed({ token, now: NOW })
    const later = new Date(NOW.getTime() + 60_000)
    await markViewed({ token, now: later })
    const after = await row(id)
    expect(after).toEqual({ ...before, status: 'viewed', viewedAt: NOW })
    expect(await db.programmeRole.count({ where: { itemId: { in: [panel.id, keynote.id] }, speaker: { invitations: { some: { id } } } } })).toBe(0)
  })

  it('a second accept is a no-op, not an error: one profile, one role per session', async () => {
    const { id, token } = await invite()
    const first = await acceptInvitation({ token, now: NOW })
    const second = await acceptInvitation({ token, now: new Date(NOW.getTime() + 3_600_000) })
    expect(second).toEqual({ alreadyAccepted: true, speakerId: first.speakerId, personId: null })
    expect((await row(id)).respondedAt).toEqual(NOW)
    expect(await db.programmeRole.count({ where: { speakerId: first.speakerId! } })).toBe(2)
  })

  it('accepting links an existing profile of the same person instead of making a second one', async () => {
    const first = await invite({ itemIds: [panel.id] })
    const { speakerId } = await acceptInvitation({ token: first.token, now: NOW })
    const again = await invite({ invitees: [{ name: 'Samma person', email: first.email.toUpperCase() }], itemIds: [keynote.id], role: 'moderator' })
    const answer = await acceptInvitation({ token: again.token, now: NOW })
    expect(answer.speakerId).toBe(speakerId)
    expect(await db.programmeRole.findUnique({ where: { itemId_speakerId: { itemId: keynote.id, speakerId: speakerId! } } })).toMatchObject({
      role: 'moderator',
    })
  })

  it('declines with a reason and a suggestion the organizer sees, and cannot be accepted afterwards', async () => {
    const { id, token } = await invite()
    await declineInvitation({ token, reason: 'Jag är bortrest den veckan.', suggestion: { name: 'Kim Berg', email: 'kim@example.se' }, now: NOW })
    const listed = (await listInvitations({ access, eventId: event.id, now: NOW })).find((inv) => inv.id === id)
    expect(listed).toMatchObject({
      status: 'declined',
      declineReason: 'Jag är bortrest den veckan.',
      suggestedName: 'Kim Berg',
      suggestedEmail: 'kim@example.se',
    })
    const refused = await domainError(acceptInvitation({ token, now: NOW }))
    expect(refused.status).toBe(409)
    expect((await row(id)).status).toBe('declined')
  })

  it('a revoked invitation can no longer be answered (410)', async () => {
    const { id, token } = await invite()
    await revokeInvitation({ access, eventId: event.id, invitationId: id, now: NOW })
    expect((await row(id)).status).toBe('revoked')
    expect((await findInvitationByToken({ token, now: NOW }))?.status).toBe('revoked')
    expect((await domainError(acceptInvitation({ token, now: NOW }))).status).toBe(410)
    expect((await domainError(declineInvitation({ token, now: NOW }))).status).toBe(410)
  })

  it('revoking after acceptance is refused with 409, in Swedish and English', async () => {
    const { id, token } = await invite()
    await acceptInvitation({ token, now: NOW })
    const refused = await domainError(revokeInvitation({ access, eventId: event.id, invitationId: id, now: NOW }))
    expect(refused.status).toBe(409)
    expect(t('sv', refused.messageKey)).toBe('Talaren har redan tackat ja, så inbjudan kan inte återkallas. Ta bort talaren från programpunkten i stället.')
    expect(t('en', refused.messageKey)).toBe(
      'The speaker has already accepted, so the invitation cannot be revoked. Remove the speaker from the programme item instead.',
    )
    expect((await row(id)).status).toBe('accepted')
  })

  it('expires after the answer-by date (pinned clock): shown as expired, not viewed, not answerable', async () => {
    const { id, token } = await invite()
    const justBefore = new Date(ANSWER_BY.getTime() - 1)
    expect((await findInvitationByToken({ token, now: justBefore }))?.status).toBe('sent')
    const after = new Date(ANSWER_BY.getTime() + 1)
    expect((await findInvitationByToken({ token, now: after }))?.status).toBe('expired')
    await markViewed({ token, now: after })
    expect((await row(id)).status).toBe('sent')
    expect((await domainError(acceptInvitation({ token, now: after }))).status).toBe(410)
    expect((await row(id)).status).toBe('sent')
    expect((await listInvitations({ access, eventId: event.id, now: after })).find((inv) => inv.id === id)?.status).toBe('expired')
    // Before the date the same invitation still works.
    expect((await acceptInvitation({ token, now: justBefore })).alreadyAccepted).toBe(false)
  })

  it('an unknown or malformed token is not found', async () => {
    expect(await findInvitationByToken({ token: 'x'.repeat(43), now: NOW })).toBeNull()
    expect(await findInvitationByToken({ token: '../../etc', now: NOW })).toBeNull()
    expect((await domainError(acceptInvitation({ token: 'x'.repeat(43), now: NOW }))).status).toBe(404)
  })
})

describe('creating invitations', () => {
  it('mails each invitee once, with the personal /invitations/ link, and writes an audit entry', async () => {
    const { ids } = await createInvitations({
      access,
      eventId: event.id,
      invitees: [
        { name: 'Ada Ek', email: 'ada@example.se' },
        { name: 'Bo Lind', email: 'bo@example.se' },
      ],
      role: 'speaker',
      itemIds: [panel.id],
      message: '',
      answerBy: ANSWER_BY,
      locale: 'en',
      now: NOW,
    })
    expect(ids).toHaveLength(2)
    const mails = await db.outboxMessage.findMany({ where: { template: 'speaker-invitation', recipient: { in: ['ada@example.se', 'bo@example.se'] } } })
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(['ada@example.se', 'bo@example.se'])
    expect(mails.map((mail) => mail.locale)).toEqual(['en', 'en'])
    const audit = await db.auditEntry.findMany({ where: { action: 'speakerInvitation.sent', entityId: { in: ids } } })
    expect(audit).toHaveLength(2)
  })

  it('refuses items of another event, an answer-by date in the past, and viewers', async () => {
    expect((await domainError(invite({ itemIds: [otherEventItem.id] }))).field).toBe('items')
    expect((await domainError(invite({ answerBy: new Date(NOW.getTime() - 1) }))).field).toBe('answerBy')
    expect((await domainError(invite({ access: viewerAccess }))).status).toBe(403)
  })

  it("another organization's member cannot invite to, list, revoke or resend this event's invitations (404)", async () => {
    const { id } = await invite()
    expect((await domainError(invite({ access: otherAccess }))).status).toBe(404)
    expect((await domainError(listInvitations({ access: otherAccess, eventId: event.id }))).status).toBe(404)
    expect((await domainError(revokeInvitation({ access: otherAccess, eventId: event.id, invitationId: id }))).status).toBe(404)
    expect((await domainError(resendInvitation({ access: otherAccess, eventId: event.id, invitationId: id }))).status).toBe(404)
    expect((await row(id)).status).toBe('sent')
  })
})

/** An invitation whose answer-by date is the real clock's past (the route reads the real clock). */
async function expiredInvitation() {
  return invite({ answerBy: new Date('2020-01-10T12:00:00Z'), now: new Date('2020-01-01T12:00:00Z') })
}

function page(token: string, lang?: 'en') {
  const path = `${lang ? '/en' : ''}/invitations/${token}`
  return call(pageLoader, getRequest(path), { token, ...(lang ? { lang } : {}) })
}

function answer(token: string, fields: Record<string, string>) {
  return call(pageAction, postRequest(`/invitations/${token}`, fields), { token })
}

type Page = { status: string; role: string; message: string; answerBy: string; event: { title: string }; sessions: Array<{ title: string; when: string }> }

describe("the speaker's page /invitations/:token", () => {
  it('shows the event, the sessions in Swedish time, the role, the message and the answer-by date; opening it marks viewed only', async () => {
    const { id, token } = await invite({ answerBy: new Date('2099-03-15T22:59:00Z') })
    const response = await page(token)
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const data = await body<Page>(response)
    expect(data).toMatchObject({ status: 'viewed', role: 'panelist', message: 'Vi hörde dig på SI Summit.', event: { title: 'Co-Days 2027' } })
    // 07.00 and 08.00 UTC in May are 09.00 and 10.00 in Stockholm.
    expect(data.sessions.map((session) => session.title)).toEqual(['Inledning', 'Panel om välfärd'])
    expect(data.sessions[0].when).toContain('09.00')
    expect(data.sessions[1].when).toContain('10.00')
    expect(data.answerBy).toContain('23.59')
    expect((await row(id)).status).toBe('viewed')
    expect(await db.programmeRole.count({ where: { speaker: { invitations: { some: { id } } } } })).toBe(0)
  })

  it('is a personal page: private, no-store in both languages', () => {
    expect(isPersonalPath('/invitations/abc')).toBe(true)
    expect(isPersonalPath('/en/invitations/abc')).toBe(true)
  })

  it('an unknown token is a 404 with a Swedish or English message', async () => {
    const sv = await page('A'.repeat(43))
    expect(sv.status).toBe(404)
    expect((await body<{ message: string }>(sv)).message).toBe(t('sv', 'speakers.invitation.notFound'))
    const en = await page('not-a-token', 'en')
    expect(en.status).toBe(404)
    expect((await body<{ message: string }>(en)).message).toBe(t('en', 'speakers.invitation.notFound'))
  })

  it('Accept (POST) accepts once: a second POST changes nothing and the page says accepted without the buttons', async () => {
    const { id, token } = await invite({ answerBy: new Date('2099-03-15T22:59:00Z') })
    const first = await answer(token, { intent: 'accept' })
    expect(first.status).toBe(303)
    // The first accept signs the new speaker in and takes them to their own pages.
    expect(first.headers.get('Location')).toBe('/speaker?welcome=1')
    expect(first.headers.get('Set-Cookie')).toMatch(/^samling_session=/)
    const { respondedAt, speakerId } = await row(id)
    const second = await answer(token, { intent: 'accept' })
    expect(second.status).toBe(303)
    expect(second.headers.get('Location')).toBe(`/invitations/${token}`)
    expect(second.headers.get('Set-Cookie')).toBeNull()
    expect(await row(id)).toMatchObject({ status: 'accepted', respondedAt, speakerId })
    expect(await db.programmeRole.count({ where: { speakerId: speakerId! } })).toBe(2)
    expect((await body<Page>(await page(token))).status).toBe('accepted')
  })

  it('Decline with a half suggestion is a 400 on that field in Swedish; with reason and full suggestion it is saved', async () => {
    const { id, token } = await invite({ answerBy: new Date('2099-03-15T22:59:00Z') })
    const half = await answer(token, { intent: 'decline', reason: 'Krock', suggestedName: 'Kim Berg', suggestedEmail: '' })
    expect(half.status).toBe(400)
    const form = await body<{ fieldErrors: Record<string, string>; values: Record<string, string> }>(half)
    expect(form.fieldErrors.suggestedEmail).toBe(t('sv', 'speakers.invitation.suggestionIncomplete'))
    expect(form.values.reason).toBe('Krock')
    expect((await row(id)).status).toBe('sent')

    const done = await answer(token, { intent: 'decline', reason: 'Krock', suggestedName: 'Kim Berg', suggestedEmail: 'kim@example.se' })
    expect(done.status).toBe(303)
    expect(await row(id)).toMatchObject({ status: 'declined', declineReason: 'Krock', suggestedName: 'Kim Berg', suggestedEmail: 'kim@example.se' })
    const after = await answer(token, { intent: 'accept' })
    expect(after.status).toBe(409)
    expect((await body<{ formError: string }>(after)).formError).toBe(t('sv', 'speakers.invitation.alreadyDeclined'))
  })

  it('expired and revoked invitations show a readable page, never a 500, and cannot be accepted', async () => {
    const expired = await expiredInvitation()
    const expiredPage = await page(expired.token)
    expect(expiredPage.status).toBe(200)
    expect((await body<Page>(expiredPage)).status).toBe('expired')
    expect((await row(expired.id)).status).toBe('sent')
    const refused = await answer(expired.token, { intent: 'accept' })
    expect(refused.status).toBe(410)
    expect((await body<{ formError: string }>(refused)).formError).toBe(t('sv', 'speakers.invitation.expiredError'))

    const revoked = await invite({ answerBy: new Date('2099-03-15T22:59:00Z') })
    await revokeInvitation({ access, eventId: event.id, invitationId: revoked.id })
    expect((await body<Page>(await page(revoked.token))).status).toBe('revoked')
    expect((await answer(revoked.token, { intent: 'accept' })).status).toBe(410)
    expect((await answer('B'.repeat(43), { intent: 'accept' })).status).toBe(404)
    expect((await answer(revoked.token, { intent: 'something-else' })).status).toBe(400)
  })
})

describe('the invitation mail', () => {
  it('is queued once per invitation and carries the personal /invitations/ link in HTML and text', async () => {
    const { id, token, email } = await invite()
    const queued = await db.outboxMessage.findMany({ where: { template: 'speaker-invitation', recipient: email } })
    expect(queued).toHaveLength(1)
    expect(queued[0].dedupKey).toBe(`speaker-invitation:${id}`)
    await processOutboxOnce({ transport })
    const received = sink.messages.find((message) => message.messageId === queued[0].messageId)!
    const mail = await simpleParser(received.raw)
    const url = invitationUrl(token, 'sv')
    expect(url).toBe(`https://samling.test/invitations/${token}`)
    expect(mail.subject).toBe('Inbjudan att medverka i Co-Days 2027')
    expect(mail.text).toContain(url)
    expect(mail.html).toContain(url)
    expect(mail.text).toContain('Vi hörde dig på SI Summit.')
    expect(mail.text).toContain('paneldeltagare')
  })
})

describe('the console page /organizer/:org/events/:id/speakers', () => {
  const path = () => `/organizer/${orgSlug}/events/${event.id}/speakers`
  const list = (cookie: string, org = orgSlug) => call(consoleLoader, getRequest(path(), cookie), { org, id: event.id })
  const post = (fields: Record<string, string>, cookie = cookies.organizer, org = orgSlug) =>
    call(consoleAction, postRequest(path(), fields, cookie), { org, id: event.id })
  type Listed = { invitations: Array<{ id: string; name: string; status: string; items: string[] }>; items: Array<{ id: string; label: string }> }

  it('an organizer invites by name and e-mail to the checked sessions; the list shows it as sent', async () => {
    const response = await post({
      intent: 'invite',
      name: 'Greta Holm',
      email: 'greta@example.se',
      role: 'moderator',
      [`item_${panel.id}`]: 'yes',
      message: 'Välkommen!',
      answerBy: '2099-03-15T23:59',
      locale: 'sv',
    })
    expect(response.status).toBe(302)
    const data = await body<Listed>(await list(cookies.organizer))
    expect(data.items.map((item) => item.id)).toEqual([keynote.id, panel.id])
    const greta = data.invitations.find((invitation) => invitation.name === 'Greta Holm')
    expect(greta).toMatchObject({ status: 'sent', items: ['Panel om välfärd'] })
    const stored = await db.speakerInvitation.findUniqueOrThrow({ where: { id: greta!.id }, include: { items: true } })
    expect(stored).toMatchObject({ role: 'moderator', email: 'greta@example.se', message: 'Välkommen!' })
    // 23.59 Stockholm time in March (CET) is 22.59 UTC.
    expect(stored.expiresAt).toEqual(new Date('2099-03-15T22:59:00Z'))
    expect(stored.items.map((item) => item.itemId)).toEqual([panel.id])
  })

  it('a form without a name or address is a 400 on the field, in Swedish', async () => {
    const response = await post({ intent: 'invite', name: 'Utan Adress', email: '', role: 'speaker', answerBy: '2099-03-15T23:59' })
    expect(response.status).toBe(400)
    expect((await body<{ fieldErrors: Record<string, string> }>(response)).fieldErrors.email).toBe(t('sv', 'speakers.console.nameOrProfile'))
  })

  it('revoking an accepted invitation through the console is a 409 with the Swedish message', async () => {
    const { id, token } = await invite()
    await acceptInvitation({ token })
    const response = await post({ intent: 'revoke', invitationId: id })
    expect(response.status).toBe(409)
    expect((await body<{ formError: string }>(response)).formError).toBe(t('sv', 'speakers.invitation.revokeAccepted'))
  })

  it('resend mails the same link again; revoke makes the page say revoked', async () => {
    const { id, email } = await invite({ answerBy: new Date('2099-01-01T00:00:00Z') })
    expect((await post({ intent: 'resend', invitationId: id })).status).toBe(302)
    expect(await db.outboxMessage.count({ where: { template: 'speaker-invitation', recipient: email } })).toBe(2)
    expect((await post({ intent: 'revoke', invitationId: id })).status).toBe(302)
    expect((await row(id)).status).toBe('revoked')
  })

  it('a viewer sees the list but cannot invite (403); a member of another organization gets 404 and changes nothing', async () => {
    expect((await list(cookies.viewer)).status).toBe(200)
    const before = await db.speakerInvitation.count()
    const fields = { intent: 'invite', name: 'X', email: 'x@example.se', role: 'speaker', answerBy: '2099-03-15T23:59' }
    expect((await post(fields, cookies.viewer)).status).toBe(403)
    expect((await list(cookies.other)).status).toBe(404)
    expect((await post(fields, cookies.other)).status).toBe(404)
    const { id } = await invite()
    expect((await post({ intent: 'revoke', invitationId: id }, cookies.other)).status).toBe(404)
    expect(await db.speakerInvitation.count()).toBe(before + 1)
    expect((await row(id)).status).toBe('sent')
  })
})

describe("the organizers' notice of an answer", () => {
  const notices = (invitationId: string) =>
    db.outboxMessage.findMany({ where: { template: 'speaker-answer', dedupKey: { startsWith: `speaker-answer:${invitationId}:` } } })

  it('goes at once to organizers (not viewers) on accept, and a second accept sends nothing more', async () => {
    const { token, id } = await invite()
    await acceptInvitation({ token, now: NOW })
    await acceptInvitation({ token, now: NOW })
    const sent = await notices(id)
    expect(sent.map((mail) => mail.recipient)).toEqual([organizerEmail.toLowerCase()])
    expect(sent.map((mail) => mail.recipient)).not.toContain(viewerEmail.toLowerCase())
    expect(sent[0].payload).toMatchObject({ answer: 'accepted', eventTitle: 'Co-Days 2027' })
  })

  it('on decline carries the reason and the suggestion, rendered in the Swedish mail', async () => {
    const { token, id } = await invite()
    await declineInvitation({ token, reason: 'Krockar med annat.', suggestion: { name: 'Kim Berg', email: 'kim@example.se' }, now: NOW })
    const [notice] = await notices(id)
    await processOutboxOnce({ transport })
    const mail = await simpleParser(sink.messages.find((message) => message.messageId === notice.messageId)!.raw)
    expect(mail.subject).toBe(`Talare ${counter} tackade nej: Co-Days 2027`)
    expect(mail.text).toContain('Krockar med annat.')
    expect(mail.text).toContain('Kim Berg <kim@example.se>')
    expect(mail.text).toContain(`https://samling.test/organizer/${orgSlug}/events/${event.id}/speakers`)
  })
})
