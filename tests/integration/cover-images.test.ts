import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config } from '../../app/env.server.ts'
import { action as editAction, loader as editLoader } from '../../app/routes/organizer.$org.events.$id._index.tsx'
import { action as dashboardAction, loader as dashboardLoader } from '../../app/routes/organizer.$org._index.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, ORIGIN } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

// Event cover images and organization logos (issue 10 §4): organizers upload, describe in both
// languages, replace and remove them; viewers cannot; the old file goes when it is replaced.

let orgSlug: string
let organizationId: string
let organizerCookie: string
let viewerCookie: string
let eventId: string

async function png(width: number, height: number, color = '#2a6') {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: color } })
      .png()
      .toBuffer(),
  )
}

function multipart(pathname: string, fields: Record<string, string | File>, cookie: string) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.set(name, value)
  return new Request(`${ORIGIN}${pathname}`, { method: 'POST', headers: { Cookie: cookie, Origin: ORIGIN }, body: form })
}

const folderOf = (id: string) => path.join(config().uploadDir, id)

beforeAll(async () => {
  const organization = await createOrganization('omslag-org', 'Omslagsföreningen')
  orgSlug = organization.slug
  organizationId = organization.id
  organizerCookie = await cookieFor((await createMember(organization.id, 'organizer')).id)
  viewerCookie = await cookieFor((await createMember(organization.id, 'viewer')).id)
  const event = await db.event.create({
    data: {
      slug: 'omslagsdagen',
      organizationId,
      titleSv: 'Omslagsdagen',
      titleEn: 'Cover day',
      format: 'on_site',
      status: 'published',
      startsAt: new Date('2027-03-01T09:00:00Z'),
      endsAt: new Date('2027-03-01T15:00:00Z'),
      city: 'Umeå',
    },
  })
  eventId = event.id
})

describe('event cover', () => {
  const editPath = () => `/organizer/${orgSlug}/events/${eventId}`
  const params = () => ({ org: orgSlug, id: eventId })

  it('needs a description in both languages, in the language of the page', async () => {
    const file = new File([await png(800, 400)], 'omslag.png', { type: 'image/png' })
    const response = await call(
      editAction,
      multipart(`${editPath()}?lang=en`, { intent: 'cover', cover: file, coverAltSv: 'Folk på en scen' }, organizerCookie),
      params(),
    )
    expect(response.status).toBe(400)
    const answer = await body<{ fieldErrors: Record<string, string> }>(response)
    expect(answer.fieldErrors).toEqual({ coverAltEn: 'Describe the image in English, for those who cannot see it.' })
    expect(await db.mediaFile.count()).toBe(0)
  })

  it('refuses viewers (403) and a file that is no image (415 on the field)', async () => {
    const file = new File([await png(800, 400)], 'omslag.png', { type: 'image/png' })
    const viewer = await call(editAction, multipart(editPath(), { intent: 'cover', cover: file, coverAltSv: 'a', coverAltEn: 'b' }, viewerCookie), params())
    expect(viewer.status).toBe(403)
    const html = new File(['<html><script>alert(1)</script></html>'], 'omslag.png', { type: 'image/png' })
    const refused = await call(editAction, multipart(editPath(), { intent: 'cover', cover: html, coverAltSv: 'a', coverAltEn: 'b' }, organizerCookie), params())
    expect(refused.status).toBe(415)
    expect((await body<{ fieldErrors: Record<string, string> }>(refused)).fieldErrors.cover).toMatch(/filtypen/)
    const none = await call(editAction, multipart(editPath(), { intent: 'cover', coverAltSv: 'a', coverAltEn: 'b' }, organizerCookie), params())
    expect(none.status).toBe(400)
    expect((await body<{ fieldErrors: Record<string, string> }>(none)).fieldErrors.cover).toBe('Välj en bildfil.')
    expect(await db.mediaFile.count()).toBe(0)
  })

  it('sets, re-describes, replaces (the old file goes) and removes the cover, each audited', async () => {
    const first = new File([await png(1600, 800)], 'omslag.png', { type: 'image/png' })
    const saved = await call(
      editAction,
      multipart(editPath(), { intent: 'cover', cover: first, coverAltSv: 'Folk på en scen', coverAltEn: 'People on a stage' }, organizerCookie),
      params(),
    )
    expect(saved.status).toBe(302)
    const event = await db.event.findUniqueOrThrow({ where: { id: eventId } })
    expect(event).toMatchObject({ coverAltSv: 'Folk på en scen', coverAltEn: 'People on a stage' })
    const firstId = event.coverImageId!
    expect(fs.existsSync(folderOf(firstId))).toBe(true)

    const page = await body<{ cover: { src: string; srcSet: string; width: number; height: number; altSv: string } }>(
      await call(editLoader, getRequest(editPath(), viewerCookie), params()),
    )
    expect(page.cover).toMatchObject({ src: `/media/${firstId}/w1600.webp`, width: 1600, height: 800, altSv: 'Folk på en scen' })
    expect(page.cover.srcSet).toContain('w1200.webp 1200w')

    const described = await call(
      editAction,
      multipart(editPath(), { intent: 'cover', coverAltSv: 'En scen', coverAltEn: 'A stage' }, organizerCookie),
      params(),
    )
    expect(described.status).toBe(302)
    expect(await db.event.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ coverImageId: firstId, coverAltSv: 'En scen' })

    const second = new File([await png(700, 700, '#c33')], 'ny.png', { type: 'image/png' })
    await call(editAction, multipart(editPath(), { intent: 'cover', cover: second, coverAltSv: 'Röd', coverAltEn: 'Red' }, organizerCookie), params())
    const replaced = await db.event.findUniqueOrThrow({ where: { id: eventId } })
    expect(replaced.coverImageId).not.toBe(firstId)
    expect(fs.existsSync(folderOf(firstId))).toBe(false)
    expect(await db.mediaFile.findUnique({ where: { id: firstId } })).toBeNull()

    const removed = await call(editAction, multipart(editPath(), { intent: 'remove-cover' }, organizerCookie), params())
    expect(removed.status).toBe(302)
    expect(await db.event.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ coverImageId: null, coverAltSv: '', coverAltEn: '' })
    expect(fs.existsSync(folderOf(replaced.coverImageId!))).toBe(false)
    expect(await db.mediaFile.count()).toBe(0)

    const actions = await db.auditEntry.findMany({ where: { entityId: eventId }, orderBy: { createdAt: 'asc' }, select: { action: true } })
    expect(actions.map((a) => a.action)).toEqual(['event.coverChanged', 'event.coverChanged', 'event.coverChanged', 'event.coverRemoved'])
  })
})

describe('organization logo', () => {
  const dashboard = () => `/organizer/${orgSlug}`

  it('is set and removed by organizers, never by viewers, and shown on the dashboard', async () => {
    const file = new File([await png(300, 100)], 'logo.png', { type: 'image/png' })
    const viewer = await call(dashboardAction, multipart(dashboard(), { intent: 'logo', logo: file, logoAltSv: 'a', logoAltEn: 'b' }, viewerCookie), {
      org: orgSlug,
    })
    expect(viewer.status).toBe(403)
    const missing = await call(dashboardAction, multipart(dashboard(), { intent: 'logo', logo: file, logoAltSv: '', logoAltEn: '' }, organizerCookie), {
      org: orgSlug,
    })
    expect(Object.keys((await body<{ fieldErrors: Record<string, string> }>(missing)).fieldErrors).sort()).toEqual(['logoAltEn', 'logoAltSv'])
    const saved = await call(
      dashboardAction,
      multipart(dashboard(), { intent: 'logo', logo: file, logoAltSv: 'Föreningens logotyp', logoAltEn: 'The association’s logo' }, organizerCookie),
      { org: orgSlug },
    )
    expect(saved.status).toBe(302)
    const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId } })
    expect(organization.logoAltSv).toBe('Föreningens logotyp')
    const page = await body<{ logo: { src: string; width: number } }>(await call(dashboardLoader, getRequest(dashboard(), viewerCookie), { org: orgSlug }))
    expect(page.logo).toMatchObject({ src: `/media/${organization.logoId}/w300.webp`, width: 300 })

    expect((await call(dashboardAction, multipart(dashboard(), { intent: 'remove-logo' }, viewerCookie), { org: orgSlug })).status).toBe(403)
    expect((await call(dashboardAction, multipart(dashboard(), { intent: 'remove-logo' }, organizerCookie), { org: orgSlug })).status).toBe(302)
    expect((await db.organization.findUniqueOrThrow({ where: { id: organizationId } })).logoId).toBeNull()
    expect(fs.existsSync(folderOf(organization.logoId!))).toBe(false)
    const actions = await db.auditEntry.findMany({ where: { entityId: organizationId }, orderBy: { createdAt: 'asc' }, select: { action: true } })
    expect(actions.map((a) => a.action)).toEqual(['organization.logoChanged', 'organization.logoRemoved'])
  })
})
