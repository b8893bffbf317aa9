import { describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { manageToken } from '../../app/registrations/tokens.server.ts'
import * as noticeRoute from '../../app/routes/($lang).organizations.$slug_.privacy.tsx'
import * as registerRoute from '../../app/routes/($lang).events.$slug_.register.tsx'
import * as seriesRegisterRoute from '../../app/routes/($lang).series.$slug_.register.tsx'
import * as settingsRoute from '../../app/routes/organizer.$org.privacy.tsx'
import * as dataRoute from '../../app/routes/($lang).registrations.$token_.data.tsx'
import * as dataJsonRoute from '../../app/routes/($lang).registrations.$token_.data[.]json.ts'
import * as manageRoute from '../../app/routes/($lang).registrations.$token.tsx'
import { body, call, cookieFor, createMember, createOrganization, getRequest, postRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const DAY = 86_400_000
const STREAM = 'https://stream.example.org/privat-sandning-x9'
let counter = 0

async function makeEvent(organizationId: string, overrides: Record<string, unknown> = {}) {
  counter += 1
  const startsAt = new Date(Date.now() + 20 * DAY)
  return db.event.create({
    data: {
      slug: `privacy-event-${counter}`,
      organizationId,
      titleSv: `Integritetsdagen ${counter}`,
      titleEn: `Privacy day ${counter}`,
      status: 'published',
      publishedAt: new Date(),
      format: 'hybrid',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 3_600_000),
      venueName: 'Stadshuset',
      city: 'Umeå',
      capacityOnSite: 50,
      capacityOnline: 50,
      onlineUrl: STREAM,
      ...overrides,
    },
  })
}

const fields = (email: string, extra: Record<string, string> = {}) => ({
  name: `Person ${email.split('@')[0]}`,
  email,
  organization: 'Umeå kommun',
  sector: 'public_sector',
  county: 'vasterbotten',
  attendance: 'online',
  ...extra,
})

const register = (slug: string, values: Record<string, string>) => call(registerRoute.action, postRequest(`/events/${slug}/register`, values), { slug })

type NoticeData = {
  notice: { version: number; currentVersion: number; extra: string; contactEmail: string | null; retentionMonths: number; organization: { name: string } }
}
const notice = async (slug: string, query = '', lang?: 'en') => {
  const response = await call(noticeRoute.loader, getRequest(`${lang ? '/en' : ''}/organizations/${slug}/privacy${query}`), { slug, ...(lang ? { lang } : {}) })
  return { status: response.status, data: response.status === 200 ? await body<NoticeData>(response) : null }
}

describe('the organization’s privacy notice', () => {
  it('every organization starts at version 1; an owner’s saved change is version 2, older versions stay readable, in Swedish and English', async () => {
    const organization = await createOrganization('umea-kommun-notice', 'Umeå kommun')
    await db.organization.update({ where: { id: organization.id }, data: { contactEmail: 'kontakt@umea.example.se', retentionMonths: 6 } })
    const other = await createOrganization('annan-org-notice', 'Region Västerbotten')
    const first = await notice(organization.slug)
    expect(first.data?.notice).toMatchObject({ version: 1, currentVersion: 1, extra: '', contactEmail: 'kontakt@umea.example.se', retentionMonths: 6 })

    const owner = await createMember(organization.id, 'owner')
    const saved = await call(
      settingsRoute.action,
      postRequest(
        `/organizer/${organization.slug}/privacy`,
        { contactEmail: 'Dataskydd@Umea.example.se', extraSv: 'Vårt dataskyddsombud heter Ada.', extraEn: 'Our data protection officer is Ada.' },
        await cookieFor(owner.id),
      ),
      { org: organization.slug },
    )
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`/organizer/${organization.slug}/privacy?saved=2`)

    const sv = await notice(organization.slug)
    expect(sv.data?.notice).toMatchObject({
      version: 2,
      currentVersion: 2,
      extra: 'Vårt dataskyddsombud heter Ada.',
      contactEmail: 'dataskydd@umea.example.se',
    })
    const en = await notice(organization.slug, '', 'en')
    expect(en.data?.notice.extra).toBe('Our data protection officer is Ada.')
    const older = await notice(organization.slug, '?version=1')
    expect(older.data?.notice).toMatchObject({ version: 1, currentVersion: 2, extra: '' })
    expect((await notice(organization.slug, '?version=3')).status).toBe(404)
    expect((await notice(organization.slug, '?version=abc')).status).toBe(404)
    expect((await notice('ingen-sadan-organisation')).status).toBe(404)
    // Another organization's notice is its own.
    expect((await notice(other.slug)).data?.notice).toMatchObject({ version: 1, currentVersion: 1, extra: '', organization: { name: 'Region Västerbotten' } })

    // The same text again writes no version; an organizer (not an owner) may not save.
    const again = await call(
      settingsRoute.action,
      postRequest(
        `/organizer/${organization.slug}/privacy`,
        { contactEmail: 'dataskydd@umea.example.se', extraSv: 'Vårt dataskyddsombud heter Ada.', extraEn: 'Our data protection officer is Ada.' },
        await cookieFor(owner.id),
      ),
      { org: organization.slug },
    )
    expect(again.headers.get('Location')).toBe(`/organizer/${organization.slug}/privacy?unchanged=2`)
    const organizer = await createMember(organization.id, 'organizer')
    const refused = await call(
      settingsRoute.action,
      postRequest(`/organizer/${organization.slug}/privacy`, { contactEmail: '', extraSv: 'Nej', extraEn: '' }, await cookieFor(organizer.id)),
      { org: organization.slug },
    )
    expect(refused.status).toBe(403)
    const badAddress = await call(
      settingsRoute.action,
      postRequest(`/organizer/${organization.slug}/privacy`, { contactEmail: 'inte-en-adress', extraSv: '', extraEn: '' }, await cookieFor(owner.id)),
      { org: organization.slug },
    )
    expect(badAddress.status).toBe(400)
    expect((await body<{ fieldErrors: Record<string, string> }>(badAddress)).fieldErrors.contactEmail).toBe(
      'Skriv en giltig e-postadress, till exempel namn@kommun.se.',
    )
    expect(await db.privacyNotice.count({ where: { organizationId: organization.id } })).toBe(2)
    expect(await db.auditEntry.count({ where: { organizationId: organization.id, action: 'privacy.noticeSaved' } })).toBe(1)
  })
})

describe('consent recorded with the registration', () => {
  it('the form names the current version; the registration stores the version it posted, or the current one when none was posted', async () => {
    const organization = await createOrganization('consent-org', 'Region Jämtland Härjedalen')
    await db.privacyNotice.create({ data: { organizationId: organization.id, version: 2, extraSv: 'Andra versionen' } })
    const event = await makeEvent(organization.id)
    const page = await call(registerRoute.loader, getRequest(`/events/${event.slug}/register`), { slug: event.slug })
    expect((await body<{ form: { privacy: unknown } }>(page)).form.privacy).toEqual({
      organizationSlug: 'consent-org',
      organizationName: 'Region Jämtland Härjedalen',
      version: 2,
    })

    const before = Date.now()
    expect((await register(event.slug, fields('forsta@example.org', { privacyVersion: '1' }))).status).toBe(303)
    expect((await register(event.slug, fields('andra@example.org'))).status).toBe(303)
    // An older form's consent=yes changes nothing.
    expect((await register(event.slug, fields('tredje@example.org', { consent: 'yes', privacyVersion: '2' }))).status).toBe(303)
    const rows = await db.registration.findMany({
      where: { eventId: event.id },
      orderBy: { email: 'asc' },
      select: { email: true, privacyVersion: true, privacyAcceptedAt: true },
    })
    expect(rows.map((row) => [row.email, row.privacyVersion])).toEqual([
      ['andra@example.org', 2],
      ['forsta@example.org', 1],
      ['tredje@example.org', 2],
    ])
    for (const row of rows) expect(row.privacyAcceptedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000)
  })

  it('a version the organization never had is a 400 with a message on the field, in the visitor’s language, and nothing is written', async () => {
    const organization = await createOrganization('consent-bad-org', 'Region Gävleborg')
    const other = await createOrganization('consent-other-org', 'Annan')
    await db.privacyNotice.create({ data: { organizationId: other.id, version: 5 } })
    const event = await makeEvent(organization.id)
    const sv = await register(event.slug, fields('fel@example.org', { privacyVersion: '5' }))
    expect(sv.status).toBe(400)
    const answer = await body<{ fieldErrors: Record<string, string>; values: Record<string, string> }>(sv)
    expect(answer.fieldErrors.privacyVersion).toBe(
      'Formuläret hänvisade till en version av integritetsmeddelandet som arrangören inte har. Ladda om sidan, läs meddelandet och skicka igen.',
    )
    expect(answer.values.name).toBe('Person fel')
    const en = await call(registerRoute.action, postRequest(`/en/events/${event.slug}/register`, fields('fel@example.org', { privacyVersion: 'x1' })), {
      slug: event.slug,
      lang: 'en',
    })
    expect(en.status).toBe(400)
    expect((await body<{ fieldErrors: Record<string, string> }>(en)).fieldErrors.privacyVersion).toBe(
      'The form referred to a version of the privacy notice that the organizer does not have. Reload the page, read the notice and send again.',
    )
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(0)
    expect(await db.outboxMessage.count({ where: { eventId: event.id } })).toBe(0)
  })

  it('a series sign-up records the version on the sign-up and on every part', async () => {
    const organization = await createOrganization('consent-series-org', 'Sopact Norr')
    const series = await db.series.create({
      data: { slug: 'consent-series', organizationId: organization.id, titleSv: 'Serien', titleEn: 'The series', status: 'published' },
    })
    const a = await makeEvent(organization.id, { seriesId: series.id, seriesPosition: 1, format: 'online', capacityOnSite: null })
    const b = await makeEvent(organization.id, { seriesId: series.id, seriesPosition: 2, format: 'online', capacityOnSite: null })
    const posted = await call(
      seriesRegisterRoute.action,
      postRequest('/series/consent-series/register', fields('serie@example.org', { privacyVersion: '1' })),
      {
        slug: 'consent-series',
      },
    )
    expect(posted.status).toBe(303)
    expect((await db.seriesSignup.findFirstOrThrow({ where: { seriesId: series.id } })).privacyVersion).toBe(1)
    const parts = await db.registration.findMany({ where: { eventId: { in: [a.id, b.id] } }, select: { privacyVersion: true } })
    expect(parts).toEqual([{ privacyVersion: 1 }, { privacyVersion: 1 }])
    const refused = await call(
      seriesRegisterRoute.action,
      postRequest('/series/consent-series/register', fields('serie2@example.org', { privacyVersion: '4' })),
      {
        slug: 'consent-series',
      },
    )
    expect(refused.status).toBe(400)
    expect((await body<{ fieldErrors: Record<string, string> }>(refused)).fieldErrors.privacyVersion).toMatch(/^Formuläret hänvisade/)
  })
})

type MyDataJson = {
  format: string
  email: string
  registrations: {
    event: { title: string; organization: string }
    name: string
    answers: { question: string; answer: string }[]
    starredItems: { title: string }[]
    audienceQuestions: { text: string }[]
    checkedInAt: string | null
    privacy: { version: number; acceptedAt: string } | null
  }[]
  mails: { template: string; subject: string | null; status: string; queuedAt: string }[]
}

describe('download my data', () => {
  it('gathers the address’s registrations across two organizations’ events, with answers, questions, check-ins, consent, stars and mails, and nothing of anybody else', async () => {
    const a = await createOrganization('data-org-a', 'Region Örebro län')
    const b = await createOrganization('data-org-b', 'Coompanion Örebro')
    const eventA = await makeEvent(a.id)
    const eventB = await makeEvent(b.id)
    const question = await db.customQuestion.create({ data: { eventId: eventA.id, kind: 'text', labelSv: 'Kost', labelEn: 'Diet' } })
    expect((await register(eventA.slug, fields('Mira.Data@example.org', { [`q_${question.id}`]: 'Glutenfri, tack-77' }))).status).toBe(303)
    expect((await register(eventB.slug, fields('mira.data@example.org'))).status).toBe(303)
    expect((await register(eventA.slug, fields('nils.annan@example.org', { [`q_${question.id}`]: 'Annans svar-88' }))).status).toBe(303)
    const mine = await db.registration.findFirstOrThrow({ where: { eventId: eventA.id, emailNormalized: 'mira.data@example.org' } })
    const item = await db.programmeItem.create({
      data: {
        eventId: eventA.id,
        type: 'talk',
        titleSv: 'Öppningen',
        titleEn: 'The opening',
        startsAt: eventA.startsAt,
        endsAt: new Date(eventA.startsAt.getTime() + 3_600_000),
      },
    })
    await db.programmeStar.create({ data: { registrationId: mine.id, itemId: item.id } })
    await db.audienceQuestion.create({ data: { eventId: eventA.id, itemId: item.id, registrationId: mine.id, text: 'Hur mäter ni effekt?' } })
    await db.registration.update({ where: { id: mine.id }, data: { checkedInAt: new Date() } })
    const token = manageToken(mine)

    const response = await call(dataJsonRoute.loader, getRequest(`/registrations/${token}/data.json`), { token })
    expect(response.status).toBe(200)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="samling-mina-uppgifter.json"')
    const text = await response.text()
    const data = JSON.parse(text) as MyDataJson
    expect(data.format).toBe('samling-my-data/1')
    expect(data.email).toBe('mira.data@example.org')
    expect(data.registrations.map((registration) => registration.event.organization).sort()).toEqual(['Coompanion Örebro', 'Region Örebro län'])
    const atA = data.registrations.find((registration) => registration.event.organization === 'Region Örebro län')!
    expect(atA.answers).toEqual([{ question: 'Kost', answer: 'Glutenfri, tack-77' }])
    expect(atA.starredItems.map((star) => star.title)).toEqual(['Öppningen'])
    expect(atA.audienceQuestions.map((asked) => asked.text)).toEqual(['Hur mäter ni effekt?'])
    expect(atA.checkedInAt).not.toBeNull()
    expect(atA.privacy?.version).toBe(1)
    expect(data.mails.map((mail) => mail.template).sort()).toEqual(['registration-confirmed', 'registration-confirmed'])
    expect(data.mails.every((mail) => mail.subject && mail.status === 'pending')).toBe(true)
    // Nobody else, no links, tokens, hashes or the stream link.
    for (const secret of ['nils.annan', 'Annans svar-88', token, mine.manageTokenHash, STREAM, '/registrations/', 'http', 'Hash', 'token']) {
      expect(text, secret).not.toContain(secret)
    }

    const page = await call(dataRoute.loader, getRequest(`/en/registrations/${token}/data`), { token, lang: 'en' })
    expect(page.status).toBe(200)
    expect(page.headers.get('Cache-Control')).toBe('private, no-store')
    const view = (await body<{ view: { registrations: { event: { title: string }; status: string }[] } }>(page)).view
    expect(view.registrations.map((registration) => registration.event.title).sort()).toEqual([eventA.titleEn, eventB.titleEn].sort())
    expect(view.registrations[0].status).toBe('Registered')

    // The manage page links the download and the accepted notice.
    const manage = await body<{ privacy: { dataPath: string; noticePath: string } }>(
      await call(manageRoute.loader, getRequest(`/registrations/${token}`), { token }),
    )
    expect(manage.privacy.dataPath).toBe(`/registrations/${token}/data`)
    expect(manage.privacy.noticePath).toBe('/organizations/data-org-a/privacy?version=1')
  })

  it('an unknown, replaced or anonymized link is a 404 with a clear message, never a 500', async () => {
    const organization = await createOrganization('data-org-gone', 'Gävle kommun')
    const event = await makeEvent(organization.id)
    await register(event.slug, fields('borta@example.org'))
    const registration = await db.registration.findFirstOrThrow({ where: { eventId: event.id } })
    const token = manageToken(registration)
    const unknown = 'A'.repeat(43)
    for (const [route, path] of [
      [dataRoute.loader, `/registrations/${unknown}/data`],
      [dataJsonRoute.loader, `/registrations/${unknown}/data.json`],
      [dataRoute.loader, '/registrations/kort/data'],
    ] as const) {
      const response = await call(route, getRequest(path), { token: path.split('/')[2] })
      expect(response.status).toBe(404)
      expect((await body<{ message?: string; error?: string }>(response)).message ?? '').toMatch(/^(Länken fungerar inte längre|)/)
    }
    await db.registration.update({ where: { id: registration.id }, data: { anonymizedAt: new Date() } })
    const gone = await call(dataJsonRoute.loader, getRequest(`/registrations/${token}/data.json`), { token })
    expect(gone.status).toBe(404)
    expect(await body(gone)).toEqual({ error: 'Länken fungerar inte längre. Den kan ha bytts ut eller uppgifterna kan ha raderats.' })
  })
})
