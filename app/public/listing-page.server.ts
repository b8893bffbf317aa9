import { json } from '@remix-run/node'
import { COUNTIES, EVENT_FORMATS } from '../enums.ts'
import { getFilterOptions, listingSearch, listPublicEvents, parseListingQuery } from '../events/listing.server.ts'
import type { FilterChoices } from '../components/filters-form.tsx'
import { localePath, pick, t, type Locale } from '../i18n/index.ts'
import { siteUrl } from './route.server.ts'

const countyChoiceLists = new Map<Locale, { value: string; label: string }[]>()

/** The counties in alphabetical order of their names (sorted once per language). */
function countyChoices(locale: Locale) {
  let choices = countyChoiceLists.get(locale)
  if (!choices) {
    choices = COUNTIES.map((value) => ({ value, label: t(locale, `county.${value}`) })).sort((a, b) => a.label.localeCompare(b.label, 'sv'))
    countyChoiceLists.set(locale, choices)
  }
  return choices
}

/**
 * The loader behind `/` (upcoming) and `/archive` (past): parses the filters (invalid values are
 * dropped, named, and answered with status 400), loads one page and builds the links that keep the
 * filters. Two cheap queries: the page (+1 row) and the cached filter choices.
 */
export async function loadListingPage(input: { request: Request; locale: Locale; when: 'upcoming' | 'past' }) {
  const { request, locale, when } = input
  const url = new URL(request.url)
  const basePath = localePath(locale, when === 'upcoming' ? '/' : '/archive')
  const { query, invalid } = parseListingQuery(url.searchParams)
  const [result, options] = await Promise.all([listPublicEvents({ filters: query, page: query.page, when, locale }), getFilterOptions()])
  const choices: FilterChoices = {
    county: countyChoices(locale),
    format: EVENT_FORMATS.map((value) => ({ value, label: t(locale, `format.${value}`) })),
    organization: options.organizations.map((organization) => ({ value: organization.slug, label: organization.name })),
    series: options.series.map((series) => ({ value: series.slug, label: pick(series, 'title', locale) })),
  }
  const values = { q: query.q, county: query.county, format: query.format, organization: query.organization, series: query.series }
  const isFiltered = Object.values(values).some(Boolean)
  return json(
    {
      locale,
      when,
      basePath,
      cards: result.cards,
      page: result.page,
      previousHref: result.page > 1 ? `${basePath}${listingSearch({ ...values, page: result.page - 1 })}` : null,
      nextHref: result.hasNext ? `${basePath}${listingSearch({ ...values, page: result.page + 1 })}` : null,
      clearHref: isFiltered || invalid.length ? basePath : null,
      values,
      isFiltered,
      choices,
      invalid,
      feedUrl: when === 'upcoming' ? `${siteUrl()}${localePath(locale, '/calendar.ics')}${listingSearch(values)}` : undefined,
      /** The Atom twin of feedUrl, for the head's autodiscovery link. */
      atomUrl: when === 'upcoming' ? `${siteUrl()}${localePath(locale, '/feed.xml')}${listingSearch(values)}` : undefined,
    },
    { status: invalid.length ? 400 : 200 },
  )
}
