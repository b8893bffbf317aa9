import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { notFound } from '../errors.server.ts'
import { localePath, t, type Locale, type MessageKey } from '../i18n/index.ts'
import { collectMyData, type MyData } from '../privacy/my-data.server.ts'
import { privacyNoticePath } from '../privacy/paths.ts'
import { publicLocale } from '../public/route.server.ts'
import { formatDate, formatDateTime } from '../time.ts'

/** The readable "download my data" page (ADR 0032); the same content as data.json, in the visitor's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const token = params.token ?? ''
  const data = await collectMyData({ token, locale, yesNo: [t(locale, 'registration.yes'), t(locale, 'registration.no')] })
  if (!data) throw notFound(locale, 'myData.notFound')
  return json(
    {
      locale,
      view: readable(data, locale),
      managePath: localePath(locale, `/registrations/${token}`),
      jsonPath: localePath(locale, `/registrations/${token}/data.json`),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

const when = (value: string | null, locale: Locale) => (value ? formatDateTime(new Date(value), locale) : null)
const label = (locale: Locale, key: string, fallback: string | null) => (fallback === null ? null : t(locale, key as MessageKey))

/** MyData with times, statuses, sectors and counties written out for people. */
function readable(data: MyData, locale: Locale) {
  return {
    email: data.email,
    registrations: data.registrations.map((registration) => ({
      ...registration,
      when: formatDateTime(new Date(registration.event.startsAt), locale),
      privacyPath: privacyNoticePath(registration.event.organizationSlug, locale, registration.privacy?.version),
      status: t(locale, `registrationStatus.${registration.status}` as MessageKey),
      attendanceMode: t(locale, `attendanceMode.${registration.attendanceMode}` as MessageKey),
      sector: label(locale, `sector.${registration.sector}`, registration.sector),
      county: registration.abroad ? t(locale, 'county.abroad') : label(locale, `county.${registration.county}`, registration.county),
      registeredAt: when(registration.registeredAt, locale),
      cancelledAt: when(registration.cancelledAt, locale),
      checkedInAt: when(registration.checkedInAt, locale),
      privacyAcceptedAt: when(registration.privacy?.acceptedAt ?? null, locale),
      anonymizedOn: formatDate(new Date(registration.anonymizedOn), locale, { withYear: true }),
      starredItems: registration.starredItems.map((item) => `${item.title} (${formatDateTime(new Date(item.startsAt), locale)})`),
      audienceQuestions: registration.audienceQuestions.map((question) => ({ ...question, askedAt: formatDateTime(new Date(question.askedAt), locale) })),
    })),
    proposals: data.proposals.map((proposal) => ({ ...proposal, sentAt: formatDateTime(new Date(proposal.sentAt), locale) })),
    mails: data.mails.map((mail) => ({
      ...mail,
      status: t(locale, `myData.mailStatus.${mail.status}` as MessageKey),
      sentAt: when(mail.sentAt ?? mail.queuedAt, locale),
    })),
  }
}

function Fact({ term, value }: { term: string; value: string | null | undefined }) {
  if (!value) return null
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  )
}

export default function MyDataPage() {
  const { locale, view, managePath, jsonPath } = useLoaderData<typeof loader>()
  return (
    <main id="main" className="container page my-data">
      <p>
        <Link to={managePath}>← {t(locale, 'myData.back')}</Link>
      </p>
      <h1>{t(locale, 'myData.title')}</h1>
      <p className="lead">{t(locale, 'myData.intro', { email: view.email })}</p>
      <p>
        <a className="button" href={jsonPath} download>
          {t(locale, 'myData.download')}
        </a>
      </p>
      <section aria-labelledby="my-registrations">
        <h2 id="my-registrations">{t(locale, 'myData.registrations', { count: view.registrations.length })}</h2>
        {view.registrations.map((registration, index) => (
          <article key={index} className="panel" aria-labelledby={`my-registration-${index}`}>
            <h3 id={`my-registration-${index}`}>{registration.event.title}</h3>
            <dl className="facts">
              <Fact term={t(locale, 'myData.organization')} value={registration.event.organization} />
              <Fact term={t(locale, 'myData.when')} value={registration.when} />
              <Fact term={t(locale, 'myData.status')} value={registration.status} />
              <Fact term={t(locale, 'myData.attendance')} value={registration.attendanceMode} />
              <Fact term={t(locale, 'myData.name')} value={registration.name} />
              <Fact term={t(locale, 'myData.email')} value={registration.email} />
              <Fact term={t(locale, 'myData.org')} value={registration.organizationName} />
              <Fact term={t(locale, 'myData.sector')} value={registration.sector} />
              <Fact term={t(locale, 'myData.county')} value={registration.county} />
              <Fact term={t(locale, 'myData.registeredAt')} value={registration.registeredAt} />
              <Fact term={t(locale, 'registrationStatus.cancelled')} value={registration.cancelledAt} />
              <Fact term={t(locale, 'myData.checkedIn')} value={registration.checkedInAt ?? t(locale, 'myData.notCheckedIn')} />
              <Fact
                term={t(locale, 'myData.invoice')}
                value={
                  registration.invoice
                    ? [registration.invoice.orgNumber, registration.invoice.address, registration.invoice.eReference, registration.invoice.buyerReference]
                        .filter(Boolean)
                        .join(', ')
                    : null
                }
              />
              <dt>{t(locale, 'myData.consent')}</dt>
              <dd>
                {registration.privacy ? (
                  <a href={registration.privacyPath}>
                    {t(locale, 'myData.consentValue', { version: registration.privacy.version, time: registration.privacyAcceptedAt ?? '' })}
                  </a>
                ) : (
                  t(locale, 'privacy.console.notRecorded')
                )}
              </dd>
              <Fact term={t(locale, 'myData.anonymizedAt')} value={registration.anonymizedOn} />
            </dl>
            {registration.answers.length ? (
              <>
                <h4>{t(locale, 'myData.answers')}</h4>
                <dl className="facts">
                  {registration.answers.map((answer, position) => (
                    <Fact key={position} term={answer.question} value={answer.answer} />
                  ))}
                </dl>
              </>
            ) : null}
            {registration.subSessions.length || registration.starredItems.length ? (
              <>
                <h4>{t(locale, 'myData.stars')}</h4>
                <ul>
                  {[...registration.subSessions, ...registration.starredItems].map((item, position) => (
                    <li key={position}>{item}</li>
                  ))}
                </ul>
              </>
            ) : null}
            {registration.audienceQuestions.length ? (
              <>
                <h4>{t(locale, 'myData.questions')}</h4>
                <ul>
                  {registration.audienceQuestions.map((question, position) => (
                    <li key={position}>
                      {question.text} <span className="card__meta">({[question.session, question.askedAt].filter(Boolean).join(', ')})</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </article>
        ))}
      </section>
      {view.proposals.length ? (
        <section aria-labelledby="my-proposals">
          <h2 id="my-proposals">{t(locale, 'myData.proposals', { count: view.proposals.length })}</h2>
          <ul>
            {view.proposals.map((proposal, index) => (
              <li key={index}>
                <strong>{proposal.title}</strong> – {proposal.event} <span className="card__meta">({proposal.sentAt})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="my-mails">
        <h2 id="my-mails">{t(locale, 'myData.mails', { count: view.mails.length })}</h2>
        {view.mails.length ? (
          <table className="console-table">
            <thead>
              <tr>
                <th scope="col">{t(locale, 'myData.mailSubject')}</th>
                <th scope="col">{t(locale, 'myData.mailSent')}</th>
                <th scope="col">{t(locale, 'myData.mailStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {view.mails.map((mail, index) => (
                <tr key={index}>
                  <td>{mail.subject ?? mail.template}</td>
                  <td>{mail.sentAt}</td>
                  <td>{mail.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t(locale, 'myData.none')}</p>
        )}
      </section>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [{ title: `${t(data.locale, 'myData.title')} – ${t(data.locale, 'app.name')}` }, { name: 'robots', content: 'noindex' }]
}

export const ErrorBoundary = PublicErrorBoundary
