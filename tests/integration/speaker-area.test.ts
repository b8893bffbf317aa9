import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { DomainError } from '../../app/errors.server.ts'
import { getPublicEvent } from '../../app/events/event-page.server.ts'
import { buildEventPageView } from '../../app/events/event-page-view.server.ts'
import { requireMembership, type Access } from '../../app/organizations/access.server.ts'
import { isPersonalPath } from '../../app/personal-pages.ts'
import { action as invitationAction } from '../../app/routes/($lang).invitations.$token.tsx'
import { action as answersAction, loader as answersLoader } from '../../app/routes/organizer.$org.events.$id.speaker-answers.tsx'
import { action as homeAction, loader as homeLoader } from '../../app/routes/speaker._index.tsx'
import { action as profileAction, loader as profileLoader } from '../../app/routes/speaker.profile.tsx'
import { action as sessionAction, loader as sessionLoader } from '../../app/routes/speaker.sessions.$itemId.tsx'
import { loader as speakerPageLoader } from '../../app/routes/($lang).speakers.$slug.tsx'
import { loader as personalFeedLoader } from '../../app/routes/($lang).calendar.personal.$token[.]ics.ts'
import { createInvitations, invitationToken } from '../../app/speakers/invitations.server.ts'
import { editOwnSession } from '../../app/speakers/own.server.ts'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

// The speaker's own pages (issue 10 §2): accepting signs the speaker in; they then edit their
// profile, their sessions' texts (with or without the organizer's review, until a deadline), answer
// about recording and equipment and add material; nobody else can do any of it.

let access: Access
let orgSlug: string
let organizerCookie: string
let viewerCookie: string
let otherOrganizerCookie: string
let event: { id: string; slug: string }
let talk: { id: string }
let workshop: { id: string }
let counter = 0

async function invite(itemIds: string[], email = `talare-${++counter}@example.org`) {
  const { ids } = await createInvitations({
    access,
    eventId: event.id,
    invitees: [{ name: `Talare ${counter}`, email }],
    role: 'speaker',
    itemIds,
    message: '',
    answerBy: new Date(Date.now() + 7 * 86_400_000),
    locale: 'sv',
  })
  return { token: invitationToken({ id: ids[0] }), email }
}

/** Accepts through the invitation page like the speaker's browser, and returns the session cookie it set. */
async function acceptThroughPage(token: string): Promise<{ response: Response; cookie: string | null }> {
  const response = await call(invitationAction, postRequest(`/invitations/${token}`, { intent: 'accept' }), { token })
  const setCookie = response.headers.get('Set-Cookie')
  return { response, cookie: setCookie ? setCookie.split(';')[0] : null }
}

async function speaker(itemIds = [talk.id, workshop.id]) {
  const { token, email } = await invite(itemIds)
  const { cookie } = await acceptThroughPage(token)
  const person = await db.person.findUniqueOrThrow({ where: { email } })
  return { cookie: cookie!, person, email }
}

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test' })
  const org = await createOrganization('co-days-area', 'Co-Days')
  orgSlug = org.slug
  const organizer = await createMember(org.id, 'organizer')
  const viewer = await createMember(org.id, 'viewer')
  const other = await createOrganization('norr-area', 'Norr')
  const otherOrganizer = await createMember(other.id, 'owner')
  access = await requireMembership({ personId: organizer.id, organizationSlug: org.slug, minimum: 'viewer' })
  organizerCookie = await cookieFor(organizer.id)
  viewerCookie = await cookieFor(viewer.id)
  otherOrganizerCookie = await cookieFor(otherOrganizer.id)
  event = await db.event.create({
    data: {
      slug: 'co-days-area-2027',
      organizationId: org.id,
      titleSv: 'Co-Days 2027',
      titleEn: 'Co-Days 2027',
      format: 'on_site',
      status: 'published',
      startsAt: new Date('2027-05-18T07:00:00Z'),
      endsAt: new Date('2027-05-18T15:00:00Z'),
    },
  })
  const item = (titleSv: string, hour: number) =>
    db.programmeItem.create({
      data: {
        eventId: event.id,
        type: 'talk',
        titleSv,
        titleEn: `${titleSv} (en)`,
        startsAt: new Date(`2027-05-18T${String(hour).padStart(2, '0')}:00:00Z`),
        endsAt: new Date(`2027-05-18T${String(hour).padStart(2, '0')}:45:00Z`),
      },
    })
  talk = await item('Samskapande i Värmland', 8)
  workshop = await item('Verkstad om sociala investeringar', 10)
})

describe('accepting an invitation', () => {
  it('signs the speaker in and opens their pages, which list both sessions in Swedish time', async () => {
    const { token } = await invite([talk.id, workshop.id])
    const { response, cookie } = await acceptThroughPage(token)
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/speaker?welcome=1')
    expect(cookie).toMatch(/^samling_session=/)
    const home = await call(homeLoader, getRequest('/speaker', cookie!))
    expect(home.headers.get('Cache-Control')).toBe('private, no-store')
    const data = await body<{ upcoming: { title: string; when: string }[] }>(home)
    expect(data.upcoming.map((session) => session.title)).toEqual(['Samskapande i Värmland', 'Verkstad om sociala investeringar'])
    // 08:00 UTC in May is 10:00 in Stockholm.
    expect(data.upcoming[0].when).toBe('tis 18 maj 2027, kl. 10.00–10.45')
    expect(isPersonalPath('/speaker')).toBe(true)
    expect(isPersonalPath('/speaker/sessions/x')).toBe(true)
    expect(isPersonalPath('/speakers/anna')).toBe(false)
  })

  it('does not sign in a second time, nor sign in someone who is also an organizer', async () => {
    const { token } = await invite([talk.id])
    expect((await acceptThroughPage(token)).cookie).not.toBeNull()
    const again = await acceptThroughPage(token)
    expect(again.cookie).toBeNull()
    expect(again.response.headers.get('Location')).toBe(`/invitations/${token}`)

    const member = await createMember(access.organization.id, 'viewer', 'talar-medlem')
    const asMember = await invite([talk.id], member.email)
    const accepted = await acceptThroughPage(asMember.token)
    expect(accepted.cookie).toBeNull()
    expect(await db.programmeRole.count({ where: { itemId: talk.id, speaker: { personId: member.id } } })).toBe(1)
  })

  it('sends a visitor without a session to sign in', async () => {
    const response = await call(homeLoader, getRequest('/speaker'))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toContain('/login?redirectTo=%2Fspeaker')
  })
})

describe('inviting the same person again', () => {
  it('is refused while their first invitation is unanswered, whatever the case of the address, and allowed once it is answered', async () => {
    const { token, email } = await invite([talk.id])
    const again = await createInvitations({
      access,
      eventId: event.id,
      invitees: [{ name: 'Samma person', email: email.toUpperCase() }],
      role: 'moderator',
      itemIds: [workshop.id],
      message: '',
      answerBy: new Date(Date.now() + 86_400_000),
      locale: 'sv',
    }).catch((error: unknown) => error)
    expect(again).toBeInstanceOf(DomainError)
    expect(again).toMatchObject({ status: 409, field: 'email' })
    expect(await db.speakerInvitation.count({ where: { eventId: event.id, email: { equals: email, mode: 'insensitive' } } })).toBe(1)
    await acceptThroughPage(token)
    const later = await createInvitations({
      access,
      eventId: event.id,
      invitees: [{ name: 'Samma person', email }],
      role: 'moderator',
      itemIds: [workshop.id],
      message: '',
      answerBy: new Date(Date.now() + 86_400_000),
      locale: 'sv',
    })
    expect(later.created).toBe(1)
  })
})

describe('the speaker profile', () => {
  it('saves name, titles, bio in both languages and links, and shows them on the public event data', async () => {
    const { cookie, person } = await speaker([talk.id])
    const response = await call(
      profileAction,
      postRequest(
        '/speaker/profile',
        {
          intent: 'profile',
          name: 'Anna Lind',
          titleSv: 'Verksamhetsutvecklare',
          titleEn: 'Business developer',
          affiliation: 'Region Värmland',
          bioSv: 'Arbetar med social innovation.',
          bioEn: 'Works with social innovation.',
          links: 'https://example.org/anna\nhttps://www.linkedin.com/in/anna',
        },
        cookie,
      ),
    )
    expect(response.status).toBe(303)
    const profile = await db.speakerProfile.findFirstOrThrow({ where: { personId: person.id } })
    expect(profile).toMatchObject({
      name: 'Anna Lind',
      titleEn: 'Business developer',
      affiliation: 'Region Värmland',
      links: ['https://example.org/anna', 'https://www.linkedin.com/in/anna'],
    })
    const publicEvent = await getPublicEvent(event.slug)
    expect(publicEvent.items.find((item) => item.id === talk.id)?.speakers.map((s) => s.name)).toContain('Anna Lind')
    expect(await db.auditEntry.count({ where: { action: 'speakerProfile.updated', entityId: profile.id } })).toBe(1)
  })

  it('refuses a javascript: link and an empty name with Swedish messages next to the fields, keeping what was typed', async () => {
    const { cookie, person } = await speaker([talk.id])
    const before = await db.speakerProfile.findFirstOrThrow({ where: { personId: person.id } })
    const response = await call(
      profileAction,
      postRequest('/speaker/profile', { intent: 'profile', name: '', bioSv: 'Min text', links: 'javascript:alert(1)' }, cookie),
    )
    expect(response.status).toBe(400)
    const answer = await body<{ fieldErrors: Record<string, string>; values: Record<string, string> }>(response)
    expect(answer.fieldErrors.name).toBe('Skriv ditt namn.')
    expect(answer.fieldErrors.links).toContain('https://')
    expect(answer.values.bioSv).toBe('Min text')
    expect(await db.speakerProfile.findFirstOrThrow({ where: { personId: person.id } })).toEqual(before)
  })

  it('answers in English under ?lang=en, and keeps the language on the way back', async () => {
    const { cookie } = await speaker([talk.id])
    const refused = await call(profileAction, postRequest('/speaker/profile?lang=en', { intent: 'profile', name: '' }, cookie))
    expect((await body<{ fieldErrors: Record<string, string> }>(refused)).fieldErrors.name).toBe('Enter your name.')
    const saved = await call(profileAction, postRequest('/speaker/profile?lang=en', { intent: 'profile', name: 'Kim Berg' }, cookie))
    expect(saved.headers.get('Location')).toMatch(/^\/speaker\/profile\?profile=[a-z0-9-]+&done=saved&lang=en$/)
    const home = await body<{ upcoming: { when: string }[] }>(await call(homeLoader, getRequest('/speaker?lang=en', cookie)))
    expect(home.upcoming[0].when).toMatch(/^Tue 18 May 2027/)
  })

  it('is a 404 for another speaker’s profile, and for someone with no profile', async () => {
    const one = await speaker([talk.id])
    const two = await speaker([talk.id])
    const twoProfile = await db.speakerProfile.findFirstOrThrow({ where: { personId: two.person.id } })
    expect((await call(profileLoader, getRequest(`/speaker/profile?profile=${twoProfile.slug}`, one.cookie))).status).toBe(404)
    const post = await call(profileAction, postRequest(`/speaker/profile?profile=${twoProfile.slug}`, { intent: 'profile', name: 'Kapad' }, one.cookie))
    expect(post.status).toBe(404)
    expect((await db.speakerProfile.findUniqueOrThrow({ where: { id: twoProfile.id } })).name).not.toBe('Kapad')
    expect((await call(profileLoader, getRequest('/speaker/profile', organizerCookie))).status).toBe(404)
  })
})

describe('the speaker’s sessions', () => {
  const text = { intent: 'text', titleSv: 'Ny titel', titleEn: 'New title', descriptionSv: 'Ny beskrivning', descriptionEn: 'New description' }

  it('without review, a new title is public at once and in the audit log', async () => {
    const { cookie } = await speaker([workshop.id])
    const response = await call(sessionAction, postRequest(`/speaker/sessions/${workshop.id}`, text, cookie), { itemId: workshop.id })
    expect(response.headers.get('Location')).toBe(`/speaker/sessions/${workshop.id}?done=saved`)
    expect((await getPublicEvent(event.slug)).items.find((item) => item.id === workshop.id)?.titleSv).toBe('Ny titel')
    expect(await db.auditEntry.count({ where: { action: 'sessionEdit.applied', entityId: workshop.id } })).toBe(1)
  })

  it('with review, the change waits; the organizer approves it once, a second decision is a 409 and viewers may not decide', async () => {
    await db.event.update({ where: { id: event.id }, data: { speakerEditReview: true } })
    try {
      const { cookie } = await speaker([talk.id])
      const before = await db.programmeItem.findUniqueOrThrow({ where: { id: talk.id } })
      const response = await call(sessionAction, postRequest(`/speaker/sessions/${talk.id}`, { ...text, titleSv: 'Granskad titel' }, cookie), {
        itemId: talk.id,
      })
      expect(response.headers.get('Location')).toBe(`/speaker/sessions/${talk.id}?done=proposed`)
      expect((await db.programmeItem.findUniqueOrThrow({ where: { id: talk.id } })).titleSv).toBe(before.titleSv)
      const page = await body<{ pending: boolean; text: { titleSv: string } }>(
        await call(sessionLoader, getRequest(`/speaker/sessions/${talk.id}`, cookie), { itemId: talk.id }),
      )
      expect(page).toMatchObject({ pending: true, text: { titleSv: 'Granskad titel' } })

      const params = { org: orgSlug, id: event.id }
      const overview = await body<{ pending: { id: string; changes: { field: string; after: string }[] }[] }>(
        await call(answersLoader, getRequest(`/organizer/${orgSlug}/events/${event.id}/speaker-answers`, viewerCookie), params),
      )
      const edit = overview.pending.find((row) => row.changes.some((change) => change.after === 'Granskad titel'))!
      const path = `/organizer/${orgSlug}/events/${event.id}/speaker-answers`
      expect((await call(answersAction, postRequest(path, { intent: 'approve', editId: edit.id }, viewerCookie), params)).status).toBe(403)
      expect((await call(answersAction, postRequest(path, { intent: 'approve', editId: edit.id }, otherOrganizerCookie), params)).status).toBe(404)
      expect((await call(answersAction, postRequest(path, { intent: 'approve', editId: edit.id }, organizerCookie), params)).status).toBe(302)
      expect((await db.programmeItem.findUniqueOrThrow({ where: { id: talk.id } })).titleSv).toBe('Granskad titel')
      const again = await call(answersAction, postRequest(path, { intent: 'reject', editId: edit.id }, organizerCookie), params)
      expect(again.status).toBe(409)
      expect((await body<{ formError: string }>(again)).formError).toContain('redan')
    } finally {
      await db.event.update({ where: { id: event.id }, data: { speakerEditReview: false } })
    }
  })

  it('refuses text changes after the organizer’s deadline or when edits are off, with a clear 409', async () => {
    const { person, cookie } = await speaker([talk.id])
    const refused = await editOwnSession({
      personId: person.id,
      itemId: talk.id,
      text: { ...text, titleSv: 'För sent' },
      now: new Date('2027-05-18T07:30:00Z'),
    }).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(DomainError)
    expect((refused as DomainError).status).toBe(409)
    await db.event.update({ where: { id: event.id }, data: { speakerEditsOpen: false } })
    try {
      const response = await call(sessionAction, postRequest(`/speaker/sessions/${talk.id}`, { ...text, titleSv: 'Stängt' }, cookie), { itemId: talk.id })
      expect(response.status).toBe(409)
      expect((await body<{ formError: string }>(response)).formError).toBe('Arrangören tar inte längre emot ändringar av den här programpunkten.')
    } finally {
      await db.event.update({ where: { id: event.id }, data: { speakerEditsOpen: true } })
    }
    expect((await db.programmeItem.findUniqueOrThrow({ where: { id: talk.id } })).titleSv).not.toMatch(/För sent|Stängt/)
  })

  it('records consent (no recording means no publishing), technical needs and availability for the organizer only', async () => {
    const { cookie, person } = await speaker([talk.id])
    const response = await call(
      sessionAction,
      postRequest(
        `/speaker/sessions/${talk.id}`,
        { intent: 'answers', recordingConsent: 'no', publishConsent: 'yes', techNeeds: 'HDMI och mygga', availability: 'Inte före 10' },
        cookie,
      ),
      { itemId: talk.id },
    )
    expect(response.status).toBe(303)
    const role = await db.programmeRole.findFirstOrThrow({ where: { itemId: talk.id, speaker: { personId: person.id } } })
    expect(role).toMatchObject({ recordingConsent: false, publishConsent: false, techNeeds: 'HDMI och mygga', availability: 'Inte före 10' })
    const overview = await body<{ roles: { techNeeds: string; recording: string }[] }>(
      await call(answersLoader, getRequest(`/organizer/${orgSlug}/events/${event.id}/speaker-answers`, organizerCookie), { org: orgSlug, id: event.id }),
    )
    expect(overview.roles.some((row) => row.techNeeds === 'HDMI och mygga' && row.recording === 'Nej')).toBe(true)
    const publicEvent = JSON.stringify(await getPublicEvent(event.slug))
    expect(publicEvent).not.toContain('HDMI och mygga')
  })

  it('adds a slides link that the public programme shows, refuses a javascript: link, and removes it again', async () => {
    const { cookie } = await speaker([workshop.id])
    const path = `/speaker/sessions/${workshop.id}`
    const bad = await call(sessionAction, postRequest(path, { intent: 'material-link', materialTitle: 'Bilder', materialUrl: 'javascript:alert(1)' }, cookie), {
      itemId: workshop.id,
    })
    expect(bad.status).toBe(400)
    expect((await body<{ fieldErrors: Record<string, string> }>(bad)).fieldErrors.materialUrl).toContain('https://')
    await call(
      sessionAction,
      postRequest(path, { intent: 'material-link', materialTitle: 'Bilder från verkstaden', materialUrl: 'https://example.org/bilder.pdf' }, cookie),
      {
        itemId: workshop.id,
      },
    )
    const view = buildEventPageView(await getPublicEvent(event.slug), { locale: 'sv', appUrl: 'https://samling.test' })
    const item = view.days.flatMap((day) => day.items).find((entry) => entry.id === workshop.id)!
    expect(item.materials.map((material) => [material.title, material.href])).toContainEqual(['Bilder från verkstaden', 'https://example.org/bilder.pdf'])
    const page = await body<{ materials: { id: string; title: string }[] }>(await call(sessionLoader, getRequest(path, cookie), { itemId: workshop.id }))
    const material = page.materials.find((entry) => entry.title === 'Bilder från verkstaden')!
    await call(sessionAction, postRequest(path, { intent: 'material-remove', materialId: material.id }, cookie), { itemId: workshop.id })
    expect(await db.speakerMaterial.count({ where: { id: material.id } })).toBe(0)
  })

  it('is a 404 for another speaker, an organizer of another organization and an organizer who does not speak; a visitor signs in first', async () => {
    const owner = await speaker([talk.id])
    const other = await speaker([workshop.id])
    const path = `/speaker/sessions/${talk.id}`
    for (const cookie of [other.cookie, otherOrganizerCookie, organizerCookie]) {
      expect((await call(sessionLoader, getRequest(path, cookie), { itemId: talk.id })).status).toBe(404)
      const post = await call(sessionAction, postRequest(path, { ...text, titleSv: 'Kapad' }, cookie), { itemId: talk.id })
      expect(post.status).toBe(404)
    }
    expect((await call(sessionLoader, getRequest(path), { itemId: talk.id })).status).toBe(302)
    expect((await call(sessionLoader, getRequest('/speaker/sessions/not-a-uuid', owner.cookie), { itemId: 'not-a-uuid' })).status).toBe(404)
    expect((await db.programmeItem.findUniqueOrThrow({ where: { id: talk.id } })).titleSv).not.toBe('Kapad')
    expect(
      (await call(answersLoader, getRequest(`/organizer/${orgSlug}/events/${event.id}/speaker-answers`, otherOrganizerCookie), { org: orgSlug, id: event.id }))
        .status,
    ).toBe(404)
  })
})

/** A multipart POST like a browser's form with a file. */
function multipartRequest(path: string, fields: Record<string, string>, file: { field: string; name: string; type: string; data: Buffer }, cookie: string) {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  form.append(file.field, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name)
  return new Request(`http://localhost${path}`, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost' }, body: form })
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

describe('uploads on the speaker’s pages', () => {
  it('takes a portrait, shows it on the public speaker page with the name as alt text, and replaces the old file', async () => {
    const { cookie, person } = await speaker([talk.id])
    const png = await sharp({ create: { width: 800, height: 1000, channels: 3, background: '#12355b' } })
      .png()
      .toBuffer()
    const first = await call(
      profileAction,
      multipartRequest('/speaker/profile', { intent: 'photo' }, { field: 'photo', name: 'jag.png', type: 'image/png', data: png }, cookie),
    )
    expect(first.status).toBe(303)
    const profile = await db.speakerProfile.findFirstOrThrow({ where: { personId: person.id } })
    expect(profile.photoId).not.toBeNull()
    const publicPage = await body<{ speaker: { photo: { src: string; srcSet: string } } }>(
      await call(speakerPageLoader, getRequest(`/speakers/${profile.slug}`), { slug: profile.slug }),
    )
    expect(publicPage.speaker.photo.src).toMatch(new RegExp(`^/media/${profile.photoId}/`))
    expect(publicPage.speaker.photo.srcSet).toContain(' 320w')

    await call(
      profileAction,
      multipartRequest('/speaker/profile', { intent: 'photo' }, { field: 'photo', name: 'ny.png', type: 'image/png', data: png }, cookie),
    )
    const replaced = await db.speakerProfile.findFirstOrThrow({ where: { personId: person.id } })
    expect(replaced.photoId).not.toBe(profile.photoId)
    expect(await db.mediaFile.count({ where: { id: profile.photoId! } })).toBe(0)
  })

  it('refuses a web page named .pdf with a Swedish message on the file field and stores nothing; takes a real PDF that the programme links', async () => {
    const { cookie } = await speaker([workshop.id])
    const path = `/speaker/sessions/${workshop.id}`
    const files = await db.mediaFile.count()
    const fake = await call(
      sessionAction,
      multipartRequest(
        path,
        { intent: 'material-file', materialFileTitle: 'Bilder' },
        { field: 'materialFile', name: 'bilder.pdf', type: 'application/pdf', data: Buffer.from('<html><script>alert(1)</script></html>') },
        cookie,
      ),
      { itemId: workshop.id },
    )
    expect(fake.status).toBe(415)
    const answer = await body<{ fieldErrors: Record<string, string> }>(fake)
    expect(answer.fieldErrors.materialFile).toMatch(/PDF/)
    expect(await db.mediaFile.count()).toBe(files)

    const missing = await call(
      sessionAction,
      multipartRequest(
        path,
        { intent: 'material-file', materialFileTitle: '' },
        { field: 'materialFile', name: 'x.pdf', type: 'application/pdf', data: PDF },
        cookie,
      ),
      {
        itemId: workshop.id,
      },
    )
    expect(missing.status).toBe(400)
    expect(await db.mediaFile.count()).toBe(files)

    const saved = await call(
      sessionAction,
      multipartRequest(
        path,
        { intent: 'material-file', materialFileTitle: 'Verkstadens bilder' },
        { field: 'materialFile', name: 'Verkstad å ä ö.pdf', type: 'application/pdf', data: PDF },
        cookie,
      ),
      { itemId: workshop.id },
    )
    expect(saved.status).toBe(303)
    const view = buildEventPageView(await getPublicEvent(event.slug), { locale: 'sv', appUrl: 'https://samling.test' })
    const material = view.days
      .flatMap((day) => day.items)
      .find((entry) => entry.id === workshop.id)!
      .materials.find((m) => m.title === 'Verkstadens bilder')!
    expect(material.href).toMatch(/^\/media\/[0-9a-f-]{36}\/Verkstad/)

    const page = await body<{ materials: { id: string; title: string }[] }>(await call(sessionLoader, getRequest(path, cookie), { itemId: workshop.id }))
    const row = page.materials.find((entry) => entry.title === 'Verkstadens bilder')!
    const stored = await db.speakerMaterial.findUniqueOrThrow({ where: { id: row.id } })
    await call(sessionAction, postRequest(path, { intent: 'material-remove', materialId: row.id }, cookie), { itemId: workshop.id })
    expect(await db.mediaFile.count({ where: { id: stored.mediaId! } })).toBe(0)
  })

  it('stores nothing for someone uploading to a session that is not theirs', async () => {
    const { cookie } = await speaker([talk.id])
    const files = await db.mediaFile.count()
    const response = await call(
      sessionAction,
      multipartRequest(
        `/speaker/sessions/${workshop.id}`,
        { intent: 'material-file', materialFileTitle: 'Inbrott' },
        { field: 'materialFile', name: 'x.pdf', type: 'application/pdf', data: PDF },
        cookie,
      ),
      { itemId: workshop.id },
    )
    expect(response.status).toBe(404)
    expect(await db.mediaFile.count()).toBe(files)
  })
})

describe('the speaker’s calendar', () => {
  it('turns on a personal feed that holds their sessions, and turning it off makes the old address a 404', async () => {
    const { cookie } = await speaker([talk.id])
    await call(homeAction, postRequest('/speaker', { intent: 'calendar-on' }, cookie))
    const { feedUrl } = await body<{ feedUrl: string }>(await call(homeLoader, getRequest('/speaker', cookie)))
    const token = feedUrl.match(/personal\/([^/]+)\.ics$/)![1]
    const feed = await call(personalFeedLoader, getRequest(`/calendar/personal/${token}.ics`), { token: `${token}` })
    expect(feed.status).toBe(200)
    expect((await feed.text()).replace(/\r\n /g, '')).toContain('SUMMARY:')
    await call(homeAction, postRequest('/speaker', { intent: 'calendar-off' }, cookie))
    expect((await call(personalFeedLoader, getRequest(`/calendar/personal/${token}.ics`), { token })).status).toBe(404)
  })
})
