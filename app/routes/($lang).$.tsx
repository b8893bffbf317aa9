import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { notFound } from '../errors.server.ts'
import { localeFromPath } from '../i18n/index.ts'

/** Every address no other route knows: a 404 in the visitor's language. */
export async function loader({ request }: LoaderFunctionArgs) {
  throw notFound(localeFromPath(new URL(request.url).pathname))
}

export default function NotFound() {
  return null
}

export const meta: MetaFunction = ({ location, error }) => [{ title: errorTitle(location.pathname, error) }]

export const ErrorBoundary = PublicErrorBoundary
