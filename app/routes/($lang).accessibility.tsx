import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { t } from '../i18n/index.ts'
import { publicLocale } from '../public/route.server.ts'

/** Where people report accessibility barriers (an address the operator replaces in production). */
const ACCESSIBILITY_EMAIL = 'tillganglighet@samling.example.org'

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json({ locale: publicLocale(request, params), email: ACCESSIBILITY_EMAIL })
}

export default function AccessibilityStatement() {
  const { locale, email } = useLoaderData<typeof loader>()
  const [before, after] = t(locale, 'public.a11y.email', { email: '\u0000' }).split('\u0000')
  return (
    <main id="main" className="container page prose">
      <h1>{t(locale, 'public.a11y.title')}</h1>
      <p className="lead">{t(locale, 'public.a11y.intro')}</p>
      <h2>{t(locale, 'public.a11y.statusHeading')}</h2>
      <p>{t(locale, 'public.a11y.statusBody')}</p>
      <h2>{t(locale, 'public.a11y.knownHeading')}</h2>
      <p>{t(locale, 'public.a11y.knownBody')}</p>
      <h2>{t(locale, 'public.a11y.reportHeading')}</h2>
      <p>{t(locale, 'public.a11y.reportBody')}</p>
      <p>
        {before}
        <a href={`mailto:${email}`}>{email}</a>
        {after}
      </p>
      <h2>{t(locale, 'public.a11y.methodHeading')}</h2>
      <p>{t(locale, 'public.a11y.methodBody')}</p>
      <h2>{t(locale, 'public.a11y.enforcementHeading')}</h2>
      <p>{t(locale, 'public.a11y.enforcementBody')}</p>
      <p>
        <a href="https://www.digg.se/tdosanmalan" hrefLang="sv">
          {t(locale, 'public.a11y.digg')}
        </a>
      </p>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (error) return [{ title: errorTitle(location.pathname, error) }]
  const locale = data?.locale ?? 'sv'
  return [{ title: `${t(locale, 'public.a11y.title')} – ${t(locale, 'app.name')}` }, { name: 'description', content: t(locale, 'public.a11y.intro') }]
}

export const ErrorBoundary = PublicErrorBoundary
