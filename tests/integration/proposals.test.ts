import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { DomainError, type FormAnswer } from '../../app/errors.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { saveProgrammeItem } from '../../app/programme/editing.server.ts'
import { requireMembership, type Access } from '../../app/organizations/access.server.ts'
import { isPersonalPath } from '../../app/personal-pages.ts'
import { proposalToken, proposalUrl, submitProposal, withdrawProposal, type ProposalInput } from '../../app/proposals/proposals.server.ts'
import { acceptProposal, declineProposal, getProposalForReview, listProposals, rateProposal, saveCallSettings } from '../../app/proposals/review.server.ts'
import { action as proposeAction, loader as proposeLoader } from '../../app/routes/($lang).events.$slug_.propose.tsx'
import { loader as eventLoader } from '../../app/routes/($lang).events.$slug.tsx'
import { action as pageAction, loader as pageLoader } from '../../app/routes/($lang).proposals.$token.tsx'
import { action as consoleAction, loader as consoleLoader } from '../../app/routes/organizer.$org.events.$id.proposals.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

/** The pinned clock: the call's deadline decides against it. */
const NOW = new Date('2027-03-01T09:00:00Z')
const DEADLINE = new Date('2027-03-31T21:59:00Z')

let access: Access
let secondAccess: Access
let viewerAccess: Access
let otherAccess: Access
let event: { id: string; slug: string; startsAt: Date }
let orgSlug: string
let organizerEmail: string
let cookies: { organizer: string; viewer: string; other: string }
let sink: SmtpSink
let transport: MailTransport
let counter = 0

function proposal(overrides: Partial<ProposalInput> = {}): ProposalInput {
  counter += 1
  return {
    title: `Unga som medskapare ${counter}`,
    abstract: 'Två år av ungdomsråd och budgetdialoger.',
    format: 'workshop',
    length: 45,
    name: `Linnea Sjöberg ${counter}`,
    email: `linnea-${counter}@example.org`,
    speakerTitle: 'Projektledare',
    affiliation: 'Ungdomsforum Mälardalen',
    bio: 'Linnea leder ett nätverk för ungdomsinflytande.',
    privacyVersion: null,
    ...overrides,
  }
}

async function submit(overrides: Partial<ProposalInput> = {}, locale: 'sv' | 'en' = 'sv') {
  const input = proposal(overrides)
  const { id, token } = await submitProposal({ slug: event.slug, locale, proposal: input, now: NOW })
  return { id, token, input }
}

/** The mail with this Message-ID as the SMTP sink received it (the worker sends the outbox in batches). */
async function delivered(messageId: string) {
  for (let round = 0; round < 20 && !sink.messages.some((message) => message.messageId === messageId); round++) await processOutboxOnce({ transport })
  return simpleParser(sink.messages.find((message) => message.messageId === messageId)!.raw)
}

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

function formFields(input: ProposalInput): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => [key, String(value)]),
  )
}

const consolePath = () => `/organizer/${orgSlug}/events/${event.id}/proposals`
const consoleParams = () => ({ org: orgSlug, id: event.id })

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test', mailFrom: 'Samling <no-reply@samling.test>' })
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
  const org = await createOrganization('sormland-forslag', 'Coompanion Sörmland')
  const organizer = await createMember(org.id, 'organizer')
  const second = await createMember(org.id, 'owner')
  const viewer = await createMember(org.id, 'viewer')
  access = await requireMembership({ personId: organizer.id, organizationSlug: org.slug, minimum: 'viewer' })
  secondAccess = await requireMembership({ personId: second.id, organizationSlug: org.slug, minimum: 'viewer' })
  viewerAccess = await requireMembership({ personId: viewer.id, organizationSlug: org.slug, minimum: 'viewer' })
  const other = await createOrganization('annan-forslag', 'Annan')
  const otherOwner = await createMember(other.id, 'owner')
  otherAccess = await requireMembership({ personId: otherOwner.id, organizationSlug: other.slug, minimum: 'viewer' })
  orgSlug = org.slug
  organizerEmail = organizer.email
  cookies = { organizer: await cookieFor(organizer.id), viewer: await cookieFor(viewer.id), other: await cookieFor(otherOwner.id) }
  event = await db.event.create({
    data: {
      slug: 'sormlandsdagen-forslag',
      organizationId: org.id,
      titleSv: 'Sörmlandsdagen',
      titleEn: 'Sörmland Day',
      format: 'on_site',
      status: 'published',
      startsAt: new Date('2027-09-29T07:00:00Z'),
      endsAt: new Date('2027-09-29T13:30:00Z'),
    },
  })
  await saveCallSettings({
    access,
    eventId: event.id,
    settings: { isOpen: true, closesAt: DEADLINE, introSv: 'Skicka in!', introEn: 'Send one!', formats: ['talk', 'workshop'], lengths: [15, 45] },
    now: NOW,
  })
})

afterAll(async () => {
  await transport?.close()
  await sink?.close()
})

describe('the call settings', () => {
  it('are off by default: an event without a call has no propose page and no link', async () => {
    const quiet = await db.event.create({
      data: {
        slug: 'utan-forslag',
        organizationId: access.organization.id,
        titleSv: 'Utan förslag',
        titleEn: 'No proposals',
        format: 'online',
        status: 'published',
        startsAt: new Date('2027-10-01T07:00:00Z'),
        endsAt: new Date('2027-10-01T09:00:00Z'),
      },
    })
    const page = await call(proposeLoader, getRequest(`/events/${quiet.slug}/propose`), { slug: quiet.slug })
    expect(page.status).toBe(404)
    const eventPage = await body<{ call: unknown }>(await call(eventLoader, getRequest(`/events/${quiet.slug}`), { slug: quiet.slug }))
    expect(eventPage.call).toBeNull()
  })

  it('opening needs a deadline that has not passed (400 on the field, in Swedish)', async () => {
    const response = await call(
      consoleAction,
      postRequest(consolePath(), { intent: 'settings', isOpen: 'yes', closesAt: '2020-01-01T10:00', format_talk: 'yes', length_30: 'yes' }, cookies.organizer),
      consoleParams(),
    )
    expect(response.status).toBe(400)
    expect((await body<FormAnswer>(response)).fieldErrors.closesAt).toBe('Ange en sista dag som inte har passerat för att öppna inbjudan.')
  })

  it('a viewer may read the page but not change the call (403); another organization gets 404 and nothing changes', async () => {
    const before = await db.proposalCall.findUniqueOrThrow({ where: { eventId: event.id } })
    expect((await call(consoleLoader, getRequest(consolePath(), cookies.viewer), consoleParams())).status).toBe(200)
    const fields = { intent: 'settings', format_talk: 'yes', length_15: 'yes' }
    expect((await call(consoleAction, postRequest(consolePath(), fields, cookies.viewer), consoleParams())).status).toBe(403)
    expect((await call(consoleLoader, getRequest(consolePath(), cookies.other), consoleParams())).status).toBe(404)
    const otherPath = `/organizer/annan-forslag/events/${event.id}/proposals`
    expect((await call(consoleAction, postRequest(otherPath, fields, cookies.other), { org: 'annan-forslag', id: event.id })).status).toBe(404)
    expect(await db.proposalCall.findUniqueOrThrow({ where: { eventId: event.id } })).toEqual(before)
  })
})

describe('the public form', () => {
  it('the event page links to it while the call is open, with the deadline in Swedish time', async () => {
    const page = await body<{ call: { deadline: string } | null }>(await call(eventLoader, getRequest(`/events/${event.slug}`), { slug: event.slug }))
    expect(page.call).toEqual({ deadline: 'ons 31 mars 2027, kl. 23.59' })
  })

  it('a sent form answers 303 to ?done=1, and the proposer and the organizers get their mail', async () => {
    const input = proposal({ format: 'talk', length: 15 })
    const response = await call(proposeAction, postRequest(`/events/${event.slug}/propose`, formFields(input)), { slug: event.slug })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/events/${event.slug}/propose?done=1`)
    const saved = await db.proposal.findFirstOrThrow({ where: { email: input.email } })
    expect(saved).toMatchObject({ status: 'submitted', format: 'talk', lengthMinutes: 15, locale: 'sv', title: input.title })
    expect(saved.tokenHash).not.toContain(proposalToken(saved))
    const mails = await db.outboxMessage.findMany({ where: { dedupKey: { contains: saved.id } }, orderBy: { template: 'asc' } })
    expect(mails.map((mail) => [mail.template, mail.recipient]).sort()).toEqual(
      [
        ['proposal-new', organizerEmail],
        ['proposal-new', (await db.person.findUniqueOrThrow({ where: { id: secondAccess.personId } })).email],
        ['proposal-received', input.email],
      ].sort(),
    )
    expect(await db.auditEntry.count({ where: { action: 'proposal.submitted', entityId: saved.id } })).toBe(1)
  })

  it('a form with errors answers 400 with a message next to each field in the visitor’s language, keeping what was typed', async () => {
    const fields: Record<string, string> = { ...formFields(proposal()), title: '', email: 'inte-en-adress' }
    const sv = await call(proposeAction, postRequest(`/events/${event.slug}/propose`, fields), { slug: event.slug })
    expect(sv.status).toBe(400)
    const answer = await body<FormAnswer>(sv)
    expect(answer.fieldErrors.title).toBe('Fyll i det här fältet.')
    expect(answer.fieldErrors.email).toBeDefined()
    expect(answer.values.abstract).toBe(fields.abstract)
    const en = await call(proposeAction, postRequest(`/en/events/${event.slug}/propose`, fields), { slug: event.slug, lang: 'en' })
    expect((await body<FormAnswer>(en)).fieldErrors.title).toBe('Please fill in this field.')
  })

  it('sending the proposal records the privacy notice version the form showed; a version the organization never had is a 400 on that field', async () => {
    const accepted = await call(proposeAction, postRequest(`/events/${event.slug}/propose`, { ...formFields(proposal()), privacyVersion: '1' }), {
      slug: event.slug,
    })
    expect(accepted.status).toBe(303)
    const saved = await db.proposal.findFirstOrThrow({ where: { eventId: event.id }, orderBy: { createdAt: 'desc' } })
    expect(saved.privacyVersion).toBe(1)
    expect(saved.privacyAcceptedAt).toBeInstanceOf(Date)
    const refused = await call(proposeAction, postRequest(`/events/${event.slug}/propose`, { ...formFields(proposal()), privacyVersion: '7' }), {
      slug: event.slug,
    })
    expect(refused.status).toBe(400)
    expect((await body<FormAnswer>(refused)).fieldErrors.privacyVersion).toBe(
      'Formuläret hänvisade till en version av integritetsmeddelandet som arrangören inte har. Ladda om sidan, läs meddelandet och skicka igen.',
    )
  })

  it('a format or length the call does not offer is a 400 on that field', async () => {
    expect((await domainError(submit({ format: 'panel' }))).field).toBe('format')
    expect((await domainError(submit({ length: 60 }))).field).toBe('length')
  })

  it('a switched-off call shows a clear page, answers 409 to a POST, and the event page has no link', async () => {
    const closedEvent = await db.event.create({
      data: {
        slug: 'stangd-forslag',
        organizationId: access.organization.id,
        titleSv: 'Stängd dag',
        titleEn: 'Closed day',
        format: 'online',
        status: 'published',
        startsAt: new Date('2027-10-02T07:00:00Z'),
        endsAt: new Date('2027-10-02T09:00:00Z'),
      },
    })
    // The deadline has passed in real time: the call is closed however it is switched.
    await db.proposalCall.create({
      data: { eventId: closedEvent.id, isOpen: true, closesAt: new Date('2020-01-01T00:00:00Z'), formats: ['talk'], lengths: [30] },
    })
    const page = await body<{ state: string }>(await call(proposeLoader, getRequest(`/events/${closedEvent.slug}/propose`), { slug: closedEvent.slug }))
    expect(page.state).toBe('closed')
    const post = await call(proposeAction, postRequest(`/events/${closedEvent.slug}/propose`, formFields(proposal({ format: 'talk', length: 30 }))), {
      slug: closedEvent.slug,
    })
    expect(post.status).toBe(409)
    expect((await body<FormAnswer>(post)).formError).toBe('Inbjudan till förslag är stängd, så förslaget kunde inte skickas in.')
    expect(await db.proposal.count({ where: { eventId: closedEvent.id } })).toBe(0)
    expect((await body<{ call: unknown }>(await call(eventLoader, getRequest(`/events/${closedEvent.slug}`), { slug: closedEvent.slug }))).call).toBeNull()
  })

  it('is rate-limited per address: the next proposal from the same address gets 429 with Retry-After', async () => {
    const limits = config().registrationLimits
    setConfig({ ...config(), registrationLimits: { perIp: 1000, perEmail: 2 } })
    try {
      const fields = formFields(proposal({ format: 'talk', length: 15, email: 'manga@example.org' }))
      const post = () => call(proposeAction, postRequest(`/events/${event.slug}/propose`, fields), { slug: event.slug })
      expect((await post()).status).toBe(303)
      expect((await post()).status).toBe(303)
      const refused = await post()
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
      expect((await body<FormAnswer>(refused)).fieldErrors.email).toMatch(/^Du har skickat många förslag på kort tid/)
    } finally {
      setConfig({ ...config(), registrationLimits: limits })
    }
  })
})

describe('the deadline', () => {
  it('takes proposals until the deadline and refuses them from then on (409), decided by the clock passed', async () => {
    const justBefore = new Date(DEADLINE.getTime() - 1)
    await expect(submitProposal({ slug: event.slug, locale: 'sv', proposal: proposal(), now: justBefore })).resolves.toMatchObject({ id: expect.any(String) })
    const refused = await domainError(submitProposal({ slug: event.slug, locale: 'sv', proposal: proposal(), now: DEADLINE }))
    expect(refused.status).toBe(409)
    expect(refused.messageKey).toBe('proposals.error.closed')
  })
})

describe('the state machine', () => {
  it('accepting makes one programme item at the event start with the proposer as speaker, linked through the Person of the address', async () => {
    const { id, input } = await submit({}, 'en')
    const result = await acceptProposal({ access, eventId: event.id, proposalId: id, message: 'Welcome!', now: NOW })
    expect(result.alreadyAccepted).toBe(false)
    const item = await db.programmeItem.findUniqueOrThrow({
      where: { id: result.itemId! },
      include: { speakers: { include: { speaker: { include: { person: true } } } } },
    })
    expect(item).toMatchObject({
      eventId: event.id,
      type: 'workshop',
      titleSv: input.title,
      titleEn: input.title,
      descriptionSv: input.abstract,
      descriptionEn: input.abstract,
      startsAt: event.startsAt,
      endsAt: new Date(event.startsAt.getTime() + 45 * 60_000),
      roomId: null,
    })
    expect(item.speakers).toHaveLength(1)
    expect(item.speakers[0].role).toBe('speaker')
    expect(item.speakers[0].speaker).toMatchObject({ name: input.name, affiliation: input.affiliation, titleEn: input.speakerTitle, bioEn: input.bio })
    expect(item.speakers[0].speaker.person).toMatchObject({ email: input.email, locale: 'en' })
    expect(await db.proposal.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'accepted', itemId: item.id, decisionMessage: 'Welcome!' })
    expect(await db.auditEntry.count({ where: { action: 'proposal.accepted', entityId: id } })).toBe(1)
  })

  it('accepting twice is idempotent: one item, no second mail', async () => {
    const { id } = await submit()
    const first = await acceptProposal({ access, eventId: event.id, proposalId: id, now: NOW })
    const second = await acceptProposal({ access: secondAccess, eventId: event.id, proposalId: id, now: NOW })
    expect(second).toEqual({ alreadyAccepted: true, itemId: first.itemId })
    expect(await db.outboxMessage.count({ where: { template: 'proposal-accepted', dedupKey: `proposal-accepted:${id}` } })).toBe(1)
  })

  it('two organizers accepting at the same instant give one programme item', async () => {
    const { id } = await submit()
    const before = await db.programmeItem.count({ where: { eventId: event.id } })
    const results = await Promise.all([
      acceptProposal({ access, eventId: event.id, proposalId: id, now: NOW }),
      acceptProposal({ access: secondAccess, eventId: event.id, proposalId: id, now: NOW }),
    ])
    expect(results.filter((result) => !result.alreadyAccepted)).toHaveLength(1)
    expect(new Set(results.map((result) => result.itemId)).size).toBe(1)
    expect(await db.programmeItem.count({ where: { eventId: event.id } })).toBe(before + 1)
  })

  it('refuses every other move with 409 and a message: decline or withdraw an accepted one, accept a declined or withdrawn one', async () => {
    const accepted = await submit()
    await acceptProposal({ access, eventId: event.id, proposalId: accepted.id, now: NOW })
    expect((await domainError(declineProposal({ access, eventId: event.id, proposalId: accepted.id }))).status).toBe(409)
    const withdrawAccepted = await domainError(withdrawProposal({ token: accepted.token }))
    expect([withdrawAccepted.status, withdrawAccepted.messageKey]).toEqual([409, 'proposals.error.already.accepted'])

    const declined = await submit()
    expect(await declineProposal({ access, eventId: event.id, proposalId: declined.id, message: 'Tyvärr fullt.' })).toEqual({ alreadyDeclined: false })
    expect(await declineProposal({ access, eventId: event.id, proposalId: declined.id, message: 'Annat' })).toEqual({ alreadyDeclined: true })
    expect((await db.proposal.findUniqueOrThrow({ where: { id: declined.id } })).decisionMessage).toBe('Tyvärr fullt.')
    expect((await domainError(acceptProposal({ access, eventId: event.id, proposalId: declined.id }))).status).toBe(409)
    expect((await domainError(withdrawProposal({ token: declined.token }))).status).toBe(409)

    const withdrawn = await submit()
    expect(await withdrawProposal({ token: withdrawn.token })).toEqual({ alreadyWithdrawn: false })
    expect(await withdrawProposal({ token: withdrawn.token })).toEqual({ alreadyWithdrawn: true })
    const acceptWithdrawn = await domainError(acceptProposal({ access, eventId: event.id, proposalId: withdrawn.id }))
    expect([acceptWithdrawn.status, acceptWithdrawn.messageKey]).toEqual([409, 'proposals.error.already.withdrawn'])
    expect(await db.programmeItem.count({ where: { proposal: { id: { in: [declined.id, withdrawn.id] } } } })).toBe(0)
  })

  it('the console answers a refused move with 409 in the organizer’s language', async () => {
    const { id } = await submit()
    await declineProposal({ access, eventId: event.id, proposalId: id })
    const response = await call(
      consoleAction,
      postRequest(`${consolePath()}?lang=en`, { intent: 'accept', proposalId: id }, cookies.organizer),
      consoleParams(),
    )
    expect(response.status).toBe(409)
    expect((await body<FormAnswer>(response)).formError).toBe('The proposal has already been declined, so it cannot be changed that way.')
  })
})

describe('authorization', () => {
  it('a viewer cannot rate, comment, accept or decline (403); another organization gets 404; a visitor is sent to sign in; nothing changes', async () => {
    const { id } = await submit()
    for (const intent of ['rate', 'comment', 'accept', 'decline']) {
      const fields = { intent, proposalId: id, score: '5', body: 'Bra', message: '' }
      expect((await call(consoleAction, postRequest(consolePath(), fields, cookies.viewer), consoleParams())).status).toBe(403)
      expect((await call(consoleAction, postRequest(consolePath(), fields, cookies.other), consoleParams())).status).toBe(404)
      const anonymous = await call(consoleAction, postRequest(consolePath(), fields), consoleParams())
      expect(anonymous.status).toBeGreaterThanOrEqual(300)
      expect(anonymous.status).toBeLessThan(400)
      expect(anonymous.headers.get('Location')).toMatch(/^\/login/)
    }
    expect((await domainError(rateProposal({ access: viewerAccess, eventId: event.id, proposalId: id, score: 3 }))).status).toBe(403)
    expect((await domainError(acceptProposal({ access: otherAccess, eventId: event.id, proposalId: id }))).status).toBe(404)
    expect(await db.proposal.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'submitted', itemId: null })
    expect(await db.proposalRating.count({ where: { proposalId: id } })).toBe(0)
    expect(await db.proposalComment.count({ where: { proposalId: id } })).toBe(0)
  })
})

describe('ratings and comments', () => {
  it('one rating per organizer, a new one replaces it, and the page shows the average', async () => {
    const { id } = await submit()
    await rateProposal({ access, eventId: event.id, proposalId: id, score: 2 })
    await rateProposal({ access, eventId: event.id, proposalId: id, score: 4 })
    const response = await call(consoleAction, postRequest(consolePath(), { intent: 'rate', proposalId: id, score: '5' }, cookies.organizer), consoleParams())
    expect(response.status).toBe(302)
    await rateProposal({ access: secondAccess, eventId: event.id, proposalId: id, score: 4 })
    const review = await getProposalForReview({ access, eventId: event.id, proposalId: id })
    expect(review.average).toBe(4.5)
    expect(review.myScore).toBe(5)
    expect(review.ratings).toHaveLength(2)
    expect((await listProposals({ access, eventId: event.id })).proposals.find((row) => row.id === id)).toMatchObject({ average: 4.5, ratings: 2 })
    expect(
      (await call(consoleAction, postRequest(consolePath(), { intent: 'rate', proposalId: id, score: '6' }, cookies.organizer), consoleParams())).status,
    ).toBe(400)
  })

  it('internal comments show in the console and never on the proposer’s page', async () => {
    const { id, token } = await submit()
    const secret = 'Intern anteckning: för lik förra årets pass'
    const posted = await call(
      consoleAction,
      postRequest(consolePath(), { intent: 'comment', proposalId: id, body: secret }, cookies.organizer),
      consoleParams(),
    )
    expect(posted.status).toBe(302)
    await rateProposal({ access, eventId: event.id, proposalId: id, score: 1 })
    const consolePage = await call(consoleLoader, getRequest(`${consolePath()}?id=${id}`, cookies.organizer), consoleParams())
    expect(await consolePage.text()).toContain(secret)
    const proposerPage = await call(pageLoader, getRequest(`/proposals/${token}`), { token })
    expect(proposerPage.status).toBe(200)
    const text = await proposerPage.text()
    expect(text).not.toContain(secret)
    expect(text).not.toContain('score')
    expect(proposerPage.headers.get('Cache-Control')).toBe('private, no-store')
  })

  it('the list filters by status', async () => {
    const { id } = await submit()
    await declineProposal({ access, eventId: event.id, proposalId: id })
    const page = await body<{ proposals: { id: string; status: string }[] }>(
      await call(consoleLoader, getRequest(`${consolePath()}?status=declined`, cookies.viewer), consoleParams()),
    )
    expect(page.proposals.length).toBeGreaterThan(0)
    expect(page.proposals.every((row) => row.status === 'declined')).toBe(true)
    expect(page.proposals.map((row) => row.id)).toContain(id)
  })
})

describe('the proposer’s page', () => {
  it('is personal, GET changes nothing, withdrawing asks first and then takes a POST', async () => {
    const { id, token } = await submit()
    expect(isPersonalPath(`/proposals/${token}`)).toBe(true)
    expect(isPersonalPath(`/en/events/${event.slug}/propose`)).toBe(true)
    const before = await db.proposal.findUniqueOrThrow({ where: { id } })
    const asking = await body<{ confirming: boolean; status: string }>(await call(pageLoader, getRequest(`/proposals/${token}?confirm=withdraw`), { token }))
    expect(asking).toMatchObject({ confirming: true, status: 'submitted' })
    expect(await db.proposal.findUniqueOrThrow({ where: { id } })).toEqual(before)
    const response = await call(pageAction, postRequest(`/proposals/${token}`, { intent: 'withdraw' }), { token })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/proposals/${token}?done=withdrawn`)
    expect((await db.proposal.findUniqueOrThrow({ where: { id } })).status).toBe('withdrawn')
    expect((await call(pageAction, postRequest(`/proposals/${'B'.repeat(43)}`, { intent: 'withdraw' }), { token: 'B'.repeat(43) })).status).toBe(404)
    expect((await call(pageLoader, getRequest(`/proposals/${'B'.repeat(43)}`), { token: 'B'.repeat(43) })).status).toBe(404)
  })
})

describe('the mails', () => {
  it('go out at each step in the proposer’s language; the acceptance carries /speaker and the personal page link', async () => {
    const { id, token, input } = await submit({}, 'en')
    await acceptProposal({ access, eventId: event.id, proposalId: id, message: 'See you in Eskilstuna!', now: NOW })
    const queued = await db.outboxMessage.findMany({ where: { recipient: input.email }, orderBy: { createdAt: 'asc' } })
    expect(queued.map((mail) => [mail.template, mail.locale])).toEqual([
      ['proposal-received', 'en'],
      ['proposal-accepted', 'en'],
    ])
    const mail = await delivered(queued[1].messageId)
    expect(mail.subject).toBe('Your proposal for Sörmland Day has been accepted')
    expect(mail.text).toContain('https://samling.test/speaker?lang=en')
    expect(mail.text).toContain(proposalUrl(token, 'en'))
    expect(mail.text).toContain('See you in Eskilstuna!')
    expect(mail.html).toContain('https://samling.test/speaker?lang=en')

    const declined = await submit()
    await declineProposal({ access, eventId: event.id, proposalId: declined.id, message: 'Vi fick många förslag.' })
    const withdrawn = await submit()
    await withdrawProposal({ token: withdrawn.token })
    expect(await db.outboxMessage.findFirst({ where: { template: 'proposal-declined', recipient: declined.input.email } })).toMatchObject({ locale: 'sv' })
    expect(await db.outboxMessage.findFirst({ where: { template: 'proposal-withdrawn', recipient: withdrawn.input.email } })).toMatchObject({ locale: 'sv' })
    const declineMail = await db.outboxMessage.findFirstOrThrow({ where: { template: 'proposal-declined', recipient: declined.input.email } })
    const parsed = await delivered(declineMail.messageId)
    expect(parsed.subject).toBe('Besked om ditt förslag till Sörmlandsdagen')
    expect(parsed.text).toContain('Vi fick många förslag.')
  })

  it('moving the accepted item in the programme sends the proposer an updated calendar invitation, as for an invited speaker', async () => {
    const { id, input } = await submit()
    const { itemId } = await acceptProposal({ access, eventId: event.id, proposalId: id, now: NOW })
    const item = await db.programmeItem.findUniqueOrThrow({ where: { id: itemId! }, include: { speakers: true } })
    const later = new Date(item.startsAt.getTime() + 3 * 3_600_000)
    await saveProgrammeItem({
      access,
      eventId: event.id,
      itemId: item.id,
      item: {
        type: item.type,
        titleSv: item.titleSv,
        titleEn: item.titleEn,
        descriptionSv: item.descriptionSv,
        descriptionEn: item.descriptionEn,
        startsAt: later,
        endsAt: new Date(later.getTime() + 45 * 60_000),
        roomId: null,
        trackId: null,
        capacity: null,
        recordingUrl: null,
        slidesUrl: null,
        speakers: item.speakers.map((role) => ({ speakerId: role.speakerId, role: role.role })),
        newSpeaker: null,
      },
    })
    const moved = await db.outboxMessage.findMany({ where: { template: 'speaker-session-changed', recipient: input.email } })
    expect(moved).toHaveLength(1)
  })
})
