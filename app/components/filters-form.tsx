import { Form, Link } from '@remix-run/react'
import { useState } from 'react'
import { t, type Locale, type MessageKey } from '../i18n/index.ts'

export type FilterValues = { q?: string; county?: string; format?: string; organization?: string; series?: string }
export type FilterChoices = {
  county: { value: string; label: string }[]
  format: { value: string; label: string }[]
  organization: { value: string; label: string }[]
  series: { value: string; label: string }[]
}

/**
 * The listing filters: a plain GET form, so it works without JavaScript and every state is a URL
 * that can be shared. Submitting starts again on page 1.
 *
 * The fields are controlled and follow `values` whenever the list changes: with JavaScript on,
 * "Rensa filter", Back and Forward are client-side navigations that keep this component mounted,
 * and uncontrolled defaultValues would go on showing the filters of the list before.
 */
export function FiltersForm({
  locale,
  action,
  values,
  choices,
  clearHref,
}: {
  locale: Locale
  action: string
  values: FilterValues
  choices: FilterChoices
  clearHref: string | null
}) {
  const [shown, setShown] = useState({ values, current: values })
  let current = shown.current
  if (!sameFilters(shown.values, values)) {
    // A new list: show its filters. Adjusted while rendering (not in an effect), so no stale frame.
    setShown({ values, current: values })
    current = values
  }
  const change = (name: keyof FilterValues) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value
    setShown((state) => ({ ...state, current: { ...state.current, [name]: value } }))
  }
  const select = (name: 'county' | 'format' | 'organization' | 'series', labelKey: MessageKey, anyKey: MessageKey) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{t(locale, labelKey)}</label>
      <select id={`filter-${name}`} name={name} value={current[name] ?? ''} onChange={change(name)}>
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
    <Form method="get" action={action} className="filters" role="search" aria-label={t(locale, 'public.filters.label')}>
      <div className="field filters__search">
        <label htmlFor="filter-q">{t(locale, 'public.filters.q')}</label>
        <input id="filter-q" type="search" name="q" value={current.q ?? ''} onChange={change('q')} maxLength={100} aria-describedby="filter-q-hint" />
        <p id="filter-q-hint" className="field__hint">
          {t(locale, 'public.filters.qHint')}
        </p>
      </div>
      {select('county', 'public.filters.county', 'public.filters.anyCounty')}
      {select('format', 'public.filters.format', 'public.filters.anyFormat')}
      {select('organization', 'public.filters.organization', 'public.filters.anyOrganization')}
      {select('series', 'public.filters.series', 'public.filters.anySeries')}
      <div className="filters__actions">
        <button type="submit">{t(locale, 'public.filters.submit')}</button>
        {clearHref ? <Link to={clearHref}>{t(locale, 'common.clear')}</Link> : null}
      </div>
    </Form>
  )
}

const FILTER_NAMES = ['q', 'county', 'format', 'organization', 'series'] as const

function sameFilters(a: FilterValues, b: FilterValues): boolean {
  return FILTER_NAMES.every((name) => (a[name] ?? '') === (b[name] ?? ''))
}
