import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { EventGroups } from '../../app/components/console/event-groups.tsx'
import { db } from '../../app/db/client.server.ts'
import { listOrganizationEvents } from '../../app/events/editing.server.ts'
import { t } from '../../app/i18n/index.ts'
import { action as editAction, loader as editLoader } from '../../app/routes/organizer.$org.events.$id._index.tsx'
import { action as newAction } from '../../app/routes/organizer.$org.events.new.tsx'
import { body, call, cookieFor, createMember, createOrganization, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

type FormAnswer = { formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }

let org: { id: string; slug: string }
let organizerId: string
let cookie: string

const valid = (overrides: Record<string, string> = {}): Record<string, string> => ({
  titleSv: 'Sörmland Social Innovation Day',
  titleEn: 'Sörmland Social Innovation Day',
  summarySv: 'En dag om social innovation.',
  descriptionSv: 'Välkommen till **Eskilstuna**.',
  format: 'hybrid',
  startsAt: '2027-02-12T09:00',
  endsAt: '2027-02-12T16:00',
  venueName: 'Munktellarenan',
  venueAddress: 'Verkstadsgatan 5',
  postalCode: '632 20',
  city: 'Eskilstuna',
  county: 'sodermanland',
  onlineUrl: 'https://stream.example.se/sisd',
  capacityOnSite: '120',
  capacityOnline: '',
  registrationMode: 'open',
  'tickets.0.nameSv': 'Ordinarie',
  'tickets.0.nameEn': 'Standard',
  'tickets.0.price': '295',
  'tickets.1.nameSv': 'Student',
  'tickets.1.price': '0',
  'questions.0.kind': 'choice',
  'questions.0.labelSv': 'Lunch',
  'questions.0.labelEn': 'Lunch',
  'questions.0.options': 'Vegetarisk | Vegetarian\nVegansk | Vegan',
  'questions.0.required': 'yes',
  intent: 'save',
  ...overrides,
})

async function create(fields: Record<string, string>, query = '') {
  return call(newAction, postRequest(`/organizer/${org.slug}/events/new${query}`, fields, cookie), { org: org.slug })
}

async function createOk(fields: Record<string, string>) {
  const response = await create(fields)
  expect(response.status).toBe(302)
  const id = /events\/([0-9a-f-]{36})/.exec(response.headers.get('Location') ?? '')?.[1]
  expect(id).toBeTruthy()
  return db.event.findUniqueOrThrow({ where: { id: id! } })
}

async function edit(id: string, fields: Record<string, string>) {
  return call(editAction, postRequest(`/organizer/${org.slug}/events/${id}`, fields, cookie), { org: org.slug, id })
}

beforeAll(async () => {
  org = await createOrganization('sormland-console', 'Region Sörmland')
  organizerId = (await createMember(org.id, 'organizer')).id
  cookie = await cookieFor(organizerId)
})

describe('creating an event in the console', () => {
  it('stores Swedish wall times as the right UTC instants, winter and after the October DST switch', async () => {
    const winter = await createOk(valid({ slug: 'vinterdagen' }))
    expect(winter.startsAt.toISOString()).toBe('2027-02-12T08:00:00.000Z')
    expect(winter.endsAt.toISOString()).toBe('2027-02-12T15:00:00.000Z')
    expect(winter.status).toBe('draft')
    expect(winter.revision).toBe(0)
    expect(winter.capacityOnSite).toBe(120)
    expect(winter.capacityOnline).toBeNull()

    // Summer time ends on Sunday 31 October 2027 at 03:00: the 30th is +02:00, the 1st of November +01:00.
    const summer = await createOk(valid({ slug: 'fore-omstallningen', startsAt: '2027-10-30T10:00', endsAt: '2027-10-30T12:00' }))
    expect(summer.startsAt.toISOString()).toBe('2027-10-30T08:00:00.000Z')
    const after = await createOk(valid({ slug: 'efter-omstallningen', startsAt: '2027-11-01T10:00', endsAt: '2027-11-01T12:00' }))
    expect(after.startsAt.toISOString()).toBe('2027-11-01T09:00:00.000Z')

    const tickets = await db.ticketType.findMany({ where: { eventId: winter.id }, orderBy: { position: 'asc' } })
    expect(tickets.map((t) => [t.nameSv, t.nameEn, t.priceOre])).toEqual([
      ['Ordinarie', 'Standard', 29500],
      ['Student', '', 0],
    ])
    const questions = await db.customQuestion.findMany({ where: { eventId: winter.id } })
    expect(questions).toHaveLength(1)
    expect(questions[0].options).toEqual([
      { value: 'o1', sv: 'Vegetarisk', en: 'Vegetarian' },
      { value: 'o2', sv: 'Vegansk', en: 'Vegan' },
    ])
    expect(questions[0].required).toBe(true)
  })

  it('suggests the slug from the Swedish title when none is typed', async () => {
    const event = await createOk(valid({ titleSv: 'Återbruk & omställning i Gävle' }))
    expect(event.slug).toBe('aterbruk-och-omstallning-i-gavle')
  })

  const invalidCases: [string, Record<string, string>, string, string][] = [
    ['a missing title', { titleSv: '' }, 'titleSv', 'Fyll i det här fältet.'],
    ['an end before the start', { endsAt: '2027-02-12T08:00' }, 'endsAt', 'Slutet måste vara efter starten.'],
    ['a stream link that is not https', { onlineUrl: 'javascript:alert(1)' }, 'onlineUrl', 'Skriv en fullständig webbadress som börjar med https://.'],
    ['a negative capacity', { capacityOnSite: '-5' }, 'capacityOnSite', 'Värdet måste vara minst 0.'],
    ['a 10,000-character title', { titleSv: 'x'.repeat(10_000) }, 'titleSv', 'Texten är för lång (högst 200 tecken).'],
    ['a date that is not a date', { startsAt: '2027-02-30T09:00' }, 'startsAt', 'Skriv datum och tid som ÅÅÅÅ-MM-DD TT:MM (svensk tid).'],
    ['an on-site event without a city', { format: 'on_site', city: '' }, 'city', 'Fyll i det här fältet.'],
    ['a ticket price that is not a number', { 'tickets.0.price': 'gratis' }, 'tickets.0.price', 'Skriv ett pris i kronor, till exempel 295 eller 295,50.'],
    ['a choice question with one option', { 'questions.0.options': 'Bara ett' }, 'questions.0.options', 'Skriv minst två svarsalternativ, ett per rad.'],
    ['an unknown format', { format: 'teleport' }, 'format', 'Välj ett av alternativen.'],
    [
      'a registration that closes before it opens',
      { registrationOpensAt: '2027-01-10T09:00', registrationClosesAt: '2027-01-01T09:00' },
      'registrationClosesAt',
      'Anmälan måste stänga efter att den öppnar.',
    ],
  ]
  for (const [what, overrides, field, message] of invalidCases) {
    it(`refuses ${what} with a 400, the Swedish message next to the field and no row written`, async () => {
      const before = await db.event.count()
      const tickets = await db.ticketType.count()
      const response = await create(valid({ slug: `fel-${field.replace(/\W/g, '').toLowerCase()}`, ...overrides }))
      expect(response.status).toBe(400)
      const answer = await body<FormAnswer>(response)
      expect(answer.fieldErrors[field]).toBe(message)
      expect(answer.formError).toBe('Formuläret innehåller fel. Rätta de markerade fälten.')
      expect(answer.values.titleSv).toBe(valid(overrides).titleSv)
      expect(await db.event.count()).toBe(before)
      expect(await db.ticketType.count()).toBe(tickets)
    })
  }

  it('refuses a duplicate slug with a 400 on the slug field that suggests a free one, and writes nothing', async () => {
    await createOk(valid({ slug: 'upptagen' }))
    const before = await db.event.count()
    const response = await create(valid({ slug: 'upptagen', titleSv: 'Ett annat evenemang' }))
    expect(response.status).toBe(400)
    const answer = await body<FormAnswer>(response)
    expect(answer.fieldErrors.slug).toBe('Adressen (slug) används redan. Den här är ledig: upptagen-2')
    expect(answer.values.titleSv).toBe('Ett annat evenemang')
    expect(await db.event.count()).toBe(before)
  })

  it('answers in English with ?lang=en', async () => {
    const response = await create(valid({ titleSv: '' }), '?lang=en')
    expect(response.status).toBe(400)
    const answer = await body<FormAnswer>(response)
    expect(answer.fieldErrors.titleSv).toBe(t('en', 'form.required'))
    expect(answer.fieldErrors.titleSv).not.toBe(t('sv', 'form.required'))
  })

  it('stores <script> in a title as text and escapes it on the dashboard', async () => {
    const title = '<script>alert("x")</script> Dag'
    const event = await createOk(valid({ slug: 'skript', titleSv: title }))
    expect(event.titleSv).toBe(title)
    const groups = await listOrganizationEvents({ organizationId: org.id })
    const html = renderToString(createElement(EventGroups, { groups, locale: 'sv', orgSlug: org.slug }))
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Dag')
    expect(html).not.toContain('<script>')
  })
})

describe('publishing, cancelling and the revision', () => {
  it('publishing makes the event public', async () => {
    const event = await createOk(valid({ slug: 'publiceras' }))
    const response = await edit(event.id, { intent: 'publish' })
    expect(response.status).toBe(302)
    const published = await db.event.findMany({ where: { status: 'published' } })
    expect(published.map((e) => e.slug)).toContain('publiceras')
    const stored = published.find((e) => e.id === event.id)!
    expect(stored.publishedAt).toBeInstanceOf(Date)
    expect(stored.revision).toBe(0)
  })

  it('a draft cannot be cancelled or postponed, even by a hand-made request: 409 with a Swedish message, nothing changes', async () => {
    const event = await createOk(valid({ slug: 'bara-utkast' }))
    const forms: Record<string, string>[] = [
      { intent: 'cancel', reason: 'Test' },
      { intent: 'postpone', note: '' },
    ]
    for (const form of forms) {
      const response = await edit(event.id, form)
      expect(response.status).toBe(409)
      expect((await body<FormAnswer>(response)).formError).toBe(
        'Ett utkast har aldrig varit publicerat, så det finns inget att ställa in eller skjuta upp. Publicera det först.',
      )
    }
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(stored.status).toBe('draft')
    expect(stored.revision).toBe(0)
  })

  it('cancelling without a reason is a 400 on the reason field and changes nothing', async () => {
    const event = await createOk(valid({ slug: 'utan-anledning' }))
    await edit(event.id, { intent: 'publish' })
    const response = await edit(event.id, { intent: 'cancel', reason: '   ' })
    expect(response.status).toBe(400)
    expect((await body<FormAnswer>(response)).fieldErrors.reason).toBe('Fyll i det här fältet.')
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(stored.status).toBe('published')
    expect(stored.revision).toBe(0)
  })

  it('cancelling with a reason keeps the page, bumps the revision and logs who did it', async () => {
    const event = await createOk(valid({ slug: 'installs' }))
    await edit(event.id, { intent: 'publish' })
    const response = await edit(event.id, { intent: 'cancel', reason: 'För få anmälda.' })
    expect(response.status).toBe(302)
    const stored = await db.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(stored.status).toBe('cancelled')
    expect(stored.cancellationReason).toBe('För få anmälda.')
    expect(stored.revision).toBe(1)
    const audit = await db.auditEntry.findMany({ where: { entityType: 'event', entityId: event.id }, orderBy: { createdAt: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['event.created', 'event.published', 'event.cancelled'])
    expect(audit.every((a) => a.actorId === organizerId && a.organizationId === org.id)).toBe(true)

    // The edit page shows the recent entries.
    const page = await call(editLoader, new Request(`http://localhost/organizer/${org.slug}/events/${event.id}`, { headers: { Cookie: cookie } }), {
      org: org.slug,
      id: event.id,
    })
    const data = await body<{ audit: { action: string; actor: string }[] }>(page)
    expect(data.audit.map((a) => a.action)).toEqual(['event.cancelled', 'event.published', 'event.created'])
    expect(data.audit[0].actor).toMatch(/^organizer \d+$/)
  })

  it('postponing bumps the revision; publishing again bumps it once more', async () => {
    const event = await createOk(valid({ slug: 'uppskjuts' }))
    await edit(event.id, { intent: 'publish' })
    expect((await edit(event.id, { intent: 'postpone', note: '' })).status).toBe(302)
    let stored = await db.event.findUniqueOrThrow({ where: { id: event.id } })
    expect([stored.status, stored.revision]).toEqual(['postponed', 1])
    await edit(event.id, { intent: 'publish' })
    stored = await db.event.findUniqueOrThrow({ where: { id: event.id } })
    expect([stored.status, stored.revision, stored.cancellationReason]).toEqual(['published', 2, null])
  })

  it('changing only the description keeps the revision; changing the time bumps it', async () => {
    const event = await createOk(valid({ slug: 'revision' }))
    await edit(event.id, { intent: 'publish' })
    const textOnly = await edit(event.id, valid({ slug: 'revision', descriptionSv: 'En ny beskrivning.' }))
    expect(textOnly.status).toBe(302)
    let stored = await db.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(stored.descriptionSv).toBe('En ny beskrivning.')
    expect(stored.revision).toBe(0)

    const moved = await edit(event.id, valid({ slug: 'revision', descriptionSv: 'En ny beskrivning.', startsAt: '2027-02-12T10:00' }))
    expect(moved.status).toBe(302)
    stored = await db.event.findUniqueOrThrow({ where: { id: event.id } })
    expect(stored.startsAt.toISOString()).toBe('2027-02-12T09:00:00.000Z')
    expect(stored.revision).toBe(1)

    const venue = await edit(event.id, valid({ slug: 'revision', descriptionSv: 'En ny beskrivning.', startsAt: '2027-02-12T10:00', venueName: 'Stadshuset' }))
    expect(venue.status).toBe(302)
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).revision).toBe(2)
  })

  it('editing keeps ticket and question ids, and removes emptied rows', async () => {
    const event = await createOk(valid({ slug: 'rader' }))
    const [first] = await db.ticketType.findMany({ where: { eventId: event.id }, orderBy: { position: 'asc' } })
    const [question] = await db.customQuestion.findMany({ where: { eventId: event.id } })
    const response = await edit(
      event.id,
      valid({
        slug: 'rader',
        'tickets.0.id': first.id,
        'tickets.0.price': '350',
        'tickets.1.nameSv': '',
        'tickets.1.price': '',
        'questions.0.id': question.id,
      }),
    )
    expect(response.status).toBe(302)
    const tickets = await db.ticketType.findMany({ where: { eventId: event.id } })
    expect(tickets.map((t) => [t.id, t.priceOre])).toEqual([[first.id, 35000]])
    expect((await db.customQuestion.findMany({ where: { eventId: event.id } })).map((q) => q.id)).toEqual([question.id])
  })

  it('a failed edit leaves the event exactly as it was', async () => {
    const event = await createOk(valid({ slug: 'orord' }))
    const before = await db.event.findUniqueOrThrow({ where: { id: event.id }, include: { ticketTypes: true } })
    const response = await edit(event.id, valid({ slug: 'orord', titleSv: 'Ny titel', 'tickets.3.nameSv': 'Trasig', 'tickets.3.price': '-1' }))
    expect(response.status).toBe(400)
    const after = await db.event.findUniqueOrThrow({ where: { id: event.id }, include: { ticketTypes: true } })
    expect(after).toEqual(before)
  })
})
