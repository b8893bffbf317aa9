import { Link } from '@remix-run/react'
import { t, type Locale } from '../i18n/index.ts'

/** Previous/next links that keep the filters; the hrefs are built by the loader. */
export function Pagination({ locale, page, previousHref, nextHref }: { locale: Locale; page: number; previousHref: string | null; nextHref: string | null }) {
  if (!previousHref && !nextHref) return null
  return (
    <nav className="pagination" aria-label={t(locale, 'common.pagination')}>
      <ul>
        <li>
          {previousHref ? (
            <Link to={previousHref} rel="prev">
              <span aria-hidden="true">← </span>
              {t(locale, 'public.pagination.previous')}
            </Link>
          ) : null}
        </li>
        <li>{t(locale, 'public.results.page', { page })}</li>
        <li>
          {nextHref ? (
            <Link to={nextHref} rel="next">
              {t(locale, 'public.pagination.next')}
              <span aria-hidden="true"> →</span>
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  )
}
