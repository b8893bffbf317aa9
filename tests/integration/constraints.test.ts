import { describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { asDomainError, errorMessage } from '../../app/errors.server.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

async function domainErrorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  const domain = asDomainError(error)
  if (!domain) throw new Error(`expected a rule violation, got ${String(error)}`)
  return domain
}

describe('database rules become clear 4xx errors, not 500s', () => {
  it('a duplicate slug is a 409 that names the slug field, in Swedish and English', async () => {
    const organization = await db.organization.create({ data: { slug: 'dubblett', name: 'Dubblett' } })
    const error = await domainErrorOf(db.organization.create({ data: { slug: organization.slug, name: 'Annan' } }))
    expect(error.status).toBe(409)
    expect(error.field).toBe('slug')
    expect(errorMessage(error, 'sv')).toBe('Adressen (slug) används redan. Välj en annan.')
    expect(errorMessage(error, 'en')).toBe('That address (slug) is already taken. Choose another.')
  })

  it('a negative capacity is a 400 naming the broken rule, and nothing is stored', async () => {
    const organization = await db.organization.create({ data: { slug: 'kapacitet', name: 'Kapacitet' } })
    const error = await domainErrorOf(
      db.event.create({
        data: {
          slug: 'negativ',
          organizationId: organization.id,
          titleSv: 'Negativ',
          titleEn: 'Negative',
          format: 'on_site',
          startsAt: new Date('2027-02-12T08:00:00Z'),
          endsAt: new Date('2027-02-12T15:00:00Z'),
          capacityOnSite: -1,
        },
      }),
    )
    expect(error.status).toBe(400)
    expect(errorMessage(error, 'sv')).toBe('Uppgifterna bryter mot en regel: events_capacity_on_site_nonnegative.')
    expect(await db.event.count({ where: { slug: 'negativ' } })).toBe(0)
  })

  it('a registration for the same event and address twice is refused by the database itself', async () => {
    const organization = await db.organization.create({ data: { slug: 'unik', name: 'Unik' } })
    const event = await db.event.create({
      data: {
        slug: 'unik-dag',
        organizationId: organization.id,
        titleSv: 'Dag',
        titleEn: 'Day',
        format: 'online',
        startsAt: new Date('2027-02-12T08:00:00Z'),
        endsAt: new Date('2027-02-12T09:00:00Z'),
      },
    })
    const base = { eventId: event.id, name: 'Ada', email: 'ada@kommun.se', emailNormalized: 'ada@kommun.se', status: 'confirmed' as const }
    await db.registration.create({ data: { ...base, manageTokenHash: 'a'.repeat(64) } })
    const error = await domainErrorOf(db.registration.create({ data: { ...base, manageTokenHash: 'b'.repeat(64) } }))
    expect(error.status).toBe(409)
    const unnormalized = await domainErrorOf(
      db.registration.create({ data: { ...base, email: 'Bo@Kommun.se', emailNormalized: 'Bo@Kommun.se', manageTokenHash: 'c'.repeat(64) } }),
    )
    expect(unnormalized.status).toBe(400)
  })
})
