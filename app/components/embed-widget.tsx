import type { EmbedPageData } from '../public/embed.server.ts'
import { t } from '../i18n/index.ts'
import { errorTitle } from './error-page.tsx'
import { StatusBadge } from './format-badge.tsx'

/**
 * The embeddable widget (ADR 0018): a heading, the next events and a link to all of them, for an
 * `<iframe>` on another site. One `main` and one h1: the frame is a document of its own (axe asks for the h1 when it is opened alone).
 * Every link opens a new tab on Samling (the visitor stays on the host's page) and says so.
 */
export function EmbedWidget({ data }: { data: EmbedPageData }) {
  const { locale } = data
  const newTab = <span className="visually-hidden"> {t(locale, 'public.embed.newTab')}</span>
  return (
    <main className="embed" aria-labelledby="embed-heading">
      <h1 id="embed-heading">{t(locale, 'public.embed.heading')}</h1>
      <p className="embed__from">{t(locale, data.kind === 'series' ? 'public.embed.seriesFrom' : 'public.embed.from', { name: data.name })}</p>
      {data.events.length ? (
        <ol className="embed__list">
          {data.events.map((event) => {
            const place =
              event.format === 'online'
                ? t(locale, 'format.online')
                : [[event.city, event.countyLabel].filter(Boolean).join(', '), event.format === 'hybrid' ? t(locale, 'public.embed.alsoOnline') : '']
                    .filter(Boolean)
                    .join(', ')
            return (
              <li key={event.slug} className="embed__event">
                <h2>
                  <a href={event.url} target="_blank" rel="noopener">
                    <span lang={event.titleLang}>{event.title}</span>
                    {newTab}
                  </a>
                </h2>
                <p className="embed__when">
                  <time dateTime={event.startsAt}>{event.when}</time> <StatusBadge status={event.status} locale={locale} />
                </p>
                {place ? <p className="embed__place">{place}</p> : null}
              </li>
            )
          })}
        </ol>
      ) : (
        <p className="embed__empty">{t(locale, 'public.embed.empty')}</p>
      )}
      <p className="embed__all">
        <a href={data.allUrl} target="_blank" rel="noopener">
          {t(locale, 'public.embed.all')}
          {newTab}
        </a>
      </p>
    </main>
  )
}

/** The widget's `<title>`; kept out of search results (the organization's and series' own pages are the ones to find). */
export function embedMeta(data: EmbedPageData | undefined, error: unknown, pathname: string) {
  const robots = { name: 'robots', content: 'noindex' }
  if (!data) return [{ title: errorTitle(pathname, error) }, robots]
  return [{ title: `${t(data.locale, 'public.embed.heading')} – ${data.name} – ${t(data.locale, 'app.name')}` }, robots]
}
