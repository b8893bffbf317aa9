import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { t } from '../i18n/index.ts'
import { publicLocale } from '../public/route.server.ts'
import { listNoticeOrganizations } from '../privacy/notices.server.ts'
import { privacyNoticePath } from '../privacy/paths.ts'
import { PRIVACY_NOTICE_VERSION } from '../registrations/privacy.ts'

/**
 * Samling's own notice: how the platform handles personal data for the organizers. Each organizer's
 * notice (/organizations/:slug/privacy, ADR 0032) is what a registrant accepts; this page links them.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return json({ locale: publicLocale(request, params), version: PRIVACY_NOTICE_VERSION, organizations: await listNoticeOrganizations() })
}

const SECTIONS = ['who', 'what', 'why', 'howLong', 'rights'] as const

export default function PrivacyNotice() {
  const { locale, version, organizations } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="container page prose">
      <h1>{t(locale, 'privacy.title')}</h1>
      <p className="lead">{t(locale, 'privacy.intro')}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`}>{t(locale, `privacy.${section}Heading`)}</h2>
          <p>{t(locale, `privacy.${section}Body`)}</p>
        </section>
      ))}
      <section aria-labelledby="privacy-organizations">
        <h2 id="privacy-organizations">{t(locale, 'privacy.site.organizationsHeading')}</h2>
        <p>{t(locale, 'privacy.site.organizations')}</p>
        {organizations.length ? (
          <ul>
            {organizations.map((organization) => (
              <li key={organization.slug}>
                <Link to={privacyNoticePath(organization.slug, locale)}>{t(locale, 'privacy.notice.title', { organization: organization.name })}</Link>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <p className="card__meta">{t(locale, 'privacy.version', { version })}</p>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [{ title: `${t(data.locale, 'privacy.title')} – ${t(data.locale, 'app.name')}` }]
}

export const ErrorBoundary = PublicErrorBoundary
