import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { flatRoutes } from '@remix-run/dev/dist/config/flat-routes.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { panelToken } from '../../app/audience-questions/questions.server.ts'
import { db } from '../../app/db/client.server.ts'
import { unsubscribeToken } from '../../app/mail/unsubscribe.server.ts'
import { proposalToken } from '../../app/proposals/proposals.server.ts'
import { deriveToken, hashToken, manageTokenHash, manageToken } from '../../app/registrations/tokens.server.ts'
import { invitationToken } from '../../app/speakers/invitations.server.ts'
import { saveUpload } from '../../app/uploads/store.server.ts'
import { MARKERS, PRINCIPALS, RULES, WALLET, type Case, type Fixture, type Marker, type Principal, type TokenKind } from '../support/authorization-rules.ts'
import { cookieFor, createMember, createOrganization, ORIGIN } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { snapshotDomain } from '../support/domain-snapshot.ts'

useTestDatabase()

/**
 * The authorization matrix (ADR 0036): every loader and action of every route module in
 * app/routes, called in-process as Remix calls it, as each of seven principals. A principal the
 * route's rule does not allow must be refused (to /login, or a 4xx; a signed-in one always a 4xx;
 * in the console: 404 for another organization and for a speaker, 403 for a viewer's change) and
 * must see none of the fixture's secret markers; an allowed one gets an answer and sees only the
 * markers the rule names. Refused requests change no domain table. The route list comes from the
 * folder (Remix's own flat-routes reader), so a new route without a rule fails here.
 */

// ---------------------------------------------------------------------------------------------
// The routes
// ---------------------------------------------------------------------------------------------

type RouteModule = { loader?: unknown; action?: unknown }
type Route = { id: string; file: string; pattern: string; module: RouteModule; intents: string[] | null }

const manifest = flatRoutes('app', ['**/.*', '**/*.test.*'])

function fullPattern(id: string): string {
  const route = manifest[id]
  if (!route) return ''
  return [fullPattern(route.parentId ?? ''), route.path ?? ''].filter(Boolean).join('/')
}

/** The intents an action accepts, read from its `intentOf([...])` or `intentOf(NAME)` with `const NAME = [...]`; null without intentOf. */
function declaredIntents(source: string): string[] | null {
  const call = /\.intentOf\((\[[^\]]*\]|[A-Z_]+)/.exec(source)
  if (!call) return null
  const list = call[1].startsWith('[') ? call[1] : (new RegExp(`const ${call[1]} = (\\[[^\\]]*\\])`).exec(source)?.[1] ?? '[]')
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1])
}

async function readRoutes(): Promise<Route[]> {
  const entries = [{ id: 'root', file: 'root.tsx' }, ...Object.values(manifest).map((route) => ({ id: route.id, file: route.file }))]
  const routes: Route[] = []
  for (const { id, file } of entries) {
    const source = fs.readFileSync(path.join('app', file), 'utf8')
    routes.push({
      id,
      file,
      pattern: `/${fullPattern(id)}`,
      module: (await import(/* @vite-ignore */ path.resolve('app', file))) as RouteModule,
      intents: declaredIntents(source),
    })
  }
  return routes.sort((a, b) => a.id.localeCompare(b.id))
}

// ---------------------------------------------------------------------------------------------
// The fixture: organization A with what every route needs, organization B, seven principals
// ---------------------------------------------------------------------------------------------

let fixture: Fixture
/** Organization B's own things, for the requests that name them on A's pages. */
let other: Fixture
const cookies: Partial<Record<Principal, string>> = {}
const EMPTY_TOKEN = 'Z'.repeat(43)

/** What differs between the two organizations' data: A's texts are the secret markers. */
type Texts = { key: string; attendeeName: string; attendeeEmail: string; streamLink: string; customAnswer: string; draftTitle: string }
const B_TEXTS: Texts = {
  key: 'b',
  attendeeName: 'Bengt Grannsson',
  attendeeEmail: 'bengt.granne@example.se',
  streamLink: 'https://stream.example.se/grannen',
  customAnswer: 'Grannens svar',
  draftTitle: 'Grannens utkast',
}

/** One organization with one of everything a route can name; `speakerPerson` speaks in its event. */
async function createOrganizationData(organization: { id: string; slug: string }, texts: Texts, speakerPerson: { id: string; email: string; name: string }) {
  const k = texts.key
  const member = await createMember(organization.id, 'viewer', `member-to-change-${k}`)
  const speaker = await db.speakerProfile.create({ data: { slug: `talare-behorig-${k}`, name: speakerPerson.name, personId: speakerPerson.id } })
  const startsAt = new Date('2027-03-01T08:00:00Z')
  const endsAt = new Date('2027-03-01T16:00:00Z')
  const series = await db.series.create({
    data: { slug: `behorighet-serie-${k}`, organizationId: organization.id, titleSv: `Behörighetsserien ${k}`, titleEn: '', status: 'published' },
  })
  const event = await db.event.create({
    data: {
      slug: `behorighet-dagen-${k}`,
      organizationId: organization.id,
      titleSv: `Behörighetsdagen ${k}`,
      titleEn: `Authorization day ${k}`,
      status: 'published',
      publishedAt: new Date(),
      format: 'hybrid',
      startsAt,
      endsAt,
      venueName: 'Stadshuset',
      venueAddress: 'Storgatan 1',
      postalCode: '63220',
      city: 'Eskilstuna',
      county: 'sodermanland',
      onlineUrl: texts.streamLink,
      capacityOnSite: 50,
      capacityOnline: 50,
      seriesId: series.id,
      seriesPosition: 1,
    },
  })
  const draft = await db.event.create({
    data: {
      slug: `behorighet-utkast-${k}`,
      organizationId: organization.id,
      titleSv: texts.draftTitle,
      titleEn: texts.draftTitle,
      format: 'online',
      onlineUrl: 'https://meet.example.se/utkast',
      startsAt,
      endsAt,
    },
  })
  const room = await db.room.create({ data: { eventId: event.id, name: 'Stora salen' } })
  const item = await db.programmeItem.create({
    data: {
      eventId: event.id,
      type: 'talk',
      titleSv: 'Behörighetens grunder',
      titleEn: '',
      startsAt,
      endsAt: new Date('2027-03-01T09:00:00Z'),
      roomId: room.id,
    },
  })
  await db.programmeRole.create({ data: { itemId: item.id, speakerId: speaker.id } })
  const question = await db.customQuestion.create({ data: { eventId: event.id, kind: 'text', labelSv: 'Specialkost?', labelEn: 'Diet?' } })

  const registrationId = randomUUID()
  const registration = await db.registration.create({
    data: {
      id: registrationId,
      eventId: event.id,
      name: texts.attendeeName,
      email: texts.attendeeEmail,
      emailNormalized: texts.attendeeEmail,
      status: 'confirmed',
      attendanceMode: 'on_site',
      manageTokenHash: manageTokenHash({ id: registrationId, tokenVersion: 0 }),
      answers: { [question.id]: texts.customAnswer },
      priceOre: 29500,
      paymentStatus: 'unpaid',
    },
  })
  const feedId = randomUUID()
  await db.personalFeed.create({ data: { id: feedId, emailNormalized: texts.attendeeEmail, tokenHash: hashToken(deriveToken('calendar', feedId, 0)) } })
  const audienceQuestion = await db.audienceQuestion.create({ data: { eventId: event.id, registrationId, text: 'Behörighetsfråga?' } })
  const invite = await db.registrationInvite.create({
    data: { eventId: event.id, email: `gast-${k}@example.se`, emailNormalized: `gast-${k}@example.se`, tokenHash: k.repeat(64) },
  })
  const invitationId = randomUUID()
  await db.speakerInvitation.create({
    data: {
      id: invitationId,
      eventId: event.id,
      speakerId: speaker.id,
      email: speakerPerson.email,
      name: speakerPerson.name,
      tokenHash: hashToken(invitationToken({ id: invitationId })),
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
      items: { create: [{ itemId: item.id }] },
    },
  })
  await db.proposalCall.create({ data: { eventId: event.id, isOpen: true, closesAt: new Date(Date.now() + 30 * 86_400_000) } })
  const proposalId = randomUUID()
  await db.proposal.create({
    data: {
      id: proposalId,
      eventId: event.id,
      speakerId: speaker.id,
      title: 'Ett förslag om behörighet',
      abstract: 'Sammanfattning.',
      format: 'talk',
      lengthMinutes: 30,
      name: speakerPerson.name,
      email: speakerPerson.email,
      tokenHash: hashToken(proposalToken({ id: proposalId })),
    },
  })
  // Others' proposal, invitation and waitlist place, for the console's decisions (the speaker's own are theirs to withdraw and accept).
  const decisionProposal = await db.proposal.create({
    data: {
      eventId: event.id,
      title: 'Ett annat förslag',
      abstract: 'Sammanfattning.',
      format: 'talk',
      lengthMinutes: 30,
      name: 'Föreslagare Annan',
      email: `annan-${k}@example.se`,
      tokenHash: hashToken(`annan-${k}`),
    },
  })
  const pendingInvitation = await db.speakerInvitation.create({
    data: {
      eventId: event.id,
      email: `inbjuden-${k}@example.se`,
      name: 'Inbjuden Talare',
      tokenHash: hashToken(`inbjuden-${k}`),
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    },
  })
  const waitlisted = await db.registration.create({
    data: {
      eventId: event.id,
      name: 'Väntande Person',
      email: `vantar-${k}@example.se`,
      emailNormalized: `vantar-${k}@example.se`,
      status: 'waitlisted',
      attendanceMode: 'on_site',
      manageTokenHash: hashToken(`vantar-${k}`),
    },
  })
  const mailing = await db.mailing.create({ data: { organizationId: organization.id, eventId: event.id } })
  const failedMail = await db.outboxMessage.create({
    data: {
      template: 'registration-confirmed',
      recipient: texts.attendeeEmail,
      messageId: `<behorighet-${k}@test>`,
      status: 'failed',
      attempts: 10,
      lastError: '550 mailbox unavailable',
      organizationId: organization.id,
      eventId: event.id,
      registrationId,
    },
  })
  const pdf = new File([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], 'bilder.pdf', { type: 'application/pdf' })
  const media = await saveUpload({ kind: 'slides', file: pdf, uploadedById: speakerPerson.id })

  return {
    orgSlug: organization.slug,
    eventId: event.id,
    eventSlug: event.slug,
    draftSlug: draft.slug,
    seriesId: series.id,
    seriesSlug: series.slug,
    speakerSlug: speaker.slug,
    itemId: item.id,
    roomId: room.id,
    mailingId: mailing.id,
    registrationId: registration.id,
    inviteId: invite.id,
    invitationId,
    questionId: audienceQuestion.id,
    proposalId,
    mediaId: media.id,
    mediaFile: media.originalName,
    memberId: member.id,
    failedMailId: failedMail.id,
    decisionProposalId: decisionProposal.id,
    pendingInvitationId: pendingInvitation.id,
    waitlistedId: waitlisted.id,
    tokens: {
      manage: manageToken(registration),
      calendar: deriveToken('calendar', feedId, 0),
      unsubscribe: unsubscribeToken(texts.attendeeEmail),
      invitation: invitationToken({ id: invitationId }),
      proposal: proposalToken({ id: proposalId }),
      panel: panelToken(item.id),
      login: EMPTY_TOKEN,
    },
  } satisfies Fixture
}

async function createFixture(): Promise<void> {
  const a = await createOrganization('behorighet-a', 'Behörighet A')
  const b = await createOrganization('behorighet-b', 'Behörighet B')
  for (const role of ['viewer', 'organizer', 'owner'] as const) cookies[role] = await cookieFor((await createMember(a.id, role)).id)
  cookies.otherOwner = await cookieFor((await createMember(b.id, 'owner', 'other-owner')).id)
  const speakerPerson = await db.person.create({ data: { email: 'talare.behorig@example.se', name: 'Talare Behörig' } })
  cookies.speaker = await cookieFor(speakerPerson.id)
  const otherSpeaker = await db.person.create({ data: { email: 'talare.granne@example.se', name: 'Talare Granne' } })
  fixture = await createOrganizationData(a, { key: 'a', ...MARKERS }, speakerPerson)
  other = await createOrganizationData(b, B_TEXTS, otherSpeaker)
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

function tokenFor(principal: Principal, kind: TokenKind | undefined): string {
  const wallet = WALLET[principal]
  if (kind && wallet.includes(kind)) return fixture.tokens[kind]
  return wallet.length ? fixture.tokens[wallet[0]] : EMPTY_TOKEN
}

/** Route parameters by "<segment before>/<name>" (or "<name>"): org A's ids and slugs. */
function paramValue(f: Fixture, previous: string, name: string, principal: Principal, kind: TokenKind | undefined): string | undefined {
  const values: Record<string, string> = {
    'organizer/org': f.orgSlug,
    'events/id': f.eventId,
    'series/id': f.seriesId,
    'mailings/mailingId': f.mailingId,
    'sessions/itemId': f.itemId,
    'events/slug': f.eventSlug,
    'organizations/slug': f.orgSlug,
    'series/slug': f.seriesSlug,
    'speakers/slug': f.speakerSlug,
    'media/id': f.mediaId,
    file: f.mediaFile,
    'mailbox/id': '00000000-0000-4000-8000-000000000000',
    index: '0',
    'panel/key': f.itemId,
  }
  if (name === 'token') return tokenFor(principal, kind)
  if (name === 'lang') return undefined
  return values[`${previous}/${name}`] ?? values[name]
}

function fill(route: Route, principal: Principal, f: Fixture): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {}
  const segments = route.pattern.split('/').filter(Boolean)
  const out: string[] = []
  segments.forEach((segment, i) => {
    if (segment === '*') {
      params['*'] = 'no/such/page'
      return void out.push('no/such/page')
    }
    // React Router's param is the word after ':' ("/:token.ics" is the param token and ".ics").
    const match = /^:(\w+)(\?)?(.*)$/.exec(segment)
    if (!match) return void out.push(segment)
    const [, name, optional, suffix] = match
    const value = paramValue(f, segments[i - 1] ?? '', name, principal, RULES[route.id]?.token)
    if (value === undefined) {
      if (optional) return
      throw new Error(`no fixture value for :${name} in ${route.pattern}`)
    }
    params[name] = value
    out.push(`${value}${suffix}`)
  })
  return { url: `/${out.join('/')}`, params }
}

type Answer = { status: number; location: string | null; text: string }

let run = 0
const ips: Record<Principal, string> = Object.fromEntries(PRINCIPALS.map((p, i) => [p, `198.51.100.${i + 1}`])) as Record<Principal, string>

type Variant = {
  /** The ids and slugs in the path (default: A's). */
  path?: Fixture
  /** The ids in the form (default: A's). */
  body?: Fixture
  /** The Origin header of a POST (default: ours); null sends none. */
  origin?: string | null
}

async function ask(route: Route, kind: 'loader' | 'action', principal: Principal, c: Case, variant: Variant = {}): Promise<Answer> {
  const { url, params } = fill(route, principal, variant.path ?? fixture)
  const target = `${ORIGIN}${url}${c.query?.(fixture) ?? ''}`
  const cookie = cookies[principal]
  const origin = variant.origin === undefined ? ORIGIN : variant.origin
  const request =
    kind === 'loader'
      ? new Request(target, { headers: cookie ? { Cookie: cookie } : {} })
      : new Request(target, {
          method: 'POST',
          headers: { ...(cookie ? { Cookie: cookie } : {}), ...(origin ? { Origin: origin } : {}) },
          body: new URLSearchParams(c.body?.(variant.body ?? fixture, ++run) ?? {}),
        })
  const fn = route.module[kind] as (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>
  let response: Response
  try {
    const result = await fn({ request, params, context: { clientIp: ips[principal] } })
    if (!(result instanceof Response)) throw new Error(`${route.id} ${kind} returned ${typeof result}, not a Response`)
    response = result
  } catch (error) {
    if (!(error instanceof Response)) throw error
    response = error
  }
  const text = response.body ? Buffer.from(await response.arrayBuffer()).toString('utf8') : ''
  const answer = { status: response.status, location: response.headers.get('Location'), text }
  if (process.env.AUTHZ_REPORT) {
    fs.appendFileSync(
      process.env.AUTHZ_REPORT,
      `${JSON.stringify({ route: route.id, kind, principal, status: answer.status, location: answer.location, markers: markersIn(text), text: text.slice(0, 200) })}\n`,
    )
  }
  return answer
}

function markersIn(text: string): Marker[] {
  return (Object.keys(MARKERS) as Marker[]).filter((marker) => text.includes(MARKERS[marker]))
}

const isLogin = (answer: Answer) => answer.status >= 300 && answer.status < 400 && /^\/login\?redirectTo=/.test(answer.location ?? '')
const isAnswer = (answer: Answer, c: Case) =>
  (answer.status >= 200 && answer.status < 300) || (answer.status >= 300 && answer.status < 400 && !isLogin(answer)) || (c.alsoOk ?? []).includes(answer.status)

/** What a refused principal gets, where the route says exactly (the console). */
function refusal(route: Route, kind: 'loader' | 'action', principal: Principal): number | 'login' | null {
  if (!cookies[principal] && (route.id.startsWith('routes/organizer') || route.id.startsWith('routes/speaker'))) return 'login'
  if (route.id.startsWith('routes/organizer.$org')) {
    if (principal === 'otherOwner' || principal === 'speaker') return 404
    if (principal === 'viewer' && kind === 'action') return 403
  }
  return null
}

function describeAnswer(answer: Answer): string {
  return `${answer.status}${answer.location ? ` → ${answer.location}` : ''} ${answer.text.slice(0, 160)}`
}

/** Checks one refused request; returns what is wrong, or null. */
function checkRefused(route: Route, kind: 'loader' | 'action', principal: Principal, answer: Answer): string | null {
  const leaked = markersIn(answer.text)
  if (leaked.length) return `leaks ${leaked.join(', ')}: ${describeAnswer(answer)}`
  const want = refusal(route, kind, principal)
  if (want === 'login') return isLogin(answer) ? null : `expected a redirect to /login, got ${describeAnswer(answer)}`
  if (typeof want === 'number') {
    if (answer.status !== want) return `expected ${want}, got ${describeAnswer(answer)}`
    // The console says why, in the person's language (for the ErrorBoundary or next to the form).
    const message = want === 403 ? 'Du har inte behörighet att göra det här.' : 'Organisationen finns inte.'
    const said = (JSON.parse(answer.text) as { formError?: string }).formError
    return said === message ? null : `expected the message "${message}", got ${describeAnswer(answer)}`
  }
  if (answer.status >= 200 && answer.status < 300) return `expected a refusal, got ${describeAnswer(answer)}`
  if (answer.status >= 300 && answer.status < 400) {
    if (cookies[principal]) return `a signed-in principal is refused with a 4xx, got ${describeAnswer(answer)}`
    return isLogin(answer) ? null : `a redirect that is not to /login: ${describeAnswer(answer)}`
  }
  if (answer.status >= 500) return `a server error: ${describeAnswer(answer)}`
  return null
}

function checkAllowed(c: Case, answer: Answer): string | null {
  if (!isAnswer(answer, c)) return `expected an answer, got ${describeAnswer(answer)}`
  const extra = markersIn(answer.text).filter((marker) => !(c.reveals ?? []).includes(marker))
  return extra.length ? `shows ${extra.join(', ')}, which the rule does not allow: ${describeAnswer(answer)}` : null
}

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

type Cell = { route: Route; kind: 'loader' | 'action'; label: string; c: Case }

const routes = await readRoutes()

function cells(): Cell[] {
  const out: Cell[] = []
  for (const route of routes) {
    const rule = RULES[route.id]
    if (!rule) continue
    if (route.module.loader && rule.loader) out.push({ route, kind: 'loader', label: 'GET', c: rule.loader })
    if (route.module.action && rule.action) {
      for (const [intent, c] of Object.entries(rule.action)) out.push({ route, kind: 'action', label: intent ? `POST ${intent}` : 'POST', c })
    }
  }
  return out
}

const CELLS = cells()

beforeAll(async () => {
  await createFixture()
})

describe('the rules cover the routes', () => {
  it('every route module in app/routes has a rule, and every rule a route', () => {
    const ids = new Set(routes.map((route) => route.id))
    const missing = routes.filter((route) => !RULES[route.id]).map((route) => `add a rule for ${route.id} in tests/support/authorization-rules.ts`)
    const stale = Object.keys(RULES)
      .filter((id) => !ids.has(id))
      .map((id) => `the rule for ${id} names a route that no longer exists`)
    expect([...missing, ...stale]).toEqual([])
  })

  it('every loader and action has a case, every case a loader or action, and every intent of intentOf a case', () => {
    const problems: string[] = []
    for (const route of routes) {
      const rule = RULES[route.id]
      if (!rule) continue
      if (route.module.loader && !rule.loader) problems.push(`${route.id} has a loader: add a loader case to its rule`)
      if (!route.module.loader && rule.loader) problems.push(`${route.id} has no loader, but its rule has a loader case`)
      if (route.module.action && !rule.action) problems.push(`${route.id} has an action: add action cases (one per intent) to its rule`)
      if (!route.module.action && rule.action) problems.push(`${route.id} has no action, but its rule has action cases`)
      if (route.module.action && rule.action && route.intents) {
        const covered = new Set(Object.keys(rule.action).map((label) => label.split(' ')[0]))
        for (const intent of route.intents) if (!covered.has(intent)) problems.push(`${route.id}: intent '${intent}' has no case in its rule`)
        for (const label of covered) if (!route.intents.includes(label)) problems.push(`${route.id}: the case '${label}' is not an intent of the action`)
      }
    }
    expect(problems).toEqual([])
  })

  it('without a personal link in the path, the attendee is a visitor: allowed alike', () => {
    const differ = CELLS.filter((cell) => !RULES[cell.route.id].token && cell.c.allow.includes('attendee') !== cell.c.allow.includes('visitor'))
    expect(differ.map((cell) => `${cell.route.id} ${cell.label}`)).toEqual([])
  })

  it('reads the routes of the folder', () => {
    expect(routes.length).toBeGreaterThanOrEqual(70)
    expect(CELLS.filter((cell) => cell.kind === 'action').length).toBeGreaterThanOrEqual(80)
  })
})

describe('refused: no answer, no marker, no change', () => {
  let before: Record<string, string>
  beforeAll(async () => {
    before = await snapshotDomain()
  })

  for (const cell of CELLS) {
    const refused = PRINCIPALS.filter((principal) => !cell.c.allow.includes(principal))
    if (!refused.length) continue
    it(`${cell.route.id} ${cell.label}: ${refused.join(', ')} refused`, async () => {
      const problems: string[] = []
      for (const principal of refused) {
        const problem = checkRefused(cell.route, cell.kind, principal, await ask(cell.route, cell.kind, principal, cell.c))
        if (problem) problems.push(`${principal}: ${problem}`)
      }
      expect(problems).toEqual([])
    })
  }

  /** Whether a case's form reads anything of the fixture (asked of a stand-in that records what is read). */
  const namesFixture = (c: Case) => {
    const read = new Set<string | symbol>()
    c.body?.(new Proxy({} as Fixture, { get: (_target, key) => (read.add(key), 'x') }), 0)
    return read.size > 0
  }
  const isConsole = (cell: Cell) => cell.route.id.startsWith('routes/organizer.$org')
  const hasIdInPath = (cell: Cell) => /:(id|mailingId)\b/.test(cell.route.pattern)
  const expectStatus = (want: number, answer: Answer) =>
    markersIn(answer.text).length
      ? `leaks ${markersIn(answer.text).join(', ')}: ${describeAnswer(answer)}`
      : answer.status === want
        ? null
        : `expected ${want}, got ${describeAnswer(answer)}`

  describe("another organization's ids on organization A's console", () => {
    for (const cell of CELLS.filter((cell) => isConsole(cell) && hasIdInPath(cell))) {
      it(`${cell.route.id} ${cell.label}: A's owner gets 404 with B's ids in the path`, async () => {
        const path = { ...fixture, eventId: other.eventId, seriesId: other.seriesId, mailingId: other.mailingId }
        const answer = await ask(cell.route, cell.kind, 'owner', cell.c, { path, body: other })
        // A form the case itself calls incomplete may be refused for that first (nothing is looked up).
        const formFirst = answer.status === 400 && (cell.c.alsoOk ?? []).includes(400) && !markersIn(answer.text).length
        expect(formFirst ? null : expectStatus(404, answer)).toBeNull()
      })
    }
    for (const cell of CELLS.filter((cell) => isConsole(cell) && cell.kind === 'action' && cell.c.body)) {
      // Only cases whose form names something of the fixture by id.
      if (!namesFixture(cell.c)) continue
      it(`${cell.route.id} ${cell.label}: A's owner is refused with B's ids in the form`, async () => {
        const answer = await ask(cell.route, cell.kind, 'owner', cell.c, { body: other })
        expect(answer.status >= 400 && answer.status < 500 && !markersIn(answer.text).length ? null : describeAnswer(answer)).toBeNull()
      })
    }
    for (const cell of CELLS.filter((cell) => isConsole(cell) && hasIdInPath(cell) && cell.kind === 'loader')) {
      it(`${cell.route.id} ${cell.label}: an id that is not a uuid is 404`, async () => {
        const path = { ...fixture, eventId: '1 OR 1=1', seriesId: "x' OR 'x'='x", mailingId: '../../etc' }
        expect(expectStatus(404, await ask(cell.route, cell.kind, 'owner', cell.c, { path }))).toBeNull()
      })
    }
  })

  describe('a POST from another site, or without an Origin, with the cookie of someone allowed', () => {
    // Actions a cookie authorizes (not a personal link, not a public form) check where the form came from.
    const byCookie = CELLS.filter(
      (cell) =>
        cell.kind === 'action' && !RULES[cell.route.id].token && cell.c.allow.length && !cell.c.allow.includes('visitor') && !cell.c.allow.includes('attendee'),
    )
    for (const cell of byCookie) {
      const principal = cell.c.allow[0]
      it(`${cell.route.id} ${cell.label}: ${principal} gets 403`, async () => {
        expect(expectStatus(403, await ask(cell.route, cell.kind, principal, cell.c, { origin: 'https://evil.example' }))).toBeNull()
        expect(expectStatus(403, await ask(cell.route, cell.kind, principal, cell.c, { origin: null }))).toBeNull()
      })
    }
  })

  describe("a draft event's public pages are nobody's", () => {
    for (const cell of CELLS.filter((cell) => /\/events\/:slug/.test(cell.route.pattern))) {
      it(`${cell.route.id} ${cell.label}: refused for all, and the draft's title is nowhere`, async () => {
        const problems: string[] = []
        for (const principal of PRINCIPALS) {
          const answer = await ask(cell.route, cell.kind, principal, cell.c, { path: { ...fixture, eventSlug: fixture.draftSlug } })
          if (answer.status < 400 || markersIn(answer.text).length) problems.push(`${principal}: ${describeAnswer(answer)}`)
        }
        expect(problems).toEqual([])
      })
    }
  })

  it('the refused requests changed no domain table', async () => {
    expect(await snapshotDomain()).toEqual(before)
  })
})

describe('allowed: an answer, and only the markers the rule names', () => {
  // Reads first, then changes, then the changes that end something; signing out ends the run.
  const weight = (cell: Cell) => (cell.kind === 'loader' ? 0 : cell.route.id === 'routes/logout' ? 3 : cell.c.last ? 2 : 1)
  const ordered = [...CELLS].sort((a, b) => weight(a) - weight(b))
  for (const cell of ordered) {
    if (!cell.c.allow.length) continue
    it(`${cell.route.id} ${cell.label}: ${cell.c.allow.join(', ')} answered`, async () => {
      const problems: string[] = []
      for (const principal of cell.c.allow) {
        const problem = checkAllowed(cell.c, await ask(cell.route, cell.kind, principal, cell.c))
        if (problem) problems.push(`${principal}: ${problem}`)
      }
      expect(problems).toEqual([])
    })
  }
})
