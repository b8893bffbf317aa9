import { describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { isOrganizationNumber } from '../../app/registrations/form.server.ts'
import { manageToken } from '../../app/registrations/tokens.server.ts'
import * as registerRoute from '../../app/routes/($lang).events.$slug_.register.tsx'
import * as eventRoute from '../../app/routes/($lang).events.$slug.tsx'
import * as manageRoute from '../../app/routes/($lang).registrations.$token.tsx'
import { body, call, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const HOUR = 3_600_000
let counter = 0
const STREAM = 'https://stream.example.org/hemlig-sandning'

async function makeEvent(overrides: Record<string, unknown> = {}) {
  const org = await createOrganization(`form-org-${++counter}`, 'Region Norrbotten')
  const startsAt = new Date(Date.now() + 20 * 24 * HOUR)
  return db.event.create({
    data: {
      slug: `form-event-${counter}`,
      organizationId: org.id,
      titleSv: 'Social Innovation i Norr',
      titleEn: 'Social Innovation in the North',
      status: 'published',
      format: 'hybrid',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7 * HOUR),
      venueName: 'Studio Acusticum',
      city: 'Piteå',
      capacityOnSite: 5,
      onlineUrl: STREAM,
      ...overrides,
    },
  })
}

const fields = (n: string | number, extra: Record<string, string> = {}) => ({
  name: `Person ${n}`,
  email: `person-${n}@example.org`,
  organization: 'Piteå kommun',
  sector: 'public_sector',
  county: 'norrbotten',
  attendance: 'on_site',
  consent: 'yes',
  ...extra,
})

const register = (slug: string, values: Record<string, string>, path = `/events/${slug}/register`) =>
  call(registerRoute.action, postRequest(path, values), { slug, ...(path.startsWith('/en/') ? { lang: 'en' } : {}) })

describe('the registration form', () => {
  it('registers and redirects to a receipt page; the receipt names the outcome', async () => {
    const event = await makeEvent()
    const response = await register(event.slug, fields(1))
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/events/${event.slug}/register?done=confirmed`)
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1)
  })

  it('answers bad input with 400 and a message per field, in the visitor’s language, keeping what was typed', async () => {
    const event = await makeEvent()
    const sv = await register(event.slug, fields(2, { email: 'inte-en-adress', sector: 'kommun' }))
    expect(sv.status).toBe(400)
    const answer = await body<{ fieldErrors: Record<string, string>; values: Record<string, string> }>(sv)
    expect(answer.fieldErrors.email).toBe('Skriv en giltig e-postadress, till exempel namn@kommun.se.')
    expect(answer.fieldErrors.sector).toBe('Välj vilken sektor du kommer från.')
    expect(answer.values.name).toBe('Person 2')
    const en = await register(event.slug, fields(3, { attendance: '' }), `/en/events/${event.slug}/register`)
    expect((await body<{ fieldErrors: Record<string, string> }>(en)).fieldErrors.attendance).toBe('Choose whether you take part on site or online.')
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(0)
  })

  it('checks invoice details for a priced ticket (organization number with its check digit)', async () => {
    expect(isOrganizationNumber('212000-0142')).toBe(true)
    expect(isOrganizationNumber('212000-0143')).toBe(false)
    const event = await makeEvent({ format: 'online', capacityOnSite: null })
    await db.ticketType.create({ data: { eventId: event.id, nameSv: 'Digital biljett', nameEn: 'Digital ticket', priceOre: 29500 } })
    const missing = await register(event.slug, fields(4, { attendance: '' }))
    expect(missing.status).toBe(400)
    expect(Object.keys((await body<{ fieldErrors: Record<string, string> }>(missing)).fieldErrors)).toEqual(['invoiceOrgNumber', 'invoiceAddress'])
    const ok = await register(event.slug, fields(5, { invoiceOrgNumber: '212000-0142', invoiceEReference: '0007:1234567890', buyerReference: 'Kim' }))
    expect(ok.status).toBe(303)
  })

  it('writes a registration and its mail together or not at all (a full sub-session refuses the whole form)', async () => {
    const event = await makeEvent()
    const lunch = await db.programmeItem.create({
      data: {
        eventId: event.id,
        type: 'meetup',
        titleSv: 'Forskarträff över lunch',
        titleEn: 'Researchers’ lunch',
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        capacity: 1,
      },
    })
    expect((await register(event.slug, fields(6, { [`item_${lunch.id}`]: 'yes' }))).status).toBe(303)
    const refused = await register(event.slug, fields(7, { [`item_${lunch.id}`]: 'yes' }))
    expect(refused.status).toBe(409)
    expect((await body<{ fieldErrors: Record<string, string> }>(refused)).fieldErrors[`item_${lunch.id}`]).toContain('Forskarträff över lunch')
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1)
    expect(await db.outboxMessage.count({ where: { eventId: event.id, template: { startsWith: 'registration-' } } })).toBe(1)
  })

  it('refuses posts outside the window with 409 and a clear message', async () => {
    const event = await makeEvent({ registrationClosesAt: new Date(Date.now() - HOUR) })
    const response = await register(event.slug, fields(8))
    expect(response.status).toBe(409)
    expect((await body<{ formError: string }>(response)).formError).toBe('Anmälan är stängd.')
  })

  it('rate-limits one address with 429, Retry-After and a message in Swedish', async () => {
    const event = await makeEvent()
    setConfig({ ...config(), registrationLimits: { perIp: 1000, perEmail: 3 } })
    try {
      for (let i = 0; i < 3; i++) expect((await register(event.slug, fields('limit'))).status).toBe(303)
      const limited = await register(event.slug, fields('limit'))
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
      expect((await body<{ formError: string }>(limited)).formError).toMatch(/Vänta \d+ minuter/)
    } finally {
      setConfig({ ...config(), registrationLimits: { perIp: 60, perEmail: 10 } })
    }
    // The table holds no address in clear.
    const keys = await db.rateLimit.findMany({ select: { key: true } })
    expect(keys.some((row) => row.key.includes('@'))).toBe(false)
  })
})

describe('what is private stays private', () => {
  it('never puts the stream link or the attendee list on the public event page', async () => {
    const event = await makeEvent()
    await register(event.slug, fields('private', { attendance: 'online' }))
    const page = await call(eventRoute.loader, getRequest(`/events/${event.slug}`), { slug: event.slug })
    const text = await page.text()
    expect(text).not.toContain(STREAM)
    expect(text).not.toContain('person-private@example.org')
    expect(text).not.toContain('Person private')
  })

  it('shows the stream link on the manage page only to confirmed attendees (never the waitlist); opening it changes nothing', async () => {
    const event = await makeEvent({ capacityOnSite: 1 })
    await register(event.slug, fields('onsite-1'))
    await register(event.slug, fields('waiting', { attendance: 'on_site' }))
    await register(event.slug, fields('online', { attendance: 'online' }))
    const rows = await db.registration.findMany({ where: { eventId: event.id } })
    const page = async (email: string) => {
      const registration = rows.find((row) => row.emailNormalized === email)!
      const token = manageToken(registration)
      const response = await call(manageRoute.loader, getRequest(`/registrations/${token}`), { token })
      expect(response.headers.get('Cache-Control')).toBe('private, no-store')
      return response.text()
    }
    const before = await db.registration.findMany({ where: { eventId: event.id }, orderBy: { id: 'asc' } })
    const mailsBefore = await db.outboxMessage.count()
    expect(await page('person-online@example.org')).toContain(STREAM)
    expect(await page('person-waiting@example.org')).not.toContain(STREAM)
    expect(await db.registration.findMany({ where: { eventId: event.id }, orderBy: { id: 'asc' } })).toEqual(before)
    expect(await db.outboxMessage.count()).toBe(mailsBefore)
    const unknown = await call(manageRoute.loader, getRequest(`/registrations/${'x'.repeat(43)}`), { token: 'x'.repeat(43) })
    expect(unknown.status).toBe(404)
  })

  it('cancels from the manage page with a POST, twice without harm', async () => {
    const event = await makeEvent()
    await register(event.slug, fields('cancel'))
    const registration = await db.registration.findFirstOrThrow({ where: { eventId: event.id } })
    const token = manageToken(registration)
    for (let i = 0; i < 2; i++) {
      const response = await call(manageRoute.action, postRequest(`/registrations/${token}`, { intent: 'cancel' }), { token })
      expect(response.status).toBe(303)
    }
    expect(await db.registration.findUniqueOrThrow({ where: { id: registration.id } })).toMatchObject({ status: 'cancelled' })
    expect(await db.outboxMessage.count({ where: { registrationId: registration.id, template: 'registration-cancelled' } })).toBe(1)
  })
})
