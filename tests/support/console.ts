import { createSession } from '../../app/accounts/session.server.ts'
import { db } from '../../app/db/client.server.ts'
import type { MemberRole } from '../../app/generated/prisma/enums.ts'

/** Test helpers for the organizer console: people with roles, a signed-in Cookie header, requests. */
export const ORIGIN = 'http://localhost'

let counter = 0
export async function createOrganization(slug: string, name = slug) {
  return db.organization.create({ data: { slug, name } })
}

export async function createMember(organizationId: string | null, role: MemberRole, label: string = role) {
  counter += 1
  const person = await db.person.create({ data: { email: `${label}-${counter}-${Date.now()}@example.se`, name: `${label} ${counter}` } })
  if (organizationId) await db.membership.create({ data: { organizationId, personId: person.id, role } })
  return person
}

/** The `name=value` part of the Set-Cookie header createSession returns. */
export async function cookieFor(personId: string): Promise<string> {
  const setCookie = await createSession(personId)
  return setCookie.split(';')[0]
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} })
}

export function postRequest(path: string, fields: Record<string, string>, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { ...(cookie ? { Cookie: cookie } : {}), Origin: ORIGIN },
    body: new URLSearchParams(fields),
  })
}

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>

/** Calls a loader or action like Remix does; a thrown Response (redirect, 404) is returned. */
export async function call(fn: unknown, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    const result = await (fn as RouteFunction)({ request, params, context: {} })
    if (result instanceof Response) return result
    throw new Error(`expected a Response, got ${typeof result}`)
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
}

export async function body<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T
}
