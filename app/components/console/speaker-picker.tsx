import { useState } from 'react'
import { fieldId } from '../../console/paths.ts'
import { SPEAKER_ROLES } from '../../enums.ts'
import { t, type Locale } from '../../i18n/index.ts'
import type { SpeakerPickerRow } from '../../programme/speaker-picker.server.ts'
import { matchesSpeakerQuery, SPEAKER_QUERY_MAX } from '../../programme/speaker-filter.ts'
import { SelectField } from './fields.tsx'

/** The id of the GET form the filter field belongs to (rendered outside the item form, see SpeakerFilterForm). */
export const SPEAKER_FILTER_FORM = 'speaker-filter'

type Props = {
  locale: Locale
  rows: SpeakerPickerRow[]
  query: string
  /** How many of the organization's profiles match the query (the server's count, before JavaScript). */
  matches: number
  values: Record<string, string>
  fieldErrors: Record<string, string>
}

/**
 * The item form's speaker list. Without JavaScript the filter field submits its own GET form
 * (?speakerQuery=) and the server narrows the list; with JavaScript the list narrows as you type.
 * Chosen speakers stay listed whatever the filter, so saving never drops one. A live region says how many match.
 */
export function SpeakerPicker({ locale, rows, query: initialQuery, matches, values, fieldErrors }: Props) {
  const [query, setQuery] = useState(initialQuery)
  const [filtered, setFiltered] = useState(false)
  const [checked, setChecked] = useState(() => new Set(rows.filter((row) => values[`speaker.${row.id}`] === 'on').map((row) => row.id)))
  const L = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(locale, key, params)
  const roleOptions = SPEAKER_ROLES.map((role) => ({ value: role, label: L(`speakerRole.${role}`) }))
  const matching = (row: SpeakerPickerRow) => matchesSpeakerQuery(query, { name: row.name, title: row.detail, affiliation: '' })
  const count = filtered ? rows.filter(matching).length : matches
  const filterId = fieldId('speakerQuery')
  return (
    <>
      <div className="console-speaker-filter">
        <div className="field">
          <label htmlFor={filterId}>{L('organizer.programme.speakerFilter')}</label>
          <p className="field__hint" id={`${filterId}-hint`}>
            {L('organizer.programme.speakerFilterHint')}
          </p>
          <div className="console-inline">
            <input
              id={filterId}
              type="search"
              name="speakerQuery"
              form={SPEAKER_FILTER_FORM}
              defaultValue={initialQuery}
              maxLength={SPEAKER_QUERY_MAX}
              autoComplete="off"
              aria-describedby={`${filterId}-hint ${filterId}-count`}
              onChange={(event) => {
                setQuery(event.target.value)
                setFiltered(true)
              }}
            />
            <button type="submit" form={SPEAKER_FILTER_FORM} className="button--secondary button--small">
              {L('organizer.programme.speakerFilterSubmit')}
            </button>
          </div>
          <p id={`${filterId}-count`} className="field__hint" role="status">
            {L(count === 1 ? 'organizer.programme.speakerMatches.one' : 'organizer.programme.speakerMatches.other', { count })}
          </p>
        </div>
      </div>
      <ul className="console-speakers">
        {rows.map((row) => {
          const checkboxId = fieldId(`speaker.${row.id}`)
          const visible = checked.has(row.id) || !filtered || matching(row)
          return (
            <li key={row.id} className="console-speaker" hidden={!visible}>
              <div className="field field--checkbox">
                <input
                  id={checkboxId}
                  type="checkbox"
                  name={`speaker.${row.id}`}
                  value="on"
                  defaultChecked={values[`speaker.${row.id}`] === 'on'}
                  onChange={(event) => {
                    const next = new Set(checked)
                    if (event.target.checked) next.add(row.id)
                    else next.delete(row.id)
                    setChecked(next)
                  }}
                />
                <label htmlFor={checkboxId}>
                  {row.name}
                  {row.detail ? <span className="console-speaker__detail">, {row.detail}</span> : null}
                </label>
              </div>
              {row.invitation ? (
                <p className={`badge badge--invitation badge--invitation-${row.invitation}`}>
                  {L('organizer.programme.invitationStatus', { status: L(`speakers.status.${row.invitation}`) })}
                </p>
              ) : null}
              <SelectField
                name={`speakerRole.${row.id}`}
                label={L('organizer.programme.speakerRole', { name: row.name })}
                options={roleOptions}
                value={values[`speakerRole.${row.id}`] || 'speaker'}
                error={fieldErrors[`speakerRole.${row.id}`]}
              />
            </li>
          )
        })}
      </ul>
    </>
  )
}

/** The GET form behind the filter field: placed outside the item form (forms cannot nest), it keeps ?edit= and reloads the list. */
export function SpeakerFilterForm({ action, editId, locale }: { action: string; editId?: string; locale: Locale }) {
  return (
    <form
      id={SPEAKER_FILTER_FORM}
      method="get"
      action={action}
      onSubmit={(event) => {
        // With JavaScript the list already narrowed as you typed; a reload would lose the item form's unsaved fields.
        event.preventDefault()
      }}
    >
      {editId ? <input type="hidden" name="edit" value={editId} /> : null}
      {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
    </form>
  )
}
