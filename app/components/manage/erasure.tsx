import { Link } from '@remix-run/react'
import { t, type Locale } from '../../i18n/index.ts'
import { formatDate } from '../../time.ts'
import { IntentForm } from '../intent-form.tsx'

/** What "Radera mina uppgifter" will erase, as the first POST answers it (app/privacy/erasure.server.ts). */
export type ErasurePreviewView = {
  registrations: Array<{ id: string; eventTitle: string; startsAt: string; statusLabel: string }>
  audienceQuestions: number
}

/**
 * "Radera mina uppgifter" on the attendee's own page (ADR 0031): a first POST shows what goes and
 * asks again; only the second (intent erase-confirm) erases. Plain forms: it works without JavaScript.
 */
export function ErasurePanel({
  locale,
  preview,
  managePath,
  error,
}: {
  locale: Locale
  preview: ErasurePreviewView | null
  managePath: string
  error?: string
}) {
  return (
    <section className="panel" aria-labelledby="manage-erasure" id="erase">
      <h2 id="manage-erasure">{t(locale, 'erasure.heading')}</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {preview ? (
        <div role="alert" className="notice">
          <h3>{t(locale, 'erasure.confirmHeading')}</h3>
          <p>{t(locale, 'erasure.willErase')}</p>
          <ul>
            {preview.registrations.map((registration) => (
              <li key={registration.id}>
                {registration.eventTitle} ({formatDate(new Date(registration.startsAt), locale, { withYear: true })}, {registration.statusLabel})
              </li>
            ))}
            {preview.audienceQuestions > 0 ? <li>{t(locale, 'erasure.questions', { count: preview.audienceQuestions })}</li> : null}
          </ul>
          <p>
            <strong>{t(locale, 'erasure.cannotUndo')}</strong>
          </p>
          <IntentForm intent="erase-confirm" action={`${managePath}#erase`} submit={{ label: t(locale, 'erasure.confirm'), className: 'button--danger' }} />
          <p>
            <Link to={managePath}>{t(locale, 'erasure.keep')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p>{t(locale, 'erasure.intro')}</p>
          <IntentForm intent="erase" action={`${managePath}#erase`} submit={{ label: t(locale, 'erasure.start'), className: 'button--secondary' }} />
        </>
      )}
    </section>
  )
}

/** What a manage link shows once its registration's personal data is gone (HTTP 410). */
export function ErasedPage({ locale }: { locale: Locale }) {
  return (
    <main id="main" className="container page manage-page">
      <h1>{t(locale, 'erasure.goneTitle')}</h1>
      <p>{t(locale, 'erasure.goneBody')}</p>
      <p>
        <Link to={locale === 'en' ? '/en' : '/'} className="button">
          {t(locale, 'error.notFound.home')}
        </Link>
      </p>
    </main>
  )
}
