import { randomUUID } from 'node:crypto'
import { db } from '../../app/db/client.server.ts'
import type { Prisma } from '../../app/generated/prisma/client.ts'
import { manageTokenHash } from '../../app/registrations/tokens.server.ts'

/** Test data for the notify path: events and registrations written straight to the database. */
let counter = 0

export async function createEvent(organizationId: string, data: Partial<Prisma.EventUncheckedCreateInput> = {}) {
  counter += 1
  return db.event.create({
    data: {
      organizationId,
      slug: `evenemang-${counter}-${randomUUID().slice(0, 8)}`,
      titleSv: `Innovationsdagen ${counter}`,
      titleEn: `Innovation day ${counter}`,
      status: 'published',
      format: 'on_site',
      startsAt: new Date('2027-02-12T08:00:00.000Z'),
      endsAt: new Date('2027-02-12T15:00:00.000Z'),
      venueName: 'Munktellarenan',
      venueAddress: 'Verkstadsgatan 5',
      postalCode: '632 20',
      city: 'Eskilstuna',
      county: 'sodermanland',
      publishedAt: new Date('2026-11-01T08:00:00.000Z'),
      ...data,
    },
  })
}

export async function createRegistration(eventId: string, data: Partial<Prisma.RegistrationUncheckedCreateInput> & { email?: string } = {}) {
  counter += 1
  const id = randomUUID()
  const email = data.email ?? `deltagare${counter}@kommun.se`
  return db.registration.create({
    data: {
      id,
      eventId,
      name: `Deltagare ${counter}`,
      email,
      emailNormalized: email.toLowerCase(),
      status: 'confirmed',
      manageTokenHash: manageTokenHash({ id, tokenVersion: 0 }),
      createdAt: new Date('2026-12-01T10:00:00.000Z'),
      ...(data.status === 'cancelled' ? { cancelledAt: new Date('2026-12-02T10:00:00.000Z') } : {}),
      ...data,
    },
  })
}
