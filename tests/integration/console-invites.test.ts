import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { findInviteByToken } from '../../app/registrations/invites.server.ts'
import { inviteToken, inviteUrl } from '../../app/registrations/tokens.server.ts'
import { action, loader } from '../../app/routes/organizer.$org.events.$id.invites.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, ORIGIN, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

type FormAnswer = { intent: string; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }
type Invite = { id: string; name: string; email: string; status: 'pending' | 'registered' | 'revoked' }

let sink: SmtpSink
let transport: MailTransport
let org: { id: string; slug: string }
let organizer: string
let viewer: string
let coDays: { id: string; slug: string }

const path = (eventId: string) => `/organizer/${org.slug}/events/${eventId}/invites`

function post(eventId: string, fields: Record<string, string>, cookie = organizer) {
  return call(action, postRequest(path(eventId), fields, cookie), { org: org.slug, id: eventId })
}

/** The form as a browser sends it with a file chosen: multipart/form-data. */
function postFile(eventId: string, fields: Record<string, string>, file: { name: string; content: BlobPart; type?: string }) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  form.set('file', new File([file.content], file.name, { type: file.type ?? 'text/csv' }))
  const request = new Request(`${ORIGIN}${path(eventId)}`, { method: 'POST', headers: { Cookie: organizer, Origin: ORIGIN }, body: form })
  return call(action, request, { org: org.slug, id: eventId })
}

async function invites(eventId: string, cookie = organizer): Promise<Invite[]> {
  const response = await call(loader, getRequest(path(eventId), cookie), { org: org.slug, id: eventId })
  expect(response.status).toBe(200)
  return (await body<{ invites: Invite[] }>(response)).invites
}

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test', mailFrom: 'Samling <no-reply@samling.test>' })
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
  org = await createOrganization('co-days', 'Co-Days')
  organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  coDays = await db.event.create({
    data: {
      slug: 'co-days-2027',
      organizationId: org.id,
      titleSv: 'Co-Days 2027',
      titleEn: 'Co-Days 2027',
      format: 'on_site',
      status: 'published',
      registrationMode: 'invite_only',
      venueName: 'Kulturhuset',
      venueAddress: 'Sergels torg',
      city: 'Stockholm',
      startsAt: new Date('2027-05-18T07:00:00Z'),
      endsAt: new Date('2027-05-18T15:00:00Z'),
    },
  })
})

afterAll(async () => {
  await transport?.close()
  await sink?.close()
})

describe('inviting guests to an invite-only event', () => {
  it('adds a pasted list and mails each guest a personal link that registration accepts', async () => {
    const response = await post(coDays.id, {
      intent: 'invite',
      list: 'Åsa Öberg <asa.oberg@region.se>\nbjorn@kommun.se\nMärta Ärlig;marta@ideell.se',
      locale: 'sv',
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`${path(coDays.id)}?done=invited&added=3&existing=0&duplicates=0`)
    expect((await invites(coDays.id)).map((invite) => [invite.name, invite.email, invite.status])).toEqual([
      ['', 'bjorn@kommun.se', 'pending'],
      ['Märta Ärlig', 'marta@ideell.se', 'pending'],
      ['Åsa Öberg', 'asa.oberg@region.se', 'pending'],
    ])

    // The link is a secret: the outbox holds it encrypted, never as text.
    const asa = await db.registrationInvite.findFirstOrThrow({ where: { emailNormalized: 'asa.oberg@region.se' } })
    const token = inviteToken(asa)
    const link = inviteUrl(coDays.slug, token, 'sv')
    const queued = await db.outboxMessage.findFirstOrThrow({ where: { recipient: 'asa.oberg@region.se', template: 'registration-invite' } })
    expect(JSON.stringify(queued.payload)).not.toContain(token)
    expect((queued.payload as { url: unknown }).url).toEqual({ $sealed: expect.any(String) })

    expect(await processOutboxOnce({ transport })).toMatchObject({ sent: 3 })
    const received = sink.messages.find((message) => message.messageId === queued.messageId)!
    const mail = await simpleParser(received.raw)
    expect(mail.subject).toBe('Du är inbjuden till Co-Days 2027')
    expect(mail.text).toContain('Hej Åsa Öberg!')
    expect(mail.text).toContain(`Anmäl dig:\n${link}`)
    expect(mail.text).toContain('Plats: Kulturhuset, Sergels torg, Stockholm')
    expect(mail.html).toContain(link.replaceAll('&', '&amp;'))
    expect(link).toMatch(/^https:\/\/samling\.test\/events\/co-days-2027\/register\?invite=[A-Za-z0-9_-]{43}$/)

    // The public registration finds the invite by that token, for this event only.
    expect((await findInviteByToken({ eventId: coDays.id, token }))?.id).toBe(asa.id)
    const other = await db.event.create({
      data: {
        slug: 'annat',
        organizationId: org.id,
        titleSv: 'Annat',
        titleEn: '',
        format: 'online',
        startsAt: new Date('2027-06-01T08:00:00Z'),
        endsAt: new Date('2027-06-01T09:00:00Z'),
      },
    })
    expect(await findInviteByToken({ eventId: other.id, token })).toBeNull()
    expect(await findInviteByToken({ eventId: coDays.id, token: 'x'.repeat(43) })).toBeNull()
    expect(await findInviteByToken({ eventId: coDays.id, token: '../../etc' })).toBeNull()

    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: 'invite.added', entityId: coDays.id } })
    expect(audit.data).toEqual({ count: 3 })
  })

  it('mails in English when asked, with the English link', async () => {
    expect((await post(coDays.id, { intent: 'invite', list: 'Kim Lee <kim@example.org>', locale: 'en' })).status).toBe(302)
    const kim = await db.registrationInvite.findFirstOrThrow({ where: { emailNormalized: 'kim@example.org' } })
    const queued = await db.outboxMessage.findFirstOrThrow({ where: { recipient: 'kim@example.org' } })
    expect(queued.locale).toBe('en')
    await processOutboxOnce({ transport })
    const mail = await simpleParser(sink.messages.find((message) => message.messageId === queued.messageId)!.raw)
    expect(mail.subject).toBe('You are invited to Co-Days 2027')
    expect(mail.text).toContain(`Register:\n${inviteUrl(coDays.slug, inviteToken(kim), 'en')}`)
  })

  it('skips addresses already invited or repeated in the list, and mails nobody twice', async () => {
    const before = await db.outboxMessage.count()
    const response = await post(coDays.id, { intent: 'invite', list: 'ASA.OBERG@region.se\nny@kommun.se\nNy Person <ny@kommun.se>', locale: 'sv' })
    expect(response.headers.get('Location')).toBe(`${path(coDays.id)}?done=invited&added=1&existing=1&duplicates=1`)
    expect(await db.outboxMessage.count()).toBe(before + 1)
  })

  it('names unreadable lines next to the field, keeps what was typed, and invites nobody', async () => {
    const before = await db.registrationInvite.count()
    const list = 'ok@kommun.se\nBara ett namn\nper@'
    const response = await post(coDays.id, { intent: 'invite', list, locale: 'sv' })
    expect(response.status).toBe(400)
    const answer = await body<FormAnswer>(response)
    expect(answer.fieldErrors.list).toBe(
      'Raderna 2 (”Bara ett namn”), 3 (”per@”) kunde inte läsas. Skriv en gäst per rad, till exempel ”Anna Svensson <anna@kommun.se>”. Ingen är inbjuden ännu.',
    )
    expect(answer.values.list).toBe(list)
    expect(await db.registrationInvite.count()).toBe(before)
    const empty = await post(coDays.id, { intent: 'invite', list: '  ', locale: 'sv' })
    expect(empty.status).toBe(400)
    expect((await body<FormAnswer>(empty)).fieldErrors.list).toBe('Listan är tom. Skriv eller ladda upp minst en e-postadress.')
  })

  it('reads an uploaded .csv file, and refuses one too large (413) or not text (400)', async () => {
    const csv = 'Namn;E-post\r\nÖrjan Åkesson;orjan@uu.se\r\nKarin Ödmark;karin@lansstyrelsen.se\r\n'
    const response = await postFile(coDays.id, { intent: 'invite', list: '', locale: 'sv' }, { name: 'gaster.csv', content: new TextEncoder().encode(csv) })
    expect(response.status).toBe(302)
    expect((await invites(coDays.id)).filter((invite) => /uu\.se|lansstyrelsen/.test(invite.email)).map((invite) => invite.name)).toEqual([
      'Karin Ödmark',
      'Örjan Åkesson',
    ])

    const big = await postFile(coDays.id, { intent: 'invite', locale: 'sv' }, { name: 'stor.csv', content: 'a@b.se\n'.repeat(40_000) })
    expect(big.status).toBe(413)
    expect((await body<FormAnswer>(big)).fieldErrors.file).toBe('Filen är för stor (högst 256 kB). Dela upp listan.')
    const binary = await postFile(coDays.id, { intent: 'invite', locale: 'sv' }, { name: 'bild.csv', content: new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]) })
    expect(binary.status).toBe(400)
    expect((await body<FormAnswer>(binary)).fieldErrors.file).toBe('Filen ska vara en textfil (.csv eller .txt) i UTF-8.')
  })

  it('refuses a list for an event with open registration (409)', async () => {
    const open = await db.event.create({
      data: {
        slug: 'oppen',
        organizationId: org.id,
        titleSv: 'Öppen',
        titleEn: '',
        format: 'online',
        startsAt: new Date('2027-06-01T08:00:00Z'),
        endsAt: new Date('2027-06-01T09:00:00Z'),
      },
    })
    const response = await post(open.id, { intent: 'invite', list: 'a@kommun.se', locale: 'sv' })
    expect(response.status).toBe(409)
    expect((await body<FormAnswer>(response)).formError).toBe('Evenemanget har inte anmälan för inbjudna. Ändra anmälningssättet till ”Endast inbjudna” först.')
  })
})

describe('managing invites', () => {
  it('resends the same link, and a revoked link stops working and cannot be resent', async () => {
    const marta = await db.registrationInvite.findFirstOrThrow({ where: { emailNormalized: 'marta@ideell.se' } })
    const token = inviteToken(marta)
    expect((await post(coDays.id, { intent: 'resend', inviteId: marta.id })).headers.get('Location')).toBe(`${path(coDays.id)}?done=resent`)
    const sent = await db.outboxMessage.findMany({ where: { recipient: 'marta@ideell.se' }, orderBy: { createdAt: 'asc' } })
    expect(sent).toHaveLength(2)
    await processOutboxOnce({ transport })
    const again = await simpleParser(sink.messages.find((message) => message.messageId === sent[1].messageId)!.raw)
    expect(again.text).toContain(inviteUrl(coDays.slug, token, 'sv'))

    expect((await post(coDays.id, { intent: 'revoke', inviteId: marta.id })).status).toBe(302)
    expect(await findInviteByToken({ eventId: coDays.id, token })).toBeNull()
    expect((await invites(coDays.id)).find((invite) => invite.id === marta.id)?.status).toBe('revoked')
    const resend = await post(coDays.id, { intent: 'resend', inviteId: marta.id })
    expect(resend.status).toBe(409)
    expect((await body<FormAnswer>(resend)).formError).toBe('Inbjudan är återkallad och kan inte skickas igen.')
    // Revoking twice is harmless and logged once.
    expect((await post(coDays.id, { intent: 'revoke', inviteId: marta.id })).status).toBe(302)
    expect(await db.auditEntry.count({ where: { action: 'invite.revoked', entityId: marta.id } })).toBe(1)
  })

  it('shows a guest who registered with the link as registered', async () => {
    const bjorn = await db.registrationInvite.findFirstOrThrow({ where: { emailNormalized: 'bjorn@kommun.se' } })
    await db.registration.create({
      data: {
        eventId: coDays.id,
        name: 'Björn',
        email: 'bjorn@kommun.se',
        emailNormalized: 'bjorn@kommun.se',
        status: 'confirmed',
        manageTokenHash: 'x'.repeat(64),
        inviteId: bjorn.id,
      },
    })
    expect((await invites(coDays.id)).find((invite) => invite.id === bjorn.id)?.status).toBe('registered')
    const resend = await post(coDays.id, { intent: 'resend', inviteId: bjorn.id })
    expect(resend.status).toBe(409)
  })

  it('lets a viewer see the list but not invite, resend or revoke (403), and hides it from other organizations (404)', async () => {
    expect((await invites(coDays.id, viewer)).length).toBeGreaterThan(0)
    const asa = await db.registrationInvite.findFirstOrThrow({ where: { emailNormalized: 'asa.oberg@region.se' } })
    const attempts: Record<string, string>[] = [
      { intent: 'invite', list: 'v@kommun.se' },
      { intent: 'resend', inviteId: asa.id },
      { intent: 'revoke', inviteId: asa.id },
    ]
    for (const fields of attempts) {
      expect((await post(coDays.id, fields, viewer)).status).toBe(403)
    }
    expect((await db.registrationInvite.findUniqueOrThrow({ where: { id: asa.id } })).revokedAt).toBeNull()

    const other = await createOrganization('annan', 'Annan')
    const stranger = await cookieFor((await createMember(other.id, 'owner')).id)
    expect((await call(loader, getRequest(`/organizer/${other.slug}/events/${coDays.id}/invites`, stranger), { org: other.slug, id: coDays.id })).status).toBe(
      404,
    )
    const posted = await call(action, postRequest(`/organizer/${other.slug}/events/${coDays.id}/invites`, { intent: 'revoke', inviteId: asa.id }, stranger), {
      org: other.slug,
      id: coDays.id,
    })
    expect(posted.status).toBe(404)
    expect((await db.registrationInvite.findUniqueOrThrow({ where: { id: asa.id } })).revokedAt).toBeNull()
  })
})
