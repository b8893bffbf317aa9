import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { action as newEventAction } from '../../app/routes/organizer.$org.events.new.tsx'
import { action as newSeriesAction } from '../../app/routes/organizer.$org.series.new.tsx'
import { SLUG_PATTERN } from '../../app/slug.ts'
import { body, call, cookieFor, createMember, createOrganization, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

type Org = { id: string; slug: string; cookie: string }
let first: Org
let second: Org

async function organizer(slug: string): Promise<Org> {
  const org = await createOrganization(slug)
  const person = await createMember(org.id, 'organizer')
  return { id: org.id, slug: org.slug, cookie: await cookieFor(person.id) }
}

beforeAll(async () => {
  first = await organizer('region-varmland')
  second = await organizer('mind')
})

const eventFields = (titleSv: string, slug = '') => ({
  titleSv,
  summarySv: 'Ett möte.',
  format: 'online',
  startsAt: '2027-02-12T09:00',
  endsAt: '2027-02-12T10:00',
  onlineUrl: 'https://stream.example.se/x',
  registrationMode: 'open',
  slug,
  intent: 'save',
})

async function createEvent(org: Org, fields: Record<string, string>) {
  return call(newEventAction, postRequest(`/organizer/${org.slug}/events/new`, fields, org.cookie), { org: org.slug })
}

async function createdSlug(response: Response, table: 'event' | 'series'): Promise<string> {
  expect(response.status, JSON.stringify(response.status === 302 ? null : await response.clone().json())).toBe(302)
  const id = /\/(?:events|series)\/([0-9a-f-]{36})/.exec(response.headers.get('Location') ?? '')![1]
  const row = table === 'event' ? await db.event.findUniqueOrThrow({ where: { id } }) : await db.series.findUniqueOrThrow({ where: { id } })
  return row.slug
}

describe('slugs never run out', () => {
  it('gives the 100th (and 101st) event with the same title and an empty slug field a free address', { timeout: 90_000 }, async () => {
    const slugs = new Set<string>()
    for (let i = 0; i < 101; i++) slugs.add(await createdSlug(await createEvent(first, eventFields('Stadsmöte')), 'event'))
    expect(slugs.size).toBe(101)
    for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN)
    expect(slugs.has('stadsmote')).toBe(true)
    expect(slugs.has('stadsmote-9')).toBe(true)
    expect(slugs.has('stadsmote-region-varmland')).toBe(true)
  })

  it("does not let one organization use up another's titles: the other gets its own slug at once", async () => {
    const slug = await createdSlug(await createEvent(second, eventFields('Stadsmöte')), 'event')
    expect(slug).toBe('stadsmote-mind')
  })

  it('refuses a typed slug that another organization has, on the slug field, suggesting a free one', async () => {
    const before = await db.event.count()
    const response = await createEvent(second, eventFields('Eget möte', 'stadsmote'))
    expect(response.status).toBe(400)
    const answer = await body<{ fieldErrors: Record<string, string>; values: Record<string, string> }>(response)
    expect(answer.fieldErrors.slug).toBe('Adressen (slug) används redan. Den här är ledig: stadsmote-mind-2')
    expect(answer.values.slug).toBe('stadsmote')
    expect(await db.event.count()).toBe(before)
  })

  it('numbers series titles the same way, and suggests a free slug for a taken one in English', async () => {
    const create = (org: Org, fields: Record<string, string>, query = '') =>
      call(newSeriesAction, postRequest(`/organizer/${org.slug}/series/new${query}`, fields, org.cookie), { org: org.slug })
    expect(await createdSlug(await create(first, { titleSv: 'Re:Act' }), 'series')).toBe('re-act')
    expect(await createdSlug(await create(second, { titleSv: 'Re:Act' }), 'series')).toBe('re-act-2')
    const taken = await create(second, { titleSv: 'Re:Act', slug: 're-act' }, '?lang=en')
    expect(taken.status).toBe(400)
    const answer = await body<{ fieldErrors: Record<string, string> }>(taken)
    expect(answer.fieldErrors.slug).toBe('That address (slug) is already taken. This one is free: re-act-3')
  })
})
