import { randomBytes } from 'node:crypto'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { RegistrationTable, type RegistrationRow } from '../../app/components/console/registration-table.tsx'
import { db } from '../../app/db/client.server.ts'
import type { Prisma } from '../../app/generated/prisma/client.ts'
import { isPersonalPath } from '../../app/personal-pages.ts'
import { action, loader } from '../../app/routes/organizer.$org.events.$id.registrations.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

type FormAnswer = { intent: string; formError: string; fieldErrors: Record<string, string> }
type Counts = Record<'on_site' | 'online', { confirmed: number; waitlisted: number; cancelled: number; capacity: number | null; left: number | null }>
type Page = {
  total: number
  page: number
  isPriced: boolean
  counts: Counts
  registrations: RegistrationRow[]
  previousHref: string | null
  nextHref: string | null
  clearHref: string | null
}

let org: { id: string; slug: string }
let organizer: string
let viewer: string
let summit: { id: string }
let questionId: string

let sequence = 0
/** A registration row as the registration domain writes it (fixture: the console only reads these). */
async function registration(eventId: string, data: Partial<Prisma.RegistrationUncheckedCreateInput> & { name: string }) {
  sequence += 1
  const email = data.email ?? `person${sequence}@example.se`
  return db.registration.create({
    data: {
      eventId,
      email,
      emailNormalized: email.toLowerCase(),
      status: 'confirmed',
      manageTokenHash: randomBytes(32).toString('hex'),
      createdAt: new Date(Date.UTC(2027, 0, 1, 9, sequence)),
      queuedAt: new Date(Date.UTC(2027, 0, 1, 9, sequence)),
      ...data,
    },
  })
}

function path(eventId: string, query = '') {
  return `/organizer/${org.slug}/events/${eventId}/registrations${query}`
}

async function load(eventId: string, query = '', cookie = organizer): Promise<Page> {
  const response = await call(loader, getRequest(path(eventId, query), cookie), { org: org.slug, id: eventId })
  expect(response.status).toBe(200)
  return body<Page>(response)
}

const names = (page: Page) => page.registrations.map((row) => row.name)

function post(eventId: string, fields: Record<string, string>, cookie = organizer, query = '') {
  return call(action, postRequest(path(eventId, query), fields, cookie), { org: org.slug, id: eventId })
}

beforeAll(async () => {
  org = await createOrganization('si-summit', 'Social Innovation Summit')
  organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  summit = await db.event.create({
    data: {
      slug: 'si-summit-2027',
      organizationId: org.id,
      titleSv: 'SI Summit 2027',
      titleEn: 'SI Summit 2027',
      format: 'hybrid',
      status: 'published',
      startsAt: new Date('2027-04-20T07:00:00Z'),
      endsAt: new Date('2027-04-20T15:00:00Z'),
      capacityOnSite: 3,
      capacityOnline: null,
      ticketTypes: { create: { nameSv: 'Ordinarie', nameEn: 'Standard', priceOre: 29500 } },
      questions: {
        create: {
          kind: 'choice',
          labelSv: 'Lunch',
          labelEn: 'Lunch',
          options: [
            { value: 'veg', sv: 'Vegetarisk', en: 'Vegetarian' },
            { value: 'vegan', sv: 'Vegansk', en: 'Vegan' },
          ],
        },
      },
    },
    include: { ticketTypes: true, questions: true },
  })
  const ticket = (summit as unknown as { ticketTypes: { id: string }[] }).ticketTypes[0].id
  questionId = (summit as unknown as { questions: { id: string }[] }).questions[0].id
  const priced = { ticketTypeId: ticket, priceOre: 29500, vatRate: 25, paymentStatus: 'unpaid' as const }
  await registration(summit.id, {
    name: 'Åsa Öberg',
    email: 'asa.oberg@region.se',
    organizationName: 'Region Sörmland',
    sector: 'public_sector',
    county: 'sodermanland',
    answers: { [questionId]: 'veg' },
    invoiceOrgNumber: '232100-0255',
    invoiceAddress: 'Region Sörmland\nFE 1234\n611 88 Nyköping',
    buyerReference: 'Ref 4711',
    ...priced,
  })
  await registration(summit.id, { name: 'Erik Lind', organizationName: 'Coompanion', sector: 'civil_society', county: 'stockholm', ...priced })
  await registration(summit.id, { name: 'Maja Ek', sector: 'academia', abroad: true, attendanceMode: 'online', ...priced, paymentStatus: 'paid' })
  await registration(summit.id, { name: 'Noah Berg', status: 'waitlisted', sector: 'private_sector', county: 'skane', ...priced })
  await registration(summit.id, { name: 'Lina Håkansson', status: 'waitlisted', county: 'skane', ...priced })
  await registration(summit.id, { name: 'Omar Nilsson', status: 'cancelled', cancelledAt: new Date(), ...priced })
})

describe('the registration list', () => {
  it('shows the counts at a glance per mode, with places left and unlimited online', async () => {
    const page = await load(summit.id)
    expect(page.counts.on_site).toEqual({ confirmed: 2, waitlisted: 2, cancelled: 1, interest: 0, capacity: 3, left: 1 })
    expect(page.counts.online).toEqual({ confirmed: 1, waitlisted: 0, cancelled: 0, interest: 0, capacity: null, left: null })
    expect(page.total).toBe(6)
  })

  it('filters by mode, status, sector, county (and abroad) and payment', async () => {
    expect(names(await load(summit.id, '?mode=online'))).toEqual(['Maja Ek'])
    // The waitlist shows in queue order, with each person's place.
    const waiting = await load(summit.id, '?status=waitlisted')
    expect(waiting.registrations.map((row) => [row.name, row.waitlistPosition])).toEqual([
      ['Noah Berg', 1],
      ['Lina Håkansson', 2],
    ])
    expect(names(await load(summit.id, '?sector=academia'))).toEqual(['Maja Ek'])
    expect(names(await load(summit.id, '?county=abroad'))).toEqual(['Maja Ek'])
    expect(names(await load(summit.id, '?county=skane&status=waitlisted'))).toEqual(['Noah Berg', 'Lina Håkansson'])
    expect(names(await load(summit.id, '?payment=paid'))).toEqual(['Maja Ek'])
    expect((await load(summit.id, '?county=skane')).clearHref).toBe(path(summit.id))
  })

  it('searches name, e-mail and organization without regard to case, å, ä and ö included', async () => {
    expect(names(await load(summit.id, `?q=${encodeURIComponent('åsa')}`))).toEqual(['Åsa Öberg'])
    expect(names(await load(summit.id, `?q=${encodeURIComponent('SÖRMLAND')}`))).toEqual(['Åsa Öberg'])
    expect(names(await load(summit.id, '?q=asa.oberg%40'))).toEqual(['Åsa Öberg'])
    expect(names(await load(summit.id, '?q=coompanion'))).toEqual(['Erik Lind'])
    expect((await load(summit.id, '?q=nobody')).total).toBe(0)
  })

  it('drops a filter value that is none of the choices instead of failing', async () => {
    expect((await load(summit.id, '?mode=teleport&status=%00&page=-3')).total).toBe(6)
  })

  it('shows the answers to custom questions and the ticket with invoice details', async () => {
    const page = await load(summit.id, `?q=${encodeURIComponent('Åsa')}`)
    const html = renderToString(
      createElement(RegistrationTable, { locale: 'sv', caption: 'Anmälningar', rows: page.registrations, hasAnswers: true, isPriced: page.isPriced }),
    )
    expect(page.isPriced).toBe(true)
    expect(html).toContain('<caption>Anmälningar</caption>')
    expect(html).toContain('<th scope="col">Svar på frågor</th>')
    expect(html).toContain('<dt>Lunch</dt><dd>Vegetarisk</dd>')
    expect(html).toContain('<dd>295 kr inkl. 25 % moms</dd>')
    expect(html).toContain('<dd>232100-0255</dd>')
    expect(html).toContain('<dd><strong>Ej fakturerad</strong></dd>')
    expect(html).toContain('Södermanlands län')
    const english = renderToString(createElement(RegistrationTable, { locale: 'en', caption: 'R', rows: page.registrations, hasAnswers: true, isPriced: true }))
    expect(english).toContain('<dt>Lunch</dt><dd>Vegetarian</dd>')
    expect(english).toContain('<dd>SEK 295 incl. 25% VAT</dd>')
  })

  it('pages through 50 at a time and keeps the filters in the links', async () => {
    const big = await db.event.create({
      data: {
        slug: 'stor-lista',
        organizationId: org.id,
        titleSv: 'Stor lista',
        titleEn: '',
        format: 'online',
        startsAt: new Date('2027-05-01T08:00:00Z'),
        endsAt: new Date('2027-05-01T10:00:00Z'),
      },
    })
    for (let i = 0; i < 55; i++) await registration(big.id, { name: `Deltagare ${String(i).padStart(2, '0')}`, attendanceMode: 'online' })
    const first = await load(big.id, '?mode=online')
    expect(first.registrations).toHaveLength(50)
    expect(first.nextHref).toBe(path(big.id, '?mode=online&page=2'))
    const second = await load(big.id, '?mode=online&page=2')
    expect(second.registrations).toHaveLength(5)
    expect(second.previousHref).toBe(path(big.id, '?mode=online'))
    expect(second.nextHref).toBeNull()
    expect(new Set([...names(first), ...names(second)]).size).toBe(55)
  })

  it('is a personal page: never cached by anyone but the browser that asked (and not even there)', () => {
    expect(isPersonalPath(path(summit.id))).toBe(true)
  })
})

describe('marking payments', () => {
  it('marks a priced registration invoiced, then paid, and writes each change to the audit log', async () => {
    const erik = await db.registration.findFirstOrThrow({ where: { name: 'Erik Lind' } })
    const response = await post(summit.id, { intent: 'markPayment', registrationId: erik.id, paymentStatus: 'invoiced' }, organizer, '?status=confirmed')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`${path(summit.id)}?status=confirmed&done=markPayment#registration-${erik.id}`)
    expect((await post(summit.id, { intent: 'markPayment', registrationId: erik.id, paymentStatus: 'paid' })).status).toBe(302)
    // Marking it paid again changes nothing and logs nothing.
    expect((await post(summit.id, { intent: 'markPayment', registrationId: erik.id, paymentStatus: 'paid' })).status).toBe(302)
    expect((await db.registration.findUniqueOrThrow({ where: { id: erik.id } })).paymentStatus).toBe('paid')
    const audit = await db.auditEntry.findMany({ where: { entityId: erik.id }, orderBy: { createdAt: 'asc' } })
    expect(audit.map((entry) => [entry.action, entry.data])).toEqual([
      ['registration.paymentMarked', { from: 'unpaid', to: 'invoiced' }],
      ['registration.paymentMarked', { from: 'invoiced', to: 'paid' }],
    ])
  })

  it('refuses a viewer with 403 and changes nothing', async () => {
    const asa = await db.registration.findFirstOrThrow({ where: { name: 'Åsa Öberg' } })
    const response = await post(summit.id, { intent: 'markPayment', registrationId: asa.id, paymentStatus: 'paid' }, viewer)
    expect(response.status).toBe(403)
    expect((await db.registration.findUniqueOrThrow({ where: { id: asa.id } })).paymentStatus).toBe('unpaid')
  })

  it('answers 409 with a Swedish message for a free registration, and 400 for a status no one can set', async () => {
    const free = await db.event.create({
      data: {
        slug: 'gratis',
        organizationId: org.id,
        titleSv: 'Gratis',
        titleEn: '',
        format: 'on_site',
        startsAt: new Date('2027-06-01T08:00:00Z'),
        endsAt: new Date('2027-06-01T10:00:00Z'),
      },
    })
    const guest = await registration(free.id, { name: 'Gäst Gästsson' })
    const response = await post(free.id, { intent: 'markPayment', registrationId: guest.id, paymentStatus: 'paid' })
    expect(response.status).toBe(409)
    expect((await body<FormAnswer>(response)).formError).toBe('Anmälan är kostnadsfri, så det finns ingen betalning att markera.')
    const erik = await db.registration.findFirstOrThrow({ where: { name: 'Erik Lind' } })
    expect((await post(summit.id, { intent: 'markPayment', registrationId: erik.id, paymentStatus: 'not_applicable' })).status).toBe(400)
  })
})

describe("another organization's registrations", () => {
  it('are invisible: the list and every action answer 404', async () => {
    const other = await createOrganization('annan-org', 'Annan organisation')
    const stranger = await cookieFor((await createMember(other.id, 'owner')).id)
    const response = await call(loader, getRequest(path(summit.id), stranger), { org: other.slug, id: summit.id })
    expect(response.status).toBe(404)
    // Their own organization's URL with our event id: 404 too.
    const asa = await db.registration.findFirstOrThrow({ where: { name: 'Åsa Öberg' } })
    const posted = await call(
      action,
      postRequest(
        `/organizer/${other.slug}/events/${summit.id}/registrations`,
        { intent: 'markPayment', registrationId: asa.id, paymentStatus: 'paid' },
        stranger,
      ),
      {
        org: other.slug,
        id: summit.id,
      },
    )
    expect(posted.status).toBe(404)
    // And in our organization's URL they are not a member: 404.
    expect((await call(loader, getRequest(path(summit.id), stranger), { org: org.slug, id: summit.id })).status).toBe(404)
    expect((await db.registration.findUniqueOrThrow({ where: { id: asa.id } })).paymentStatus).toBe('unpaid')
  })
})
