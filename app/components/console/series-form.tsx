import { IntentForm } from '../intent-form.tsx'
import { t, type Locale } from '../../i18n/index.ts'
import { ErrorSummary, TextAreaField, TextField } from './fields.tsx'

/** Create/edit a series: bilingual texts (Markdown subset in descriptions) and slug. */
export function SeriesForm(props: {
  locale: Locale
  action: string
  values: Record<string, string>
  fieldErrors?: Record<string, string>
  formError?: string
  submitLabel: string
  readOnly?: boolean
}) {
  const { locale, values, fieldErrors = {} } = props
  const L = (key: Parameters<typeof t>[1]) => t(locale, key)
  const v = (name: string) => values[name] ?? ''
  const e = (name: string) => fieldErrors[name]
  const labels = { titleSv: L('organizer.series.titleSv'), titleEn: L('organizer.series.titleEn'), slug: L('organizer.event.slug') }
  return (
    <IntentForm intent="save" action={props.action} noValidate className="console-form">
      <ErrorSummary formError={props.formError} fieldErrors={props.formError ? fieldErrors : undefined} labels={labels} />
      <fieldset disabled={props.readOnly}>
        <legend>{L('organizer.event.texts')}</legend>
        <TextField name="titleSv" label={labels.titleSv} value={v('titleSv')} error={e('titleSv')} required />
        <TextField name="titleEn" label={labels.titleEn} hint={L('organizer.event.titleEnHint')} value={v('titleEn')} error={e('titleEn')} />
        <TextAreaField name="summarySv" label={L('organizer.event.summarySv')} value={v('summarySv')} error={e('summarySv')} rows={2} />
        <TextAreaField name="summaryEn" label={L('organizer.event.summaryEn')} value={v('summaryEn')} error={e('summaryEn')} rows={2} />
        <TextAreaField
          name="descriptionSv"
          label={L('organizer.event.descriptionSv')}
          hint={L('organizer.markdownHint')}
          value={v('descriptionSv')}
          error={e('descriptionSv')}
          rows={6}
        />
        <TextAreaField
          name="descriptionEn"
          label={L('organizer.event.descriptionEn')}
          hint={L('organizer.markdownHint')}
          value={v('descriptionEn')}
          error={e('descriptionEn')}
          rows={6}
        />
        <TextField name="slug" label={labels.slug} hint={L('organizer.event.slugHint')} value={v('slug')} error={e('slug')} />
      </fieldset>
      {props.readOnly ? null : (
        <p>
          <button type="submit">{props.submitLabel}</button>
        </p>
      )}
    </IntentForm>
  )
}
