import { t, type Locale } from '../../i18n/index.ts'

export type ExportChoice = { value: string; label: string; checked: boolean }

const FORMATS = ['xlsx', 'excel-sv', 'rfc4180'] as const

/**
 * "Ladda ner anmälningarna": a plain GET form to the export route (a document request, so the
 * browser downloads the file), carrying the list's current filters as hidden fields, so the file
 * holds exactly the rows the list shows. The organizer picks the format and the columns.
 */
export function ExportForm(props: {
  locale: Locale
  action: string
  total: number
  filters: Record<string, string | undefined>
  columns: ExportChoice[]
  questions: ExportChoice[]
}) {
  const { locale } = props
  const checkbox = (choice: ExportChoice) => (
    <div className="field field--checkbox" key={choice.value}>
      <input id={`export-col-${choice.value}`} type="checkbox" name="col" value={choice.value} defaultChecked={choice.checked} />
      <label htmlFor={`export-col-${choice.value}`}>{choice.label}</label>
    </div>
  )
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">{t(locale, 'organizer.export.heading')}</h2>
      <form method="get" action={props.action} className="console-form" key={JSON.stringify(props.filters)}>
        <p className="field__hint">{t(locale, 'organizer.export.hint', { total: props.total })}</p>
        {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        {Object.entries(props.filters).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
        <fieldset className="field field--radios">
          <legend>{t(locale, 'organizer.export.format')}</legend>
          {FORMATS.map((format, index) => (
            <div className="radio" key={format}>
              <input id={`export-format-${format}`} type="radio" name="format" value={format} defaultChecked={index === 0} />
              <label htmlFor={`export-format-${format}`}>{t(locale, `organizer.export.format.${format}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="form-group">
          <legend>{t(locale, 'organizer.export.columns')}</legend>
          {props.columns.map(checkbox)}
        </fieldset>
        {props.questions.length > 0 ? (
          <fieldset className="form-group">
            <legend>{t(locale, 'organizer.export.questions')}</legend>
            {props.questions.map(checkbox)}
          </fieldset>
        ) : null}
        <button type="submit">{t(locale, 'organizer.export.submit')}</button>
      </form>
    </section>
  )
}
