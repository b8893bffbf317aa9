// Times must come out in Stockholm time whatever zone the server runs in.
process.env.TZ = 'America/New_York'

import type { LoaderFunctionArgs } from '@remix-run/node'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { EmbedWidget } from '../../app/components/embed-widget.tsx'
import { headers as organizationHeaders, loader as organizationEmbed } from '../../app/routes/($lang).embed.organizations.$slug.tsx'
import { loader as seriesEmbed } from '../../app/routes/($lang).embed.series.$slug.tsx'
import { embedSnippets, type EmbedPageData } from '../../app/public/embed.server.ts'
import { useTestDatabase } from '../support/database.ts'
import { createEvent, createOrganization, createSeries } from './support/public-fixtures.ts'

useTestDatabase()

type Loader = (args: LoaderFunctionArgs) => Promise<Response>
const call = (loader: unknown, path: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
  (loader as Loader)({ request: new Request(`http://localhost${path}`, { headers }), params, context: {} })

async function thrown(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return { status: error.status, message: ((await error.json()) as { message: string }).message }
    throw error
  }
  throw new Error('the loader did not throw')
}

async function widget(loader: unknown, path: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await call(loader, path, params, headers)
  expect(response.status).toBe(200)
  const data = (await response.json()) as EmbedPageData
  return { response, data, html: renderToStaticMarkup(createElement(EmbedWidget, { data })) }
}

const titles = (data: EmbedPageData) => data.events.map((event) => event.title)

async function region() {
  const organization = await createOrganization({ name: 'Region Sörmland' })
  const series = await createSeries(organization.id, { titleSv: 'Välfärdsdialoger', titleEn: 'Welfare dialogues' })
  await createEvent(organization.id, { titleSv: 'Redan hållen', titleEn: 'Already held', inDays: -3 })
  await createEvent(organization.id, { titleSv: 'Utkastet', titleEn: 'The draft', status: 'draft', inDays: 2 })
  const winter = await createEvent(organization.id, {
    titleSv: 'Öppna data i Eskilstuna',
    titleEn: 'Open data in Eskilstuna',
    startsAt: new Date('2099-02-10T08:00:00Z'), // 09.00 in Stockholm
    endsAt: new Date('2099-02-10T15:00:00Z'),
    city: 'Eskilstuna',
    county: 'sodermanland',
    seriesId: series.id,
    seriesPosition: 2,
  })
  await createEvent(organization.id, {
    titleSv: 'Webbinarium om välfärd',
    titleEn: 'Webinar on welfare',
    format: 'online',
    city: null,
    inDays: 5,
    seriesId: series.id,
    seriesPosition: 1,
  })
  await createEvent(organization.id, { titleSv: 'Nätverksträff', titleEn: 'Network meeting', status: 'cancelled', cancellationReason: 'Sjukdom', inDays: 8 })
  for (let i = 0; i < 6; i++) await createEvent(organization.id, { titleSv: `Träff ${i + 1}`, titleEn: `Meetup ${i + 1}`, inDays: 20 + i })
  return { organization, series, winter }
}

describe('the organization widget', () => {
  it('lists the next five public events, soonest first, each with Stockholm time, place and a link that opens Samling in a new tab', async () => {
    const { organization, winter } = await region()
    const { data, html, response } = await widget(organizationEmbed, `/embed/organizations/${organization.slug}`, { slug: organization.slug })
    expect(titles(data)).toEqual(['Webbinarium om välfärd', 'Nätverksträff', 'Träff 1', 'Träff 2', 'Träff 3'])
    expect(response.headers.get('cache-control')).toBe('public, max-age=300')
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(html).toContain('<h1 id="embed-heading">Kommande evenemang</h1>')
    expect(html).toContain('Från Region Sörmland på Samling. Alla tider är svensk tid.')
    const webinar = data.events[0]
    expect(html).toContain(
      `<a href="http://localhost:3000/events/${webinar.slug}" target="_blank" rel="noopener"><span>Webbinarium om välfärd</span><span class="visually-hidden"> (öppnas i ny flik)</span></a>`,
    )
    expect(html).toContain('<p class="embed__place">Digitalt</p>')
    expect(html).toContain('<span class="badge badge--cancelled">Inställt</span>')
    expect(html).toContain(`<a href="http://localhost:3000/organizations/${organization.slug}" target="_blank" rel="noopener">Alla evenemang på Samling`)

    const all = await widget(organizationEmbed, `/embed/organizations/${organization.slug}?limit=20`, { slug: organization.slug })
    expect(titles(all.data)).toHaveLength(9)
    expect(titles(all.data).at(-1)).toBe('Öppna data i Eskilstuna')
    expect(all.html).toContain('<time dateTime="2099-02-10T08:00:00.000Z">')
    expect(all.data.events.at(-1)!.when).toBe('tis 10 feb 2099, kl. 09.00–16.00')
    expect(all.html).toContain('<p class="embed__place">Eskilstuna, Södermanlands län</p>')
    expect(all.data.events.at(-1)!.url).toBe(`http://localhost:3000/events/${winter.slug}`)

    const two = await widget(organizationEmbed, `/embed/organizations/${organization.slug}?limit=2`, { slug: organization.slug })
    expect(titles(two.data)).toEqual(['Webbinarium om välfärd', 'Nätverksträff'])
  })

  it('is in English under /en, with English titles, times and links', async () => {
    const { organization } = await region()
    const { data, html } = await widget(organizationEmbed, `/en/embed/organizations/${organization.slug}?limit=20`, { slug: organization.slug, lang: 'en' })
    expect(titles(data).slice(0, 2)).toEqual(['Webinar on welfare', 'Network meeting'])
    expect(html).toContain('<h1 id="embed-heading">Upcoming events</h1>')
    expect(html).toContain('<span class="visually-hidden"> (opens in a new tab)</span>')
    expect(html).toContain('<p class="embed__place">Online</p>')
    expect(html).toContain('<span class="badge badge--cancelled">Cancelled</span>')
    expect(html).toContain(`href="http://localhost:3000/en/events/${data.events[0].slug}"`)
    expect(html).toContain('All events on Samling')
    expect(data.events.at(-1)!.when).toBe('Tue 10 Feb 2099, 09:00–16:00')
  })

  it('shows an empty state when nothing is coming', async () => {
    const organization = await createOrganization({ name: 'Tysta föreningen' })
    await createEvent(organization.id, { inDays: -10 })
    const { data, html } = await widget(organizationEmbed, `/embed/organizations/${organization.slug}`, { slug: organization.slug })
    expect(data.events).toEqual([])
    expect(html).toContain('<p class="embed__empty">Inga kommande evenemang just nu.</p>')
  })

  it('is the same for everyone: a Cookie header changes nothing and no cookie is set', async () => {
    const { organization } = await region()
    const path = `/embed/organizations/${organization.slug}`
    const anonymous = await widget(organizationEmbed, path, { slug: organization.slug })
    const signedIn = await widget(organizationEmbed, path, { slug: organization.slug }, { cookie: 'samling_session=abc; other=1' })
    expect(signedIn.html).toBe(anonymous.html)
    expect(signedIn.response.headers.get('set-cookie')).toBeNull()
    expect([...signedIn.response.headers]).toEqual([...anonymous.response.headers])
    const headers = new Headers(organizationHeaders({ loaderHeaders: anonymous.response.headers } as never) as HeadersInit)
    expect(headers.get('cache-control')).toBe('public, max-age=300')
  })

  it('answers an unknown organization, a foreign language prefix or a bad slug with 404', async () => {
    expect(await thrown(call(organizationEmbed, '/embed/organizations/finns-inte', { slug: 'finns-inte' }))).toEqual({
      status: 404,
      message: 'Organisationen finns inte.',
    })
    expect((await thrown(call(organizationEmbed, '/de/embed/organizations/x', { slug: 'x', lang: 'de' }))).status).toBe(404)
    expect((await thrown(call(organizationEmbed, '/embed/organizations/NOT%20A%20SLUG', { slug: 'NOT A SLUG' }))).status).toBe(404)
  })

  it('answers a limit outside 1–20 or not a whole number with 400 and a message in the page language', async () => {
    const { organization } = await region()
    for (const limit of ['0', '21', '2.5', 'abc', '-1', '1e1', '5x']) {
      const answer = await thrown(call(organizationEmbed, `/embed/organizations/${organization.slug}?limit=${limit}`, { slug: organization.slug }))
      expect(answer, limit).toEqual({ status: 400, message: 'Ogiltigt värde för limit: ange ett heltal från 1 till 20.' })
    }
    const english = await thrown(call(organizationEmbed, `/en/embed/organizations/${organization.slug}?limit=99`, { slug: organization.slug, lang: 'en' }))
    expect(english).toEqual({ status: 400, message: 'Invalid value for limit: give a whole number from 1 to 20.' })
  })
})

describe('the series widget', () => {
  it("lists the series' upcoming public parts in start order, and nothing of the organization's other events", async () => {
    const { series } = await region()
    const { data, html } = await widget(seriesEmbed, `/embed/series/${series.slug}`, { slug: series.slug })
    expect(titles(data)).toEqual(['Webbinarium om välfärd', 'Öppna data i Eskilstuna'])
    expect(html).toContain('I serien Välfärdsdialoger på Samling.')
    expect(html).toContain(`href="http://localhost:3000/series/${series.slug}"`)
    const english = await widget(seriesEmbed, `/en/embed/series/${series.slug}`, { slug: series.slug, lang: 'en' })
    expect(english.html).toContain('In the series Welfare dialogues on Samling.')
  })

  it('answers a draft or unknown series with 404, like the series page', async () => {
    const organization = await createOrganization()
    const draft = await createSeries(organization.id, { status: 'draft' })
    await createEvent(organization.id, { seriesId: draft.id })
    expect(await thrown(call(seriesEmbed, `/embed/series/${draft.slug}`, { slug: draft.slug }))).toEqual({ status: 404, message: 'Serien finns inte.' })
    expect((await thrown(call(seriesEmbed, '/en/embed/series/finns-inte', { slug: 'finns-inte', lang: 'en' }))).status).toBe(404)
  })
})

describe('the snippet for the console', () => {
  it('is an iframe with the absolute widget URL, a title per language, lazy loading and no border; quotes in a name are escaped', () => {
    const [sv, en] = embedSnippets({ kind: 'organization', slug: 'region-sormland' }, { sv: 'Region "Sörmland" & co', en: 'Region "Sörmland" & co' })
    expect(sv).toEqual({
      locale: 'sv',
      previewPath: '/embed/organizations/region-sormland',
      code: '<iframe src="http://localhost:3000/embed/organizations/region-sormland" title="Kommande evenemang – Region &quot;Sörmland&quot; &amp; co (Samling)" width="100%" height="600" loading="lazy" style="border:0"></iframe>',
    })
    expect(en.previewPath).toBe('/en/embed/organizations/region-sormland')
    expect(en.code).toContain(
      'src="http://localhost:3000/en/embed/organizations/region-sormland" title="Upcoming events – Region &quot;Sörmland&quot; &amp; co (Samling)"',
    )
  })
})
