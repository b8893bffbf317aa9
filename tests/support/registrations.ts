import http from 'node:http'
import type { PrismaClient } from '../../app/generated/prisma/client.ts'

/** An open, published on-site event with `seats` seats, a month ahead. */
export async function createSeatedEvent(db: PrismaClient, options: { slug: string; seats: number }) {
  const organization = await db.organization.create({ data: { slug: `${options.slug}-org`, name: 'Region Sörmland', county: 'sodermanland' } })
  const startsAt = new Date(Date.now() + 30 * 86_400_000)
  return db.event.create({
    data: {
      slug: options.slug,
      organizationId: organization.id,
      titleSv: 'Innovationsdagen',
      titleEn: 'Innovation day',
      status: 'published',
      publishedAt: new Date(),
      format: 'on_site',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
      venueName: 'Stadshuset',
      city: 'Eskilstuna',
      county: 'sodermanland',
      capacityOnSite: options.seats,
    },
  })
}

export type PostedRegistration = { email: string; status: number | 'network error'; done: string | null }

/**
 * Posts the public registration form as a browser would (its own connection, Origin set), and
 * reports the answer: 303 with `?done=confirmed|waitlisted|…`, another status, or a network error
 * (the server went away).
 */
export function postRegistration(serverUrl: string, slug: string, email: string): Promise<PostedRegistration> {
  const body = new URLSearchParams({
    name: `Deltagare ${email.split('@')[0]}`,
    email,
    organization: 'Eskilstuna kommun',
    sector: 'public_sector',
    county: 'sodermanland',
    whenFull: 'waitlist',
    consent: 'yes',
  }).toString()
  return new Promise((resolve) => {
    const request = http.request(
      `${serverUrl}/events/${slug}/register`,
      {
        method: 'POST',
        agent: false,
        headers: { origin: serverUrl, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume()
        response.on('end', () => {
          const done = /[?&]done=([a-z]+)/.exec(String(response.headers.location ?? ''))?.[1] ?? null
          resolve({ email, status: response.statusCode ?? 0, done })
        })
        response.on('error', () => resolve({ email, status: 'network error', done: null }))
      },
    )
    request.setTimeout(60_000, () => request.destroy(new Error('timeout')))
    request.on('error', () => resolve({ email, status: 'network error', done: null }))
    request.end(body)
  })
}
