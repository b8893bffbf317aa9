// Times must come out in Stockholm time whatever zone the server runs in.
process.env.TZ = 'America/New_York'

import type { LoaderFunctionArgs } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import { loader as indexLoader } from '../../app/routes/($lang)._index.tsx'
import { loader as archiveLoader } from '../../app/routes/($lang).archive.tsx'
import { loader as eventLoader } from '../../app/routes/($lang).events.$slug.tsx'
import { loader as seriesLoader } from '../../app/routes/($lang).series.$slug.tsx'
import { loader as organizationLoader } from '../../app/routes/($lang).organizations.$slug.tsx'
import { loader as speakerLoader } from '../../app/routes/($lang).speakers.$slug.tsx'
import { loader as accessibilityLoader } from '../../app/routes/($lang).accessibility.tsx'
import { loader as splatLoader } from '../../app/routes/($lang).$.tsx'
import { useTestDatabase } from '../support/database.ts'
import { thrownStatus } from './support/loaders.ts'
import { createEvent, createOrganization, createSeries } from './support/public-fixtures.ts'

useTestDatabase()

type Loader = (args: LoaderFunctionArgs) => Promise<Response>
const call = (loader: unknown, path: string, params: Record<string, string> = {}) =>
  (loader as Loader)({ request: new Request(`http://localhost${path}`), params, context: {} })

async function eventPage(slug: string, lang?: 'en') {
  const response = await call(eventLoader, `${lang ? '/en' : ''}/events/${slug}`, lang ? { slug, lang } : { slug })
  expect(response.status).toBe(200)
  return { response, data: await response.clone().json(), text: await response.text() }
}

async function conference() {
  const organization = await createOrganization({ name: 'Region Värmland', website: 'https://regionvarmland.example.org' })
  const startsAt = new Date('2099-02-10T08:00:00Z') // a Tuesday, 09.00 in Stockholm
  const event = await createEvent(organization.id, {
    titleSv: 'Co-Days Värmland',
    titleEn: 'Co-Days Värmland',
    summarySv: 'Tre dagar om social innovation.',
    descriptionSv: '## Välkommen\n\n<script>alert("x")</script>\n\nLäs [mer](javascript:alert(1)) eller [här](https://example.org).',
    format: 'hybrid',
    startsAt,
    endsAt: new Date('2099-02-12T15:00:00Z'),
    venueName: 'Karlstad CCC',
    venueAddress: 'Tage Erlandergatan 8',
    postalCode: '652 20',
    onlineUrl: 'https://meet.example.org/hemlig-lank-4711',
    capacityOnSite: 300,
    capacityOnline: null,
    registrationMode: 'invite_only',
  })
  await db.ticketType.create({ data: { eventId: event.id, nameSv: 'Deltagare', nameEn: 'Participant', priceOre: 29500 } })
  const room = await db.room.create({ data: { eventId: event.id, name: 'Sal Klara', position: 1 } })
  const speaker = await db.speakerProfile.create({
    data: { slug: `anna-${event.slug}`, name: 'Anna Andersson', titleSv: 'Utvecklingsledare', affiliation: 'Karlstads kommun' },
  })
  const day1 = await db.programmeItem.create({
    data: { eventId: event.id, type: 'keynote', titleSv: 'Öppning', titleEn: 'Opening', startsAt, endsAt: new Date('2099-02-10T09:00:00Z'), roomId: room.id },
  })
  await db.programmeRole.create({ data: { itemId: day1.id, speakerId: speaker.id, role: 'moderator' } })
  await db.programmeItem.create({
    data: {
      eventId: event.id,
      type: 'talk',
      titleSv: 'Dag två',
      titleEn: 'Day two',
      startsAt: new Date('2099-02-11T12:30:00Z'),
      endsAt: new Date('2099-02-11T13:15:00Z'),
      recordingUrl: 'https://video.example.org/dag-2',
      slidesUrl: 'javascript:alert(1)',
    },
  })
  return { organization, event, speaker }
}

describe('public pages answer 404, never 500, for what does not exist', () => {
  it('an unknown event slug is a 404', async () => {
    expect(await thrownStatus(call(eventLoader, '/events/finns-inte', { slug: 'finns-inte' }))).toBe(404)
  })

  it('a slug that is not even a slug is a 404', async () => {
    expect(await thrownStatus(call(eventLoader, '/events/%3Cx%3E', { slug: '<x>' }))).toBe(404)
  })

  it('a language other than English in the first segment is a 404', async () => {
    const organization = await createOrganization()
    const event = await createEvent(organization.id)
    expect(await thrownStatus(call(eventLoader, `/de/events/${event.slug}`, { lang: 'de', slug: event.slug }))).toBe(404)
    expect(await thrownStatus(call(indexLoader, '/de', { lang: 'de' }))).toBe(404)
    expect(await thrownStatus(call(accessibilityLoader, '/de/accessibility', { lang: 'de' }))).toBe(404)
  })

  it('a draft event is a 404 on its page', async () => {
    const organization = await createOrganization()
    const draft = await createEvent(organization.id, { status: 'draft' })
    expect(await thrownStatus(call(eventLoader, `/events/${draft.slug}`, { slug: draft.slug }))).toBe(404)
  })

  it('unknown series, organizations and speakers are 404s, and so is a draft series', async () => {
    expect(await thrownStatus(call(seriesLoader, '/series/nope', { slug: 'nope' }))).toBe(404)
    expect(await thrownStatus(call(organizationLoader, '/organizations/nope', { slug: 'nope' }))).toBe(404)
    expect(await thrownStatus(call(speakerLoader, '/speakers/nope', { slug: 'nope' }))).toBe(404)
    const organization = await createOrganization()
    const draftSeries = await createSeries(organization.id, { status: 'draft' })
    expect(await thrownStatus(call(seriesLoader, `/series/${draftSeries.slug}`, { slug: draftSeries.slug }))).toBe(404)
  })

  it('a speaker who only appears in a draft programme has no public page yet', async () => {
    const organization = await createOrganization()
    const draft = await createEvent(organization.id, { status: 'draft' })
    const item = await db.programmeItem.create({
      data: { eventId: draft.id, type: 'talk', titleSv: 'Hemligt', titleEn: 'Secret', startsAt: draft.startsAt, endsAt: draft.endsAt },
    })
    const speaker = await db.speakerProfile.create({ data: { slug: `hemlig-${draft.slug}`, name: 'Hemlig' } })
    await db.programmeRole.create({ data: { itemId: item.id, speakerId: speaker.id } })
    expect(await thrownStatus(call(speakerLoader, `/speakers/${speaker.slug}`, { slug: speaker.slug }))).toBe(404)
  })

  it('any unknown address is a 404 in the visitor’s language', async () => {
    const thrown = await call(splatLoader, '/en/no/such/page', { lang: 'en', '*': 'no/such/page' }).catch((error: Response) => error)
    expect(thrown.status).toBe(404)
    expect(await thrown.json()).toEqual({ message: 'Page not found' })
  })
})

describe('the event page', () => {
  it('never contains the online link, in the data or anywhere else', async () => {
    const { event } = await conference()
    const { text } = await eventPage(event.slug)
    expect(text).not.toContain('hemlig-lank-4711')
    const english = await eventPage(event.slug, 'en')
    expect(english.text).not.toContain('hemlig-lank-4711')
  })

  it('groups the programme by Stockholm day with Swedish headings and times, even on a New York server', async () => {
    const { event } = await conference()
    const { data } = await eventPage(event.slug)
    expect(data.view.when).toBe('tis 10 feb 2099, kl. 09.00 – tors 12 feb 2099, kl. 16.00')
    expect(data.view.days.map((day: { heading: string }) => day.heading)).toEqual(['tisdag 10 februari 2099', 'onsdag 11 februari 2099'])
    expect(data.view.days[0].items[0]).toMatchObject({ time: '09.00–10.00', title: 'Öppning', typeLabel: 'Huvudtalare', room: 'Sal Klara' })
    expect(data.view.days[0].items[0].speakers).toEqual([{ slug: expect.any(String), name: 'Anna Andersson', role: 'moderator', roleLabel: 'Moderator' }])
    expect(data.view.days[1].items[0].time).toBe('13.30–14.15')
    expect(data.view.days[0].items[0].speakerGroups).toEqual([
      { role: 'moderator', label: 'Moderator', people: [{ slug: expect.any(String), name: 'Anna Andersson', detail: 'Utvecklingsledare, Karlstads kommun' }] },
    ])
  })

  it('shows the recording link but drops a slides link that is not http(s)', async () => {
    const { event } = await conference()
    const { data } = await eventPage(event.slug)
    expect(data.view.days[1].items[0].recordingUrl).toBe('https://video.example.org/dag-2')
    expect(data.view.days[1].items[0].slidesUrl).toBeNull()
  })

  it('renders the description as safe Markdown: the script is text and the javascript: link is gone', async () => {
    const { event } = await conference()
    const { data } = await eventPage(event.slug)
    expect(data.view.descriptionHtml).toContain('&lt;script&gt;')
    expect(data.view.descriptionHtml).not.toContain('<script')
    expect(data.view.descriptionHtml).not.toContain('javascript:')
    expect(data.view.descriptionHtml).toContain('<p>Läs mer eller')
    expect(data.view.descriptionHtml).toContain('<h3>Välkommen</h3>')
    expect(data.view.descriptionHtml).toContain('<a href="https://example.org" rel="noopener nofollow">här</a>')
  })

  it('shows price, capacity, registration mode and the venue', async () => {
    const { event } = await conference()
    const { data } = await eventPage(event.slug)
    expect(data.view.prices).toEqual([{ name: 'Deltagare', price: '295 kr inkl. moms' }])
    expect(data.view.capacityOnSite).toBe(300)
    expect(data.registration.mode).toBe('invite_only')
    expect(data.view.placeText).toBe('Karlstad CCC, Tage Erlandergatan 8, 652 20 Karlstad')
    expect(data.view.venue.countyLabel).toBe('Värmlands län')
  })

  it('describes itself to search engines as a schema.org Event with offset times, mixed attendance and a price in SEK', async () => {
    const { event } = await conference()
    const { data } = await eventPage(event.slug)
    expect(data.view.jsonLd).toMatchObject({
      '@type': 'Event',
      name: 'Co-Days Värmland',
      startDate: '2099-02-10T09:00:00+01:00',
      endDate: '2099-02-12T16:00:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      offers: { '@type': 'Offer', price: '295.00', priceCurrency: 'SEK' },
      organizer: { '@type': 'Organization', name: 'Region Värmland' },
      inLanguage: 'sv-SE',
    })
    expect(data.view.jsonLd.location[0].address).toMatchObject({ '@type': 'PostalAddress', addressLocality: 'Karlstad', addressCountry: 'SE' })
    expect(data.view.jsonLd.location[1]['@type']).toBe('VirtualLocation')
  })

  it('tells visitors a cancelled event is cancelled, with the reason, in English too', async () => {
    const organization = await createOrganization()
    const event = await createEvent(organization.id, {
      status: 'cancelled',
      cancellationReason: 'Too few registrations',
      format: 'online',
      city: null,
      county: null,
    })
    const { data } = await eventPage(event.slug, 'en')
    expect(data.view.status).toBe('cancelled')
    expect(data.view.cancellationReason).toBe('Too few registrations')
    expect(data.view.jsonLd.eventStatus).toBe('https://schema.org/EventCancelled')
    expect(data.view.jsonLd.location).toEqual({ '@type': 'VirtualLocation', url: expect.stringContaining(`/en/events/${event.slug}`) })
    expect(data.view.prices).toEqual([])
  })

  it('lists the other parts of its series in order, marking this one', async () => {
    const organization = await createOrganization()
    const series = await createSeries(organization.id)
    const part2 = await createEvent(organization.id, { seriesId: series.id, seriesPosition: 2, inDays: 14 })
    const part1 = await createEvent(organization.id, { seriesId: series.id, seriesPosition: 1, inDays: 7 })
    await createEvent(organization.id, { seriesId: series.id, seriesPosition: 3, inDays: 21, status: 'draft' })
    const { data } = await eventPage(part2.slug)
    expect(data.view.series.parts.map((part: { slug: string; isCurrent: boolean }) => [part.slug, part.isCurrent])).toEqual([
      [part1.slug, false],
      [part2.slug, true],
    ])
  })
})

describe('series, organization and speaker pages', () => {
  it('the series page lists its public parts in order', async () => {
    const organization = await createOrganization()
    const series = await createSeries(organization.id, { titleSv: 'Barnets rätt' })
    const b = await createEvent(organization.id, { seriesId: series.id, seriesPosition: 2, inDays: 2 })
    const a = await createEvent(organization.id, { seriesId: series.id, seriesPosition: 1, inDays: 9 })
    const response = await call(seriesLoader, `/series/${series.slug}`, { slug: series.slug })
    const data = await response.json()
    expect(data.series.title).toBe('Barnets rätt')
    expect(data.series.parts.map((part: { slug: string }) => part.slug)).toEqual([a.slug, b.slug])
  })

  it('the organization page shows upcoming and past events separately', async () => {
    const organization = await createOrganization({ aboutSv: 'Vi arbetar med **social innovation**.', contactEmail: 'info@example.org' })
    const future = await createEvent(organization.id, { inDays: 5 })
    const past = await createEvent(organization.id, { inDays: -5 })
    await createEvent(organization.id, { inDays: 6, status: 'draft' })
    const data = await (await call(organizationLoader, `/organizations/${organization.slug}`, { slug: organization.slug })).json()
    expect(data.organization.upcoming.map((card: { slug: string }) => card.slug)).toEqual([future.slug])
    expect(data.organization.past.map((card: { slug: string }) => card.slug)).toEqual([past.slug])
    expect(data.organization.aboutHtml).toBe('<p>Vi arbetar med <strong>social innovation</strong>.</p>')
  })

  it('the speaker page lists sessions with event and Stockholm time', async () => {
    const { speaker, event } = await conference()
    const data = await (await call(speakerLoader, `/en/speakers/${speaker.slug}`, { slug: speaker.slug, lang: 'en' })).json()
    expect(data.speaker.sessions).toEqual([
      expect.objectContaining({
        title: 'Opening',
        roleLine: 'Moderator, keynote',
        when: 'Tue 10 Feb 2099, 09:00–10:00',
        event: expect.objectContaining({ slug: event.slug }),
      }),
    ])
  })
})

describe('the listing pages', () => {
  it('an unknown county in the address gives status 400 with a message, and still shows events', async () => {
    const organization = await createOrganization()
    await createEvent(organization.id)
    const response = await call(indexLoader, `/?county=atlantis&organization=${organization.slug}`)
    expect(response.status).toBe(400)
    const data = await response.json()
    expect(data.invalid).toEqual(['county'])
    expect(data.cards).toHaveLength(1)
  })

  it('pagination links keep the filters', async () => {
    const organization = await createOrganization()
    for (let i = 0; i < 13; i++) await createEvent(organization.id, { inDays: 1 + i })
    const data = await (await call(indexLoader, `/en?organization=${organization.slug}&q=event`, { lang: 'en' })).json()
    expect(data.cards).toHaveLength(12)
    expect(data.nextHref).toBe(`/en?q=event&organization=${organization.slug}&page=2`)
    expect(data.previousHref).toBeNull()
    const page2 = await (await call(indexLoader, `/en?organization=${organization.slug}&q=event&page=2`, { lang: 'en' })).json()
    expect(page2.cards).toHaveLength(1)
    expect(page2.previousHref).toBe(`/en?q=event&organization=${organization.slug}`)
  })

  it('the archive shows past events with an empty-state flag when a filter matches nothing', async () => {
    const data = await (await call(archiveLoader, '/archive?q=ingenting-alls-matchar')).json()
    expect(data.cards).toEqual([])
    expect(data.isFiltered).toBe(true)
    expect(data.clearHref).toBe('/archive')
  })
})
