import { AddToCalendar } from '../components/add-to-calendar.tsx'
import { atomFeedLink } from '../calendar/feed-links.ts'
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { EventCardList } from '../components/event-card.tsx'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { notFound } from '../errors.server.ts'
import { safeHttpUrl } from '../events/event-page.server.ts'
import { toEventCard } from '../events/listing.server.ts'
import { localePath, pick, t } from '../i18n/index.ts'
import { markdownToPlainText, renderMarkdown } from '../markdown.server.ts'
import { getPublicOrganization } from '../organizations/public.server.ts'
import { orNotFound, publicLocale, siteUrl } from '../public/route.server.ts'
import { isSlug } from '../slug.ts'
import { ogImageTags, shownImage } from '../uploads/media.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.organizationNotFound')
  const organization = await orNotFound(locale, () => getPublicOrganization(slug))
  const about = pick(organization, 'about', locale)
  return json({
    locale,
    organization: {
      name: organization.name,
      countyLabel: organization.county ? t(locale, `county.${organization.county as 'stockholm'}`) : null,
      website: safeHttpUrl(organization.website),
      contactEmail: organization.contactEmail,
      contactPhone: organization.contactPhone,
      aboutHtml: renderMarkdown(about, { topHeadingLevel: 3 }),
      aboutLang: locale === 'en' && !organization.aboutEn.trim() ? ('sv' as const) : undefined,
      logo: shownImage(organization.logo, pick(organization, 'logoAlt', locale)),
      upcoming: organization.upcoming.map((row) => toEventCard(row, locale)),
      past: organization.past.map((row) => toEventCard(row, locale)),
    },
    description: markdownToPlainText(about) || organization.name,
    appUrl: siteUrl(),
    url: `${siteUrl()}${localePath(locale, `/organizations/${slug}`)}`,
  })
}

export default function OrganizationPage() {
  const { organization, locale, url } = useLoaderData<typeof loader>()
  const hasContact = organization.website || organization.contactEmail || organization.contactPhone
  return (
    <main id="main" className="container page">
      {organization.logo ? (
        <img
          className="organization-logo"
          src={organization.logo.src}
          srcSet={organization.logo.srcSet}
          sizes="12rem"
          width={organization.logo.width}
          height={organization.logo.height}
          alt={organization.logo.alt}
        />
      ) : null}
      <h1>{organization.name}</h1>
      <AddToCalendar locale={locale} feedUrl={`${url}/calendar.ics`} name={t(locale, 'calendar.feed.named', { name: organization.name })} />
      <div className="event-layout">
        <div>
          {organization.aboutHtml ? (
            <section aria-labelledby="about-heading">
              <h2 id="about-heading">{t(locale, 'public.organization.about', { name: organization.name })}</h2>
              <div className="prose" lang={organization.aboutLang} dangerouslySetInnerHTML={{ __html: organization.aboutHtml }} />
            </section>
          ) : null}
        </div>
        {hasContact || organization.countyLabel ? (
          <section className="panel" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{t(locale, 'public.organization.contact')}</h2>
            <dl className="facts">
              {organization.countyLabel ? (
                <>
                  <dt>{t(locale, 'public.organization.county')}</dt>
                  <dd>{organization.countyLabel}</dd>
                </>
              ) : null}
              {organization.website ? (
                <>
                  <dt>{t(locale, 'public.organization.website')}</dt>
                  <dd>
                    <a href={organization.website} rel="noopener">
                      {organization.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                    </a>
                  </dd>
                </>
              ) : null}
              {organization.contactEmail ? (
                <>
                  <dt>{t(locale, 'public.organization.email')}</dt>
                  <dd>
                    <a href={`mailto:${organization.contactEmail}`}>{organization.contactEmail}</a>
                  </dd>
                </>
              ) : null}
              {organization.contactPhone ? (
                <>
                  <dt>{t(locale, 'public.organization.phone')}</dt>
                  <dd>
                    <a href={`tel:${organization.contactPhone.replace(/[^+\d]/g, '')}`}>{organization.contactPhone}</a>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
        ) : null}
      </div>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t(locale, 'public.organization.upcoming')}</h2>
        {organization.upcoming.length ? (
          <EventCardList cards={organization.upcoming} locale={locale} headingLevel={3} />
        ) : (
          <p>{t(locale, 'public.organization.noUpcoming')}</p>
        )}
      </section>
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t(locale, 'public.organization.past')}</h2>
        {organization.past.length ? (
          <EventCardList cards={organization.past} locale={locale} headingLevel={3} />
        ) : (
          <p>{t(locale, 'public.organization.noPast')}</p>
        )}
      </section>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${data.organization.name} – ${t(data.locale, 'app.name')}` },
    { name: 'description', content: data.description },
    { property: 'og:title', content: data.organization.name },
    { property: 'og:description', content: data.description },
    { property: 'og:type', content: 'website' },
    { property: 'og:url', content: data.url },
    ...ogImageTags(data.organization.logo, data.appUrl),
    { tagName: 'link', rel: 'canonical', href: data.url },
    atomFeedLink(data.locale, t(data.locale, 'calendar.feed.named', { name: data.organization.name }), `${data.url}/feed.xml`),
  ]
}

export const ErrorBoundary = PublicErrorBoundary
