import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ListingPage } from '../components/listing-page.tsx'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { t } from '../i18n/index.ts'
import { loadListingPage } from '../public/listing-page.server.ts'
import { publicLocale } from '../public/route.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  return loadListingPage({ request, locale, when: 'past' })
}

export default function Archive() {
  const data = useLoaderData<typeof loader>()
  return <ListingPage data={data} />
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (error) return [{ title: errorTitle(location.pathname, error) }]
  const locale = data?.locale ?? 'sv'
  const title = `${t(locale, 'public.archive.title')} – ${t(locale, 'app.name')}`
  return [
    { title },
    { name: 'description', content: t(locale, 'public.archive.lead') },
    { property: 'og:title', content: title },
    { property: 'og:type', content: 'website' },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
