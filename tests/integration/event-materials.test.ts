import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { config, setConfig } from '../../app/env.server.ts'
import { createSmtpTransport, type MailTransport } from '../../app/mail/transport.server.ts'
import { processOutboxOnce } from '../../app/mail/worker.server.ts'
import { loader as eventLoader } from '../../app/routes/($lang).events.$slug.tsx'
import { loader as seriesLoader } from '../../app/routes/($lang).series.$slug.tsx'
import { action, loader } from '../../app/routes/organizer.$org.events.$id.materials.tsx'
import { action as editAction, loader as editLoader } from '../../app/routes/organizer.$org.events.$id._index.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, ORIGIN, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createRegistration } from '../support/notify-data.ts'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts'

useTestDatabase()

type FormAnswer = { intent: string; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }
type ConsoleMaterial = { id: string; title: string; href: string; isPublic: boolean; publicText: string }
type PageView = {
  view: {
    materials: { label: string; href: string }[]
    days: { items: { title: string; eventMaterials: { label: string; href: string }[] }[] }[]
  }
}

let sink: SmtpSink
let transport: MailTransport
let org: { id: string; slug: string }
let other: { id: string; slug: string }
let organizer: string
let viewer: string
let outsider: string
let event: { id: string; slug: string }
let consented: { id: string }
let refused: { id: string }

const path = (eventId: string) => `/organizer/${org.slug}/events/${eventId}/materials`
const post = (fields: Record<string, string>, cookie = organizer, eventId = event.id) =>
  call(action, postRequest(path(eventId), fields, cookie), { org: org.slug, id: eventId })

async function consolePage(cookie = organizer) {
  const response = await call(loader, getRequest(path(event.id), cookie), { org: org.slug, id: event.id })
  expect(response.status).toBe(200)
  return body<{ materials: ConsoleMaterial[]; mailedAt: string | null; recipients: number }>(response)
}

async function publicPage(locale: 'sv' | 'en' = 'sv') {
  const url = locale === 'en' ? `/en/events/${event.slug}` : `/events/${event.slug}`
  const response = await call(eventLoader, getRequest(url), locale === 'en' ? { lang: 'en', slug: event.slug } : { slug: event.slug })
  expect(response.status).toBe(200)
  return body<PageView>(response)
}

async function speaker(itemId: string, name: string, publishConsent: boolean | null, position: number) {
  const profile = await db.speakerProfile.create({ data: { slug: `${name.toLowerCase().replace(/\s/g, '-')}-${position}`, name } })
  await db.programmeRole.create({ data: { itemId, speakerId: profile.id, publishConsent, recordingConsent: publishConsent, position } })
}

beforeAll(async () => {
  setConfig({ ...config(), appUrl: 'https://samling.test', mailFrom: 'Samling <no-reply@samling.test>' })
  sink = await startSmtpSink()
  transport = createSmtpTransport(sink.url)
  org = await createOrganization('coompanion-material', 'Coompanion')
  other = await createOrganization('other-material', 'Annan')
  organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  outsider = await cookieFor((await createMember(other.id, 'owner')).id)
  const series = await db.series.create({
    data: { slug: 'vinterserien', organizationId: org.id, titleSv: 'Vinterserien', titleEn: 'The winter series', status: 'published' },
  })
  event = await createEvent(org.id, {
    titleSv: 'Sociala företag',
    titleEn: 'Social enterprises',
    seriesId: series.id,
    startsAt: new Date('2026-11-10T08:00:00.000Z'),
    endsAt: new Date('2026-11-10T12:00:00.000Z'),
  })
  const item = (titleSv: string, hour: number) =>
    db.programmeItem.create({
      data: {
        eventId: event.id,
        type: 'talk',
        titleSv,
        titleEn: titleSv,
        startsAt: new Date(`2026-11-10T0${hour}:00:00.000Z`),
        endsAt: new Date(`2026-11-10T0${hour}:45:00.000Z`),
      },
    })
  consented = await item('Öppningstal', 8)
  refused = await item('Panelen', 9)
  await speaker(consented.id, 'Anna Berg', true, 0)
  await speaker(refused.id, 'Omar Said', true, 0)
  await speaker(refused.id, 'Lena Ek', false, 1)
})

afterAll(async () => {
  await transport?.close()
  await sink?.close()
})

describe('recordings and slides after the event', () => {
  it('a javascript: link is a 400 on the url field, in Swedish; nothing is stored', async () => {
    const response = await post({ intent: 'add', kind: 'recording', itemId: '', url: 'javascript:alert(1)' })
    expect(response.status).toBe(400)
    const answer = await body<FormAnswer>(response)
    expect(answer.fieldErrors.url).toBe('Skriv en fullständig webbadress som börjar med https:// eller http://.')
    expect(await db.eventMaterial.count()).toBe(0)
    const foreignItem = await post({ intent: 'add', kind: 'recording', itemId: '00000000-0000-4000-8000-000000000000', url: 'https://youtu.be/x' })
    expect(foreignItem.status).toBe(400)
    expect((await body<FormAnswer>(foreignItem)).fieldErrors.itemId).toBeDefined()
  })

  it('organizers attach links per item and per event; a recording without every speaker’s consent is not public, and the console says why', async () => {
    expect((await post({ intent: 'add', kind: 'recording', itemId: consented.id, url: 'https://www.youtube.com/watch?v=abc' })).status).toBe(302)
    expect((await post({ intent: 'add', kind: 'recording', itemId: refused.id, url: 'https://vimeo.com/123' })).status).toBe(302)
    expect(
      (await post({ intent: 'add', kind: 'slides', itemId: '', url: 'https://example.org/bilder.pdf', titleSv: 'Alla bilder', titleEn: 'All slides' })).status,
    ).toBe(302)

    const { materials } = await consolePage()
    expect(materials.map((material) => [material.href, material.isPublic])).toEqual([
      ['https://www.youtube.com/watch?v=abc', true],
      ['https://vimeo.com/123', false],
      ['https://example.org/bilder.pdf', true],
    ])
    expect(materials[1].publicText).toBe('Nej: Lena Ek har inte samtyckt till publicering')

    const page = await publicPage()
    expect(page.view.materials).toEqual([{ kind: 'slides', label: 'Alla bilder', href: 'https://example.org/bilder.pdf' }])
    const items = page.view.days.flatMap((day) => day.items)
    expect(items.find((item) => item.title === 'Öppningstal')!.eventMaterials).toEqual([
      { kind: 'recording', label: 'Inspelning: Öppningstal', href: 'https://www.youtube.com/watch?v=abc' },
    ])
    expect(items.find((item) => item.title === 'Panelen')!.eventMaterials).toEqual([])
    expect((await publicPage('en')).view.materials[0].label).toBe('All slides')

    // The series page collects the past part's public recordings and slides.
    const series = await body<{ recordings: { slug: string; links: { href: string }[] }[] }>(
      await call(seriesLoader, getRequest('/series/vinterserien'), { slug: 'vinterserien' }),
    )
    expect(series.recordings).toEqual([
      expect.objectContaining({
        slug: event.slug,
        links: [expect.objectContaining({ href: 'https://www.youtube.com/watch?v=abc' }), expect.objectContaining({ href: 'https://example.org/bilder.pdf' })],
      }),
    ])

    // Consent given later: the public page shows it at once (the page cache follows the write).
    await db.programmeRole.updateMany({ where: { itemId: refused.id }, data: { publishConsent: true } })
    const after = await publicPage()
    expect(after.view.days.flatMap((day) => day.items).find((item) => item.title === 'Panelen')!.eventMaterials).toHaveLength(1)
    await db.programmeRole.updateMany({ where: { itemId: refused.id, speaker: { name: 'Lena Ek' } }, data: { publishConsent: false } })
  })

  it('removing a material takes it off the public page', async () => {
    const extra = await post({ intent: 'add', kind: 'slides', itemId: consented.id, url: 'https://example.org/extra.pdf' })
    expect(extra.status).toBe(302)
    const added = (await consolePage()).materials.find((material) => material.href === 'https://example.org/extra.pdf')!
    expect((await publicPage()).view.days[0].items[0].eventMaterials).toHaveLength(2)
    expect((await post({ intent: 'remove', materialId: added.id })).status).toBe(302)
    expect((await publicPage()).view.days[0].items[0].eventMaterials).toHaveLength(1)
    expect((await post({ intent: 'remove', materialId: added.id })).status).toBe(404)
  })

  it('an uploaded slides file (the upload store) shows on the public page; removing it deletes the file', async () => {
    const form = new FormData()
    for (const [name, value] of Object.entries({ intent: 'upload', itemId: consented.id, titleSv: 'Bilderna', titleEn: 'The slides' })) form.set(name, value)
    form.set('file', new File([new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n')], 'bilder.pdf', { type: 'application/pdf' }))
    const request = new Request(`${ORIGIN}${path(event.id)}`, { method: 'POST', headers: { Cookie: organizer, Origin: ORIGIN }, body: form })
    const response = await call(action, request, { org: org.slug, id: event.id })
    expect(response.status).toBe(302)
    const stored = await db.eventMaterial.findFirstOrThrow({ where: { mediaId: { not: null } }, include: { media: true } })
    expect(stored.kind).toBe('slides')
    const links = (await publicPage()).view.days[0].items[0].eventMaterials
    expect(links.map((link) => link.label)).toEqual(['Inspelning: Öppningstal', 'Bilderna'])
    expect(links[1].href).toContain(stored.mediaId!)
    expect((await post({ intent: 'remove', materialId: stored.id })).status).toBe(302)
    expect(await db.mediaFile.count({ where: { id: stored.mediaId! } })).toBe(0)
    expect((await publicPage()).view.days[0].items[0].eventMaterials).toHaveLength(1)
  })

  it('viewers read but cannot change; another organization gets 404; a visitor is sent to /login', async () => {
    expect((await consolePage(viewer)).materials).toHaveLength(3)
    expect((await post({ intent: 'add', kind: 'recording', itemId: '', url: 'https://youtu.be/v' }, viewer)).status).toBe(403)
    expect((await post({ intent: 'notify' }, viewer)).status).toBe(403)
    const foreign = await call(loader, getRequest(`/organizer/${other.slug}/events/${event.id}/materials`, outsider), { org: other.slug, id: event.id })
    expect(foreign.status).toBe(404)
    const foreignPost = await call(action, postRequest(`/organizer/${other.slug}/events/${event.id}/materials`, { intent: 'notify' }, outsider), {
      org: other.slug,
      id: event.id,
    })
    expect(foreignPost.status).toBe(404)
    const visitor = await call(loader, getRequest(path(event.id)), { org: org.slug, id: event.id })
    expect(visitor.status).toBe(302)
    expect(visitor.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
    expect(await db.eventMaterial.count()).toBe(3)
  })

  it('"Meddela deltagarna" mails every confirmed registrant once, in their language; the second press is a 409', async () => {
    await createRegistration(event.id, { email: 'anna@kommun.se', status: 'confirmed', checkedInAt: new Date('2026-11-10T07:50:00.000Z') })
    await createRegistration(event.id, { email: 'noshow@region.se', status: 'confirmed', locale: 'en' })
    await createRegistration(event.id, { email: 'avbokad@kommun.se', status: 'cancelled' })
    await createRegistration(event.id, { email: 'kö@kommun.se', status: 'waitlisted' })
    await createRegistration(event.id, { email: 'intresse@kommun.se', status: 'interest' })
    expect((await consolePage()).recipients).toBe(2)

    const first = await post({ intent: 'notify' })
    expect(first.status).toBe(302)
    expect(first.headers.get('Location')).toContain('done=mailed&count=2')
    const queued = await db.outboxMessage.findMany({ where: { template: 'materials-published' }, orderBy: { recipient: 'asc' } })
    expect(queued.map((mail) => [mail.recipient, mail.locale])).toEqual([
      ['anna@kommun.se', 'sv'],
      ['noshow@region.se', 'en'],
    ])

    const second = await post({ intent: 'notify' })
    expect(second.status).toBe(409)
    expect((await body<FormAnswer>(second)).formError).toBe('Deltagarna har redan meddelats om materialet. Utskicket görs bara en gång.')
    expect(await db.outboxMessage.count({ where: { template: 'materials-published' } })).toBe(2)
    expect((await consolePage()).mailedAt).not.toBeNull()

    await processOutboxOnce({ transport })
    const mails = await Promise.all(sink.messages.map((message) => simpleParser(message.raw)))
    const sv = mails.find((mail) => mail.to && JSON.stringify(mail.to).includes('anna@kommun.se'))!
    expect(sv.subject).toBe('Inspelningar och bilder från Sociala företag')
    expect(sv.text).toContain(`https://samling.test/events/${event.slug}`)
    expect(sv.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(true)
    const en = mails.find((mail) => mail.to && JSON.stringify(mail.to).includes('noshow@region.se'))!
    expect(en.subject).toBe('Recordings and slides from Social enterprises')
    expect(en.text).toContain(`https://samling.test/en/events/${event.slug}`)
  })

  it('an event without material cannot be announced (409), and nothing is claimed', async () => {
    const empty = await createEvent(org.id, { startsAt: new Date('2026-11-01T08:00:00.000Z'), endsAt: new Date('2026-11-01T10:00:00.000Z') })
    await createRegistration(empty.id, { email: 'x@kommun.se' })
    const response = await post({ intent: 'notify' }, organizer, empty.id)
    expect(response.status).toBe(409)
    expect((await db.event.findUniqueOrThrow({ where: { id: empty.id } })).materialsMailedAt).toBeNull()
  })
})

describe('interest registrations when registration opens (issue 11 §5)', () => {
  it('opening mails each interested person once; closing and reopening mails nobody again', async () => {
    const lab = await createEvent(org.id, {
      registrationMode: 'interest_only',
      startsAt: new Date('2030-03-18T12:00:00.000Z'),
      endsAt: new Date('2030-03-18T15:00:00.000Z'),
    })
    await createRegistration(lab.id, { email: 'a@kommun.se', status: 'interest' })
    await createRegistration(lab.id, { email: 'b@kommun.se', status: 'interest', locale: 'en' })
    const save = async (registrationMode: string) => {
      const params = { org: org.slug, id: lab.id }
      const shown = await call(editLoader, getRequest(`/organizer/${org.slug}/events/${lab.id}`, organizer), params)
      const { values } = await body<{ values: Record<string, string> }>(shown)
      const response = await call(
        editAction,
        postRequest(`/organizer/${org.slug}/events/${lab.id}`, { ...values, registrationMode, intent: 'save' }, organizer),
        params,
      )
      expect(response.status).toBe(302)
    }
    const opened = () => db.outboxMessage.count({ where: { template: 'registration-opened', eventId: lab.id } })
    await save('open')
    expect(await opened()).toBe(2)
    await save('interest_only')
    await save('open')
    expect(await opened()).toBe(2)
  })
})
