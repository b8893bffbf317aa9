import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { action as loginAction } from '../../app/routes/login.tsx'
import { action as membersAction } from '../../app/routes/organizer.$org.members.tsx'
import { action as newEventAction } from '../../app/routes/organizer.$org.events.new.tsx'
import { action as programmeAction } from '../../app/routes/organizer.$org.events.$id.programme.tsx'
import { body, call, cookieFor, createMember, createOrganization, ORIGIN, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

// Every form goes through one boundary (runAction → readForm): text PostgreSQL cannot store (NUL,
// error 22021) is a 400 on that field in the person's language, with the rest of what was typed
// kept – never a 500. (Half a surrogate pair cannot arrive in a body: FormData turns it into U+FFFD.)
type Answer = { status: number; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }
const SV = 'Texten innehåller ett otillåtet tecken (till exempel ett nolltecken). Ta bort det och försök igen.'
const EN = 'The text contains a character that is not allowed (such as a null character). Remove it and try again.'

let org: { id: string; slug: string }
let cookie: string
let eventId: string

beforeAll(async () => {
  org = await createOrganization('granssnitt', 'Gränssnitt')
  cookie = await cookieFor((await createMember(org.id, 'owner')).id)
  eventId = (
    await db.event.create({
      data: {
        slug: 'granssnitt-event',
        organizationId: org.id,
        titleSv: 'Gränssnitt',
        titleEn: '',
        format: 'online',
        onlineUrl: 'https://meet.example.se/x',
        startsAt: new Date('2027-03-01T12:00:00Z'),
        endsAt: new Date('2027-03-01T13:00:00Z'),
      },
    })
  ).id
})

describe('text a database cannot hold', () => {
  it('a NUL in an event title is a 400 on that field in Swedish, and the rest of the form is kept', async () => {
    const fields = {
      titleSv: 'Dag\u0000ett',
      format: 'online',
      startsAt: '2027-03-01T13:00',
      endsAt: '2027-03-01T14:00',
      onlineUrl: 'https://meet.example.se/x',
    }
    const response = await call(newEventAction, postRequest(`/organizer/${org.slug}/events/new`, fields, cookie), { org: org.slug })
    expect(response.status).toBe(400)
    const answer = await body<Answer>(response)
    expect(answer.fieldErrors).toEqual({ titleSv: SV })
    expect(answer.values).toMatchObject({ titleSv: 'Dagett', onlineUrl: 'https://meet.example.se/x' })
    expect(await db.event.count({ where: { organizationId: org.id } })).toBe(1)
  })

  it('a NUL in a room name under ?lang=en gets the English message and keeps the intent', async () => {
    const request = postRequest(`/organizer/${org.slug}/events/${eventId}/programme?lang=en`, { intent: 'addRoom', name: '\u0000' }, cookie)
    const response = await call(programmeAction, request, { org: org.slug, id: eventId })
    expect(response.status).toBe(400)
    expect(await body<Answer & { intent: string }>(response)).toMatchObject({ intent: 'addRoom', fieldErrors: { name: EN } })
  })

  it('a NUL in an invitation address is a 400 on the e-mail field, not a server error', async () => {
    const response = await membersAction({
      request: postRequest(`/organizer/${org.slug}/members`, { intent: 'invite', email: 'a\u0000@kommun.se', role: 'viewer' }, cookie),
      params: { org: org.slug },
      context: {},
    })
    expect(response.status).toBe(400)
    expect((await body<Answer>(response)).fieldErrors.email).toBe(SV)
  })

  it('a NUL in the sign-in form is a 400 on the e-mail field, and no link is asked for', async () => {
    const request = new Request(`${ORIGIN}/login`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=anna%00%40kommun.se',
    })
    const response = await loginAction({ request, params: {}, context: {} })
    expect(response.status).toBe(400)
    expect(await body<Answer>(response)).toEqual({
      status: 400,
      formError: 'Formuläret innehåller fel. Rätta de markerade fälten.',
      fieldErrors: { email: SV },
      values: { email: 'anna@kommun.se' },
    })
    expect(await db.loginToken.count()).toBe(0)
  })

  it('a NUL in the organization part of a console address is a 404, not a database error', async () => {
    const response = await call(newEventAction, postRequest('/organizer/%00/events/new', { titleSv: 'x' }, cookie), { org: '\u0000' })
    expect(response.status).toBe(404)
  })
})
