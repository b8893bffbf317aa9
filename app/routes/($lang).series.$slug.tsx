import { AddToCalendar } from '../components/add-to-calendar.tsx'
import { atomFeedLink } from '../calendar/feed-links.ts'
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EventCard } from '../components/event-card.tsx'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { SeriesRegistration } from '../components/registration-form.tsx'
import { notFound } from '../errors.server.ts'
import { toEventCard } from '../events/listing.server.ts'
import { localePath, pick, t } from '../i18n/index.ts'
import { markdownToPlainText, renderMarkdown } from '../markdown.server.ts'
import { orNotFound, publicLocale, siteUrl } from '../public/route.server.ts'
import { loadSeriesRegistrationForm } from '../registrations/form.server.ts'
import { getPublicSeries } from '../series/public.server.ts'
import { listSeriesRecordings } from '../events/materials.server.ts'
import { MaterialLinks } from '../components/material-links.tsx'
import { formatLongDate } from '../time.ts'
import { isSlug } from '../slug.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.seriesNotFound')
  const series = await orNotFound(locale, () => getPublicSeries(slug))
  const summary = pick(series, 'summary', locale)
  const registration = await loadSeriesRegistrationForm(slug, locale)
  const recordings = await listSeriesRecordings({ seriesSlug: slug })
  return json({
    locale,
    registration,
    series: {
      slug: series.slug,
      title: pick(series, 'title', locale),
      titleLang: locale === 'en' && !series.titleEn.trim() ? ('sv' as const) : undefined,
      summary,
      descriptionHtml: renderMarkdown(pick(series, 'description', locale), { topHeadingLevel: 2 }),
      organization: series.organization,
      parts: series.parts.map((part) => toEventCard(part, locale)),
    },
    recordings: recordings.map(({ part, materials }) => ({
      slug: part.slug,
      title: pick(part, 'title', locale),
      when: formatLongDate(part.startsAt, locale),
      links: materials.map((material) => {
        const about = material.item ? pick(material.item, 'title', locale) : pick(part, 'title', locale)
        return {
          kind: material.kind,
          href: material.href,
          label: pick(material, 'title', locale).trim() || `${t(locale, `materials.kind.${material.kind}`)}: ${about}`,
        }
      }),
    })),
    description: summary || markdownToPlainText(pick(series, 'description', locale)),
    url: `${siteUrl()}${localePath(locale, `/series/${slug}`)}`,
  })
}

export default function SeriesPage() {
  const { series, locale, registration, url, recordings } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="container page">
      <h1 lang={series.titleLang}>{series.title}</h1>
      {series.summary ? <p className="lead">{series.summary}</p> : null}
      <p>
        {t(locale, 'common.organizer')}: <Link to={localePath(locale, `/organizations/${series.organization.slug}`)}>{series.organization.name}</Link>
      </p>
      <AddToCalendar locale={locale} feedUrl={`${url}/calendar.ics`} name={t(locale, 'calendar.feed.named', { name: series.title })} />
      {series.descriptionHtml ? <div className="prose" dangerouslySetInnerHTML={{ __html: series.descriptionHtml }} /> : null}
      <section aria-labelledby="parts-heading">
        <h2 id="parts-heading">{t(locale, 'public.series.parts')}</h2>
        {series.parts.length ? (
          <ol className="card-list series-list">
            {series.parts.map((card) => (
              <li key={card.slug}>
                <EventCard card={card} locale={locale} headingLevel={3} />
              </li>
            ))}
          </ol>
        ) : (
          <p>{t(locale, 'public.series.noParts')}</p>
        )}
      </section>
      {recordings.length ? (
        <section aria-labelledby="recordings-heading">
          <h2 id="recordings-heading">{t(locale, 'public.materials.seriesHeading')}</h2>
          {recordings.map((part) => (
            <section key={part.slug} aria-labelledby={`recordings-${part.slug}`}>
              <h3 id={`recordings-${part.slug}`}>
                <Link to={localePath(locale, `/events/${part.slug}`)}>{part.title}</Link> <span>({part.when})</span>
              </h3>
              <MaterialLinks links={part.links} />
            </section>
          ))}
        </section>
      ) : null}
      {registration.openParts.length ? (
        <section aria-labelledby="series-registration-heading" className="registration-section">
          <h2 id="series-registration-heading">{t(locale, 'registration.seriesHeading')}</h2>
          <SeriesRegistration locale={locale} form={registration} action={localePath(locale, `/series/${series.slug}/register`)} />
        </section>
      ) : null}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  const title = `${data.series.title} – ${t(data.locale, 'app.name')}`
  return [
    { title },
    { name: 'description', content: data.description },
    { property: 'og:title', content: data.series.title },
    { property: 'og:description', content: data.description },
    { property: 'og:type', content: 'website' },
    { property: 'og:url', content: data.url },
    { tagName: 'link', rel: 'canonical', href: data.url },
    atomFeedLink(data.locale, t(data.locale, 'calendar.feed.named', { name: data.series.title }), `${data.url}/feed.xml`),
  ]
}

export const ErrorBoundary = PublicErrorBoundary
