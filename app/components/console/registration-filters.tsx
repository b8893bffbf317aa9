import { Form, Link } from '@remix-run/react'
import { t, type Locale, type MessageKey } from '../../i18n/index.ts'

export type RegistrationFilterValues = { q?: string; mode?: string; status?: string; sector?: string; county?: string; payment?: string }
export type RegistrationFilterChoices = Record<'mode' | 'status' | 'sector' | 'county' | 'payment', { value: string; label: string }[]>

/**
 * The registration list's filters: a GET form, so it works without JavaScript and every view is a
 * URL. Keyed by the current filters, so it shows them again after Back, Forward or "Rensa filter".
 */
export function RegistrationFilters(props: {
  locale: Locale
  action: string
  values: RegistrationFilterValues
  choices: RegistrationFilterChoices
  clearHref: string | null
}) {
  const { locale, values, choices } = props
  const select = (name: keyof RegistrationFilterChoices, labelKey: MessageKey, anyKey: MessageKey) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{t(locale, labelKey)}</label>
      <select id={`filter-${name}`} name={name} defaultValue={values[name] ?? ''}>
        <option value="">{t(locale, anyKey)}</option>
        {choices[name].map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  )
  return (
    <Form
      key={JSON.stringify(values)}
      method="get"
      action={props.action}
      className="filters"
      role="search"
      aria-label={t(locale, 'organizer.registrations.filters.label')}
    >
      {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <div className="field filters__search">
        <label htmlFor="filter-q">{t(locale, 'organizer.registrations.filters.q')}</label>
        <input id="filter-q" type="search" name="q" defaultValue={values.q ?? ''} maxLength={100} aria-describedby="filter-q-hint" />
        <p id="filter-q-hint" className="field__hint">
          {t(locale, 'organizer.registrations.filters.qHint')}
        </p>
      </div>
      {select('mode', 'organizer.registrations.filters.mode', 'organizer.registrations.filters.anyMode')}
      {select('status', 'organizer.registrations.filters.status', 'organizer.registrations.filters.anyStatus')}
      {select('sector', 'organizer.registrations.filters.sector', 'organizer.registrations.filters.anySector')}
      {select('county', 'organizer.registrations.filters.county', 'organizer.registrations.filters.anyCounty')}
      {choices.payment.length ? select('payment', 'organizer.registrations.filters.payment', 'organizer.registrations.filters.anyPayment') : null}
      <div className="filters__actions">
        <button type="submit">{t(locale, 'organizer.registrations.filters.submit')}</button>
        {props.clearHref ? <Link to={props.clearHref}>{t(locale, 'common.clear')}</Link> : null}
      </div>
    </Form>
  )
}
