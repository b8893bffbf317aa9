import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { SpeakerPicker } from '../../app/components/console/speaker-picker.tsx'
import { db } from '../../app/db/client.server.ts'
import { requireMembership, type Access } from '../../app/organizations/access.server.ts'
import { loader as eventLoader } from '../../app/routes/($lang).events.$slug.tsx'
import { loader as speakerLoader } from '../../app/routes/($lang).speakers.$slug.tsx'
import { loader as apiLoader } from '../../app/routes/api.events.$slug.ts'
import { loader as programmeLoader } from '../../app/routes/organizer.$org.events.$id.programme.tsx'
import type { SpeakerPickerRow } from '../../app/programme/speaker-picker.server.ts'
import { acceptInvitation, createInvitations, declineInvitation, invitationToken, markViewed } from '../../app/speakers/invitations.server.ts'
import { body, call, cookieFor, createMember, createOrganization, getRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { callLoader, thrownStatus } from './support/loaders.ts'

useTestDatabase()

const DAY = 24 * 3600 * 1000
let access: Access
let cookie: string
let orgSlug: string
let event: { id: string; slug: string }
let panel: { id: string }
let counter = 0

async function inviteNew(name: string) {
  counter += 1
  const { ids } = await createInvitations({
    access,
    eventId: event.id,
    invitees: [{ name, email: `ny-talare-${counter}@example.org` }],
    role: 'panelist',
    itemIds: [panel.id],
    message: '',
    answerBy: new Date(Date.now() + 7 * DAY),
    locale: 'sv',
  })
  return { id: ids[0], token: invitationToken({ id: ids[0] }) }
}

async function publicTexts() {
  const page = await callLoader(eventLoader, `/events/${event.slug}`, { slug: event.slug })
  const api = await callLoader(apiLoader, `/api/events/${event.slug}`, { slug: event.slug })
  expect([page.status, api.status]).toEqual([200, 200])
  return (await page.text()) + (await api.text())
}

beforeAll(async () => {
  const org = await createOrganization('co-days-programme', 'Co-Days')
  orgSlug = org.slug
  const organizer = await createMember(org.id, 'organizer')
  access = await requireMembership({ personId: organizer.id, organizationSlug: org.slug, minimum: 'viewer' })
  cookie = await cookieFor(organizer.id)
  event = await db.event.create({
    data: {
      slug: 'co-days-programme-2099',
      organizationId: org.id,
      status: 'published',
      format: 'on_site',
      titleSv: 'Co-Days 2099',
      titleEn: 'Co-Days 2099',
      startsAt: new Date('2099-05-18T07:00:00Z'),
      endsAt: new Date('2099-05-18T15:00:00Z'),
    },
  })
  panel = await db.programmeItem.create({
    data: {
      eventId: event.id,
      type: 'panel',
      titleSv: 'Panel om välfärd',
      titleEn: 'Welfare panel',
      startsAt: new Date('2099-05-18T08:00:00Z'),
      endsAt: new Date('2099-05-18T09:00:00Z'),
    },
  })
})

describe('public speaker pages show accepted speakers only', () => {
  it('keeps someone new hidden while invited and after declining; shows them once they accept', async () => {
    const pending = await inviteNew('Hedda Ohörd')
    expect(await publicTexts()).not.toContain('Hedda Ohörd')
    await markViewed({ token: pending.token })
    expect(await publicTexts()).not.toContain('Hedda Ohörd')
    expect(await db.speakerProfile.count({ where: { name: 'Hedda Ohörd' } })).toBe(0)

    await declineInvitation({ token: pending.token, reason: 'Jag är på semester.' })
    expect(await publicTexts()).not.toContain('Hedda Ohörd')

    const accepted = await inviteNew('Ines Accepterad')
    expect(await publicTexts()).not.toContain('Ines Accepterad')
    await acceptInvitation({ token: accepted.token })
    const row = await db.speakerInvitation.findUniqueOrThrow({ where: { id: accepted.id }, include: { speaker: true } })
    expect(row.speaker).not.toBeNull()
    const texts = await publicTexts()
    expect(texts).toContain('Ines Accepterad')
    expect(texts).toContain('Panelist')
    const page = await callLoader(speakerLoader, `/speakers/${row.speaker!.slug}`, { slug: row.speaker!.slug })
    expect(page.status).toBe(200)
  })

  it('is a 404 for a profile whose only link is an unanswered, declined, expired or revoked invitation', async () => {
    const person = await db.person.create({ data: { email: `befintlig-${Date.now()}@example.org`, name: 'Jonna Väntar' } })
    const profile = await db.speakerProfile.create({ data: { slug: 'jonna-vantar', name: 'Jonna Väntar', personId: person.id } })
    const invite = () =>
      createInvitations({
        access,
        eventId: event.id,
        invitees: [{ speakerId: profile.id }],
        role: 'speaker',
        itemIds: [panel.id],
        message: '',
        answerBy: new Date(Date.now() + 7 * DAY),
        locale: 'sv',
      }).then(({ ids }) => ids[0])
    const notFound = async () => {
      expect(await thrownStatus(callLoader(speakerLoader, '/speakers/jonna-vantar', { slug: 'jonna-vantar' }))).toBe(404)
      expect(await publicTexts()).not.toContain('Jonna Väntar')
    }
    // Revoked before anything else: the only link, made as the console would leave it.
    await db.speakerInvitation.create({
      data: {
        eventId: event.id,
        speakerId: profile.id,
        email: person.email,
        name: profile.name,
        tokenHash: `revoked-${profile.id}`,
        status: 'revoked',
        revokedAt: new Date(),
        expiresAt: new Date(Date.now() + 7 * DAY),
      },
    })
    await notFound()
    await invite()
    await notFound()
    await db.speakerInvitation.updateMany({ where: { speakerId: profile.id, status: 'sent' }, data: { expiresAt: new Date(Date.now() - DAY) } })
    await notFound()
    const last = await invite()
    await declineInvitation({ token: invitationToken({ id: last }) })
    await notFound()
  })

  it('is a 404 for a profile that appears only in a draft programme', async () => {
    const draft = await db.event.create({
      data: {
        slug: 'utkast-2099',
        organizationId: access.organization.id,
        format: 'online',
        titleSv: 'Utkast',
        titleEn: '',
        startsAt: new Date('2099-06-01T07:00:00Z'),
        endsAt: new Date('2099-06-01T08:00:00Z'),
      },
    })
    expect(draft.status).toBe('draft')
    const item = await db.programmeItem.create({
      data: { eventId: draft.id, type: 'talk', titleSv: 'Hemligt', titleEn: '', startsAt: draft.startsAt, endsAt: draft.endsAt },
    })
    const profile = await db.speakerProfile.create({ data: { slug: 'karl-utkast', name: 'Karl Utkast' } })
    await db.programmeRole.create({ data: { itemId: item.id, speakerId: profile.id } })
    expect(await thrownStatus(callLoader(speakerLoader, '/speakers/karl-utkast', { slug: 'karl-utkast' }))).toBe(404)
  })
})

describe('the programme editor speaker picker', () => {
  type Picker = { query: string; rows: SpeakerPickerRow[]; matches: number; total: number }
  async function picker(query = '') {
    const response = await call(programmeLoader, getRequest(`/organizer/${orgSlug}/events/${event.id}/programme${query}`, cookie), {
      org: orgSlug,
      id: event.id,
    })
    expect(response.status).toBe(200)
    return (await body<{ picker: Picker }>(response)).picker
  }

  it('filters on the server by name, title or affiliation, accent-insensitive, and counts the matches', async () => {
    const all = await picker()
    expect(all.total).toBeGreaterThanOrEqual(3)
    const found = await picker('?speakerQuery=ines')
    expect(found.rows.map((row) => row.name)).toEqual(['Ines Accepterad'])
    expect(found.matches).toBe(1)
    expect((await picker('?speakerQuery=V%C3%A4NTAR')).rows.map((row) => row.name)).toEqual(['Jonna Väntar'])
    expect((await picker('?speakerQuery=vantar')).rows.map((row) => row.name)).toEqual(['Jonna Väntar'])
    const none = await picker(`?speakerQuery=${'x'.repeat(5000)}`)
    expect([none.rows.length, none.matches]).toEqual([0, 0])
  })

  it("lists the edited item's chosen speakers first, whatever the filter, with their role", async () => {
    const edited = await picker(`?edit=${panel.id}&speakerQuery=jonna`)
    expect(edited.rows.map((row) => [row.name, row.role])).toEqual([
      ['Ines Accepterad', 'panelist'],
      ['Jonna Väntar', null],
    ])
    expect(edited.matches).toBe(1)
  })

  it("shows each profile's invitation status for this event as text", async () => {
    const { rows, matches } = await picker()
    const status = Object.fromEntries(rows.map((row) => [row.name, row.invitation]))
    expect(status['Ines Accepterad']).toBe('accepted')
    expect(status['Jonna Väntar']).toBe('declined')
    const html = renderToString(createElement(SpeakerPicker, { locale: 'sv', rows, query: '', matches, values: {}, fieldErrors: {} }))
    expect(html).toContain('Inbjudan: Tackat ja')
    expect(html).toContain('Inbjudan: Tackat nej')
    expect(html).toContain(`${matches} träffar`)
    expect(html).toMatch(/role="status"/)
    const english = renderToString(createElement(SpeakerPicker, { locale: 'en', rows: rows.slice(0, 1), query: '', matches: 1, values: {}, fieldErrors: {} }))
    expect(english).toContain('1 match')
  })
})
