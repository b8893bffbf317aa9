import { AddToCalendar } from '../components/add-to-calendar.tsx'
import { atomFeedLink } from '../calendar/feed-links.ts'
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { StatusBadge } from '../components/format-badge.tsx'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { notFound } from '../errors.server.ts'
import { localePath, pick, t } from '../i18n/index.ts'
import { markdownToPlainText, renderMarkdown } from '../markdown.server.ts'
import { orNotFound, publicLocale, siteUrl } from '../public/route.server.ts'
import { getPublicSpeaker } from '../speakers/public.server.ts'
import { isSlug } from '../slug.ts'
import { formatEventWhen } from '../time.ts'
import { safeHttpUrl } from '../events/event-page.server.ts'
import { imageSources, mediaUrl } from '../uploads/media.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.speakerNotFound')
  const speaker = await orNotFound(locale, () => getPublicSpeaker(slug))
  const bio = pick(speaker, 'bio', locale)
  const title = pick(speaker, 'title', locale)
  return json({
    locale,
    speaker: {
      name: speaker.name,
      title,
      affiliation: speaker.affiliation,
      bioHtml: renderMarkdown(bio, { topHeadingLevel: 3 }),
      bioLang: locale === 'en' && !speaker.bioEn.trim() ? ('sv' as const) : undefined,
      photo: speaker.photo ? imageSources(speaker.photo) : null,
      ogImage: speaker.photo ? `${siteUrl()}${mediaUrl(speaker.photo, 640)}` : null,
      links: speaker.links.flatMap((link) => {
        const href = safeHttpUrl(link)
        return href ? [{ href, label: new URL(href).hostname.replace(/^www\./, '') }] : []
      }),
      sessions: speaker.sessions.map((session, index) => ({
        key: `${session.item.event.slug}-${index}`,
        title: pick(session.item, 'title', locale),
        roleLine: t(locale, 'public.speaker.sessionRole', {
          role: t(locale, `speakerRole.${session.role}`),
          type: t(locale, `itemType.${session.item.type}`).toLowerCase(),
        }),
        when: formatEventWhen(session.item.startsAt, session.item.endsAt, locale),
        startsAt: session.item.startsAt.toISOString(),
        event: { slug: session.item.event.slug, title: pick(session.item.event, 'title', locale), status: session.item.event.status },
      })),
    },
    description: [title, speaker.affiliation].filter(Boolean).join(', ') || markdownToPlainText(bio) || speaker.name,
    url: `${siteUrl()}${localePath(locale, `/speakers/${slug}`)}`,
  })
}

export default function SpeakerPage() {
  const { speaker, locale, url } = useLoaderData<typeof loader>()
  const subtitle = [speaker.title, speaker.affiliation].filter(Boolean).join(', ')
  return (
    <main id="main" className="container page">
      <h1>{speaker.name}</h1>
      {subtitle ? <p className="lead">{subtitle}</p> : null}
      {speaker.photo ? (
        <img
          className="speaker-photo"
          src={speaker.photo.src}
          srcSet={speaker.photo.srcSet}
          sizes="(min-width: 40em) 240px, 50vw"
          width={speaker.photo.width}
          height={speaker.photo.height}
          alt={t(locale, 'public.speaker.photoAlt', { name: speaker.name })}
        />
      ) : null}
      {speaker.links.length ? (
        <ul className="plain-list speaker-links" aria-label={t(locale, 'public.speaker.links', { name: speaker.name })}>
          {speaker.links.map((link) => (
            <li key={link.href}>
              <a href={link.href} rel="noopener nofollow">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <AddToCalendar locale={locale} feedUrl={`${url}/calendar.ics`} name={t(locale, 'calendar.feed.named', { name: speaker.name })} />
      {speaker.bioHtml ? (
        <section aria-labelledby="bio-heading">
          <h2 id="bio-heading">{t(locale, 'public.speaker.about', { name: speaker.name })}</h2>
          <div className="prose" lang={speaker.bioLang} dangerouslySetInnerHTML={{ __html: speaker.bioHtml }} />
        </section>
      ) : null}
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t(locale, 'public.speaker.sessions')}</h2>
        <ul className="card-list">
          {speaker.sessions.map((session) => (
            <li key={session.key}>
              <article className="card">
                <h3>{session.title}</h3>
                <p className="card__when">
                  <time dateTime={session.startsAt}>{session.when}</time>
                </p>
                <p className="card__meta">{session.roleLine}</p>
                <p className="card__meta card__link">
                  <Link to={localePath(locale, `/events/${session.event.slug}`)}>{session.event.title}</Link>{' '}
                  <StatusBadge status={session.event.status} locale={locale} />
                </p>
              </article>
            </li>
          ))}
        </ul>
      </section>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${data.speaker.name} – ${t(data.locale, 'app.name')}` },
    { name: 'description', content: data.description },
    { property: 'og:title', content: data.speaker.name },
    { property: 'og:description', content: data.description },
    { property: 'og:type', content: 'profile' },
    ...(data.speaker.ogImage
      ? [
          { property: 'og:image', content: data.speaker.ogImage },
          { property: 'og:image:alt', content: t(data.locale, 'public.speaker.photoAlt', { name: data.speaker.name }) },
        ]
      : []),
    { property: 'og:url', content: data.url },
    { tagName: 'link', rel: 'canonical', href: data.url },
    atomFeedLink(data.locale, t(data.locale, 'calendar.feed.named', { name: data.speaker.name }), `${data.url}/feed.xml`),
  ]
}

export const ErrorBoundary = PublicErrorBoundary
