import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { AddToCalendar } from '../components/add-to-calendar.tsx'
import { FormatBadge, StatusBadge } from '../components/format-badge.tsx'
import { useNonce } from '../components/nonce.tsx'
import { MaterialLinks } from '../components/material-links.tsx'
import { Programme, type ProgrammeLayout } from '../components/programme.tsx'
import { offersForm, RegistrationForm, RegistrationNotes } from '../components/registration-form.tsx'
import { ScheduleWarnings } from '../components/schedule-warnings.tsx'
import { getCurrentPerson } from '../accounts/session.server.ts'
import { findScheduleWarningsForMember } from '../events/schedule-warnings.server.ts'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { notFound } from '../errors.server.ts'
import { getEventPageView } from '../events/event-page-view.server.ts'
import { jsonLdScriptContent } from '../events/json-ld.ts'
import { localePath, t, type Locale } from '../i18n/index.ts'
import { findOpenCall } from '../proposals/proposals.server.ts'
import { orNotFound, publicLocale, siteUrl } from '../public/route.server.ts'
import { getRegistrationForm } from '../registrations/form.server.ts'
import { isSlug } from '../slug.ts'
import { formatDateTime } from '../time.ts'
import { ogImageTags } from '../uploads/media.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.eventNotFound')
  const appUrl = siteUrl()
  const view = await orNotFound(locale, () => getEventPageView(slug, { locale, appUrl }))
  const registration = await orNotFound(locale, () => getRegistrationForm(slug, locale))
  const openCall = await findOpenCall(slug)
  const call = openCall ? { deadline: formatDateTime(openCall.closesAt, locale) } : null
  // ?view=grid shows multi-room days as a table; anything else is the list. Part of the URL, so the page cache keeps each view apart.
  const programmeLayout: ProgrammeLayout = new URL(request.url).searchParams.get('view') === 'grid' ? 'grid' : 'list'
  const canStar = view.status !== 'cancelled' && new Date(view.endsAt) > new Date()
  const description = view.summary || [view.when, view.placeText ?? t(locale, 'format.online')].join('. ')
  // Organizers of this event also see what to check about its times. Only a request with a Cookie
  // can be one, and such requests bypass the shared page cache; the answer then says it is private.
  const person = request.headers.has('Cookie') ? await getCurrentPerson(request) : null
  const scheduleWarnings = person ? await findScheduleWarningsForMember({ personId: person.id, eventSlug: slug, locale }) : null
  const headers: HeadersInit = scheduleWarnings ? { 'Cache-Control': 'private, no-store', Vary: 'Cookie' } : {}
  return json(
    {
      locale,
      view,
      programmeLayout,
      canStar,
      registration,
      call,
      description,
      scheduleWarnings,
      appUrl,
      url: `${appUrl}${localePath(locale, `/events/${slug}`)}`,
    },
    { headers },
  )
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const cacheControl = loaderHeaders.get('Cache-Control')
  return cacheControl ? { 'Cache-Control': cacheControl, Vary: 'Cookie' } : new Headers()
}

type View = ReturnType<typeof useLoaderData<typeof loader>>['view']

function StatusBanner({ view, locale }: { view: View; locale: Locale }) {
  if (view.status === 'cancelled')
    return (
      <div className="form-error status-banner" role="note">
        <p>
          <strong>{t(locale, 'public.event.cancelled')}</strong>
        </p>
        {view.cancellationReason ? <p>{t(locale, 'public.event.cancelledReason', { reason: view.cancellationReason })}</p> : null}
      </div>
    )
  if (view.status === 'postponed')
    return (
      <div className="notice status-banner" role="note">
        <p>
          <strong>{t(locale, 'public.event.postponed')}</strong>
        </p>
      </div>
    )
  return null
}

type Registration = ReturnType<typeof useLoaderData<typeof loader>>['registration']

/** The sidebar's registration summary: mode, where registration stands, a link to the form. */
function RegistrationSummary({ registration, locale }: { registration: Registration; locale: Locale }) {
  return (
    <section className="panel" aria-labelledby="registration-heading">
      <h2 id="registration-heading">{t(locale, 'public.event.registration')}</h2>
      <p>
        <span className="badge">{t(locale, `registrationMode.${registration.mode}`)}</span>
      </p>
      <RegistrationNotes locale={locale} form={registration} status={registration.status} />
      {offersForm({ form: registration, status: registration.status }) ? (
        <p>
          <a href="#registration-form-heading" className="button button--primary">
            {registration.mode === 'interest_only' ? t(locale, 'registration.submitInterest') : t(locale, 'registration.submit')}
          </a>
        </p>
      ) : null}
    </section>
  )
}

export default function EventPage() {
  const { view, programmeLayout, canStar, registration, call, locale, scheduleWarnings, url } = useLoaderData<typeof loader>()
  const nonce = useNonce()
  return (
    <main id="main" className="container page event-page">
      <header className="event-header">
        <p className="badges">
          <FormatBadge format={view.format} locale={locale} />
          <StatusBadge status={view.status} locale={locale} />
        </p>
        <h1 lang={view.titleLang}>{view.title}</h1>
        {view.summary ? <p className="lead">{view.summary}</p> : null}
        <p className="event-header__when">
          <time dateTime={view.startsAt}>{view.when}</time>
          {view.venue?.city ? <span> · {view.venue.city}</span> : null}
        </p>
        {view.cover ? (
          <img
            className="event-cover"
            src={view.cover.src}
            srcSet={view.cover.srcSet}
            sizes="(min-width: 75rem) 72rem, 100vw"
            width={view.cover.width}
            height={view.cover.height}
            alt={view.cover.alt}
          />
        ) : null}
      </header>
      <StatusBanner view={view} locale={locale} />
      {scheduleWarnings ? <ScheduleWarnings warnings={scheduleWarnings} locale={locale} isPublicPage /> : null}
      {/* The facts and registration come right after the title in the DOM (phones and screen readers
          meet them first); on wide screens CSS grid puts them in a sidebar beside the programme. */}
      <div className="event-layout">
        <div className="event-side">
          <section className="panel" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{t(locale, 'public.event.facts')}</h2>
            <dl className="facts">
              <dt>{t(locale, 'public.event.when')}</dt>
              <dd>
                <time dateTime={view.startsAt}>{view.when}</time>
              </dd>
              <dt>{t(locale, 'public.event.where')}</dt>
              <dd>
                {view.venue ? (
                  <address className="venue">
                    {view.venue.name ? <span className="venue__name">{view.venue.name}</span> : null}
                    {view.venue.address ? <span>{view.venue.address}</span> : null}
                    {view.venue.postalCode || view.venue.city ? <span>{[view.venue.postalCode, view.venue.city].filter(Boolean).join(' ')}</span> : null}
                    {view.venue.countyLabel ? <span>{view.venue.countyLabel}</span> : null}
                  </address>
                ) : (
                  t(locale, 'public.event.onlineOnly')
                )}
              </dd>
              <dt>{t(locale, 'public.event.takePart')}</dt>
              <dd>
                {view.isOnSite ? <p>{t(locale, 'public.event.takePartOnSite', { place: view.placeText ?? view.venue?.city ?? '' })}</p> : null}
                {view.isOnline ? <p>{t(locale, 'public.event.takePartOnline')}</p> : null}
              </dd>
              {view.capacityOnSite !== null || view.isOnline ? (
                <>
                  <dt>{t(locale, 'public.event.capacity')}</dt>
                  <dd>
                    {view.isOnSite && view.capacityOnSite !== null ? <p>{t(locale, 'public.event.capacityOnSite', { count: view.capacityOnSite })}</p> : null}
                    {view.isOnline ? (
                      <p>
                        {view.capacityOnline !== null
                          ? t(locale, 'public.event.capacityOnline', { count: view.capacityOnline })
                          : t(locale, 'public.event.capacityOnlineOpen')}
                      </p>
                    ) : null}
                  </dd>
                </>
              ) : null}
              <dt>{t(locale, 'public.event.price')}</dt>
              <dd>
                {view.prices.length === 0 ? (
                  t(locale, 'common.free')
                ) : view.prices.length === 1 ? (
                  view.prices[0].price
                ) : (
                  <ul className="plain-list">
                    {view.prices.map((price) => (
                      <li key={price.name}>{t(locale, 'public.event.priceLine', price)}</li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt>{t(locale, 'common.organizer')}</dt>
              <dd>
                <Link to={localePath(locale, `/organizations/${view.organization.slug}`)}>{view.organization.name}</Link>
              </dd>
            </dl>
            <AddToCalendar
              locale={locale}
              feedUrl={`${url}/calendar.ics`}
              name={t(locale, 'calendar.feed.named', { name: view.title })}
              download={{ href: localePath(locale, `/events/${view.slug}/calendar.ics`), filename: `${view.slug}.ics` }}
            />
          </section>
          <RegistrationSummary registration={registration} locale={locale} />
          {call ? (
            <section className="panel" aria-labelledby="proposal-call-heading">
              <h2 id="proposal-call-heading">{t(locale, 'proposals.public.panelHeading')}</h2>
              <p>{t(locale, 'proposals.public.panelText', { deadline: call.deadline })}</p>
              <p>
                <Link to={localePath(locale, `/events/${view.slug}/propose`)} className="button button--secondary">
                  {t(locale, 'proposals.public.link')}
                </Link>
              </p>
            </section>
          ) : null}
          {view.series ? (
            <section className="panel" aria-labelledby="series-heading">
              <h2 id="series-heading">{t(locale, 'public.event.seriesPartOf', { title: view.series.title })}</h2>
              <ol className="series-parts">
                {view.series.parts.map((part) => (
                  <li key={part.slug}>
                    {part.isCurrent ? (
                      <span aria-current="page">
                        <strong>{part.title}</strong> ({t(locale, 'public.event.thisPart')})
                      </span>
                    ) : (
                      <Link to={localePath(locale, `/events/${part.slug}`)}>{part.title}</Link>
                    )}
                    <br />
                    <span className="card__meta">{part.when}</span> <StatusBadge status={part.status} locale={locale} />
                  </li>
                ))}
              </ol>
              <p>
                <Link to={localePath(locale, `/series/${view.series.slug}`)}>{t(locale, 'public.event.seriesParts')}</Link>
              </p>
            </section>
          ) : null}
        </div>
        <div className="event-main">
          {view.descriptionHtml ? (
            <section aria-labelledby="about-heading">
              <h2 id="about-heading">{t(locale, 'public.event.about')}</h2>
              <div className="prose" dangerouslySetInnerHTML={{ __html: view.descriptionHtml }} />
            </section>
          ) : null}
          {view.materials.length ? (
            <section aria-labelledby="materials-heading">
              <h2 id="materials-heading">{t(locale, 'public.materials.heading')}</h2>
              <MaterialLinks links={view.materials} />
            </section>
          ) : null}
          <section aria-labelledby="programme-heading">
            <h2 id="programme-heading">{t(locale, 'public.event.programme')}</h2>
            {view.days.length ? (
              <Programme days={view.days} locale={locale} eventSlug={view.slug} layout={programmeLayout} canStar={canStar} />
            ) : (
              <p>{t(locale, 'public.event.noProgramme')}</p>
            )}
          </section>
          {view.speakers.length ? (
            <section aria-labelledby="speakers-heading">
              <h2 id="speakers-heading">{t(locale, 'public.event.speakers')}</h2>
              <ul className="speaker-list">
                {view.speakers.map((speaker) => (
                  <li key={speaker.slug} className="speaker">
                    <Link to={localePath(locale, `/speakers/${speaker.slug}`)} className="speaker__name">
                      {speaker.name}
                    </Link>
                    {speaker.title || speaker.affiliation ? (
                      <span className="speaker__title">{[speaker.title, speaker.affiliation].filter(Boolean).join(', ')}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {offersForm({ form: registration, status: registration.status }) ? (
            <section aria-labelledby="registration-form-heading" className="registration-section">
              <h2 id="registration-form-heading">{t(locale, 'registration.formHeading')}</h2>
              <RegistrationForm locale={locale} action={localePath(locale, `/events/${view.slug}/register`)} form={registration} />
            </section>
          ) : null}
        </div>
      </div>
      <script type="application/ld+json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: jsonLdScriptContent(view.jsonLd) }} />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  const title = `${data.view.title} – ${t(data.locale, 'app.name')}`
  return [
    { title },
    { name: 'description', content: data.description },
    { property: 'og:title', content: data.view.title },
    { property: 'og:description', content: data.description },
    { property: 'og:type', content: 'website' },
    { property: 'og:url', content: data.url },
    { property: 'og:site_name', content: t(data.locale, 'app.name') },
    { property: 'og:locale', content: data.locale === 'sv' ? 'sv_SE' : 'en_GB' },
    ...ogImageTags(data.view.cover, data.appUrl),
    { tagName: 'link', rel: 'canonical', href: data.url },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
