import { assertSameOrigin, requirePerson } from '../accounts/session.server.ts'
import type { MemberRole, Person } from '../generated/prisma/client.ts'
import { NotFoundError } from '../errors.server.ts'
import { getLocale, type Locale } from '../i18n/index.ts'
import { requireMembership, type Access } from '../organizations/access.server.ts'

const ORGANIZATION_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/

export type ConsoleContext = { person: Person; access: Access; locale: Locale }

/**
 * The entry of every console loader and action, in this order: sign-in (strangers are redirected
 * to /login), same-origin for POSTs, then membership of the organization in the URL (non-members
 * get 404, members with too low a role 403). Domain functions check the role again. A slug that
 * cannot be one (a NUL, 200 characters) is a 404 without asking the database.
 */
export async function requireConsole(request: Request, params: Record<string, string | undefined>, minimum: MemberRole = 'viewer'): Promise<ConsoleContext> {
  const person = await requirePerson(request)
  assertSameOrigin(request)
  const organizationSlug = params.org ?? ''
  if (!ORGANIZATION_SLUG.test(organizationSlug)) throw new NotFoundError('error.organizationNotFound')
  const access = await requireMembership({ personId: person.id, organizationSlug, minimum })
  return { person, access, locale: getLocale(request) }
}
