import { beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../app/accounts/session.server.ts'
import { db } from '../../app/db/client.server.ts'
import type { MemberRole } from '../../app/generated/prisma/enums.ts'
import { listMemberships } from '../../app/organizations/access.server.ts'
import { changeRole, inviteMember, LastOwnerError, removeMember } from '../../app/organizations/members.server.ts'
import { action, loader } from '../../app/routes/organizer.$org.members.tsx'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const APP = 'http://localhost:3000'
const FORBIDDEN_SV = 'Du har inte behörighet att göra det här.'
const LAST_OWNER_SV = 'Organisationen måste ha minst en ägare. Gör någon annan till ägare först.'

type Person = { id: string; email: string; name: string }
const people: Record<string, Person & { cookie: string }> = {}

async function person(key: string, name = ''): Promise<Person & { cookie: string }> {
  const row = await db.person.create({ data: { email: `${key}@kommun.se`, name } })
  const setCookie = await createSession(row.id)
  people[key] = { id: row.id, email: row.email, name: row.name, cookie: setCookie.split(';')[0] }
  return people[key]
}

async function organization(slug: string, members: Array<[Person, MemberRole]>) {
  const org = await db.organization.create({ data: { slug, name: `Org ${slug}` } })
  for (const [member, role] of members) await db.membership.create({ data: { organizationId: org.id, personId: member.id, role } })
  return org
}

function getPage(org: string, who?: { cookie: string }) {
  const request = new Request(`${APP}/organizer/${org}/members`, { headers: who ? { Cookie: who.cookie } : {} })
  return loader({ request, params: { org }, context: {} }) as Promise<Response>
}

function post(org: string, who: { cookie: string } | undefined, fields: Record<string, string>, origin = APP) {
  const request = new Request(`${APP}/organizer/${org}/members`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', ...(who ? { Cookie: who.cookie } : {}) },
  })
  return action({ request, params: { org }, context: {} })
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
  throw new Error('expected a thrown Response')
}

async function roleIn(orgSlug: string, personId: string) {
  const row = await db.membership.findFirst({ where: { organization: { slug: orgSlug }, personId } })
  return row?.role ?? null
}

const ownersOf = (orgSlug: string) => db.membership.count({ where: { organization: { slug: orgSlug }, role: 'owner' } })

beforeAll(async () => {
  const owner = await person('owner', 'Olga Ägare')
  const organizer = await person('organizer')
  const viewer = await person('viewer')
  const other = await person('other')
  await person('stranger')
  await organization('alfa', [
    [owner, 'owner'],
    [organizer, 'organizer'],
    [viewer, 'viewer'],
  ])
  await organization('beta', [[other, 'owner']])
})

describe('who sees the members page', () => {
  it('a stranger without a session is sent to sign in, and back here afterwards', async () => {
    const response = await thrown(getPage('alfa'))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login?redirectTo=%2Forganizer%2Falfa%2Fmembers')
  })

  it('a signed-in person who is not a member gets 404, also for an organization that does not exist', async () => {
    for (const slug of ['alfa', 'finns-inte']) {
      const response = await thrown(getPage(slug, people.stranger))
      expect(response.status).toBe(404)
    }
    const other = await thrown(getPage('alfa', people.other))
    expect(other.status).toBe(404)
    expect(await other.json()).toEqual({ formError: 'Organisationen finns inte.', field: null })
  })

  it('owners see the list with forms; organizers and viewers see it read-only', async () => {
    const asOwner = (await (await getPage('alfa', people.owner)).json()) as { canManage: boolean; members: { email: string; role: string }[] }
    expect(asOwner.canManage).toBe(true)
    expect(asOwner.members.map((member) => [member.email, member.role])).toEqual([
      ['owner@kommun.se', 'owner'],
      ['organizer@kommun.se', 'organizer'],
      ['viewer@kommun.se', 'viewer'],
    ])
    for (const who of [people.organizer, people.viewer]) {
      const page = (await (await getPage('alfa', who)).json()) as { canManage: boolean; members: unknown[] }
      expect(page.canManage).toBe(false)
      expect(page.members).toHaveLength(3)
    }
  })
})

describe('who may change members', () => {
  it('organizers and viewers get 403 with a Swedish message for every change', async () => {
    for (const who of [people.organizer, people.viewer]) {
      const attempts: Record<string, string>[] = [
        { intent: 'invite', email: 'new@kommun.se', role: 'owner' },
        { intent: 'changeRole', personId: who.id, role: 'owner' },
        { intent: 'remove', personId: people.owner.id },
      ]
      for (const fields of attempts) {
        const response = (await post('alfa', who, fields)) as Response
        expect(response.status).toBe(403)
        expect(((await response.json()) as { formError: string }).formError).toBe(FORBIDDEN_SV)
      }
    }
    expect(await roleIn('alfa', people.owner.id)).toBe('owner')
    expect(await roleIn('alfa', people.organizer.id)).toBe('organizer')
    expect(await db.person.count({ where: { email: 'new@kommun.se' } })).toBe(0)
  })

  it('an owner of organization B gets 404 when changing members of organization A', async () => {
    const response = (await post('alfa', people.other, { intent: 'remove', personId: people.viewer.id })) as Response
    expect(response.status).toBe(404)
    expect(await roleIn('alfa', people.viewer.id)).toBe('viewer')
  })

  it('a stranger posting a change is sent to sign in', async () => {
    const response = await thrown(post('alfa', undefined, { intent: 'remove', personId: people.viewer.id }))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('a change posted from another website is refused with 403 and a Swedish message', async () => {
    const response = (await post('alfa', people.owner, { intent: 'remove', personId: people.viewer.id }, 'https://evil.example')) as Response
    expect(response.status).toBe(403)
    expect(((await response.json()) as { formError: string }).formError).toBe('Förfrågan kom från en annan webbplats och stoppades.')
    expect(await roleIn('alfa', people.viewer.id)).toBe('viewer')
  })
})

describe('an owner manages members', () => {
  it('inviting creates the person and the membership and queues the invitation mail, with an audit entry', async () => {
    const response = (await post('alfa', people.owner, { intent: 'invite', email: ' Ny.Person@Kommun.se ', role: 'organizer' })) as Response
    expect(response.status).toBe(200)
    expect(((await response.json()) as { message: string }).message).toBe('Inbjudan till ny.person@kommun.se är skickad.')

    const invited = await db.person.findUniqueOrThrow({ where: { email: 'ny.person@kommun.se' } })
    expect(await roleIn('alfa', invited.id)).toBe('organizer')
    const mails = await db.outboxMessage.findMany({ where: { template: 'member-invitation', recipient: 'ny.person@kommun.se' } })
    expect(mails).toHaveLength(1)
    expect(mails[0].locale).toBe('sv')
    expect(mails[0].payload).toEqual({
      organizationName: 'Org alfa',
      inviterName: 'Olga Ägare',
      role: 'organizer',
      url: `${APP}/login?redirectTo=/organizer/alfa`,
      replyTo: 'owner@kommun.se',
    })
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: 'member.invited', entityId: invited.id } })
    expect(audit.actorId).toBe(people.owner.id)
    expect(audit.entityType).toBe('membership')
    expect(audit.data).toEqual({ email: 'ny.person@kommun.se', role: 'organizer' })
  })

  it('inviting someone who is already a member answers 409 next to the e-mail field and sends no second mail', async () => {
    const before = await db.outboxMessage.count()
    const response = (await post('alfa', people.owner, { intent: 'invite', email: 'viewer@kommun.se', role: 'owner' })) as Response
    expect(response.status).toBe(409)
    const body = (await response.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> }
    expect(body.fieldErrors.email).toBe('Personen är redan medlem. Ändra rollen i listan i stället.')
    expect(body.values).toMatchObject({ email: 'viewer@kommun.se', role: 'owner' })
    expect(await db.outboxMessage.count()).toBe(before)
    expect(await roleIn('alfa', people.viewer.id)).toBe('viewer')
  })

  it('a bad invitation form keeps what was typed and names the wrong fields in Swedish', async () => {
    const response = (await post('alfa', people.owner, { intent: 'invite', email: 'inte en adress', role: 'kung' })) as Response
    expect(response.status).toBe(400)
    const body = (await response.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> }
    expect(body.fieldErrors).toEqual({ email: 'Skriv en giltig e-postadress, till exempel namn@kommun.se.', role: 'Välj ett av alternativen.' })
    expect(body.values).toMatchObject({ email: 'inte en adress', role: 'kung' })
  })

  it('a person can belong to several organizations, keeping their own language for the mail', async () => {
    await db.person.update({ where: { id: people.other.id }, data: { locale: 'en' } })
    await inviteMember({ actor: people.owner, organizationSlug: 'alfa', email: 'other@kommun.se', role: 'viewer', locale: 'sv' })
    const memberships = await listMemberships(people.other.id)
    expect(memberships.map((m) => [m.organization.slug, m.role])).toEqual([
      ['alfa', 'viewer'],
      ['beta', 'owner'],
    ])
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { template: 'member-invitation', recipient: 'other@kommun.se' } })
    expect(mail.locale).toBe('en')
    expect((mail.payload as { url: string }).url).toBe(`${APP}/login?redirectTo=/organizer/alfa&lang=en`)
  })

  it('a newcomer invited from the English page gets the mail in English; a known person keeps their own language', async () => {
    await inviteMember({ actor: people.owner, organizationSlug: 'alfa', email: 'newcomer@region.se', role: 'viewer', locale: 'en' })
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { template: 'member-invitation', recipient: 'newcomer@region.se' } })
    expect(mail.locale).toBe('en')
    expect((mail.payload as { url: string }).url).toBe(`${APP}/login?redirectTo=/organizer/alfa&lang=en`)
    expect((await db.person.findUniqueOrThrow({ where: { email: 'newcomer@region.se' } })).locale).toBe('en')
  })

  it('changing a role and removing a member work and are written to the audit log', async () => {
    const changed = (await post('alfa', people.owner, { intent: 'changeRole', personId: people.viewer.id, role: 'organizer' })) as Response
    expect(changed.status).toBe(200)
    expect(((await changed.json()) as { message: string }).message).toBe('viewer@kommun.se har nu rollen Arrangör.')
    expect(await roleIn('alfa', people.viewer.id)).toBe('organizer')

    const removed = (await post('alfa', people.owner, { intent: 'remove', personId: people.viewer.id })) as Response
    expect(removed.status).toBe(200)
    expect(await roleIn('alfa', people.viewer.id)).toBeNull()
    expect(await db.person.count({ where: { id: people.viewer.id } })).toBe(1)

    const log = await db.auditEntry.findMany({ where: { entityId: people.viewer.id }, orderBy: { createdAt: 'asc' } })
    expect(log.map((entry) => [entry.action, entry.data])).toEqual([
      ['member.roleChanged', { email: 'viewer@kommun.se', from: 'viewer', to: 'organizer' }],
      ['member.removed', { email: 'viewer@kommun.se', role: 'organizer' }],
    ])

    const again = (await post('alfa', people.owner, { intent: 'remove', personId: people.viewer.id })) as Response
    expect(again.status).toBe(404)
    expect(((await again.json()) as { formError: string }).formError).toBe('Personen är inte medlem i organisationen.')
  })

  it('the invitation, its mail and its audit entry commit together or not at all', async () => {
    // Make the last write of the invitation (the audit entry) fail inside the database.
    await db.$executeRawUnsafe(`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.data->>'email' = 'boom@kommun.se' THEN RAISE EXCEPTION 'audit refused'; END IF; RETURN NEW; END $$`)
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_boom BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_boom()`)
    try {
      await expect(inviteMember({ actor: people.owner, organizationSlug: 'alfa', email: 'boom@kommun.se', role: 'viewer', locale: 'sv' })).rejects.toThrow(
        /audit refused/,
      )
      expect(await db.person.count({ where: { email: 'boom@kommun.se' } })).toBe(0)
      expect(await db.outboxMessage.count({ where: { recipient: 'boom@kommun.se' } })).toBe(0)
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER refuse_boom ON audit_log')
      await db.$executeRawUnsafe('DROP FUNCTION refuse_boom()')
    }
  })
})

describe('an organization always keeps an owner', () => {
  it('the only owner can neither demote nor remove themselves (409 with a Swedish message)', async () => {
    const solo = await person('solo')
    await organization('solo-org', [[solo, 'owner']])
    const attempts: Record<string, string>[] = [
      { intent: 'changeRole', personId: solo.id, role: 'organizer' },
      { intent: 'remove', personId: solo.id },
    ]
    for (const fields of attempts) {
      const response = (await post('solo-org', solo, fields)) as Response
      expect(response.status).toBe(409)
      const body = (await response.json()) as { formError: string; values: { personId: string } }
      expect(body.formError).toBe(LAST_OWNER_SV)
      expect(body.values.personId).toBe(solo.id)
    }
    expect(await roleIn('solo-org', solo.id)).toBe('owner')
  })

  it('an owner may step down while another owner remains', async () => {
    const first = await person('first-owner')
    const second = await person('second-owner')
    await organization('pair-org', [
      [first, 'owner'],
      [second, 'owner'],
    ])
    await changeRole({ actor: first, organizationSlug: 'pair-org', personId: first.id, role: 'organizer' })
    expect(await ownersOf('pair-org')).toBe(1)
    await expect(removeMember({ actor: second, organizationSlug: 'pair-org', personId: second.id })).rejects.toBeInstanceOf(LastOwnerError)
  })

  it('two owners stepping down at the same instant leave exactly one owner', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await person(`race-a-${round}`)
      const b = await person(`race-b-${round}`)
      const slug = `race-${round}`
      await organization(slug, [
        [a, 'owner'],
        [b, 'owner'],
      ])
      const results = await Promise.allSettled([
        changeRole({ actor: a, organizationSlug: slug, personId: a.id, role: 'viewer' }),
        changeRole({ actor: b, organizationSlug: slug, personId: b.id, role: 'viewer' }),
      ])
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
      const failure = results.find((result) => result.status === 'rejected') as PromiseRejectedResult
      expect(failure.reason).toBeInstanceOf(LastOwnerError)
      expect(await ownersOf(slug)).toBe(1)
    }
  })

  it('two owners demoting each other at the same instant leave exactly one owner', async () => {
    const a = await person('cross-a')
    const b = await person('cross-b')
    await organization('cross-org', [
      [a, 'owner'],
      [b, 'owner'],
    ])
    const results = await Promise.allSettled([
      changeRole({ actor: a, organizationSlug: 'cross-org', personId: b.id, role: 'organizer' }),
      removeMember({ actor: b, organizationSlug: 'cross-org', personId: a.id }),
    ])
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(await ownersOf('cross-org')).toBe(1)
  })
})
