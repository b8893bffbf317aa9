import { describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { action, loader } from '../../app/routes/organizer.$org.mail.tsx'
import { useTestDatabase } from '../support/database.ts'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'

useTestDatabase()

async function failedMail(organizationId: string, recipient: string) {
  return db.outboxMessage.create({
    data: {
      template: 'sign-in-link',
      recipient,
      messageId: `<${recipient}@test>`,
      status: 'failed',
      attempts: 10,
      lastError: '550 mailbox unavailable',
      organizationId,
    },
  })
}

describe('failed mail in the console', () => {
  it('shows an organization its own failed mail, and lets organizers (not viewers, not others) send it again', async () => {
    const org = await createOrganization('utskick')
    const other = await createOrganization('annan-org')
    const ours = await failedMail(org.id, 'anna@kommun.se')
    const theirs = await failedMail(other.id, 'bo@region.se')
    const viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
    const organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
    const params = { org: 'utskick' }

    const page = await body<{ failed: { id: string; recipient: string; lastError: string }[]; canRetry: boolean }>(
      await call(loader, getRequest('/organizer/utskick/mail', viewer), params),
    )
    expect(page.failed.map((mail) => [mail.recipient, mail.lastError])).toEqual([['anna@kommun.se', '550 mailbox unavailable']])
    expect(page.canRetry).toBe(false)

    const refused = await call(action, postRequest('/organizer/utskick/mail', { id: ours.id }, viewer), params)
    expect(refused.status).toBe(403)

    const foreign = await call(action, postRequest('/organizer/utskick/mail', { id: theirs.id }, organizer), params)
    expect(foreign.status).toBe(404)
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe('failed')

    const retried = await call(action, postRequest('/organizer/utskick/mail', { id: ours.id }, organizer), params)
    expect(retried.status).toBe(302)
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: ours.id } })
    expect([row.status, row.attempts, row.messageId]).toEqual(['pending', 0, '<anna@kommun.se@test>'])
  })

  it('sends strangers to sign in', async () => {
    const response = await call(loader, getRequest('/organizer/utskick/mail'), { org: 'utskick' })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/login/)
  })
})
