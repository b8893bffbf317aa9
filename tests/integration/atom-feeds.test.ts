// Times must come out in Stockholm time whatever zone the server runs in.
process.env.TZ = 'America/New_York'

import { parseFeed } from '@rowanmanning/feed-parser'
import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { forgetFeedBodies } from '../../app/calendar/feeds.server.ts'
import { config } from '../../app/env.server.ts'
import { db } from '../../app/db/client.server.ts'
import { loader as siteIcs } from '../../app/routes/($lang).calendar[.]ics.ts'
import { loader as siteFeed } from '../../app/routes/($lang).feed[.]xml.ts'
import { loader as organizationIcs } from '../../app/routes/($lang).organizations.$slug_.calendar[.]ics.ts'
import { loader as organizationFeed } from '../../app/routes/($lang).organizations.$slug_.feed[.]xml.ts'
import { loader as seriesFeed } from '../../app/routes/($lang).series.$slug_.feed[.]xml.ts'
import { loader as speakerFeed } from '../../app/routes/($lang).speakers.$slug_.feed[.]xml.ts'
import { loader as homeLoader, meta as homeMeta } from '../../app/routes/($lang)._index.tsx'
import { loader as organizationLoader, meta as organizationMeta } from '../../app/routes/($lang).organizations.$slug.tsx'
import { loader as seriesLoader, meta as seriesMeta } from '../../app/routes/($lang).series.$slug.tsx'
import { loader as speakerLoader, meta as speakerMeta } from '../../app/routes/($lang).speakers.$slug.tsx'
import { useTestDatabase } from '../support/database.ts'
import { callLoader, thrownStatus } from './support/loaders.ts'
import { createEvent, createOrganization, createSeries } from './support/public-fixtures.ts'

useTestDatabase()

const app = () => config().appUrl

/** A 200 Atom answer, well-formed XML, read by a real feed parser. */
async function atom(response: Response) {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
  expect(response.headers.get('cache-control')).toBe('public, max-age=300')
  expect(response.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{32}"$/)
  const text = await response.text()
  expect(XMLValidator.validate(text)).toBe(true)
  return { text, feed: parseFeed(text) }
}

async function region() {
  const organization = await createOrganization({ name: 'Region Sörmland', county: 'sodermanland' })
  const series = await createSeries(organization.id, { titleSv: 'Välfärdsdialoger', titleEn: 'Welfare dialogues' })
  const main = await createEvent(organization.id, {
    titleSv: 'Öppna data i Södermanland',
    titleEn: 'Open data day',
    summarySv: 'En dag om öppna data.',
    summaryEn: 'A day about open data.',
    county: 'sodermanland',
    format: 'hybrid',
    startsAt: new Date('2099-02-10T08:00:00Z'),
    endsAt: new Date('2099-02-10T15:00:00Z'),
    venueName: 'Munktell Science Park',
    city: 'Eskilstuna',
    onlineUrl: 'https://meet.example.org/hemlig-lank-4711',
    seriesId: series.id,
    seriesPosition: 1,
  })
  const online = await createEvent(organization.id, {
    titleSv: 'Digitalt samtal',
    titleEn: 'Online talk',
    format: 'online',
    county: 'sodermanland',
    onlineUrl: 'https://meet.example.org/hemlig-lank-0815',
    startsAt: new Date('2099-03-01T13:00:00Z'),
    endsAt: new Date('2099-03-01T14:00:00Z'),
    seriesId: series.id,
    seriesPosition: 2,
  })
  const cancelled = await createEvent(organization.id, {
    titleSv: 'Nätverksträff',
    titleEn: 'Network meeting',
    status: 'cancelled',
    cancellationReason: 'Sjukdom',
    revision: 2,
    startsAt: new Date('2099-04-01T08:00:00Z'),
    endsAt: new Date('2099-04-01T10:00:00Z'),
  })
  const draft = await createEvent(organization.id, { status: 'draft', inDays: 5 })
  const old = await createEvent(organization.id, { inDays: -200 })
  const other = await createEvent((await createOrganization({ name: 'Region Värmland' })).id, {
    county: 'varmland',
    startsAt: new Date('2099-02-20T08:00:00Z'),
    endsAt: new Date('2099-02-20T10:00:00Z'),
  })
  return { organization, series, main, online, cancelled, draft, old, other }
}

const urn = (event: { id: string }) => `urn:uuid:${event.id}`

describe('the Atom feeds', () => {
  it('/feed.xml holds the same events as /calendar.ics, in time order, with stable ids, absolute links, the cancelled prefix and no stream link', async () => {
    const { main, online, cancelled, other, draft, old } = await region()
    const { text, feed } = await atom(await callLoader(siteFeed, '/feed.xml'))
    expect(feed.title).toBe('Samling')
    expect(feed.description).toBe('Evenemang i Samling: kommande och de senaste 90 dagarna.')
    expect(feed.language).toBe('sv')
    expect(feed.self).toBe(`${app()}/feed.xml`)
    expect(feed.url).toBe(`${app()}/`)
    const ids = feed.items.map((item) => item.id)
    const mine = [main, other, online, cancelled].map(urn)
    expect(ids.filter((id) => mine.includes(id!))).toEqual(mine)
    expect(ids).not.toContain(urn(draft))
    expect(ids).not.toContain(urn(old))
    // The iCalendar feed of the same selection holds exactly the same events.
    const ics = await (await callLoader(siteIcs, '/calendar.ics')).text()
    const uids = [...ics.matchAll(/^UID:event-([0-9a-f-]+)@samling\r$/gm)].map((match) => match[1]).sort()
    expect(uids).toEqual(feed.items.map((item) => item.id!.replace('urn:uuid:', '')).sort())

    const [first, , third, last] = mine.map((id) => feed.items.find((item) => item.id === id)!)
    expect(first.title).toBe('Öppna data i Södermanland')
    expect(first.url).toBe(`${app()}/events/${main.slug}`)
    expect(first.updated?.toISOString()).toBe(main.updatedAt.toISOString())
    expect(first.authors.map((author) => [author.name, author.url])).toEqual([
      ['Region Sörmland', `${app()}/organizations/${(await db.organization.findUniqueOrThrow({ where: { id: main.organizationId } })).slug}`],
    ])
    expect(first.description).toBe('tis 10 feb 2099, kl. 09.00–16.00 · Munktell Science Park, Eskilstuna')
    expect(first.content).toContain('En dag om öppna data.')
    expect(first.content).toContain(`<a href="${app()}/events/${main.slug}">`)
    expect(third.description).toBe('sön 1 mars 2099, kl. 14.00–15.00 · Digitalt')
    expect(last.title).toBe('INSTÄLLT: Nätverksträff')
    // The feed is as new as its newest entry, not "now".
    const newest = feed.items.map((item) => item.updated!.getTime()).sort((a, b) => b - a)[0]
    expect(feed.updated?.getTime()).toBe(newest)
    expect(newest).toBeGreaterThanOrEqual(Math.max(...[main, online, cancelled, other].map((event) => event.updatedAt.getTime())))
    expect(text).not.toContain('hemlig-lank')
    expect(text).not.toContain('meet.example.org')
  })

  it('gives an event the same id in the site, organization and series feeds, in English under /en and with ?lang=en', async () => {
    const { organization, series, main, online, cancelled } = await region()
    const site = (await atom(await callLoader(siteFeed, '/feed.xml'))).feed
    const byOrganization = (await atom(await callLoader(organizationFeed, `/organizations/${organization.slug}/feed.xml`, { slug: organization.slug }))).feed
    const bySeries = (await atom(await callLoader(seriesFeed, `/series/${series.slug}/feed.xml`, { slug: series.slug }))).feed
    expect(byOrganization.title).toBe('Samling – Region Sörmland')
    expect(byOrganization.url).toBe(`${app()}/organizations/${organization.slug}`)
    expect(byOrganization.items.map((item) => item.id)).toEqual([main, online, cancelled].map(urn))
    expect(bySeries.title).toBe('Samling – Välfärdsdialoger')
    expect(bySeries.items.map((item) => item.id)).toEqual([main, online].map(urn))
    // The same entry (id, title, link) in all three.
    const entryOf = (feed: typeof site) => feed.items.filter((item) => item.id === urn(main)).map((item) => [item.title, item.url, item.updated?.getTime()])
    expect(entryOf(site)).toEqual([['Öppna data i Södermanland', `${app()}/events/${main.slug}`, main.updatedAt.getTime()]])
    expect(entryOf(byOrganization)).toEqual(entryOf(site))
    expect(entryOf(bySeries)).toEqual(entryOf(site))

    for (const path of [`/en/series/${series.slug}/feed.xml`, `/series/${series.slug}/feed.xml?lang=en`]) {
      const params: Record<string, string> = path.startsWith('/en') ? { slug: series.slug, lang: 'en' } : { slug: series.slug }
      const english = (await atom(await callLoader(seriesFeed, path, params))).feed
      expect(english.language).toBe('en')
      expect(english.title).toBe('Samling – Welfare dialogues')
      expect(english.self).toBe(`${app()}/en/series/${series.slug}/feed.xml`)
      expect(english.items.map((item) => [item.id, item.title, item.url])).toEqual([
        [urn(main), 'Open data day', `${app()}/en/events/${main.slug}`],
        [urn(online), 'Online talk', `${app()}/en/events/${online.slug}`],
      ])
      expect(english.items[0].description).toBe('Tue 10 Feb 2099, 09:00–16:00 · Munktell Science Park, Eskilstuna')
      expect(english.items[1].description).toBe('Sun 1 Mar 2099, 14:00–15:00 · Online')
    }
    const englishSite = (await atom(await callLoader(siteFeed, '/en/feed.xml', { lang: 'en' }))).feed
    expect(englishSite.items.find((item) => item.id === urn(cancelled))?.title).toBe('CANCELLED: Network meeting')
  })

  it("has a speaker feed of the speaker's sessions, each with its own id, and 404 for unknown slugs, drafts and other languages", async () => {
    const { main, draft } = await region()
    const speaker = await db.speakerProfile.create({ data: { slug: `asa-${Date.now()}`, name: 'Åsa Öberg' } })
    const room = await db.room.create({ data: { eventId: main.id, name: 'Sal A' } })
    const talk = await db.programmeItem.create({
      data: {
        eventId: main.id,
        type: 'talk',
        titleSv: 'Data i vården',
        titleEn: 'Data in care',
        descriptionSv: 'Om journaler.',
        startsAt: main.startsAt,
        endsAt: new Date(main.startsAt.getTime() + 3600_000),
        roomId: room.id,
      },
    })
    await db.programmeRole.create({ data: { itemId: talk.id, speakerId: speaker.id } })
    const { feed } = await atom(await callLoader(speakerFeed, `/speakers/${speaker.slug}/feed.xml`, { slug: speaker.slug }))
    expect(feed.title).toBe('Samling – Åsa Öberg')
    expect(feed.items.map((item) => [item.id, item.title, item.url])).toEqual([[urn(talk), 'Data i vården', `${app()}/events/${main.slug}`]])
    expect(feed.items[0].description).toBe('tis 10 feb 2099, kl. 09.00–10.00 · Sal A, Munktell Science Park, Eskilstuna')
    expect(feed.items[0].content).toContain('Del av Öppna data i Södermanland')
    expect(feed.items[0].content).toContain('Om journaler.')

    const draftOrganization = await db.organization.findUniqueOrThrow({ where: { id: draft.organizationId } })
    const draftSeries = await createSeries(draftOrganization.id, { status: 'draft' })
    expect(await thrownStatus(callLoader(organizationFeed, '/organizations/finns-inte/feed.xml', { slug: 'finns-inte' }))).toBe(404)
    expect(await thrownStatus(callLoader(seriesFeed, '/series/finns-inte/feed.xml', { slug: 'finns-inte' }))).toBe(404)
    expect(await thrownStatus(callLoader(seriesFeed, `/series/${draftSeries.slug}/feed.xml`, { slug: draftSeries.slug }))).toBe(404)
    expect(await thrownStatus(callLoader(speakerFeed, '/speakers/finns-inte/feed.xml', { slug: 'finns-inte' }))).toBe(404)
    expect(await thrownStatus(callLoader(speakerFeed, '/speakers/Inte_En_Slug/feed.xml', { slug: 'Inte_En_Slug' }))).toBe(404)
    expect(await thrownStatus(callLoader(siteFeed, '/de/feed.xml', { lang: 'de' }))).toBe(404)
  })

  it('filters /feed.xml as / does and answers 400 in the reader’s language for a bad filter', async () => {
    const { organization, main, online, cancelled } = await region()
    const byOrganization = (await atom(await callLoader(siteFeed, `/feed.xml?organization=${organization.slug}`))).feed
    expect(byOrganization.items.map((item) => item.id)).toEqual([main, online, cancelled].map(urn))
    const search = `?format=online&organization=${organization.slug}`
    const filtered = (await atom(await callLoader(siteFeed, `/feed.xml${search}`))).feed
    expect(filtered.title).toBe('Samling – Digitalt · Region Sörmland')
    expect(filtered.self).toBe(`${app()}/feed.xml${search}`)
    expect(filtered.url).toBe(`${app()}/${search}`)
    expect(filtered.items.map((item) => item.id)).toEqual([urn(online)])

    const bad = await callLoader(siteFeed, '/feed.xml?county=atlantis')
    expect(bad.status).toBe(400)
    expect(bad.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const badIcs = await callLoader(siteIcs, '/calendar.ics?county=atlantis')
    expect(await bad.text()).toBe(await badIcs.text())
    const badEnglish = await callLoader(siteFeed, '/en/feed.xml?county=atlantis', { lang: 'en' })
    expect(badEnglish.status).toBe(400)
    const badEnglishIcs = await callLoader(siteIcs, '/en/calendar.ics?county=atlantis', { lang: 'en' })
    expect(await badEnglish.text()).toBe(await badEnglishIcs.text())
    expect(await (await callLoader(siteFeed, '/en/feed.xml?county=atlantis', { lang: 'en' })).text()).not.toBe(
      await (await callLoader(siteFeed, '/feed.xml?county=atlantis')).text(),
    )
  })

  it('answers 304 by ETag and by Last-Modified without a body, gives the same bytes while nothing changes and a new ETag after an edit', async () => {
    const { organization, main } = await region()
    const path = `/organizations/${organization.slug}/feed.xml`
    const params = { slug: organization.slug }
    const first = await callLoader(organizationFeed, path, params)
    const etag = first.headers.get('etag')!
    const lastModified = first.headers.get('last-modified')!
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0)
    const firstText = (await atom(first)).text
    forgetFeedBodies()
    expect(await (await callLoader(organizationFeed, path, params)).text()).toBe(firstText)

    // Not the iCalendar feed's validator: the two texts differ.
    const icsPath = `/organizations/${organization.slug}/calendar.ics`
    expect((await callLoader(organizationIcs, icsPath, params)).headers.get('etag')).not.toBe(etag)
    expect((await callLoader(organizationIcs, icsPath, params, { 'If-None-Match': etag })).status).toBe(200)

    const byTag = await callLoader(organizationFeed, path, params, { 'If-None-Match': etag })
    expect(byTag.status).toBe(304)
    expect(byTag.headers.get('etag')).toBe(etag)
    expect(byTag.headers.get('content-type')).toBeNull()
    expect(await byTag.text()).toBe('')
    const byDate = await callLoader(organizationFeed, path, params, { 'If-Modified-Since': lastModified })
    expect(byDate.status).toBe(304)
    expect(await byDate.text()).toBe('')

    await db.event.update({ where: { id: main.id }, data: { titleSv: 'Öppna data – ny titel' } })
    forgetFeedBodies()
    const changed = await callLoader(organizationFeed, path, params, { 'If-None-Match': etag })
    expect(changed.headers.get('etag')).not.toBe(etag)
    const { feed } = await atom(changed)
    expect(feed.items[0]).toMatchObject({ id: urn(main), title: 'Öppna data – ny titel' })
  })

  it('escapes <, & and quotes in titles and summaries so a reader shows them as typed', async () => {
    const organization = await createOrganization({ name: 'Kod & "Kaffe" <AB>' })
    const event = await createEvent(organization.id, {
      titleSv: 'Fika <script>alert(1)</script> & "prat" om ]]> CDATA',
      summarySv: "Rader med <b>fet</b> & 'citat'\u0007.",
      venueName: 'Hus "A" & <B>',
    })
    const { text, feed } = await atom(await callLoader(organizationFeed, `/organizations/${organization.slug}/feed.xml`, { slug: organization.slug }))
    expect(text).not.toContain('<script>')
    expect(text).not.toContain('<b>fet')
    expect(feed.title).toBe('Samling – Kod & "Kaffe" <AB>')
    const [item] = feed.items
    expect(item.id).toBe(urn(event))
    expect(item.title).toBe('Fika <script>alert(1)</script> & "prat" om ]]> CDATA')
    expect(item.authors[0].name).toBe('Kod & "Kaffe" <AB>')
    expect(item.description).toContain('Hus "A" & <B>')
    // type="html": the HTML source in CDATA has the text escaped, so a reader shows the tags as typed
    // (feed-parser decodes entities in content, so the raw text says it best).
    expect(text).toContain('<p>Rader med &lt;b&gt;fet&lt;/b&gt; &amp; &#39;citat&#39;.</p>')
  })

  it('names the Atom feed in the head of /, organization, series and speaker pages, and the link leads to that feed', async () => {
    const { organization, series, main, online } = await region()
    const speaker = await db.speakerProfile.create({ data: { slug: `bo-${Date.now()}`, name: 'Bo Ek' } })
    const talk = await db.programmeItem.create({
      data: { eventId: main.id, type: 'talk', titleSv: 'Inledning', titleEn: 'Opening', startsAt: main.startsAt, endsAt: main.endsAt },
    })
    await db.programmeRole.create({ data: { itemId: talk.id, speakerId: speaker.id } })

    /** The page's meta as Remix renders it into the head, and the autodiscovery links among it. */
    async function discovered(loader: unknown, meta: unknown, path: string, params: Record<string, string>) {
      const response = await callLoader(loader, path, params)
      expect(response.status).toBe(200)
      const data = await response.json()
      const url = new URL(`http://localhost${path}`)
      const descriptors = (meta as (args: unknown) => Record<string, string>[])({
        data,
        params,
        location: { pathname: url.pathname, search: url.search },
        matches: [],
      })
      return descriptors.filter((descriptor) => descriptor.tagName === 'link' && descriptor.type === 'application/atom+xml')
    }

    const home = await discovered(homeLoader, homeMeta, `/?organization=${organization.slug}`, {})
    expect(home).toEqual([
      {
        tagName: 'link',
        rel: 'alternate',
        type: 'application/atom+xml',
        title: 'Samling (Atom-flöde)',
        href: `${app()}/feed.xml?organization=${organization.slug}`,
      },
    ])
    const englishHome = await discovered(homeLoader, homeMeta, '/en', { lang: 'en' })
    expect(englishHome.map((link) => [link.title, link.href])).toEqual([['Samling (Atom feed)', `${app()}/en/feed.xml`]])

    const pages = [
      {
        loader: organizationLoader,
        meta: organizationMeta,
        feedLoader: organizationFeed,
        path: `/organizations/${organization.slug}`,
        slug: organization.slug,
        title: 'Samling – Region Sörmland (Atom-flöde)',
        ids: [main.id, online.id],
      },
      {
        loader: seriesLoader,
        meta: seriesMeta,
        feedLoader: seriesFeed,
        path: `/series/${series.slug}`,
        slug: series.slug,
        title: 'Samling – Välfärdsdialoger (Atom-flöde)',
        ids: [main.id, online.id],
      },
      {
        loader: speakerLoader,
        meta: speakerMeta,
        feedLoader: speakerFeed,
        path: `/speakers/${speaker.slug}`,
        slug: speaker.slug,
        title: 'Samling – Bo Ek (Atom-flöde)',
        ids: [talk.id],
      },
    ]
    for (const page of pages) {
      const [link, ...more] = await discovered(page.loader, page.meta, page.path, { slug: page.slug })
      expect(more).toEqual([])
      expect(link).toEqual({ tagName: 'link', rel: 'alternate', type: 'application/atom+xml', title: page.title, href: `${app()}${page.path}/feed.xml` })
      // Following the link gives the feed of that page.
      const href = new URL(link.href)
      const { feed } = await atom(await callLoader(page.feedLoader, href.pathname, { slug: page.slug }))
      expect(feed.self).toBe(link.href)
      expect(feed.url).toBe(`${app()}${page.path}`)
      for (const id of page.ids) expect(feed.items.map((item) => item.id)).toContain(`urn:uuid:${id}`)
    }
    const english = await discovered(organizationLoader, organizationMeta, `/en/organizations/${organization.slug}`, { slug: organization.slug, lang: 'en' })
    expect(english.map((link) => [link.title, link.href])).toEqual([
      ['Samling – Region Sörmland (Atom feed)', `${app()}/en/organizations/${organization.slug}/feed.xml`],
    ])
  })
})
