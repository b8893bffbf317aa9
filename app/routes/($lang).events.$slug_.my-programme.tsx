import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { runLoader } from '../actions.server.ts'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { notFound } from '../errors.server.ts'
import { getEventPageView } from '../events/event-page-view.server.ts'
import { localePath, t } from '../i18n/index.ts'
import { orNotFound, publicLocale, siteUrl } from '../public/route.server.ts'
import { isSlug } from '../slug.ts'

const StarQuery = z.object({ item: z.uuid().optional().catch(undefined) })

/**
 * GET /events/<slug>/my-programme?item=<id>: where the event page's "Lägg till i Mitt program"
 * leads. The event page is shared (page cache) and cannot know who reads it, and stars belong to a
 * registration, which only its manage link names; so this page says where to star (ADR 0030).
 */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const locale = publicLocale(args.request, args.params)
    const slug = args.params.slug ?? ''
    if (!isSlug(slug)) throw notFound(locale, 'error.eventNotFound')
    const view = await orNotFound(locale, () => getEventPageView(slug, { locale, appUrl: siteUrl() }))
    const { item: itemId } = StarQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams))
    const found = view.days.flatMap((day) => day.items.map((item) => ({ day, item }))).find((entry) => entry.item.id === itemId)
    const item = found ? { id: found.item.id, title: found.item.title, when: `${found.day.heading} ${found.item.time}` } : null
    return json({ locale, event: { slug: view.slug, title: view.title }, item }, { headers: { 'Cache-Control': 'public, max-age=60' } })
  })
}

export default function MyProgrammeHelpPage() {
  const { locale, event, item } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="container page">
      <p>
        <Link to={localePath(locale, `/events/${event.slug}`)}>{event.title}</Link>
      </p>
      <h1>{t(locale, 'programme.star.page.title')}</h1>
      <div className="panel">
        {item ? <p>{t(locale, 'programme.star.page.item', { title: item.title, when: item.when })}</p> : null}
        <p>{t(locale, 'programme.star.page.intro')}</p>
        <p>{t(locale, 'programme.star.page.how')}</p>
        <p>{t(locale, 'programme.star.page.notRegistered')}</p>
        <p>
          <Link to={`${localePath(locale, `/events/${event.slug}`)}#programme-heading`}>{t(locale, 'programme.star.page.back')}</Link>
        </p>
      </div>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${t(data.locale, 'programme.star.page.title')}: ${data.event.title} – ${t(data.locale, 'app.name')}` },
    { name: 'robots', content: 'noindex' },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
