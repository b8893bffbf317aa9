import { Link } from '@remix-run/react'
import type { EventCardView } from '../events/listing.server.ts'
import { localePath, t, type Locale } from '../i18n/index.ts'
import { AddToCalendar } from './add-to-calendar.tsx'
import { EventCardList } from './event-card.tsx'
import { FiltersForm, type FilterChoices, type FilterValues } from './filters-form.tsx'
import { Pagination } from './pagination.tsx'

export type ListingPageData = {
  locale: Locale
  when: 'upcoming' | 'past'
  basePath: string
  cards: EventCardView[]
  page: number
  previousHref: string | null
  nextHref: string | null
  clearHref: string | null
  values: FilterValues
  isFiltered: boolean
  choices: FilterChoices
  invalid: string[]
  /** `/` only: the absolute URL of /calendar.ics with the same filters. */
  feedUrl?: string
}

/** `/` and `/archive`: heading, filters, cards, pagination, and an empty state that says what to do. */
export function ListingPage({ data }: { data: ListingPageData }) {
  const { locale } = data
  const upcoming = data.when === 'upcoming'
  return (
    <main id="main" className="container page">
      <h1>{t(locale, upcoming ? 'public.home.title' : 'public.archive.title')}</h1>
      <p className="lead">{t(locale, upcoming ? 'public.home.lead' : 'public.archive.lead')}</p>
      {data.invalid.length ? (
        <p className="form-error" role="alert">
          {t(locale, 'public.filters.invalid', { parameters: data.invalid.join(', ') })}
        </p>
      ) : null}
      {data.feedUrl ? <AddToCalendar locale={locale} feedUrl={data.feedUrl} name={t(locale, 'calendar.feed.site')} /> : null}
      <FiltersForm locale={locale} action={data.basePath} values={data.values} choices={data.choices} clearHref={data.clearHref} />
      {data.cards.length ? (
        <>
          <EventCardList cards={data.cards} locale={locale} label={t(locale, 'public.results.label')} />
          <Pagination locale={locale} page={data.page} previousHref={data.previousHref} nextHref={data.nextHref} />
        </>
      ) : (
        <div className="empty-state" role="status">
          {data.isFiltered || data.page > 1 ? (
            <>
              <h2>{t(locale, 'public.empty.filtered')}</h2>
              <p>{t(locale, 'public.empty.filteredBody')}</p>
              <p>
                <Link to={data.basePath}>{t(locale, 'common.clear')}</Link>
              </p>
            </>
          ) : upcoming ? (
            <>
              <h2>{t(locale, 'public.empty.none')}</h2>
              <p>
                <Link to={localePath(locale, '/archive')}>{t(locale, 'public.empty.noneBody')}</Link>
              </p>
            </>
          ) : (
            <h2>{t(locale, 'public.empty.archive')}</h2>
          )}
        </div>
      )}
    </main>
  )
}
