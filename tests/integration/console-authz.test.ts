import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import * as eventEdit from '../../app/routes/organizer.$org.events.$id._index.tsx'
import * as invites from '../../app/routes/organizer.$org.events.$id.invites.tsx'
import * as programme from '../../app/routes/organizer.$org.events.$id.programme.tsx'
import * as proposals from '../../app/routes/organizer.$org.events.$id.proposals.tsx'
import * as registrations from '../../app/routes/organizer.$org.events.$id.registrations.tsx'
import * as speakers from '../../app/routes/organizer.$org.events.$id.speakers.tsx'
import * as speakerAnswers from '../../app/routes/organizer.$org.events.$id.speaker-answers.tsx'
import * as materials from '../../app/routes/organizer.$org.events.$id.materials.tsx'
import * as checkIn from '../../app/routes/organizer.$org.events.$id.check-in.tsx'
import * as questions from '../../app/routes/organizer.$org.events.$id.questions.tsx'
import * as questionsExport from '../../app/routes/organizer.$org.events.$id.questions_.export.ts'
import * as mailingList from '../../app/routes/organizer.$org.events.$id.mailings._index.tsx'
import * as mailingPage from '../../app/routes/organizer.$org.events.$id.mailings.$mailingId.tsx'
import * as orgMail from '../../app/routes/organizer.$org.mail.tsx'
import * as eventDashboard from '../../app/routes/organizer.$org.events.$id.dashboard.tsx'
import * as report from '../../app/routes/organizer.$org.report.tsx'
import * as reportCsv from '../../app/routes/organizer.$org.report_.csv.ts'
import * as eventNew from '../../app/routes/organizer.$org.events.new.tsx'
import * as orgIndex from '../../app/routes/organizer.$org._index.tsx'
import * as seriesEdit from '../../app/routes/organizer.$org.series.$id.tsx'
import * as seriesIndex from '../../app/routes/organizer.$org.series._index.tsx'
import * as seriesNew from '../../app/routes/organizer.$org.series.new.tsx'
import * as orgLayout from '../../app/routes/organizer.$org.tsx'
import * as consoleIndex from '../../app/routes/organizer._index.tsx'
import * as mailPreview from '../../app/routes/organizer.mail-preview.tsx'
import * as consoleLayout from '../../app/routes/organizer.tsx'
import { call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

/**
 * The authorization matrix of every console route, loader and action:
 * stranger → /login; member of another organization → 404; viewer → may read, 403 on change;
 * organizer and owner → may change.
 */
type Who = 'stranger' | 'outsider' | 'viewer' | 'organizer' | 'owner'
const PEOPLE: Who[] = ['stranger', 'outsider', 'viewer', 'organizer', 'owner']

let org: { id: string; slug: string }
let eventId: string
let seriesId: string
let registrationId: string
let inviteId: string
let questionId: string
let mailingId: string
const cookies: Partial<Record<Who, string>> = {}
let run = 0

type Case = {
  name: string
  module: { loader?: unknown; action?: unknown }
  kind: 'loader' | 'action'
  path: () => string
  params: () => Record<string, string>
  /** Is the route about one organization (so outsiders get 404)? */
  scoped: boolean
  form?: () => Record<string, string>
}

const orgParams = () => ({ org: org.slug })
const eventParams = () => ({ org: org.slug, id: eventId })
const seriesParams = () => ({ org: org.slug, id: seriesId })

const eventForm = () => ({
  titleSv: `Behörighet ${++run}`,
  format: 'online',
  startsAt: '2027-03-01T13:00',
  endsAt: '2027-03-01T14:00',
  onlineUrl: 'https://meet.example.se/x',
  intent: 'save',
})

const CASES: Case[] = [
  { name: 'console layout', module: consoleLayout, kind: 'loader', path: () => '/organizer', params: () => ({}), scoped: false },
  { name: 'organization list', module: consoleIndex, kind: 'loader', path: () => '/organizer', params: () => ({}), scoped: false },
  { name: 'mail preview', module: mailPreview, kind: 'loader', path: () => '/organizer/mail-preview', params: () => ({}), scoped: false },
  { name: 'organization layout', module: orgLayout, kind: 'loader', path: () => `/organizer/${org.slug}`, params: orgParams, scoped: true },
  { name: 'dashboard', module: orgIndex, kind: 'loader', path: () => `/organizer/${org.slug}`, params: orgParams, scoped: true },
  { name: 'new event page', module: eventNew, kind: 'loader', path: () => `/organizer/${org.slug}/events/new`, params: orgParams, scoped: true },
  { name: 'create event', module: eventNew, kind: 'action', path: () => `/organizer/${org.slug}/events/new`, params: orgParams, scoped: true, form: eventForm },
  { name: 'edit event page', module: eventEdit, kind: 'loader', path: () => `/organizer/${org.slug}/events/${eventId}`, params: eventParams, scoped: true },
  {
    name: 'save event',
    module: eventEdit,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}`,
    params: eventParams,
    scoped: true,
    form: () => ({ ...eventForm(), slug: 'behorighet' }),
  },
  {
    name: 'publish event',
    module: eventEdit,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'publish' }),
  },
  {
    name: 'cancel event',
    module: eventEdit,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'cancel', reason: 'Test' }),
  },
  {
    name: 'programme page',
    module: programme,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/programme`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'add room',
    module: programme,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/programme`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'addRoom', name: `Sal ${++run}` }),
  },
  {
    name: 'add programme item',
    module: programme,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/programme`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'saveItem', type: 'talk', titleSv: `Punkt ${++run}`, day: '2027-03-01', startTime: '13:00', endTime: '13:30' }),
  },
  {
    name: 'registration list',
    module: registrations,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/registrations`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'mark paid',
    module: registrations,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/registrations`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'markPayment', registrationId, paymentStatus: 'paid' }),
  },
  { name: 'guest list', module: invites, kind: 'loader', path: () => `/organizer/${org.slug}/events/${eventId}/invites`, params: eventParams, scoped: true },
  {
    name: 'revoke invite',
    module: invites,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/invites`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'revoke', inviteId }),
  },
  {
    name: 'speaker invitations',
    module: speakers,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/speakers`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'invite a speaker',
    module: speakers,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/speakers`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'invite', name: `Talare ${++run}`, email: `talare-${run}@example.se`, role: 'speaker', answerBy: '2099-03-01T12:00' }),
  },
  {
    name: 'speakers’ answers and edits',
    module: speakerAnswers,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/speaker-answers`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'speaker edit settings',
    module: speakerAnswers,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/speaker-answers`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'settings', speakerEditsOpen: 'yes', speakerEditsUntil: '' }),
  },
  {
    name: 'organization report',
    module: report,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/report?from=2026-01-01&to=2026-12-31`,
    params: orgParams,
    scoped: true,
  },
  {
    name: 'organization report CSV',
    module: reportCsv,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/report/csv?from=2026-01-01&to=2026-12-31&dialect=rfc4180`,
    params: orgParams,
    scoped: true,
  },
  {
    name: 'event dashboard',
    module: eventDashboard,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/dashboard`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'recordings and slides',
    module: materials,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/materials`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'check-in page',
    module: checkIn,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/check-in?q=Betalande`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'check in',
    module: checkIn,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/check-in`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'checkIn', registrationId }),
  },
  {
    name: 'send queued scans',
    module: checkIn,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/check-in`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'sync', scans: JSON.stringify([{ clientId: `authz-${++run}`, ticket: 'not-a-ticket' }]) }),
  },
  {
    name: 'add a recording link',
    module: materials,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/materials`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'add', kind: 'recording', itemId: '', url: 'https://youtu.be/authz' }),
  },
  {
    name: 'audience questions',
    module: questions,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/questions`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'select an audience question',
    module: questions,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/questions`,
    params: eventParams,
    scoped: true,
    // The organizer moves it; the owner's same press finds it already selected (the same outcome, 302).
    form: () => ({ intent: 'moderate', questionId, from: 'new', state: 'selected' }),
  },
  {
    name: 'audience questions export',
    module: questionsExport,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/questions/export?format=rfc4180`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'proposals',
    module: proposals,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/proposals`,
    params: eventParams,
    scoped: true,
  },
  {
    name: 'call for proposals settings',
    module: proposals,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/proposals`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'settings', format_talk: 'yes', length_30: 'yes', introSv: `Inledning ${++run}` }),
  },
  { name: 'series list', module: seriesIndex, kind: 'loader', path: () => `/organizer/${org.slug}/series`, params: orgParams, scoped: true },
  { name: 'new series page', module: seriesNew, kind: 'loader', path: () => `/organizer/${org.slug}/series/new`, params: orgParams, scoped: true },
  {
    name: 'create series',
    module: seriesNew,
    kind: 'action',
    path: () => `/organizer/${org.slug}/series/new`,
    params: orgParams,
    scoped: true,
    form: () => ({ titleSv: `Serie ${++run}` }),
  },
  { name: 'series page', module: seriesEdit, kind: 'loader', path: () => `/organizer/${org.slug}/series/${seriesId}`, params: seriesParams, scoped: true },
  {
    name: 'save series',
    module: seriesEdit,
    kind: 'action',
    path: () => `/organizer/${org.slug}/series/${seriesId}`,
    params: seriesParams,
    scoped: true,
    form: () => ({ intent: 'save', titleSv: `Serien ${++run}`, slug: 'serien' }),
  },
  {
    name: 'publish series',
    module: seriesEdit,
    kind: 'action',
    path: () => `/organizer/${org.slug}/series/${seriesId}`,
    params: seriesParams,
    scoped: true,
    form: () => ({ intent: 'publish' }),
  },
  { name: 'mail status page', module: orgMail, kind: 'loader', path: () => `/organizer/${org.slug}/mail`, params: orgParams, scoped: true },
  { name: 'mailings', module: mailingList, kind: 'loader', path: () => `/organizer/${org.slug}/events/${eventId}/mailings`, params: eventParams, scoped: true },
  {
    name: 'new mailing',
    module: mailingList,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/mailings`,
    params: eventParams,
    scoped: true,
    form: () => ({ intent: 'create' }),
  },
  {
    name: 'mailing page',
    module: mailingPage,
    kind: 'loader',
    path: () => `/organizer/${org.slug}/events/${eventId}/mailings/${mailingId}`,
    params: () => ({ ...eventParams(), mailingId }),
    scoped: true,
  },
  {
    name: 'save mailing',
    module: mailingPage,
    kind: 'action',
    path: () => `/organizer/${org.slug}/events/${eventId}/mailings/${mailingId}`,
    params: () => ({ ...eventParams(), mailingId }),
    scoped: true,
    form: () => ({ intent: 'save', subjectSv: `Utskick ${++run}`, bodySv: 'Hej {förnamn}' }),
  },
]

function expected(c: Case, who: Who): number | 'login' | 'ok' {
  if (who === 'stranger') return 'login'
  if (who === 'outsider') return c.scoped ? 404 : 'ok'
  if (who === 'viewer') return c.kind === 'loader' ? 'ok' : 403
  return 'ok'
}

beforeAll(async () => {
  org = await createOrganization('behorighet', 'Behörighet AB')
  const other = await createOrganization('grannen', 'Grannen')
  cookies.outsider = await cookieFor((await createMember(other.id, 'owner', 'outsider')).id)
  for (const role of ['viewer', 'organizer', 'owner'] as const) cookies[role] = await cookieFor((await createMember(org.id, role)).id)
  const event = await db.event.create({
    data: {
      slug: 'behorighet-event',
      organizationId: org.id,
      titleSv: 'Behörighet',
      titleEn: '',
      format: 'online',
      onlineUrl: 'https://meet.example.se/x',
      startsAt: new Date('2027-03-01T12:00:00Z'),
      endsAt: new Date('2027-03-01T13:00:00Z'),
    },
  })
  eventId = event.id
  const email = 'betalande@example.se'
  registrationId = (
    await db.registration.create({
      data: {
        eventId,
        name: 'Betalande',
        email,
        emailNormalized: email,
        status: 'confirmed',
        manageTokenHash: 'a'.repeat(64),
        priceOre: 29500,
        paymentStatus: 'unpaid',
      },
    })
  ).id
  questionId = (await db.audienceQuestion.create({ data: { eventId, registrationId, text: 'Behörighetsfråga?' } })).id
  inviteId = (await db.registrationInvite.create({ data: { eventId, email, emailNormalized: email, tokenHash: 'b'.repeat(64) } })).id
  seriesId = (await db.series.create({ data: { slug: 'behorighet-serie', organizationId: org.id, titleSv: 'Serie', titleEn: '' } })).id
  mailingId = (await db.mailing.create({ data: { organizationId: org.id, eventId } })).id
})

describe('console authorization matrix', () => {
  for (const c of CASES) {
    for (const who of PEOPLE) {
      const want = expected(c, who)
      const label = want === 'login' ? 'is sent to /login' : want === 'ok' ? 'is let through' : `gets ${want}`
      it(`${c.name} (${c.kind}): ${who} ${label}`, async () => {
        const fn = c.kind === 'loader' ? c.module.loader : c.module.action
        const request = c.kind === 'loader' ? getRequest(c.path(), cookies[who]) : postRequest(c.path(), c.form!(), cookies[who])
        const response = await call(fn, request, c.params())
        if (want === 'login') {
          expect(response.status).toBe(302)
          expect(response.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
        } else if (want === 'ok') {
          expect([200, 302]).toContain(response.status)
          if (response.status === 302) expect(response.headers.get('Location')).not.toMatch(/^\/login/)
        } else {
          expect(response.status).toBe(want)
          const data = (await response.json()) as { formError?: string }
          expect(data.formError).toBe(want === 403 ? 'Du har inte behörighet att göra det här.' : 'Organisationen finns inte.')
        }
      })
    }
  }
})

describe("another organization's ids", () => {
  let foreignEvent: string
  let foreignSeries: string
  beforeAll(async () => {
    const other = await db.organization.findUniqueOrThrow({ where: { slug: 'grannen' } })
    foreignEvent = (
      await db.event.create({
        data: {
          slug: 'grannens-event',
          organizationId: other.id,
          titleSv: 'Grannens',
          titleEn: '',
          format: 'online',
          onlineUrl: 'https://x.example.se',
          startsAt: new Date('2027-03-01T12:00:00Z'),
          endsAt: new Date('2027-03-01T13:00:00Z'),
        },
      })
    ).id
    foreignSeries = (await db.series.create({ data: { slug: 'grannens-serie', organizationId: other.id, titleSv: 'Grannens serie', titleEn: '' } })).id
  })

  const attempts: [
    string,
    unknown,
    'loader' | 'action',
    (e: string, s: string) => { path: string; params: Record<string, string>; form?: Record<string, string> },
  ][] = [
    ['edit page', eventEdit.loader, 'loader', (e) => ({ path: `/events/${e}`, params: { id: e } })],
    ['publish', eventEdit.action, 'action', (e) => ({ path: `/events/${e}`, params: { id: e }, form: { intent: 'publish' } })],
    ['programme page', programme.loader, 'loader', (e) => ({ path: `/events/${e}/programme`, params: { id: e } })],
    ['registration list', registrations.loader, 'loader', (e) => ({ path: `/events/${e}/registrations`, params: { id: e } })],
    ['guest list', invites.loader, 'loader', (e) => ({ path: `/events/${e}/invites`, params: { id: e } })],
    ['speaker invitations', speakers.loader, 'loader', (e) => ({ path: `/events/${e}/speakers`, params: { id: e } })],
    [
      'invite a speaker',
      speakers.action,
      'action',
      (e) => ({
        path: `/events/${e}/speakers`,
        params: { id: e },
        form: { intent: 'invite', name: 'Inbrott', email: 'inbrott@example.se', role: 'speaker', answerBy: '2099-03-01T12:00' },
      }),
    ],
    ['speakers’ answers', speakerAnswers.loader, 'loader', (e) => ({ path: `/events/${e}/speaker-answers`, params: { id: e } })],
    [
      'speaker edit settings',
      speakerAnswers.action,
      'action',
      (e) => ({ path: `/events/${e}/speaker-answers`, params: { id: e }, form: { intent: 'settings', speakerEditReview: 'yes' } }),
    ],
    ['recordings and slides', materials.loader, 'loader', (e) => ({ path: `/events/${e}/materials`, params: { id: e } })],
    ['check-in page', checkIn.loader, 'loader', (e) => ({ path: `/events/${e}/check-in`, params: { id: e } })],
    [
      'send queued scans',
      checkIn.action,
      'action',
      (e) => ({ path: `/events/${e}/check-in`, params: { id: e }, form: { intent: 'sync', scans: JSON.stringify([{ clientId: 'inbrott', ticket: 'x' }]) } }),
    ],
    ['notify about recordings', materials.action, 'action', (e) => ({ path: `/events/${e}/materials`, params: { id: e }, form: { intent: 'notify' } })],
    ['audience questions', questions.loader, 'loader', (e) => ({ path: `/events/${e}/questions`, params: { id: e } })],
    ['audience questions export', questionsExport.loader, 'loader', (e) => ({ path: `/events/${e}/questions/export`, params: { id: e } })],
    [
      'moderate an audience question',
      questions.action,
      'action',
      (e) => ({
        path: `/events/${e}/questions`,
        params: { id: e },
        form: { intent: 'moderate', questionId: '00000000-0000-4000-8000-000000000000', from: 'new', state: 'hidden' },
      }),
    ],
    ['mailings', mailingList.loader, 'loader', (e) => ({ path: `/events/${e}/mailings`, params: { id: e } })],
    ['new mailing', mailingList.action, 'action', (e) => ({ path: `/events/${e}/mailings`, params: { id: e }, form: { intent: 'create' } })],
    ['proposals', proposals.loader, 'loader', (e) => ({ path: `/events/${e}/proposals`, params: { id: e } })],
    [
      'call for proposals settings',
      proposals.action,
      'action',
      (e) => ({
        path: `/events/${e}/proposals`,
        params: { id: e },
        form: { intent: 'settings', isOpen: 'yes', closesAt: '2099-03-01T12:00', format_talk: 'yes', length_30: 'yes' },
      }),
    ],
    ['add room', programme.action, 'action', (e) => ({ path: `/events/${e}/programme`, params: { id: e }, form: { intent: 'addRoom', name: 'Inbrott' } })],
    ['series page', seriesEdit.loader, 'loader', (_e, s) => ({ path: `/series/${s}`, params: { id: s } })],
    ['add part', seriesEdit.action, 'action', (_e, s) => ({ path: `/series/${s}`, params: { id: s }, form: { intent: 'publish' } })],
    ['not a uuid', eventEdit.loader, 'loader', () => ({ path: `/events/1%20OR%201=1`, params: { id: '1 OR 1=1' } })],
  ]
  for (const [name, fn, kind, build] of attempts) {
    it(`an owner of this organization gets 404 for ${name} with the other organization's id, and nothing changes`, async () => {
      const { path, params, form } = build(foreignEvent, foreignSeries)
      const url = `/organizer/${org.slug}${path}`
      const request = kind === 'loader' ? getRequest(url, cookies.owner) : postRequest(url, form!, cookies.owner)
      const response = await call(fn, request, { org: org.slug, ...params })
      expect(response.status).toBe(404)
      expect((await db.event.findUniqueOrThrow({ where: { id: foreignEvent } })).status).toBe('draft')
      expect(await db.room.count({ where: { eventId: foreignEvent } })).toBe(0)
      expect(await db.speakerInvitation.count({ where: { eventId: foreignEvent } })).toBe(0)
      expect(await db.proposalCall.count({ where: { eventId: foreignEvent } })).toBe(0)
      expect((await db.event.findUniqueOrThrow({ where: { id: foreignEvent } })).speakerEditReview).toBe(false)
      expect((await db.series.findUniqueOrThrow({ where: { id: foreignSeries } })).status).toBe('draft')
    })
  }

  it('a series part from another organization is refused', async () => {
    const response = await call(
      seriesEdit.action,
      postRequest(`/organizer/${org.slug}/series/${seriesId}`, { intent: 'addPart', eventId: foreignEvent }, cookies.owner),
      {
        org: org.slug,
        id: seriesId,
      },
    )
    expect(response.status).toBe(400)
    expect((await db.event.findUniqueOrThrow({ where: { id: foreignEvent } })).seriesId).toBeNull()
  })

  it('a POST from another site is refused with 403 even for an owner', async () => {
    const request = new Request(`http://localhost/organizer/${org.slug}/events/${eventId}`, {
      method: 'POST',
      headers: { Cookie: cookies.owner!, Origin: 'https://evil.example' },
      body: new URLSearchParams({ intent: 'unpublish' }),
    })
    const response = await call(eventEdit.action, request, { org: org.slug, id: eventId })
    expect(response.status).toBe(403)
  })
})
