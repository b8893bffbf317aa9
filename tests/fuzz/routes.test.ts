import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase, db, disconnectDatabase } from '../../app/db/client.server.ts'
import { loadDemo } from '../../app/demo/load-demo.server.ts'
import { DEMO_SPEAKER_EMAIL } from '../../app/demo/demo-data.server.ts'
import { config, loadConfig, setConfig } from '../../app/env.server.ts'
import type { MemberRole } from '../../app/generated/prisma/enums.ts'
import { cookieFor, createMember, createOrganization } from '../support/console.ts'
import { snapshotDomain } from '../support/domain-snapshot.ts'
import { startServer, type RunningServer } from '../support/server.ts'

/**
 * Every route of the real built server (build/index.js lists them), every form its pages show and
 * every query parameter the code reads, fed generated bad input with a fixed seed: signed out, as
 * owner, organizer and viewer of one organization, and as the owner of another. A new route or a
 * new form field is fuzzed the day it lands; nobody writes a case for it. Pass: no 5xx, no hang, no
 * crash or unhandled rejection in the server, and the database's invariants hold afterwards.
 *
 * Phase 1 (signed out, viewer, other organization) may change nothing but sign-in bookkeeping; the
 * domain tables are compared row by row before and after. Phase 2 (organizer, owner) may change
 * data, so only the invariants are checked. About 2,800 requests at the default scale.
 *
 *   FUZZ_SEED=…      another fixed seed (the default is the one CI uses)
 *   FUZZ_SCALE=3     three times as many generated requests per route and form
 *   FUZZ_REPORT=f    write every failure, the status counts and the server's output to f (JSON)
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201)
const SCALE = Number(process.env.FUZZ_SCALE ?? 1)
const CONCURRENCY = 4
const REQUEST_TIMEOUT_MS = 20_000

type RoleName = 'signed-out' | 'viewer' | 'other-organization' | 'organizer' | 'owner' | 'speaker'
type Role = { name: RoleName; cookies: string[] }

type RouteInfo = { id: string; pattern: string; hasLoader: boolean; hasAction: boolean }
type Field = { name: string; values: string[] }
type FormInfo = { action: string; fields: Field[]; intents: string[]; seenBy: RoleName }
type Attempt = { role: RoleName; method: string; url: string; contentType?: string; body?: string | Buffer; headers?: Record<string, string>; note: string }
type Failure = { attempt: Attempt; status: number | string; detail: string }

// ---------------------------------------------------------------------------------------------
// What the build says exists
// ---------------------------------------------------------------------------------------------

/** The route manifest of the Remix server build: id, parent, path, and whether a loader/action exists. */
function readRoutes(buildSource: string): RouteInfo[] {
  const entries = [
    ...buildSource.matchAll(
      /id: "([^"]+)",\s*parentId: (?:void 0|"([^"]+)"),\s*path: (?:void 0|"([^"]*)"),\s*index: [^,]+,\s*caseSensitive: [^,]+,\s*module: (\w+)/g,
    ),
  ]
  const byId = new Map(entries.map((m) => [m[1], { id: m[1], parentId: m[2], path: m[3] ?? '', module: m[4] }]))
  const fullPath = (id: string | undefined): string => {
    const route = id ? byId.get(id) : undefined
    if (!route) return ''
    const parent = fullPath(route.parentId)
    return [parent, route.path].filter(Boolean).join('/')
  }
  return [...byId.values()]
    .filter((route) => route.id !== 'root')
    .map((route) => {
      const exports = new RegExp(`__export\\(${route.module}, \\{([^}]*)\\}`).exec(buildSource)?.[1] ?? ''
      return { id: route.id, pattern: `/${fullPath(route.id)}`, hasLoader: /\bloader:/.test(exports), hasAction: /\baction:/.test(exports) }
    })
}

/** Query parameters the code reads by name (`searchParams.get("x")`, `.get("x")` on URLSearchParams). */
function readQueryNames(buildSource: string): string[] {
  const names = new Set<string>()
  for (const m of buildSource.matchAll(/searchParams\.get\("([a-zA-Z_]+)"\)/g)) names.add(m[1])
  return [...names]
}

// ---------------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------------

/** Percent-encodes every code point as UTF-8, lone surrogates as WTF-8 (so the server gets the raw bytes). */
function encode(value: string): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i)!
    if (code > 0xffff) i++
    const char = String.fromCodePoint(code)
    if (/^[A-Za-z0-9\-_.~]$/.test(char)) {
      out += char
      continue
    }
    const bytes =
      code < 0x80
        ? [code]
        : code < 0x800
          ? [0xc0 | (code >> 6), 0x80 | (code & 63)]
          : code < 0x10000
            ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
            : [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
    out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
  }
  return out
}

/** Already percent-encoded pieces that no JavaScript string produces: invalid and overlong UTF-8. */
const RAW_BYTES = ['%00', '%C0%80', '%FF%FE', '%ED%A0%80', '%E2%82', '%zz', '%', '%%32%65']

const NASTY: string[] = [
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(64),
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDBFF',
  '\u202Eevil\u202C',
  '\u2066\u2067\u2068\u2069\u200F\u200E',
  'e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309',
  'Z\u0364\u0351\u0353\u0313\u0489\u0489',
  '\uFEFF\uFFFE\uFFFF',
  '\u{1F600}\u{1F469}\u200D\u{1F469}\u200D\u{1F467}',
  'x'.repeat(10_000),
  'ö'.repeat(10_000),
  '\u0301'.repeat(5_000),
  ' ',
  '\t\r\n',
  '',
  '0',
  '-1',
  '-0',
  '1e308',
  '-1e308',
  '9'.repeat(400),
  '-99999999999999999999',
  '2147483648',
  '9007199254740993',
  'NaN',
  'Infinity',
  '0x1F',
  '1.5',
  '1,5',
  '2027-02-30T09:00',
  '2027-02-29',
  '2027-13-01T09:00',
  '2027-00-00T25:61',
  '0000-01-01T00:00',
  '0000-01-01',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59',
  '1899-12-31',
  '2027-03-28T02:30',
  '2027-10-31T02:30',
  '0000-01-01T00:00:00Z',
  '2027-02-12T09:00:00+25:00',
  'true',
  'on',
  'null',
  'undefined',
  '[]',
  '{"a":1}',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${7*7}{{7*7}}',
  '\r\nSet-Cookie: x=1',
  '//evil.example/phish',
  '/%2e//evil.example',
  'javascript:alert(1)',
  'https://example.se/' + 'a'.repeat(3000),
  'a@b',
  'x@example.se\u0000',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-fffffffffffff',
]

/** One bad value: a fixed nasty string, a generated one (any code point, surrogates included), or a number. */
const badValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: false })).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
)

/** A bad value already percent-encoded, sometimes with raw invalid bytes spliced in. */
const badEncoded: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: badValue.map(encode) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...RAW_BYTES), badValue).map(([raw, value]) => `${encode(value.slice(0, 20))}${raw}`) },
)

const sample = <T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] => (count > 0 ? fc.sample(arbitrary, { seed, numRuns: count }) : [])

// ---------------------------------------------------------------------------------------------
// HTML forms
// ---------------------------------------------------------------------------------------------

const decodeEntities = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return match ? decodeEntities(match[1]) : undefined
}

/** The POST forms of a page: where they go, the fields with the values the page offers, and the intents. */
function readForms(html: string, pageUrl: string, seenBy: RoleName): FormInfo[] {
  const forms: FormInfo[] = []
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attrs, inner] = match
    if ((attribute(attrs, 'method') ?? 'get').toLowerCase() !== 'post') continue
    const action = new URL(attribute(attrs, 'action') ?? pageUrl, pageUrl)
    const fields = new Map<string, Set<string>>()
    const add = (name: string | undefined, value: string) => {
      if (!name) return
      if (!fields.has(name)) fields.set(name, new Set())
      fields.get(name)!.add(value)
    }
    const intents = new Set<string>()
    for (const [tag] of inner.matchAll(/<input\b[^>]*>/g)) add(attribute(tag, 'name'), attribute(tag, 'value') ?? '')
    for (const [, tag, body] of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attribute(tag, 'name'), decodeEntities(body))
    for (const [, tag, body] of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      for (const [option] of body.matchAll(/<option\b[^>]*>/g)) add(attribute(tag, 'name'), attribute(option, 'value') ?? '')
    }
    for (const [tag] of inner.matchAll(/<button\b[^>]*>/g)) {
      const name = attribute(tag, 'name')
      if (name === 'intent') intents.add(attribute(tag, 'value') ?? '')
      else add(name, attribute(tag, 'value') ?? '')
    }
    for (const value of fields.get('intent') ?? []) intents.add(value)
    fields.delete('intent')
    forms.push({
      action: action.pathname + action.search,
      fields: [...fields].map(([name, values]) => ({ name, values: [...values] })),
      intents: [...intents],
      seenBy,
    })
  }
  return forms
}

/** Forms are the same form when they go to the same route pattern with the same fields and intents. */
function formKey(form: FormInfo): string {
  return `${form.action.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}|${form.fields.map((f) => f.name).join(',')}|${form.intents.join(',')}`
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

function formBody(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `${encode(name)}=${value}`).join('&')
}

/**
 * Fills a route pattern: for each parameter the known values for "<segment before>/<name>" (or
 * "<name>"), and `fuzz` (already encoded) in the parameter numbered `fuzz.index`.
 */
function fillPattern(pattern: string, values: Record<string, string[]>, pick: number, fuzz?: { index: number; value: string }): string {
  const segments = pattern.split('/').filter(Boolean)
  const out: string[] = []
  let slot = 0
  segments.forEach((segment, i) => {
    if (segment === '*') {
      out.push(fuzz && fuzz.index === slot++ ? fuzz.value : 'no/such/page')
      return
    }
    const match = /^(.*?):(\w+)(\?)?(.*)$/.exec(segment)
    if (!match) return void out.push(segment)
    const [, prefix, name, optional, suffix] = match
    if (fuzz && fuzz.index === slot++) return void out.push(`${prefix}${fuzz.value}${suffix}`)
    const known = values[`${segments[i - 1] ?? ''}/${name}`] ?? values[name] ?? ['x']
    const value = known.length ? known[pick % known.length] : 'x'
    if (optional && value === '') return
    out.push(`${prefix}${value}${suffix}`)
  })
  return `/${out.join('/')}`
}

function slots(pattern: string): number {
  return (pattern.match(/:\w+|\/\*$/g) ?? []).length
}

// ---------------------------------------------------------------------------------------------
// The database before and after
// ---------------------------------------------------------------------------------------------

// The domain tables a refused request must leave as they were (DOMAIN_TABLES) live in
// tests/support/domain-snapshot.ts, shared with the authorization matrix.

/** Rules that hold whatever anybody sent. Each query returns the rows that break one. */
const INVARIANTS: Record<string, string> = {
  'an event ends after it starts': 'SELECT id, slug FROM events WHERE ends_at < starts_at',
  'a programme item ends after it starts': 'SELECT id FROM programme_items WHERE ends_at < starts_at',
  'registration closes after it opens': 'SELECT id FROM events WHERE registration_closes_at < registration_opens_at',
  'slugs are slugs': `SELECT slug FROM events WHERE slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' UNION ALL SELECT slug FROM series WHERE slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' UNION ALL SELECT slug FROM organizations WHERE slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$'`,
  'an organization with members keeps an owner': `SELECT o.slug FROM organizations o WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = o.id) AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.organization_id = o.id AND m.role = 'owner')`,
  'a series part belongs to the same organization':
    'SELECT e.id FROM events e JOIN series s ON s.id = e.series_id WHERE s.organization_id <> e.organization_id',
  'capacities are not negative': 'SELECT id FROM events WHERE capacity_on_site < 0 OR capacity_online < 0',
  'ticket prices are not negative': 'SELECT id FROM ticket_types WHERE price_ore < 0',
}

async function brokenInvariants(): Promise<string[]> {
  const broken: string[] = []
  for (const [rule, sql] of Object.entries(INVARIANTS)) {
    const rows = await db.$queryRawUnsafe<unknown[]>(sql)
    if (rows.length) broken.push(`${rule}: ${JSON.stringify(rows.slice(0, 3), (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`)
  }
  return broken
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

const buildSource = fs.readFileSync(path.resolve('build/index.js'), 'utf8')
const routes = readRoutes(buildSource)
const queryNames = readQueryNames(buildSource)

let dataDir = ''
let databaseUrl: string | undefined
let closeDatabase: (() => Promise<void>) | undefined
let server: RunningServer | undefined
const roles = new Map<RoleName, Role>()
const paramValues: Record<string, string[]> = {}
const knownQuery: Record<string, string> = {}
const failures: Failure[] = []
const statusCounts = new Map<number, number>()
let sent = 0

async function openSharedDatabase() {
  if (databaseUrl) {
    await connectDatabase({ databaseUrl, poolSize: 2 })
  } else {
    await connectDatabase({ dataDir })
  }
}

async function boot() {
  server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, SMTP_URL: undefined })
}

async function stop() {
  agent.destroy()
  agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const result = await server!.stop()
  server = undefined
  return result
}

function classify(attempt: Attempt, status: number, text: string) {
  statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1)
  if (status >= 500) failures.push({ attempt, status, detail: text.slice(0, 300) })
}

/** Keep-alive connections for the run; destroyed before each stop so the server can close at once. */
let agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
const byRole = new Map<string, number>()

/**
 * Sends one attempt with node:http, which (unlike fetch) sends the path bytes, the method and the
 * Host header exactly as given.
 */
async function send(attempt: Attempt): Promise<{ status: number; text: string; contentType: string }> {
  const role = roles.get(attempt.role)!
  const target = new URL(server!.url)
  const headers: Record<string, string | number> = { Origin: server!.url, 'Accept-Language': 'sv', Host: target.host, ...attempt.headers }
  if (role.cookies.length) headers.Cookie = [role.cookies[0], attempt.headers?.Cookie].filter(Boolean).join('; ')
  if (attempt.contentType) headers['Content-Type'] = attempt.contentType
  const body = attempt.body === undefined ? undefined : Buffer.from(attempt.body)
  if (body) headers['Content-Length'] = body.length
  sent += 1
  try {
    if (body && body.length > 1024 * 1024) return record(attempt, await rawExchange(attempt, headers, body))
    const answer = await exchange(attempt, headers, body).catch((error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed just then, or an answer (413, 431) sent before the
      // body was read, resets the connection: ask once more on a fresh one.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error
      return exchange(attempt, headers, body, false)
    })
    // A request that signed this role out (logout is a route too): go on with a spare session.
    const cleared = answer.cookies.some((c) => /^samling_session=;|^samling_session=[^;]*;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c))
    if (cleared && role.cookies.length > 1) role.cookies.shift()
    const key = `${attempt.role} ${attempt.method} ${answer.status}`
    byRole.set(key, (byRole.get(key) ?? 0) + 1)
    classify(attempt, answer.status, answer.text)
    return answer
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // Node's HTTP parser refuses a head over 16 KB with 431 and may close before the answer is read.
    if (code === 'ECONNRESET' && attempt.url.length > 16_000) {
      classify(attempt, 431, '')
      return { status: 431, text: '', contentType: '' }
    }
    failures.push({ attempt, status: 'no answer', detail: String(error) })
    return { status: 0, text: '', contentType: '' }
  }
}

function record(attempt: Attempt, answer: { status: number; text: string }) {
  const key = `${attempt.role} ${attempt.method} ${answer.status}`
  byRole.set(key, (byRole.get(key) ?? 0) + 1)
  classify(attempt, answer.status, answer.text)
  return { ...answer, contentType: '' }
}

/**
 * A body over the server's limit goes over a plain socket: the server may answer 413 and close
 * before the body is sent, which node:http reports as EPIPE without the answer. Here the answer is
 * read whatever happens to the rest of the body.
 */
function rawExchange(attempt: Attempt, headers: Record<string, string | number>, body: Buffer): Promise<{ status: number; text: string }> {
  const target = new URL(server!.url)
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname)
    let received = ''
    socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)))
    socket.on('data', (chunk) => (received += chunk.toString('latin1')))
    const finish = (error?: Error) => {
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1]
      if (status) resolve({ status: Number(status), text: received.slice(0, 2000) })
      else reject(error ?? new Error('connection closed without an answer'))
    }
    socket.on('error', (error) => finish(error))
    socket.on('close', () => finish())
    const head = [`${attempt.method} ${attempt.url} HTTP/1.1`, ...Object.entries({ ...headers, Connection: 'close' }).map(([k, v]) => `${k}: ${v}`)]
    socket.write(`${head.join('\r\n')}\r\n\r\n`)
    socket.end(body)
  })
}

function exchange(attempt: Attempt, headers: Record<string, string | number>, body: Buffer | undefined, keepAlive = true) {
  const target = new URL(server!.url)
  return new Promise<{ status: number; text: string; contentType: string; cookies: string[] }>((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: attempt.url,
        method: attempt.method,
        headers,
        agent: keepAlive ? agent : false,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            contentType: String(response.headers['content-type'] ?? ''),
            cookies: response.headers['set-cookie'] ?? [],
          }),
        )
        response.on('error', reject)
      },
    )
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)))
    request.on('error', reject)
    request.end(body)
  })
}

async function sendAll(attempts: Attempt[]) {
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < attempts.length) await send(attempts[next++])
    }),
  )
}

/** Every concrete page for each role, GET with the known parameter values; collects the forms shown. */
async function discover(): Promise<FormInfo[]> {
  const forms = new Map<string, FormInfo>()
  for (const role of roles.values()) {
    for (const route of routes.filter((r) => r.hasLoader || !r.hasAction)) {
      for (let pick = 0; pick < 2; pick++) {
        // The second look is in English with every query parameter that has a known value (the mailbox key).
        const known = Object.entries(knownQuery).map(([name, value]) => `${name}=${encode(value)}`)
        const url = fillPattern(route.pattern, paramValues, pick) + (pick === 1 ? `?${known.join('&')}` : '')
        const answer = await send({ role: role.name, method: 'GET', url, note: `discover ${route.id}` })
        if (!answer.contentType.includes('text/html')) continue
        for (const form of readForms(answer.text, `${server!.url}${url}`, role.name)) {
          const key = `${role.name}|${formKey(form)}`
          if (!forms.has(key)) forms.set(key, form)
        }
      }
    }
  }
  return [...forms.values()]
}

/** GETs with a bad value in one path parameter, or in one query parameter the code reads. */
function getAttempts(role: RoleName, seed: number, perRoute: number): Attempt[] {
  const attempts: Attempt[] = []
  const withQuery = [...new Set([...queryNames, 'q', 'page', 'county', 'format', 'organization', 'series', 'from', 'to', 'status', 'cursor', 'limit'])]
  routes.forEach((route, r) => {
    const values = sample(badEncoded, perRoute, seed + r * 101)
    const names = sample(fc.constantFrom(...withQuery), perRoute, seed + r * 103)
    const count = slots(route.pattern)
    values.forEach((value, i) => {
      if (count > 0 && i % 2 === 0) {
        attempts.push({ role, method: 'GET', url: fillPattern(route.pattern, paramValues, i, { index: i % count, value }), note: `${route.id} path` })
      } else {
        const base = fillPattern(route.pattern, paramValues, i)
        const query = i % 3 === 0 ? `${encode(names[i])}=${value}&${encode(names[i])}=${value}` : `${encode(names[i])}=${value}`
        attempts.push({ role, method: 'GET', url: `${base}?${query}`, note: `${route.id} ?${names[i]}` })
      }
    })
  })
  return attempts
}

/** One generated body for a form: its own values with a few fields made bad, repeated or left out. */
const bodyPlan = fc.record({
  intent: fc.nat(),
  pick: fc.nat(),
  bad: fc.array(fc.tuple(fc.nat(), badEncoded), { minLength: 1, maxLength: 3 }),
  repeat: fc.boolean(),
  drop: fc.nat({ max: 4 }),
  extra: fc.option(fc.tuple(badEncoded, badEncoded), { freq: 4 }),
  shape: fc.constantFrom('urlencoded', 'urlencoded', 'urlencoded', 'urlencoded', 'multipart', 'json', 'text', 'none', 'garbage'),
})

function postAttempts(role: RoleName, forms: FormInfo[], seed: number, perForm: number): Attempt[] {
  const attempts: Attempt[] = []
  forms.forEach((form, f) => {
    for (const plan of sample(bodyPlan, perForm, seed + f * 107)) {
      let pairs: [string, string][] = form.fields.map((field) => [field.name, encode(field.values[plan.pick % field.values.length] ?? '')])
      if (form.intents.length) pairs.push(['intent', encode(form.intents[plan.intent % form.intents.length])])
      for (const [which, value] of plan.bad) if (pairs.length) pairs[which % pairs.length] = [pairs[which % pairs.length][0], value]
      if (plan.repeat && pairs.length) pairs = [...pairs, ...pairs.slice(0, 3)]
      if (plan.drop === 0 && pairs.length > 1) pairs.splice(plan.pick % pairs.length, 1)
      if (plan.extra) pairs.push(plan.extra)
      const urlencoded = formBody(pairs).replace(/=([^&]*)/g, (_w, v: string) => `=${v}`)
      const base = { role, method: 'POST', url: form.action, note: `${form.action} as seen by ${form.seenBy}` }
      if (plan.shape === 'urlencoded') attempts.push({ ...base, contentType: 'application/x-www-form-urlencoded', body: urlencoded })
      else if (plan.shape === 'multipart') {
        const boundary = 'fuzzboundary7'
        const parts = pairs.map(([name, value]) => {
          let decoded = value
          try {
            decoded = decodeURIComponent(value)
          } catch {
            // keep the raw bytes as they are
          }
          return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${decoded}\r\n`
        })
        attempts.push({ ...base, contentType: `multipart/form-data; boundary=${boundary}`, body: `${parts.join('')}--${boundary}--\r\n` })
      } else if (plan.shape === 'json') attempts.push({ ...base, contentType: 'application/json', body: JSON.stringify(Object.fromEntries(pairs)) })
      else if (plan.shape === 'text') attempts.push({ ...base, contentType: 'text/plain', body: urlencoded })
      else if (plan.shape === 'garbage') attempts.push({ ...base, contentType: 'multipart/form-data; boundary=x', body: '--y\r\n\u0000garbage' })
      else attempts.push({ ...base, body: urlencoded })
    }
  })
  return attempts
}

/** Routes with an action are also posted to directly, with the fields of every form seen anywhere. */
function blindPosts(role: RoleName, forms: FormInfo[], seed: number, perRoute: number): Attempt[] {
  const names = [...new Set(forms.flatMap((form) => form.fields.map((field) => field.name)))]
  const intents = [...new Set(forms.flatMap((form) => form.intents))]
  const attempts: Attempt[] = []
  routes
    .filter((route) => route.hasAction)
    .forEach((route, r) => {
      const values = sample(fc.array(badEncoded, { minLength: names.length, maxLength: names.length }), perRoute, seed + r * 109)
      values.forEach((bad, i) => {
        const pairs: [string, string][] = names.map((name, n) => [name, bad[n]])
        if (intents.length) pairs.push(['intent', encode(intents[(i * 7 + r) % intents.length])])
        attempts.push({
          role,
          method: 'POST',
          url: fillPattern(route.pattern, paramValues, i),
          contentType: 'application/x-www-form-urlencoded',
          body: formBody(pairs.map(([name, value]) => [name, value])),
          note: `${route.id} blind`,
        })
      })
    })
  return attempts
}

/** A few bodies far over any sane size: must be refused (or read and refused), never a 5xx or a hang. */
function oversized(role: RoleName): Attempt[] {
  const big = Buffer.alloc(6 * 1024 * 1024, 'a')
  const targets = routes.filter((route) => route.hasAction).slice(0, 2)
  return targets.map((route) => ({
    role,
    method: 'POST',
    url: fillPattern(route.pattern, paramValues, 0),
    contentType: 'application/x-www-form-urlencoded',
    body: Buffer.concat([Buffer.from('titleSv='), big]),
    note: `${route.id} 6 MB body`,
  }))
}

/** Methods nobody should send and headers nobody should send, on every route. */
function oddRequests(role: RoleName, seed: number, perRoute: number): Attempt[] {
  const odd = fc.oneof(
    fc.record({ method: fc.constantFrom('TRACE', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND') }),
    fc.record({
      method: fc.constantFrom('GET', 'POST'),
      headers: fc.oneof(
        fc.constantFrom<Record<string, string>>(
          { Host: '[::1' },
          { Host: 'a%00b' },
          { Host: '' },
          { Host: 'evil.example' },
          { Host: 'localhost:99999' },
          { Cookie: 'samling_mailbox=%zz' },
          { Cookie: 'samling_session=%zz; samling_mailbox=%E0%A4%A' },
          { Cookie: 'samling_session=' + 'a'.repeat(4000) },
          { Origin: 'null' },
          { Origin: 'https://' + 'x'.repeat(300) },
          { 'Accept-Language': 'sv;q=9,'.repeat(500) },
          { 'If-None-Match': 'W/"' + 'x'.repeat(5000) + '"' },
          { Range: 'bytes=99999999999999999999-' },
          { 'Content-Encoding': 'gzip' },
          { 'Transfer-Encoding': 'chunked' },
        ),
        badValue.map((value) => ({ Cookie: `samling_mailbox=${encode(value.slice(0, 200))}; samling_session=${encode(value.slice(0, 200))}` })),
      ),
    }),
  )
  const attempts: Attempt[] = []
  routes.forEach((route, r) => {
    sample(odd, perRoute, seed + r * 113).forEach((plan, i) => {
      const headers = 'headers' in plan ? (plan.headers as Record<string, string>) : undefined
      const isPost = plan.method === 'POST' || plan.method === 'PUT' || plan.method === 'PATCH'
      attempts.push({
        role,
        method: plan.method,
        url: fillPattern(route.pattern, paramValues, i),
        headers: headers?.['Transfer-Encoding'] ? undefined : headers,
        ...(isPost ? { contentType: 'application/x-www-form-urlencoded', body: 'intent=save' } : {}),
        note: `${route.id} ${plan.method} ${JSON.stringify(headers ?? {}).slice(0, 60)}`,
      })
    })
  })
  return attempts
}

/** Signing out is a route like any other; it goes last, so everything before runs signed in. */
const signsOut = (attempt: Attempt) => attempt.method === 'POST' && /^\/logout(\?|$)/.test(attempt.url)

function fuzzRole(role: RoleName, forms: FormInfo[], seed: number): Attempt[] {
  // Phase 1 roles get every form anybody saw (but not the other organization's own, which it may
  // change); phase 2 roles the forms they saw themselves.
  const refused = role === 'signed-out' || role === 'viewer' || role === 'other-organization'
  const visible = forms.filter((form) => (refused ? form.seenBy !== 'other-organization' : form.seenBy === role))
  const unique = new Map(visible.map((form) => [formKey(form), form]))
  const attempts = [
    ...getAttempts(role, seed, Math.round(5 * SCALE)),
    ...postAttempts(role, [...unique.values()], seed + 1, Math.round(6 * SCALE)),
    ...blindPosts(role, forms, seed + 2, Math.round(1 * SCALE)),
    ...oddRequests(role, seed + 3, Math.round(2 * SCALE)),
    ...oversized(role),
  ]
  return [...attempts.filter((a) => !signsOut(a)), ...attempts.filter(signsOut)]
}

function report(output = ''): string {
  if (process.env.FUZZ_REPORT) {
    fs.writeFileSync(
      process.env.FUZZ_REPORT,
      JSON.stringify({ failures, statuses: Object.fromEntries(statusCounts), byRole: Object.fromEntries(byRole), output }, null, 1),
    )
  }
  const seen = new Map<string, Failure>()
  for (const failure of failures) {
    const key = `${failure.status} ${failure.attempt.method} ${failure.attempt.note}`
    if (!seen.has(key)) seen.set(key, failure)
  }
  return [...seen.entries()]
    .map(
      ([key, f]) =>
        `${key}\n    ${f.attempt.role} ${f.attempt.url.slice(0, 160)}\n    ${String(f.attempt.body ?? '').slice(0, 200)}\n    → ${f.detail.slice(0, 200)}`,
    )
    .join('\n')
}

const serverTrouble = (output: string) =>
  output
    .split('\n')
    .filter((line) => /unhandled|uncaught|FATAL|heap out of memory|forced exit/i.test(line))
    .slice(0, 20)

describe('fuzzing every route of the built server', () => {
  let forms: FormInfo[] = []
  let before: Record<string, string> = {}
  const started = Date.now()

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samling-fuzz-'))
    setConfig({ ...loadConfig({ ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir, NODE_ENV: 'test' }) })
    if (process.env.DATABASE_URL) {
      // A database of its own on the PostgreSQL server, shared by this process and the server.
      const name = `samling_fuzz_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await admin.connect()
      await admin.query(`CREATE DATABASE ${name}`)
      await admin.end()
      const url = new URL(process.env.DATABASE_URL)
      url.pathname = `/${name}`
      databaseUrl = url.toString()
      closeDatabase = async () => {
        const drop = new pg.Client({ connectionString: process.env.DATABASE_URL })
        await drop.connect()
        await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        await drop.end()
      }
    }
    await openSharedDatabase()
    await loadDemo({})
    const home = await db.organization.findFirstOrThrow({ orderBy: { events: { _count: 'desc' } } })
    const other = await createOrganization('fuzz-other-organization', 'Annan organisation')
    const people: [RoleName, string | null, MemberRole][] = [
      ['owner', home.id, 'owner'],
      ['organizer', home.id, 'organizer'],
      ['viewer', home.id, 'viewer'],
      ['other-organization', other.id, 'owner'],
    ]
    roles.set('signed-out', { name: 'signed-out', cookies: [] })
    for (const [name, organizationId, role] of people) {
      const person = await createMember(organizationId, role, name)
      const cookies = []
      for (let i = 0; i < 12; i++) cookies.push(await cookieFor(person.id))
      roles.set(name, { name, cookies })
    }
    // The demo's speaker (a person with a profile and sessions, no organization) fuzzes their own pages.
    const speakerPerson = await db.person.findUniqueOrThrow({ where: { email: DEMO_SPEAKER_EMAIL } })
    const speakerCookies = []
    for (let i = 0; i < 12; i++) speakerCookies.push(await cookieFor(speakerPerson.id))
    roles.set('speaker', { name: 'speaker', cookies: speakerCookies })
    const speakerItems = await db.programmeRole.findMany({ where: { speaker: { personId: speakerPerson.id } }, select: { itemId: true }, take: 2 })
    const events = await db.event.findMany({ where: { organizationId: home.id }, orderBy: [{ programmeItems: { _count: 'desc' } }], take: 3 })
    const series = await db.series.findMany({ where: { organizationId: home.id }, take: 2 })
    const speakers = await db.speakerProfile.findMany({ take: 2 })
    const publicEvents = await db.event.findMany({ where: { status: 'published' }, take: 2 })
    const outbox = await db.outboxMessage.findMany({ take: 1 })
    Object.assign(paramValues, {
      lang: ['', 'en'],
      'organizer/org': [home.slug],
      'events/id': events.map((e) => e.id),
      'series/id': series.map((s) => s.id),
      'mailbox/id': outbox.map((m) => m.id),
      'events/slug': publicEvents.map((e) => e.slug),
      'organizations/slug': [home.slug],
      'series/slug': series.map((s) => s.slug),
      'speakers/slug': speakers.map((s) => s.slug),
      'sessions/itemId': speakerItems.map((r) => r.itemId),
      index: ['0'],
    })
    Object.assign(knownQuery, { key: config().mailboxKey, lang: 'en' })
    before = await snapshotDomain()
    await disconnectDatabase()
    await boot()
    forms = await discover()
  }, 240_000)

  afterAll(async () => {
    if (server) await stop()
    await disconnectDatabase().catch(() => undefined)
    fs.rmSync(dataDir, { recursive: true, force: true })
    await closeDatabase?.()
  })

  it('finds the routes and forms it is to fuzz', () => {
    expect(routes.length).toBeGreaterThanOrEqual(25)
    expect(routes.filter((route) => route.hasAction).length).toBeGreaterThanOrEqual(8)
    // The event editor, the programme, members and sign-in are among the forms found.
    const actions = forms.map((form) => form.action)
    expect(actions.some((a) => /\/organizer\/[^/]+\/events\/new/.test(a))).toBe(true)
    expect(actions.some((a) => /\/programme/.test(a))).toBe(true)
    expect(actions.some((a) => /\/members/.test(a))).toBe(true)
    expect(actions.some((a) => a.startsWith('/login'))).toBe(true)
  })

  it('signed out, as a viewer and as another organization: no 5xx, and nothing in the domain changes', async () => {
    for (const [i, role] of (['signed-out', 'viewer', 'other-organization'] as const).entries()) await sendAll(fuzzRole(role, forms, SEED + i * 10_007))
    const output = server!.output()
    const health = await fetch(`${server!.url}/healthz`)
    const { code } = await stop()
    await openSharedDatabase()
    const after = await snapshotDomain()
    const broken = await brokenInvariants()
    await disconnectDatabase()
    expect.soft(report(output)).toBe('')
    expect.soft(serverTrouble(output)).toEqual([])
    expect.soft(health.status).toBe(200)
    expect.soft(code).toBe(0)
    expect.soft(after).toEqual(before)
    expect.soft(broken).toEqual([])
  }, 600_000)

  it('as organizer, owner and speaker: no 5xx, the server keeps answering and the invariants hold', async () => {
    await boot()
    for (const [i, role] of (['organizer', 'owner', 'speaker'] as const).entries()) await sendAll(fuzzRole(role, forms, SEED + 50_000 + i * 10_007))
    const output = server!.output()
    const health = await fetch(`${server!.url}/healthz`)
    const { code } = await stop()
    await openSharedDatabase()
    const broken = await brokenInvariants()
    await disconnectDatabase()
    console.log(
      `fuzz: ${sent} requests in ${Math.round((Date.now() - started) / 1000)} s, ${routes.length} routes, ${forms.length} forms; statuses ${JSON.stringify(Object.fromEntries([...statusCounts].sort()))}`,
    )
    expect.soft(report(output)).toBe('')
    expect.soft(serverTrouble(output)).toEqual([])
    expect.soft(health.status).toBe(200)
    expect.soft(code).toBe(0)
    expect.soft(broken).toEqual([])
  }, 600_000)
})
