import { beforeAll, describe, expect, it } from 'vitest'
import { checkInCode, checkInToken } from '../../app/check-in/tokens.server.ts'
import { db } from '../../app/db/client.server.ts'
import { formatTime } from '../../app/time.ts'
import { action, loader } from '../../app/routes/organizer.$org.events.$id.check-in.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'

useTestDatabase()

type Page = {
  checkedIn: number
  total: number
  notice: string | null
  matches: { id: string; name: string; checkedInAt: string | null }[] | null
  recent: { id: string; name: string }[]
}
type Answer = { clientId: string; outcome: string; registrationId: string | null; message: string; checkedInAt: string | null }

let org: { id: string; slug: string }
let organizer: string
let viewer: string
let outsider: string
let event: { id: string; titleSv: string }
let otherEvent: { id: string; titleSv: string }
let run = 0

const path = (eventId = event.id, search = '') => `/organizer/${org.slug}/events/${eventId}/check-in${search}`
const post = (fields: Record<string, string>, cookie = organizer, eventId = event.id) =>
  call(action, postRequest(path(eventId), fields, cookie), { org: org.slug, id: eventId })
const page = async (search = '', cookie = organizer) => {
  const response = await call(loader, getRequest(path(event.id, search), cookie), { org: org.slug, id: event.id })
  expect(response.status).toBe(200)
  expect(response.headers.get('Cache-Control')).toBe('private, no-store')
  return body<Page>(response)
}
const sync = async (scans: { clientId: string; ticket: string }[], cookie = organizer) => {
  const response = await post({ intent: 'sync', scans: JSON.stringify(scans) }, cookie)
  expect(response.status).toBe(200)
  return (await body<{ answers: Answer[] }>(response)).answers
}
const auditCount = (registrationId: string, action: string) => db.auditEntry.count({ where: { entityId: registrationId, action } })
const person = (data: Parameters<typeof createRegistration>[1] = {}) => createRegistration(event.id, { name: `Deltagare ${++run}`, ...data })

beforeAll(async () => {
  org = await createOrganization('coompanion-dorr', 'Coompanion')
  const other = await createOrganization('annan-dorr', 'Annan')
  organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  outsider = await cookieFor((await createMember(other.id, 'owner')).id)
  event = await createEvent(org.id, { titleSv: 'Innovationsdagen i Eskilstuna' })
  otherEvent = await createEvent(org.id, { titleSv: 'Co-Days Göteborg' })
})

describe('checking in at the door', () => {
  it('a scanned ticket checks the person in once, audited; the second scan says "redan incheckad" with the time', async () => {
    const anna = await person({ name: 'Anna Åkesson' })
    const first = await post({ intent: 'scan', ticket: checkInToken(anna) })
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toBe(`${path()}?done=checkedIn&r=${anna.id}`)
    const checkedInAt = (await db.registration.findUniqueOrThrow({ where: { id: anna.id } })).checkedInAt
    expect(checkedInAt).not.toBeNull()
    expect((await page(`?done=checkedIn&r=${anna.id}`)).notice).toBe('Anna Åkesson är incheckad.')

    const again = await post({ intent: 'scan', ticket: checkInToken(anna) })
    expect(again.headers.get('Location')).toBe(`${path()}?done=already&r=${anna.id}`)
    const time = formatTime(checkedInAt!, 'sv')
    expect(time).toMatch(/^\d\d\.\d\d$/)
    expect((await page(`?done=already&r=${anna.id}`)).notice).toBe(`Anna Åkesson är redan incheckad (kl. ${time}).`)
    expect((await db.registration.findUniqueOrThrow({ where: { id: anna.id } })).checkedInAt).toEqual(checkedInAt)
    expect(await auditCount(anna.id, 'registration.checkedIn')).toBe(1)
  })

  it("a forged ticket is a 400, another event's ticket a 422 that names the event, and neither checks anybody in", async () => {
    const bengt = await person()
    const forged = await post({ intent: 'scan', ticket: `${bengt.id}.${'A'.repeat(43)}` })
    expect(forged.status).toBe(400)
    expect((await body<{ formError: string }>(forged)).formError).toBe('Ogiltig biljett: koden känns inte igen.')
    // The manage token is a different purpose: it is no ticket.
    const elsewhere = await createRegistration(otherEvent.id)
    const other = await post({ intent: 'scan', ticket: checkInToken(elsewhere) })
    expect(other.status).toBe(422)
    expect((await body<{ formError: string }>(other)).formError).toBe('Biljetten gäller ett annat evenemang: Co-Days Göteborg.')
    expect((await post({ intent: 'scan', ticket: 'not a ticket' })).status).toBe(400)
    // Another organization's event is not named.
    const neighbour = await createEvent((await createOrganization(`granne-${++run}`, 'Granne')).id, { titleSv: 'Grannens hemliga utkast', status: 'draft' })
    const theirs = await post({ intent: 'scan', ticket: checkInToken(await createRegistration(neighbour.id)) })
    expect(theirs.status).toBe(422)
    expect((await body<{ formError: string }>(theirs)).formError).toBe('Biljetten gäller ett annat evenemang.')
    expect(await db.registration.count({ where: { id: { in: [bengt.id, elsewhere.id] }, checkedInAt: { not: null } } })).toBe(0)
  })

  it('the short code from the mail checks in, typed in any case and with or without the dash', async () => {
    const cecilia = await person()
    const code = checkInCode(cecilia).toLowerCase().replace('-', ' ')
    const response = await post({ intent: 'scan', ticket: code })
    expect(response.headers.get('Location')).toBe(`${path()}?done=checkedIn&r=${cecilia.id}`)
    const search = await page(`?q=${encodeURIComponent(checkInCode(cecilia))}`)
    expect(search.matches?.map((match) => match.id)).toEqual([cecilia.id])
  })

  it('a waitlisted person is refused with 409, and the search lists only confirmed places', async () => {
    const waiting = await person({ status: 'waitlisted', name: 'Väntande Vera' })
    const response = await post({ intent: 'checkIn', registrationId: waiting.id })
    expect(response.status).toBe(409)
    expect((await page('?q=V%C3%A4ntande')).matches).toEqual([])
  })

  it('two phones checking in the same person at the same instant record one check-in', async () => {
    const david = await person()
    const responses = await Promise.all(Array.from({ length: 6 }, () => post({ intent: 'checkIn', registrationId: david.id })))
    const done = responses.map((response) => new URL(response.headers.get('Location')!, 'http://x').searchParams.get('done')).sort()
    expect(done).toEqual(['already', 'already', 'already', 'already', 'already', 'checkedIn'])
    expect(await auditCount(david.id, 'registration.checkedIn')).toBe(1)
  })

  it('search by name finds the person with a "Checka in" form, and the counter counts checked in of expected', async () => {
    const before = await page()
    const erik = await person({ name: 'Erik Öberg' })
    const online = await createRegistration(event.id, { name: 'Erik Online', attendanceMode: 'online' })
    const listed = await page('?q=erik')
    expect(listed.matches?.map((match) => match.name)).toEqual(['Erik Online', 'Erik Öberg'])
    expect(listed.total).toBe(before.total + 1) // the online participant is not expected at the door …
    await post({ intent: 'checkIn', registrationId: online.id, q: 'erik' })
    const after = await page('?q=erik')
    expect(after.total).toBe(before.total + 2) // … until they turn up anyway
    expect(after.checkedIn).toBe(before.checkedIn + 1)
    expect(after.matches?.find((match) => match.id === erik.id)?.checkedInAt).toBeNull()
  })

  it('"Ångra incheckning" clears the time, is audited, and undoing twice changes nothing', async () => {
    const frida = await person({ name: 'Frida' })
    await post({ intent: 'checkIn', registrationId: frida.id })
    const undo = await post({ intent: 'undo', registrationId: frida.id, q: 'Frida' })
    expect(undo.headers.get('Location')).toBe(`${path()}?q=Frida&done=undone&r=${frida.id}`)
    expect((await page(`?done=undone&r=${frida.id}`)).notice).toBe('Incheckningen av Frida är ångrad.')
    expect((await db.registration.findUniqueOrThrow({ where: { id: frida.id } })).checkedInAt).toBeNull()
    expect(await auditCount(frida.id, 'registration.checkInUndone')).toBe(1)
    expect((await post({ intent: 'undo', registrationId: frida.id })).headers.get('Location')).toContain('done=notUndone')
    expect(await auditCount(frida.id, 'registration.checkInUndone')).toBe(1)
  })
})

describe('scans sent in a batch after being offline', () => {
  it('answers each scan on its own, and the same batch sent again changes nothing, even after an undo', async () => {
    const gustav = await person({ name: 'Gustav' })
    const helena = await person({ name: 'Helena' })
    const elsewhere = await createRegistration(otherEvent.id)
    const scans = [
      { clientId: `g-${run}`, ticket: checkInToken(gustav), scannedAt: new Date().toISOString() },
      { clientId: `h-${run}`, ticket: checkInToken(helena) },
      { clientId: `h2-${run}`, ticket: checkInToken(helena) },
      { clientId: `o-${run}`, ticket: checkInToken(elsewhere) },
      { clientId: `f-${run}`, ticket: `${gustav.id}.${'B'.repeat(43)}` },
    ]
    const first = await sync(scans)
    expect(first.map((answer) => answer.outcome)).toEqual(['checked_in', 'checked_in', 'already_checked_in', 'other_event', 'invalid'])
    expect(first.map((answer) => answer.message)).toEqual([
      'Gustav är incheckad.',
      'Helena är incheckad.',
      expect.stringMatching(/^Helena är redan incheckad \(kl\. \d\d\.\d\d\)\.$/),
      'Biljetten gäller ett annat evenemang: Co-Days Göteborg.',
      'Ogiltig biljett: koden känns inte igen.',
    ])
    expect(await post({ intent: 'undo', registrationId: gustav.id })).toHaveProperty('status', 302)
    const again = await sync(scans)
    expect(again).toEqual(first)
    expect((await db.registration.findUniqueOrThrow({ where: { id: gustav.id } })).checkedInAt).toBeNull()
    expect(await auditCount(gustav.id, 'registration.checkedIn')).toBe(1)
    expect(await db.checkInScan.count({ where: { eventId: event.id, clientId: { in: scans.map((scan) => scan.clientId) } } })).toBe(5)
    expect((await db.checkInScan.findFirstOrThrow({ where: { clientId: `o-${run}` } })).registrationId).toBeNull()
  })

  it('the same batch from two requests at once checks in once', async () => {
    const ida = await person()
    const scans = [{ clientId: `ida-${run}`, ticket: checkInToken(ida) }]
    const [a, b] = await Promise.all([sync(scans), sync(scans)])
    expect(a).toEqual(b)
    expect(a[0].outcome).toBe('checked_in')
    expect(await auditCount(ida.id, 'registration.checkedIn')).toBe(1)
  })

  it('a batch that is not a JSON array of scans is a 400, and more than 100 scans are refused', async () => {
    expect((await post({ intent: 'sync', scans: '{"not":"an array"}' })).status).toBe(400)
    expect((await post({ intent: 'sync', scans: 'not json' })).status).toBe(400)
    const many = Array.from({ length: 101 }, (_, i) => ({ clientId: `m${i}`, ticket: 'x' }))
    expect((await post({ intent: 'sync', scans: JSON.stringify(many) })).status).toBe(400)
  })
})

describe('who may check in', () => {
  it('a viewer sees the page but gets 403 on every change, and nothing changes', async () => {
    const jonas = await person({ name: 'Jonas' })
    expect((await page('?q=Jonas', viewer)).matches?.map((match) => match.id)).toEqual([jonas.id])
    const attempts: Record<string, string>[] = [
      { intent: 'checkIn', registrationId: jonas.id },
      { intent: 'scan', ticket: checkInToken(jonas) },
      { intent: 'sync', scans: JSON.stringify([{ clientId: 'v1', ticket: checkInToken(jonas) }]) },
    ]
    for (const fields of attempts) {
      const response = await post(fields, viewer)
      expect(response.status).toBe(403)
      expect((await body<{ formError: string }>(response)).formError).toBe('Du har inte behörighet att göra det här.')
    }
    expect((await db.registration.findUniqueOrThrow({ where: { id: jonas.id } })).checkedInAt).toBeNull()
  })

  it('another organization gets 404 for the page and for a check-in, and an organizer cannot check in a registration of an event of another organization', async () => {
    const karin = await person()
    expect((await call(loader, getRequest(path(), outsider), { org: org.slug, id: event.id })).status).toBe(404)
    expect((await post({ intent: 'checkIn', registrationId: karin.id }, outsider)).status).toBe(404)
    const foreignOrg = await createOrganization('grannen-dorr', 'Grannen')
    const foreign = await createEvent(foreignOrg.id)
    const stranger = await createRegistration(foreign.id)
    expect((await post({ intent: 'checkIn', registrationId: stranger.id }, organizer, foreign.id)).status).toBe(404)
    expect((await post({ intent: 'checkIn', registrationId: stranger.id })).status).toBe(404)
    expect(await db.registration.count({ where: { id: { in: [karin.id, stranger.id] }, checkedInAt: { not: null } } })).toBe(0)
  })
})
