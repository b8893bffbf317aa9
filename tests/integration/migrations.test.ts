import { describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { readMigrations } from '../../app/migrations.server.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

describe('migrations', () => {
  it('apply from empty and record every migration like Prisma does', async () => {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`
    expect(rows.map((row) => row.migration_name)).toEqual(readMigrations().map((m) => m.name))
  })

  it('refuse an event that ends before it starts, with the rule named', async () => {
    const organization = await db.organization.create({ data: { slug: 'check-org', name: 'Check' } })
    await expect(
      db.event.create({
        data: {
          slug: 'backwards',
          organizationId: organization.id,
          titleSv: 'Baklänges',
          titleEn: 'Backwards',
          format: 'online',
          startsAt: new Date('2027-02-12T09:00:00Z'),
          endsAt: new Date('2027-02-12T08:00:00Z'),
        },
      }),
    ).rejects.toThrow(/events_ends_after_start/)
  })
})
