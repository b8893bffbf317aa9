import { db } from '../../../app/db/client.server.ts'
import type { Prisma } from '../../../app/generated/prisma/client.ts'

/** Small builders for the public-page tests: each test creates exactly the events it needs. */
let counter = 0
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

export async function createOrganization(data: Partial<Prisma.OrganizationUncheckedCreateInput> = {}) {
  const id = next()
  return db.organization.create({ data: { slug: `org-${id}`, name: `Organisation ${id}`, ...data } })
}

export async function createSeries(organizationId: string, data: Partial<Prisma.SeriesUncheckedCreateInput> = {}) {
  const id = next()
  return db.series.create({ data: { slug: `series-${id}`, organizationId, titleSv: `Serie ${id}`, titleEn: `Series ${id}`, status: 'published', ...data } })
}

const DAY = 24 * 60 * 60 * 1000

/** A published on-site event starting `inDays` days from now (default 10), lasting 7 hours. */
export async function createEvent(organizationId: string, data: Partial<Prisma.EventUncheckedCreateInput> & { inDays?: number } = {}) {
  const id = next()
  const { inDays = 10, ...rest } = data
  const startsAt = new Date(Date.now() + inDays * DAY)
  return db.event.create({
    data: {
      slug: `event-${id}`,
      organizationId,
      titleSv: `Evenemang ${id}`,
      titleEn: `Event ${id}`,
      status: 'published',
      format: 'on_site',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7 * 60 * 60 * 1000),
      city: 'Karlstad',
      county: 'varmland',
      publishedAt: new Date(),
      ...rest,
    },
  })
}
