import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { atomFeedLink } from '../calendar/feed-links.ts'
import { ListingPage } from '../components/listing-page.tsx'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { t } from '../i18n/index.ts'
import { loadListingPage } from '../public/listing-page.server.ts'
import { publicLocale } from '../public/route.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  return loadListingPage({ request, locale, when: 'upcoming' })
}

export default function Index() {
  const data = useLoaderData<typeof loader>()
  return <ListingPage data={data} />
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (error) return [{ title: errorTitle(location.pathname, error) }]
  const locale = data?.locale ?? 'sv'
  const title = `${t(locale, 'public.home.title')} – ${t(locale, 'app.name')}`
  const description = t(locale, 'app.tagline')
  return [
    { title },
    { name: 'description', content: description },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    { property: 'og:type', content: 'website' },
    { property: 'og:site_name', content: t(locale, 'app.name') },
    ...(data?.atomUrl ? [atomFeedLink(locale, t(locale, 'calendar.feed.site'), data.atomUrl)] : []),
  ]
}

export const ErrorBoundary = PublicErrorBoundary
