import type { ReactNode } from 'react'
import { t, type Locale } from '../../i18n/index.ts'
import { formatDate, formatTime } from '../../time.ts'

export type RegistrationRow = {
  id: string
  name: string
  email: string
  organizationName: string | null
  sector: string | null
  county: string | null
  abroad: boolean
  attendanceMode: 'on_site' | 'online'
  status: 'confirmed' | 'waitlisted' | 'cancelled' | 'interest'
  waitlistPosition: number | null
  createdAt: string
  isInvited: boolean
  /** Retention or an erasure wiped the personal data (ADR 0031): shown as "Anonymiserad". */
  isAnonymized?: boolean
  /** Mail to this address bounced (bounced_addresses, ADR 0027). */
  hasBounced?: boolean
  answers: { questionId: string; labelSv: string; labelEn: string; value: string[] | boolean | null; options?: Record<string, { sv: string; en: string }> }[]
  ticket: { nameSv: string; nameEn: string } | null
  priceOre: number
  vatRate: number
  invoiceOrgNumber: string | null
  invoiceAddress: string | null
  invoiceEReference: string | null
  buyerReference: string | null
  paymentStatus: 'not_applicable' | 'unpaid' | 'invoiced' | 'paid'
  /** The privacy notice version the person accepted by registering, and when (ADR 0032); null when added by hand. */
  privacyVersion?: number | null
  privacyAcceptedAt?: string | null
}

function kronor(priceOre: number, locale: Locale): string {
  return priceOre % 100 === 0 ? String(priceOre / 100) : (priceOre / 100).toFixed(2).replace('.', locale === 'sv' ? ',' : '.')
}

function label(record: { labelSv: string; labelEn: string } | { sv: string; en: string }, locale: Locale): string {
  const [sv, en] = 'labelSv' in record ? [record.labelSv, record.labelEn] : [record.sv, record.en]
  return locale === 'en' && en.trim() ? en : sv
}

function Answer({ answer, locale }: { answer: RegistrationRow['answers'][number]; locale: Locale }) {
  if (answer.value === null) return <span className="console-muted">{t(locale, 'organizer.registrations.noAnswer')}</span>
  if (typeof answer.value === 'boolean') return <>{t(locale, answer.value ? 'organizer.registrations.yes' : 'organizer.registrations.no')}</>
  return <>{answer.value.map((value) => (answer.options?.[value] ? label(answer.options[value], locale) : value)).join(', ')}</>
}

function where(row: RegistrationRow, locale: Locale): string {
  const sector = row.sector ? t(locale, `sector.${row.sector}` as 'sector.other') : null
  const county = row.abroad ? t(locale, 'county.abroad') : row.county ? t(locale, `county.${row.county}` as 'county.stockholm') : null
  return [sector, county].filter(Boolean).join(', ') || t(locale, 'organizer.registrations.unknown')
}

function status(row: RegistrationRow, locale: Locale): string {
  if (row.status === 'waitlisted' && row.waitlistPosition) return t(locale, 'organizer.registrations.status.waitlistedAt', { position: row.waitlistPosition })
  return t(locale, `registrationStatus.${row.status}`)
}

/**
 * An event's registrations: one row per person (the name is the row's header), the answers to the
 * event's questions, and ticket and invoice details when the event has a price. `actions` renders
 * the buttons of a row (absent for viewers).
 */
export function RegistrationTable(props: {
  locale: Locale
  caption: string
  rows: RegistrationRow[]
  hasAnswers: boolean
  isPriced: boolean
  actions?: (row: RegistrationRow) => ReactNode
}) {
  const { locale, rows } = props
  return (
    <div className="console-table-wrap">
      <table className="console-table registration-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'organizer.registrations.col.name')}</th>
            <th scope="col">{t(locale, 'organizer.registrations.col.organization')}</th>
            <th scope="col">{t(locale, 'organizer.registrations.col.where')}</th>
            <th scope="col">{t(locale, 'organizer.registrations.col.mode')}</th>
            <th scope="col">{t(locale, 'organizer.registrations.col.status')}</th>
            <th scope="col">{t(locale, 'organizer.registrations.col.registered')}</th>
            {props.hasAnswers ? <th scope="col">{t(locale, 'organizer.registrations.col.answers')}</th> : null}
            {props.isPriced ? <th scope="col">{t(locale, 'organizer.registrations.col.ticket')}</th> : null}
            {props.actions ? <th scope="col">{t(locale, 'organizer.registrations.col.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const at = new Date(row.createdAt)
            return (
              <tr key={row.id} id={`registration-${row.id}`}>
                <th scope="row">
                  {row.isAnonymized ? <em>{t(locale, 'retention.anonymizedRow')}</em> : row.name}
                  {row.isAnonymized ? null : <br />}
                  {row.isAnonymized ? null : (
                    <a href={`mailto:${row.email}`} className="console-muted">
                      {row.email}
                    </a>
                  )}
                  {row.hasBounced ? (
                    <>
                      {' '}
                      <span className="badge badge--cancelled" title={t(locale, 'organizer.registrations.bouncedLabel')}>
                        {t(locale, 'organizer.registrations.bounced')}
                      </span>
                    </>
                  ) : null}
                  {row.isInvited ? (
                    <>
                      <br />
                      <span className="console-muted">{t(locale, 'organizer.registrations.invited')}</span>
                    </>
                  ) : null}
                </th>
                <td>{row.organizationName || <span className="console-muted">{t(locale, 'organizer.registrations.unknown')}</span>}</td>
                <td>{where(row, locale)}</td>
                <td>{t(locale, `attendanceMode.${row.attendanceMode}`)}</td>
                <td>{status(row, locale)}</td>
                <td className="console-time">
                  {formatDate(at, locale)} {formatTime(at, locale)}
                  <br />
                  <span className="console-muted">
                    {t(locale, 'privacy.console.acceptedHeading')}:{' '}
                    {row.privacyVersion && row.privacyAcceptedAt
                      ? t(locale, 'privacy.console.accepted', {
                          version: row.privacyVersion,
                          time: `${formatDate(new Date(row.privacyAcceptedAt), locale)} ${formatTime(new Date(row.privacyAcceptedAt), locale)}`,
                        })
                      : t(locale, 'privacy.console.notRecorded')}
                  </span>
                </td>
                {props.hasAnswers ? (
                  <td>
                    <dl className="registration-facts">
                      {row.answers.map((answer) => (
                        <div key={answer.questionId}>
                          <dt>{label(answer, locale)}</dt>
                          <dd>
                            <Answer answer={answer} locale={locale} />
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                ) : null}
                {props.isPriced ? (
                  <td>
                    {row.priceOre > 0 ? (
                      <dl className="registration-facts">
                        <div>
                          <dt>
                            {row.ticket ? label({ sv: row.ticket.nameSv, en: row.ticket.nameEn }, locale) : t(locale, 'organizer.registrations.col.ticket')}
                          </dt>
                          <dd>{t(locale, 'organizer.registrations.price', { amount: kronor(row.priceOre, locale), vat: row.vatRate })}</dd>
                        </div>
                        {row.invoiceOrgNumber ? (
                          <div>
                            <dt>{t(locale, 'organizer.registrations.orgNumber')}</dt>
                            <dd>{row.invoiceOrgNumber}</dd>
                          </div>
                        ) : null}
                        {row.invoiceAddress ? (
                          <div>
                            <dt>{t(locale, 'organizer.registrations.invoiceAddress')}</dt>
                            <dd className="registration-address">{row.invoiceAddress}</dd>
                          </div>
                        ) : null}
                        {row.invoiceEReference ? (
                          <div>
                            <dt>{t(locale, 'organizer.registrations.eReference')}</dt>
                            <dd>{row.invoiceEReference}</dd>
                          </div>
                        ) : null}
                        {row.buyerReference ? (
                          <div>
                            <dt>{t(locale, 'organizer.registrations.buyerReference')}</dt>
                            <dd>{row.buyerReference}</dd>
                          </div>
                        ) : null}
                        <div>
                          <dt>{t(locale, 'organizer.registrations.filters.payment')}</dt>
                          <dd>
                            <strong>{t(locale, `paymentStatus.${row.paymentStatus}`)}</strong>
                          </dd>
                        </div>
                      </dl>
                    ) : (
                      t(locale, 'paymentStatus.not_applicable')
                    )}
                  </td>
                ) : null}
                {props.actions ? <td className="registration-actions">{props.actions(row)}</td> : null}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** The counts at a glance: per mode, registered, waiting, cancelled and places left. */
export function RegistrationCounts(props: {
  locale: Locale
  modes: Array<'on_site' | 'online'>
  counts: Record<'on_site' | 'online', { confirmed: number; waitlisted: number; cancelled: number; capacity: number | null; left: number | null }>
}) {
  const { locale } = props
  return (
    <section className="panel" aria-labelledby="glance-heading">
      <h2 id="glance-heading">{t(locale, 'organizer.registrations.glance')}</h2>
      <div className="registration-counts">
        {props.modes.map((mode) => {
          const count = props.counts[mode]
          return (
            <div key={mode}>
              <h3>{t(locale, `attendanceMode.${mode}`)}</h3>
              <dl className="registration-facts">
                <div>
                  <dt>{t(locale, 'organizer.registrations.count.confirmed')}</dt>
                  <dd>{count.confirmed}</dd>
                </div>
                <div>
                  <dt>{t(locale, 'organizer.registrations.count.left')}</dt>
                  <dd>
                    {count.left === null
                      ? t(locale, 'organizer.registrations.count.unlimited')
                      : `${count.left} ${t(locale, 'organizer.registrations.count.capacity', { capacity: count.capacity ?? 0 })}`}
                  </dd>
                </div>
                <div>
                  <dt>{t(locale, 'organizer.registrations.count.waitlisted')}</dt>
                  <dd>{count.waitlisted}</dd>
                </div>
                <div>
                  <dt>{t(locale, 'organizer.registrations.count.cancelled')}</dt>
                  <dd>{count.cancelled}</dd>
                </div>
              </dl>
            </div>
          )
        })}
      </div>
    </section>
  )
}
