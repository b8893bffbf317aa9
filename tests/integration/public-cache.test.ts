import { describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { changesPublicData } from '../../app/db/generation.server.ts'
import { findPublicEvent } from '../../app/events/event-page.server.ts'
import { listPublicEvents } from '../../app/events/listing.server.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createOrganization } from './support/public-fixtures.ts'

useTestDatabase()

const titles = async () => (await listPublicEvents({ filters: {}, page: 1, when: 'upcoming', locale: 'sv' })).cards.map((card) => card.title)

describe('the short-lived caches of public pages', () => {
  it('show a change made through the app at once, not after the cache expires', async () => {
    const organization = await createOrganization()
    const event = await createEvent(organization.id, { titleSv: 'Före ändringen' })
    expect(await titles()).toEqual(['Före ändringen'])
    expect((await findPublicEvent(event.slug))?.titleSv).toBe('Före ändringen')

    await db.event.update({ where: { id: event.id }, data: { titleSv: 'Efter ändringen' } })
    expect(await titles()).toEqual(['Efter ändringen'])
    expect((await findPublicEvent(event.slug))?.titleSv).toBe('Efter ändringen')

    await db.$transaction(async (tx) => tx.event.update({ where: { id: event.id }, data: { status: 'draft' } }))
    expect(await titles()).toEqual([])
    expect(await findPublicEvent(event.slug)).toBeNull()

    await db.$executeRaw`UPDATE events SET status = 'published' WHERE id = ${event.id}::uuid`
    expect(await titles()).toEqual(['Efter ändringen'])
  })

  it('are not emptied by writes no public page reads (sign-ins, mail, audit log)', () => {
    expect(changesPublicData('SELECT * FROM events')).toBe(false)
    expect(changesPublicData('  SELECT id FROM outbox_messages FOR UPDATE SKIP LOCKED')).toBe(false)
    expect(changesPublicData('INSERT INTO "public"."sessions" ("id") VALUES ($1)')).toBe(false)
    expect(changesPublicData('UPDATE "public"."outbox_messages" SET "status" = $1')).toBe(false)
    expect(changesPublicData('UPDATE "public"."events" SET "title_sv" = $1')).toBe(true)
    expect(changesPublicData('WITH x AS (DELETE FROM series RETURNING id) SELECT 1')).toBe(true)
    expect(changesPublicData('DELETE FROM "public"."sessions_archive"')).toBe(true)
  })
})
