import { Form } from '@remix-run/react'
import { COUNTIES, EVENT_FORMATS, QUESTION_KINDS, REGISTRATION_MODES } from '../../enums.ts'
import { t, type Locale } from '../../i18n/index.ts'
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField, type Option } from './fields.tsx'

/** Blank rows shown after the filled ones, so rows are added without JavaScript. */
const SPARE_ROWS = 2

export type EventFormProps = {
  locale: Locale
  action: string
  values: Record<string, string>
  fieldErrors?: Record<string, string>
  formError?: string
  series: { id: string; titleSv: string; titleEn: string }[]
  submitLabel: string
  readOnly?: boolean
  /** Said next to the save button (e.g. how many people a change of time or place mails). */
  saveNotice?: string
}

function filledRows(values: Record<string, string>, group: string): number {
  let count = 0
  for (const key of Object.keys(values)) {
    const match = new RegExp(`^${group}\\.(\\d+)\\.`).exec(key)
    if (match) count = Math.max(count, Number(match[1]) + 1)
  }
  return count
}

/**
 * The create/edit event form. Plain HTML: datetime-local inputs in Stockholm time, ticket and
 * question rows with two spare blank rows, errors next to each field and summarised on top.
 */
export function EventForm({ locale, action, values, fieldErrors = {}, formError, series, submitLabel, readOnly, saveNotice }: EventFormProps) {
  const v = (name: string) => values[name] ?? ''
  const e = (name: string) => fieldErrors[name]
  const L = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(locale, key, params)
  const ticketRows = Math.min(20, filledRows(values, 'tickets') + SPARE_ROWS)
  const questionRows = Math.min(30, filledRows(values, 'questions') + SPARE_ROWS)
  const labels: Record<string, string> = {
    titleSv: L('organizer.event.titleSv'),
    titleEn: L('organizer.event.titleEn'),
    slug: L('organizer.event.slug'),
    format: L('organizer.event.format'),
    startsAt: L('organizer.event.startsAt'),
    endsAt: L('organizer.event.endsAt'),
    venueName: L('organizer.event.venueName'),
    venueAddress: L('organizer.event.venueAddress'),
    postalCode: L('organizer.event.postalCode'),
    city: L('organizer.event.city'),
    county: L('organizer.event.county'),
    onlineUrl: L('organizer.event.onlineUrl'),
    capacityOnSite: L('organizer.event.capacityOnSite'),
    capacityOnline: L('organizer.event.capacityOnline'),
    registrationOpensAt: L('organizer.event.registrationOpensAt'),
    registrationClosesAt: L('organizer.event.registrationClosesAt'),
    seriesId: L('organizer.event.series'),
    seriesPosition: L('organizer.event.seriesPosition'),
  }
  for (let n = 0; n < ticketRows; n++) {
    labels[`tickets.${n}.nameSv`] = L('organizer.tickets.nameSv', { n: n + 1 })
    labels[`tickets.${n}.nameEn`] = L('organizer.tickets.nameEn', { n: n + 1 })
    labels[`tickets.${n}.price`] = L('organizer.tickets.price', { n: n + 1 })
  }
  for (let n = 0; n < questionRows; n++) {
    labels[`questions.${n}.kind`] = L('organizer.questions.kind', { n: n + 1 })
    labels[`questions.${n}.labelSv`] = L('organizer.questions.labelSv', { n: n + 1 })
    labels[`questions.${n}.labelEn`] = L('organizer.questions.labelEn', { n: n + 1 })
    labels[`questions.${n}.options`] = L('organizer.questions.options', { n: n + 1 })
  }
  const formatOptions: Option[] = EVENT_FORMATS.map((f) => ({ value: f, label: L(`format.${f}`) }))
  const countyOptions: Option[] = [{ value: '', label: L('organizer.event.chooseCounty') }, ...COUNTIES.map((c) => ({ value: c, label: L(`county.${c}`) }))]
  const modeOptions: Option[] = REGISTRATION_MODES.map((m) => ({ value: m, label: L(`registrationMode.${m}`) }))
  const kindOptions: Option[] = QUESTION_KINDS.map((k) => ({ value: k, label: L(`organizer.questionKind.${k}`) }))
  const seriesOptions: Option[] = [
    { value: '', label: L('organizer.event.noSeries') },
    ...series.map((s) => ({ value: s.id, label: (locale === 'en' && s.titleEn) || s.titleSv })),
  ]
  const markdown = L('organizer.markdownHint')
  const timeHint = L('organizer.timeHint')

  return (
    <Form method="post" action={action} noValidate className="console-form">
      <ErrorSummary formError={formError} fieldErrors={formError ? fieldErrors : undefined} labels={labels} />
      <fieldset disabled={readOnly}>
        <legend>{L('organizer.event.texts')}</legend>
        <TextField name="titleSv" label={labels.titleSv} value={v('titleSv')} error={e('titleSv')} required />
        <TextField name="titleEn" label={labels.titleEn} hint={L('organizer.event.titleEnHint')} value={v('titleEn')} error={e('titleEn')} />
        <TextAreaField name="summarySv" label={L('organizer.event.summarySv')} value={v('summarySv')} error={e('summarySv')} rows={2} />
        <TextAreaField name="summaryEn" label={L('organizer.event.summaryEn')} value={v('summaryEn')} error={e('summaryEn')} rows={2} />
        <TextAreaField
          name="descriptionSv"
          label={L('organizer.event.descriptionSv')}
          hint={markdown}
          value={v('descriptionSv')}
          error={e('descriptionSv')}
          rows={8}
        />
        <TextAreaField
          name="descriptionEn"
          label={L('organizer.event.descriptionEn')}
          hint={markdown}
          value={v('descriptionEn')}
          error={e('descriptionEn')}
          rows={8}
        />
        <TextField name="slug" label={labels.slug} hint={L('organizer.event.slugHint')} value={v('slug')} error={e('slug')} />
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{L('organizer.event.whenWhere')}</legend>
        <SelectField name="format" label={labels.format} options={formatOptions} value={v('format') || 'on_site'} error={e('format')} required />
        <div className="console-grid">
          <TextField name="startsAt" type="datetime-local" label={labels.startsAt} hint={timeHint} value={v('startsAt')} error={e('startsAt')} required />
          <TextField name="endsAt" type="datetime-local" label={labels.endsAt} hint={timeHint} value={v('endsAt')} error={e('endsAt')} required />
        </div>
        <p className="field__hint">{L('organizer.event.venueHint')}</p>
        <TextField name="venueName" label={labels.venueName} value={v('venueName')} error={e('venueName')} />
        <TextField name="venueAddress" label={labels.venueAddress} value={v('venueAddress')} error={e('venueAddress')} autoComplete="off" />
        <div className="console-grid">
          <TextField name="postalCode" label={labels.postalCode} value={v('postalCode')} error={e('postalCode')} inputMode="numeric" />
          <TextField name="city" label={labels.city} value={v('city')} error={e('city')} />
        </div>
        <SelectField name="county" label={labels.county} options={countyOptions} value={v('county')} error={e('county')} />
        <TextField
          name="onlineUrl"
          type="url"
          label={labels.onlineUrl}
          hint={L('organizer.event.onlineUrlHint')}
          value={v('onlineUrl')}
          error={e('onlineUrl')}
          inputMode="url"
        />
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{L('organizer.event.registration')}</legend>
        <div className="console-grid">
          <TextField
            name="capacityOnSite"
            label={labels.capacityOnSite}
            hint={L('organizer.event.capacityHint')}
            value={v('capacityOnSite')}
            error={e('capacityOnSite')}
            inputMode="numeric"
          />
          <TextField
            name="capacityOnline"
            label={labels.capacityOnline}
            hint={L('organizer.event.capacityHint')}
            value={v('capacityOnline')}
            error={e('capacityOnline')}
            inputMode="numeric"
          />
        </div>
        <SelectField
          name="registrationMode"
          label={L('organizer.event.registrationMode')}
          options={modeOptions}
          value={v('registrationMode') || 'open'}
          error={e('registrationMode')}
        />
        <p className="field__hint">{L('organizer.event.registrationWindowHint')}</p>
        <div className="console-grid">
          <TextField
            name="registrationOpensAt"
            type="datetime-local"
            label={labels.registrationOpensAt}
            hint={timeHint}
            value={v('registrationOpensAt')}
            error={e('registrationOpensAt')}
          />
          <TextField
            name="registrationClosesAt"
            type="datetime-local"
            label={labels.registrationClosesAt}
            hint={timeHint}
            value={v('registrationClosesAt')}
            error={e('registrationClosesAt')}
          />
        </div>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{L('organizer.event.seriesLegend')}</legend>
        <div className="console-grid">
          <SelectField name="seriesId" label={labels.seriesId} options={seriesOptions} value={v('seriesId')} error={e('seriesId')} />
          <TextField
            name="seriesPosition"
            label={labels.seriesPosition}
            hint={L('organizer.event.seriesPositionHint')}
            value={v('seriesPosition')}
            error={e('seriesPosition')}
            inputMode="numeric"
          />
        </div>
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{L('organizer.tickets.legend')}</legend>
        <p className="field__hint">{L('organizer.tickets.hint')}</p>
        {Array.from({ length: ticketRows }, (_, n) => (
          <div className="console-row" key={`ticket-${n}`}>
            {v(`tickets.${n}.id`) ? <input type="hidden" name={`tickets.${n}.id`} value={v(`tickets.${n}.id`)} /> : null}
            <TextField name={`tickets.${n}.nameSv`} label={labels[`tickets.${n}.nameSv`]} value={v(`tickets.${n}.nameSv`)} error={e(`tickets.${n}.nameSv`)} />
            <TextField name={`tickets.${n}.nameEn`} label={labels[`tickets.${n}.nameEn`]} value={v(`tickets.${n}.nameEn`)} error={e(`tickets.${n}.nameEn`)} />
            <TextField
              name={`tickets.${n}.price`}
              label={labels[`tickets.${n}.price`]}
              value={v(`tickets.${n}.price`)}
              error={e(`tickets.${n}.price`)}
              inputMode="decimal"
            />
          </div>
        ))}
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>{L('organizer.questions.legend')}</legend>
        <p className="field__hint">{L('organizer.questions.hint')}</p>
        {Array.from({ length: questionRows }, (_, n) => (
          <div className="console-row console-row--question" key={`question-${n}`}>
            {v(`questions.${n}.id`) ? <input type="hidden" name={`questions.${n}.id`} value={v(`questions.${n}.id`)} /> : null}
            <SelectField
              name={`questions.${n}.kind`}
              label={labels[`questions.${n}.kind`]}
              options={kindOptions}
              value={v(`questions.${n}.kind`) || 'text'}
              error={e(`questions.${n}.kind`)}
            />
            <TextField
              name={`questions.${n}.labelSv`}
              label={labels[`questions.${n}.labelSv`]}
              value={v(`questions.${n}.labelSv`)}
              error={e(`questions.${n}.labelSv`)}
            />
            <TextField
              name={`questions.${n}.labelEn`}
              label={labels[`questions.${n}.labelEn`]}
              value={v(`questions.${n}.labelEn`)}
              error={e(`questions.${n}.labelEn`)}
            />
            <TextAreaField
              name={`questions.${n}.options`}
              label={labels[`questions.${n}.options`]}
              hint={L('organizer.questions.optionsHint')}
              value={v(`questions.${n}.options`)}
              error={e(`questions.${n}.options`)}
              rows={3}
            />
            <CheckboxField
              name={`questions.${n}.required`}
              value="yes"
              label={L('organizer.questions.required', { n: n + 1 })}
              checked={v(`questions.${n}.required`) === 'yes'}
            />
          </div>
        ))}
      </fieldset>

      {readOnly ? null : (
        <>
          {saveNotice ? (
            <p className="field__hint" id="save-notice">
              {saveNotice}
            </p>
          ) : null}
          <p>
            <button type="submit" name="intent" value="save" aria-describedby={saveNotice ? 'save-notice' : undefined}>
              {submitLabel}
            </button>
          </p>
        </>
      )}
    </Form>
  )
}
