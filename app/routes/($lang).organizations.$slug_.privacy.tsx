import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { notFound } from '../errors.server.ts'
import { localePath, t } from '../i18n/index.ts'
import { getPrivacyNotice, readPostedPrivacyVersion } from '../privacy/notices.server.ts'
import { privacyNoticePath } from '../privacy/paths.ts'
import { orNotFound, publicLocale, siteUrl } from '../public/route.server.ts'
import { isSlug } from '../slug.ts'

/** An organization's privacy notice (ADR 0032): the current version, or an older one with ?version=N. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.organizationNotFound')
  const asked = new URL(request.url).searchParams.get('version')
  const version = asked === null ? null : readPostedPrivacyVersion(asked)
  if (version === 0) throw notFound(locale, 'privacy.error.versionNotFound')
  const notice = await orNotFound(locale, () => getPrivacyNotice({ slug, version }, locale))
  return json({ locale, notice, url: `${siteUrl()}${privacyNoticePath(slug, locale)}` })
}

const SECTIONS = ['purposes', 'legalBasis', 'stored', 'recipients', 'rights'] as const

export default function OrganizationPrivacyNotice() {
  const { locale, notice } = useLoaderData<typeof loader>()
  const organization = notice.organization.name
  const older = notice.version !== notice.currentVersion
  return (
    <main id="main" className="container page prose">
      <h1>{t(locale, 'privacy.notice.title', { organization })}</h1>
      {older ? (
        <div className="notice" role="note">
          <p>
            {t(locale, 'privacy.notice.older', { version: notice.version })}{' '}
            <Link to={privacyNoticePath(notice.organization.slug, locale)}>{t(locale, 'privacy.notice.currentLink', { version: notice.currentVersion })}</Link>
          </p>
        </div>
      ) : null}
      <p className="lead">{t(locale, 'privacy.notice.intro', { organization })}</p>
      <section aria-labelledby="privacy-controller">
        <h2 id="privacy-controller">{t(locale, 'privacy.notice.controllerHeading')}</h2>
        <p>{t(locale, 'privacy.notice.controllerBody', { organization })}</p>
      </section>
      {SECTIONS.slice(0, 3).map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`}>{t(locale, `privacy.notice.${section}Heading`)}</h2>
          <p>{t(locale, `privacy.notice.${section}Body`)}</p>
        </section>
      ))}
      <section aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{t(locale, 'privacy.notice.retentionHeading')}</h2>
        <p>
          {notice.retentionMonths === 1 ? t(locale, 'privacy.notice.retentionOne') : t(locale, 'privacy.notice.retention', { months: notice.retentionMonths })}{' '}
          {t(locale, 'privacy.notice.retentionMore')}
        </p>
      </section>
      {SECTIONS.slice(3).map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`}>{t(locale, `privacy.notice.${section}Heading`)}</h2>
          <p>{t(locale, `privacy.notice.${section}Body`)}</p>
        </section>
      ))}
      <section aria-labelledby="privacy-contact">
        <h2 id="privacy-contact">{t(locale, 'privacy.notice.contactHeading')}</h2>
        {notice.contactEmail ? (
          <p>
            {t(locale, 'privacy.notice.contactBody', { organization })} <a href={`mailto:${notice.contactEmail}`}>{notice.contactEmail}</a>
            {notice.organization.contactPhone ? `, ${notice.organization.contactPhone}` : ''}.
          </p>
        ) : (
          <p>{t(locale, 'privacy.notice.contactMissing', { organization })}</p>
        )}
      </section>
      {notice.extra.trim() ? (
        <section aria-labelledby="privacy-organization-text">
          <h2 id="privacy-organization-text">{t(locale, 'privacy.notice.organizationTextHeading', { organization })}</h2>
          {notice.extra
            .split(/\n\s*\n/)
            .map((paragraph) => paragraph.trim())
            .filter(Boolean)
            .map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
        </section>
      ) : null}
      <p className="card__meta">{t(locale, 'privacy.notice.versionLine', { version: notice.version, date: notice.date })}</p>
      <ul>
        <li>
          <Link to={localePath(locale, `/organizations/${notice.organization.slug}`)}>{t(locale, 'privacy.notice.organizationLink', { organization })}</Link>
        </li>
        <li>
          <Link to={localePath(locale, '/privacy')}>{t(locale, 'privacy.notice.siteLink')}</Link>
        </li>
      </ul>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${t(data.locale, 'privacy.notice.title', { organization: data.notice.organization.name })} – ${t(data.locale, 'app.name')}` },
    { tagName: 'link', rel: 'canonical', href: data.url },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
