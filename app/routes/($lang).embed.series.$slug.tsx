import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { EmbedErrorBoundary } from '../components/embed-error.tsx'
import { embedMeta, EmbedWidget } from '../components/embed-widget.tsx'
import { loadEmbedPage } from '../public/embed.server.ts'
import type { BareHandle } from '../root.tsx'
import embedStyles from '../styles/embed.css'

/** GET /embed/series/:slug[?limit=1–20] (and /en/…): the series' next parts, for other sites' iframes (ADR 0018). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadEmbedPage(request, params, 'series')
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export const handle: BareHandle = { bare: { stylesheet: embedStyles } }

export default function SeriesEmbed() {
  return <EmbedWidget data={useLoaderData<typeof loader>()} />
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => embedMeta(data, error, location.pathname)

export const ErrorBoundary = EmbedErrorBoundary
