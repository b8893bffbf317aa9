import { parse } from 'csv-parse/sync'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { beforeAll, describe, expect, it } from 'vitest'
import { getPanelScreen, panelToken } from '../../app/audience-questions/questions.server.ts'
import { AudienceQuestionsPanel, type AttendeeQuestionsView } from '../../app/components/manage/questions.tsx'
import { db } from '../../app/db/client.server.ts'
import { QUESTIONS_PER_REGISTRATION } from '../../app/rate-limits.server.ts'
import { manageToken } from '../../app/registrations/tokens.server.ts'
import { loader as panelLoader } from '../../app/routes/($lang).panel.$key.$token.tsx'
import { action as manageAction, loader as manageLoader } from '../../app/routes/($lang).registrations.$token.tsx'
import { loader as exportLoader } from '../../app/routes/organizer.$org.events.$id.questions_.export.ts'
import { action, loader } from '../../app/routes/organizer.$org.events.$id.questions.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'

useTestDatabase()

type FormAnswer = { intent: string; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }
type Moderated = { id: string; text: string; state: string; isAnonymous: boolean; asker: string | null }
type ConsoleData = {
  canModerate: boolean
  sessions: { key: string; label: string; panelUrl: string; counts: Record<string, number>; questions: Moderated[] }[]
  choices: { value: string; label: string; total: number }[]
}

const HOUR = 3_600_000
let org: { id: string; slug: string }
let other: { id: string; slug: string }
let organizer: string
let viewer: string
let outsider: string
let event: { id: string; slug: string }
let pastEvent: { id: string }
let keynote: { id: string }
let opening: { id: string }
let lunch: { id: string }
let anna: { id: string; tokenVersion: number }
let omar: { id: string; tokenVersion: number }
let cancelled: { id: string; tokenVersion: number }
let late: { id: string; tokenVersion: number }

const managePath = (registration: { id: string; tokenVersion: number }) => `/registrations/${manageToken(registration)}`
const ask = (registration: { id: string; tokenVersion: number }, fields: Record<string, string>, locale: 'sv' | 'en' = 'sv') => {
  const token = manageToken(registration)
  const path = locale === 'en' ? `/en/registrations/${token}` : `/registrations/${token}`
  return call(manageAction, postRequest(path, { intent: 'ask', ...fields }), locale === 'en' ? { lang: 'en', token } : { token })
}
async function manageData(registration: { id: string; tokenVersion: number }) {
  const token = manageToken(registration)
  const response = await call(manageLoader, getRequest(managePath(registration)), { token })
  expect(response.status).toBe(200)
  return body<{ audienceQuestions: AttendeeQuestionsView }>(response)
}
const consolePath = (eventId = event.id, orgSlug = org.slug) => `/organizer/${orgSlug}/events/${eventId}/questions`
async function consoleData(query = '', cookie = organizer) {
  const response = await call(loader, getRequest(`${consolePath()}${query}`, cookie), { org: org.slug, id: event.id })
  expect(response.status).toBe(200)
  return body<ConsoleData>(response)
}
const moderate = (fields: Record<string, string>, cookie = organizer) =>
  call(action, postRequest(consolePath(), { intent: 'moderate', ...fields }, cookie), { org: org.slug, id: event.id })

beforeAll(async () => {
  org = await createOrganization('si-summit-fragor', 'SI Summit')
  other = await createOrganization('annan-fragor', 'Annan')
  organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  outsider = await cookieFor((await createMember(other.id, 'owner')).id)
  const now = Date.now()
  // Under way: the opening is over, the keynote comes later today.
  event = await createEvent(org.id, { titleSv: 'SI Summit', titleEn: 'SI Summit', startsAt: new Date(now - 2 * HOUR), endsAt: new Date(now + 6 * HOUR) })
  const item = (titleSv: string, type: 'talk' | 'keynote' | 'lunch', from: number, to: number) =>
    db.programmeItem.create({
      data: { eventId: event.id, type, titleSv, titleEn: `${titleSv} (en)`, startsAt: new Date(now + from * HOUR), endsAt: new Date(now + to * HOUR) },
    })
  opening = await item('Välkommen', 'talk', -2, -1)
  keynote = await item('Crisis Driving Change', 'keynote', 1, 2)
  lunch = await item('Lunch', 'lunch', 2, 3)
  anna = await createRegistration(event.id, { name: 'Anna Berg', email: 'anna@kommun.se' })
  omar = await createRegistration(event.id, { name: 'Omar Said', email: 'omar@region.se', locale: 'en' })
  cancelled = await createRegistration(event.id, { name: 'Avbokad Person', email: 'avbokad@kommun.se', status: 'cancelled' })
  pastEvent = await createEvent(org.id, { startsAt: new Date(now - 50 * HOUR), endsAt: new Date(now - 48 * HOUR) })
  late = await createRegistration(pastEvent.id, { name: 'Sen Person', email: 'sen@kommun.se' })
})

describe('a registrant sends questions from the manage page', () => {
  it('offers the event and the sessions still to come (no breaks, nothing that ended)', async () => {
    const { audienceQuestions } = await manageData(anna)
    expect(audienceQuestions.closed).toBeNull()
    expect(audienceQuestions.sessions.map((session) => session.value)).toEqual(['', keynote.id])
    expect(audienceQuestions.sessions[1].label).toMatch(/^Crisis Driving Change \(\w+ \d+ \w+ \d{4}, \d\d\.\d\d–\d\d\.\d\d\)$/)
    expect(audienceQuestions.mine).toEqual([])
  })

  it('a question is stored as typed (markup too) and shows on the page as "Väntar på moderatorn"', async () => {
    const text = '<script>alert(1)</script> Hur når vi <b>kommunerna</b>?'
    const response = await ask(anna, { itemId: keynote.id, text: `  ${text}  ` })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`${managePath(anna)}?done=ask#questions`)
    const stored = await db.audienceQuestion.findFirstOrThrow({ where: { registrationId: anna.id } })
    expect([stored.text, stored.itemId, stored.isAnonymous, stored.state]).toEqual([text, keynote.id, false, 'new'])
    const { audienceQuestions } = await manageData(anna)
    expect(audienceQuestions.mine.map((question) => [question.text, question.session, question.stateLabel])).toEqual([
      [text, 'Crisis Driving Change', 'Väntar på moderatorn'],
    ])
    // React escapes it: the page shows the characters, never an element.
    const element = createElement(AudienceQuestionsPanel, { locale: 'sv', questions: audienceQuestions, sent: true })
    const html = renderToString(createElement(RouterProvider, { router: createMemoryRouter([{ path: '/', element }]) }))
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Hur når vi &lt;b&gt;kommunerna&lt;/b&gt;?')
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('Tack! Din fråga är skickad.')
  })

  it('more than 500 characters is a 400 on the text field in the page’s language; an empty one too; nothing is stored', async () => {
    const long = await ask(anna, { itemId: keynote.id, text: 'x'.repeat(501) })
    expect(long.status).toBe(400)
    const answer = await body<FormAnswer>(long)
    expect(answer.intent).toBe('ask')
    expect(answer.fieldErrors.text).toBe('Texten är för lång (högst 500 tecken).')
    expect(answer.values.text).toHaveLength(501)
    const english = await ask(omar, { itemId: '', text: 'y'.repeat(501) }, 'en')
    expect((await body<FormAnswer>(english)).fieldErrors.text).toBe('The text is too long (at most 500 characters).')
    const empty = await ask(anna, { itemId: keynote.id, text: '   ' })
    expect((await body<FormAnswer>(empty)).fieldErrors.text).toBe('Fyll i det här fältet.')
    expect((await ask(anna, { itemId: keynote.id, text: 'z'.repeat(500) })).status).toBe(303)
    expect(await db.audienceQuestion.count({ where: { registrationId: anna.id } })).toBe(2)
  })

  it('"Skicka anonymt" keeps the name from moderators, the panel and the export, while the asker still sees it as theirs', async () => {
    expect((await ask(omar, { itemId: keynote.id, text: 'Vad gör vi med den nationella strategin?', anonymous: 'yes' })).status).toBe(303)
    const mine = (await manageData(omar)).audienceQuestions.mine
    expect(mine.map((question) => [question.text, question.isAnonymous])).toEqual([['Vad gör vi med den nationella strategin?', true]])
    const keynoteSession = (await consoleData()).sessions.find((session) => session.key === keynote.id)!
    const anonymous = keynoteSession.questions.find((question) => question.isAnonymous)!
    expect(anonymous.asker).toBeNull()
    expect(JSON.stringify(keynoteSession)).not.toContain('Omar')
    expect(keynoteSession.questions.find((question) => !question.isAnonymous)!.asker).toBe('Anna Berg')
  })

  it('a session that ended, a break, another event’s item: 409 or 400 on the session field', async () => {
    const ended = await ask(anna, { itemId: opening.id, text: 'För sent?' })
    expect(ended.status).toBe(409)
    expect((await body<FormAnswer>(ended)).fieldErrors.itemId).toBe('Programpunkten är slut, så det går inte längre att skicka frågor till den.')
    expect((await ask(anna, { itemId: lunch.id, text: 'Maten?' })).status).toBe(400)
    expect((await ask(anna, { itemId: 'inte-ett-id', text: 'Hm?' })).status).toBe(400)
  })

  it('after the event a question gets 409 with a clear message, and the form is gone from the page', async () => {
    const response = await ask(late, { itemId: '', text: 'Kommer inspelningen?' })
    expect(response.status).toBe(409)
    expect((await body<FormAnswer>(response)).formError).toBe('Evenemanget är slut, så det går inte längre att skicka frågor.')
    expect((await manageData(late)).audienceQuestions.closed).toBe('Evenemanget är slut, så det går inte längre att skicka frågor.')
    expect(await db.audienceQuestion.count({ where: { eventId: pastEvent.id } })).toBe(0)
  })

  it('a cancelled registration cannot ask (403)', async () => {
    const response = await ask(cancelled, { itemId: keynote.id, text: 'Får jag fråga ändå?' })
    expect(response.status).toBe(403)
    expect((await body<FormAnswer>(response)).formError).toBe('Bara bekräftade deltagare kan ställa frågor. Din anmälan är inte bekräftad (eller avbokad).')
    expect(await db.audienceQuestion.count({ where: { registrationId: cancelled.id } })).toBe(0)
  })

  it(`the ${QUESTIONS_PER_REGISTRATION + 1}th question in 10 minutes is a 429 with Retry-After and a message in the page’s language`, async () => {
    const before = await db.audienceQuestion.count({ where: { registrationId: omar.id } })
    for (let i = before; i < QUESTIONS_PER_REGISTRATION; i++) expect((await ask(omar, { itemId: '', text: `Fråga ${i}` }, 'en')).status).toBe(303)
    const limited = await ask(omar, { itemId: '', text: 'En till' }, 'en')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await body<FormAnswer>(limited)).fieldErrors.text).toMatch(/^You have sent many questions in a short time\. Wait \d+ min and try again\.$/)
    expect(await db.audienceQuestion.count({ where: { registrationId: omar.id } })).toBe(QUESTIONS_PER_REGISTRATION)
    // Another registration has its own count.
    expect((await ask(anna, { itemId: '', text: 'Min egen fråga' })).status).toBe(303)
  })
})

describe('moderators and the panel screen', () => {
  it('lists per session with counts, filters by state, and moves questions with conditional updates', async () => {
    const all = await consoleData()
    expect(all.canModerate).toBe(true)
    expect(all.sessions.map((session) => session.key)).toEqual(['event', keynote.id])
    const keynoteSession = all.sessions[1]
    expect(keynoteSession.counts).toEqual({ new: 3, selected: 0, answered: 0, hidden: 0 })
    const [first, , third] = keynoteSession.questions
    expect((await moderate({ questionId: first.id, from: 'new', state: 'selected' })).status).toBe(302)
    expect((await moderate({ questionId: third.id, from: 'new', state: 'selected' })).status).toBe(302)
    // The same press twice (two moderators at once): the same outcome, no error.
    expect((await moderate({ questionId: first.id, from: 'new', state: 'selected' })).status).toBe(302)
    // A stale page: the question moved elsewhere meanwhile.
    const stale = await moderate({ questionId: first.id, from: 'new', state: 'hidden' })
    expect(stale.status).toBe(409)
    expect((await body<FormAnswer>(stale)).formError).toBe('Någon annan har just ändrat frågan. Ladda om sidan och försök igen.')
    expect((await db.audienceQuestion.findUniqueOrThrow({ where: { id: first.id } })).state).toBe('selected')
    const [, second] = keynoteSession.questions
    expect((await moderate({ questionId: second.id, from: 'new', state: 'hidden' })).status).toBe(302)

    const selected = await consoleData(`?session=${keynote.id}&state=selected`)
    expect(selected.sessions).toHaveLength(1)
    expect(selected.sessions[0].questions.map((question) => question.id)).toEqual([first.id, third.id])
    expect(selected.sessions[0].counts).toEqual({ new: 0, selected: 2, answered: 0, hidden: 1 })
    for (const query of [`?session=${'x'.repeat(41)}`, '?session=00000000-0000-4000-8000-000000000000', `?session=${opening.id.slice(0, 8)}`]) {
      const unknown = await call(loader, getRequest(`${consolePath()}${query}`, organizer), { org: org.slug, id: event.id })
      expect(unknown.status).toBe(404)
    }
    expect((await consoleData('?state=nonsense')).sessions.length).toBeGreaterThan(0)
    const general = await consoleData('?session=event')
    expect(general.sessions.map((session) => session.key)).toEqual(['event'])
    expect(general.sessions[0].questions.length).toBe(QUESTIONS_PER_REGISTRATION - 1 + 1)
    expect(await db.auditEntry.count({ where: { action: 'audienceQuestion.moderated' } })).toBe(3)
    expect((await manageData(anna)).audienceQuestions.mine.map((question) => question.stateLabel)).toContain('Vald till frågestunden')
  })

  it('the panel link shows the selected questions of its session only, no hidden ones and no anonymous names; a wrong token is a 404', async () => {
    const session = (await consoleData()).sessions.find((candidate) => candidate.key === keynote.id)!
    const [, lang, key, token] = session.panelUrl.split('/')
    expect([lang, key]).toEqual(['panel', keynote.id])
    expect(token).toBe(panelToken(keynote.id))
    const response = await call(panelLoader, getRequest(session.panelUrl), { key, token })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const { screen } = await body<{ screen: { sessionTitle: string; questions: { text: string; asker: string | null }[] } }>(response)
    expect(screen.sessionTitle).toBe('Crisis Driving Change')
    expect(screen.questions).toEqual([
      { id: expect.any(String), text: '<script>alert(1)</script> Hur når vi <b>kommunerna</b>?', asker: 'Anna Berg' },
      { id: expect.any(String), text: 'Vad gör vi med den nationella strategin?', asker: null },
    ])
    const english = await call(panelLoader, getRequest(`/en/panel/${key}/${token}`), { lang: 'en', key, token })
    expect((await body<{ screen: { sessionTitle: string } }>(english)).screen.sessionTitle).toBe('Crisis Driving Change (en)')
    const wrong = await call(panelLoader, getRequest(`/panel/${key}/${'A'.repeat(43)}`), { key, token: 'A'.repeat(43) })
    expect(wrong.status).toBe(404)
    const otherSession = await call(panelLoader, getRequest(`/panel/${opening.id}/${token}`), { key: opening.id, token })
    expect(otherSession.status).toBe(404)
    // The link stops working a week after its session ended.
    const later = new Date(Date.now() + 9 * 24 * HOUR)
    await expect(getPanelScreen({ key, token, locale: 'sv', now: later })).rejects.toThrow('questions.error.panelNotFound')
    expect((await getPanelScreen({ key, token, locale: 'sv', now: new Date(Date.now() + 6 * 24 * HOUR) })).questions).toHaveLength(2)
  })

  it('exports every question as CSV in both dialects; anonymous ones without a name', async () => {
    const excel = await call(exportLoader, getRequest(`${consolePath()}/export?format=excel-sv`, viewer), { org: org.slug, id: event.id })
    expect(excel.status).toBe(200)
    expect(excel.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(excel.headers.get('Content-Disposition')).toContain(`fragor-${event.slug}.csv`)
    const bytes = new Uint8Array(await excel.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows: string[][] = parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1), { delimiter: ';' })
    expect(rows[0]).toEqual(['Programpunkt', 'Fråga', 'Namn', 'Anonym', 'Status', 'Skickad'])
    const anonymous = rows.find((row) => row[1] === 'Vad gör vi med den nationella strategin?')!
    expect(anonymous.slice(2, 5)).toEqual(['', 'ja', 'Vald'])
    expect(anonymous[0]).toMatch(/^Crisis Driving Change \(/)
    expect(anonymous[5]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)
    const named = rows.find((row) => row[1].startsWith('<script>'))!
    expect(named.slice(2, 5)).toEqual(['Anna Berg', 'nej', 'Vald'])
    // Omar's other questions were not anonymous: only those carry his name.
    expect(rows.filter((row) => row[3] === 'ja' && row[2] !== '')).toEqual([])
    expect(rows.filter((row) => row[2] === 'Omar Said').every((row) => row[3] === 'nej')).toBe(true)
    expect(rows.find((row) => row[1] === 'Min egen fråga')![0]).toBe('Evenemanget i stort')

    const rfc = await call(exportLoader, getRequest(`${consolePath()}/export?format=rfc4180&lang=en`, organizer), { org: org.slug, id: event.id })
    const text = await rfc.text()
    expect(text.charCodeAt(0)).not.toBe(0xfeff)
    const english: string[][] = parse(text)
    expect(english[0]).toEqual(['Session', 'Question', 'Name', 'Anonymous', 'Status', 'Sent'])
    expect(english.length).toBe(rows.length)
    expect(await db.auditEntry.count({ where: { action: 'event.questionsExported' } })).toBe(2)
    expect((await call(exportLoader, getRequest(`${consolePath()}/export?format=xlsx`, organizer), { org: org.slug, id: event.id })).status).toBe(400)
  })

  it('viewers read but get 403 on moderation; another organization gets 404; a visitor goes to /login', async () => {
    const read = await consoleData('', viewer)
    expect(read.canModerate).toBe(false)
    const question = read.sessions[1].questions[0]
    const refused = await moderate({ questionId: question.id, from: question.state, state: 'answered' }, viewer)
    expect(refused.status).toBe(403)
    expect((await db.audienceQuestion.findUniqueOrThrow({ where: { id: question.id } })).state).toBe(question.state)
    const foreign = await call(loader, getRequest(consolePath(event.id, other.slug), outsider), { org: other.slug, id: event.id })
    expect(foreign.status).toBe(404)
    const foreignPost = await call(
      action,
      postRequest(consolePath(event.id, other.slug), { intent: 'moderate', questionId: question.id, from: question.state, state: 'hidden' }, outsider),
      { org: other.slug, id: event.id },
    )
    expect(foreignPost.status).toBe(404)
    const foreignExport = await call(exportLoader, getRequest(`${consolePath(event.id, other.slug)}/export`, outsider), { org: other.slug, id: event.id })
    expect(foreignExport.status).toBe(404)
    // The other organization's own event id under this organization's URL: 404 as well.
    const theirs = await createEvent(other.id)
    const crossed = await call(loader, getRequest(consolePath(theirs.id), organizer), { org: org.slug, id: theirs.id })
    expect(crossed.status).toBe(404)
    const visitor = await call(loader, getRequest(consolePath()), { org: org.slug, id: event.id })
    expect(visitor.status).toBe(302)
    expect(visitor.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    expect((await db.audienceQuestion.findUniqueOrThrow({ where: { id: question.id } })).state).toBe(question.state)
  })

  it('a registration that goes takes its questions with it', async () => {
    const gone = await createRegistration(event.id, { name: 'Tillfällig', email: 'tillfallig@kommun.se' })
    expect((await ask(gone, { itemId: '', text: 'Hej?' })).status).toBe(303)
    await db.registration.delete({ where: { id: gone.id } })
    expect(await db.audienceQuestion.count({ where: { registrationId: gone.id } })).toBe(0)
  })
})
