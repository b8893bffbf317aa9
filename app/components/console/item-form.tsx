import { fieldId } from '../../console/paths.ts'
import { ITEM_TYPES, SPEAKER_ROLES } from '../../enums.ts'
import { IntentForm } from '../intent-form.tsx'
import { t, type Locale } from '../../i18n/index.ts'
import { formatLongDate, parseStockholmLocal } from '../../time.ts'
import type { SpeakerPickerRow } from '../../programme/speaker-picker.server.ts'
import { ErrorSummary, SelectField, TextAreaField, TextField, type Option } from './fields.tsx'
import { SpeakerFilterForm, SpeakerPicker } from './speaker-picker.tsx'

export type ItemFormProps = {
  locale: Locale
  action: string
  /** Present when editing an item. */
  itemId?: string
  heading: string
  values: Record<string, string>
  fieldErrors?: Record<string, string>
  formError?: string
  days: string[]
  rooms: { id: string; name: string }[]
  tracks: { id: string; nameSv: string; nameEn: string }[]
  speakers: SpeakerPickerRow[]
  /** The speaker filter (?speakerQuery=) and how many profiles match it. */
  speakerQuery: string
  speakerMatches: number
  /** The page's own path, for the filter's GET form. */
  filterAction: string
  cancelHref?: string
}

/** Add or edit one programme item: plain selects, time inputs and checkboxes (no JavaScript needed). */
export function ItemForm(props: ItemFormProps) {
  const { locale, values, fieldErrors = {} } = props
  const L = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(locale, key, params)
  const v = (name: string) => values[name] ?? ''
  const e = (name: string) => fieldErrors[name]
  const labels: Record<string, string> = {
    type: L('organizer.programme.type'),
    titleSv: L('organizer.programme.titleSv'),
    titleEn: L('organizer.programme.titleEn'),
    day: L('organizer.programme.day'),
    startTime: L('organizer.programme.startTime'),
    endTime: L('organizer.programme.endTime'),
    roomId: L('organizer.programme.room'),
    trackId: L('organizer.programme.track'),
    capacity: L('organizer.programme.capacity'),
    recordingUrl: L('organizer.programme.recordingUrl'),
    slidesUrl: L('organizer.programme.slidesUrl'),
    speakers: L('organizer.programme.speakers'),
    newSpeakerName: L('organizer.programme.newSpeakerName'),
  }
  const dayOptions: Option[] = props.days.map((day) => ({ value: day, label: formatLongDate(parseStockholmLocal(`${day} 12:00`) ?? new Date(day), locale) }))
  const roleOptions: Option[] = SPEAKER_ROLES.map((role) => ({ value: role, label: L(`speakerRole.${role}`) }))
  return (
    <>
      <IntentForm
        intent="saveItem"
        action={props.action}
        fields={props.itemId ? { itemId: props.itemId } : {}}
        noValidate
        className="console-form"
        id="item-form"
      >
        <h2>{props.heading}</h2>
        <ErrorSummary formError={props.formError} fieldErrors={props.formError ? fieldErrors : undefined} labels={labels} />
        <SelectField
          name="type"
          label={labels.type}
          options={ITEM_TYPES.map((type) => ({ value: type, label: L(`itemType.${type}`) }))}
          value={v('type') || 'talk'}
          error={e('type')}
        />
        <TextField name="titleSv" label={labels.titleSv} value={v('titleSv')} error={e('titleSv')} required />
        <TextField name="titleEn" label={labels.titleEn} hint={L('organizer.event.titleEnHint')} value={v('titleEn')} error={e('titleEn')} />
        <TextAreaField
          name="descriptionSv"
          label={L('organizer.programme.descriptionSv')}
          hint={L('organizer.markdownHint')}
          value={v('descriptionSv')}
          error={e('descriptionSv')}
          rows={3}
        />
        <TextAreaField
          name="descriptionEn"
          label={L('organizer.programme.descriptionEn')}
          hint={L('organizer.markdownHint')}
          value={v('descriptionEn')}
          error={e('descriptionEn')}
          rows={3}
        />
        <fieldset>
          <legend>{L('organizer.programme.when')}</legend>
          <p className="field__hint">{L('organizer.timeHint')}</p>
          <div className="console-grid console-grid--3">
            <SelectField name="day" label={labels.day} options={dayOptions} value={v('day') || props.days[0]} error={e('day')} required />
            <TextField name="startTime" type="time" label={labels.startTime} value={v('startTime')} error={e('startTime')} required />
            <TextField name="endTime" type="time" label={labels.endTime} value={v('endTime')} error={e('endTime')} required />
          </div>
          <div className="console-grid">
            <SelectField
              name="roomId"
              label={labels.roomId}
              options={[{ value: '', label: L('organizer.programme.noRoom') }, ...props.rooms.map((room) => ({ value: room.id, label: room.name }))]}
              value={v('roomId')}
              error={e('roomId')}
            />
            <SelectField
              name="trackId"
              label={labels.trackId}
              options={[
                { value: '', label: L('organizer.programme.noTrack') },
                ...props.tracks.map((track) => ({ value: track.id, label: (locale === 'en' && track.nameEn) || track.nameSv })),
              ]}
              value={v('trackId')}
              error={e('trackId')}
            />
          </div>
        </fieldset>
        <TextField
          name="capacity"
          label={labels.capacity}
          hint={L('organizer.programme.capacityHint')}
          value={v('capacity')}
          error={e('capacity')}
          inputMode="numeric"
        />
        <div className="console-grid">
          <TextField name="recordingUrl" type="url" label={labels.recordingUrl} value={v('recordingUrl')} error={e('recordingUrl')} />
          <TextField name="slidesUrl" type="url" label={labels.slidesUrl} value={v('slidesUrl')} error={e('slidesUrl')} />
        </div>
        <fieldset id={fieldId('speakers')} tabIndex={-1}>
          <legend>{labels.speakers}</legend>
          {e('speakers') ? <p className="field__error">{e('speakers')}</p> : null}
          {props.speakers.length === 0 && !props.speakerQuery ? <p className="field__hint">{L('organizer.programme.noSpeakers')}</p> : null}
          {props.speakers.length || props.speakerQuery ? (
            <SpeakerPicker
              locale={locale}
              rows={props.speakers}
              query={props.speakerQuery}
              matches={props.speakerMatches}
              values={values}
              fieldErrors={fieldErrors}
            />
          ) : null}
          <fieldset>
            <legend>{L('organizer.programme.newSpeaker')}</legend>
            <div className="console-grid">
              <TextField name="newSpeakerName" label={labels.newSpeakerName} value={v('newSpeakerName')} error={e('newSpeakerName')} />
              <TextField name="newSpeakerTitle" label={L('organizer.programme.newSpeakerTitle')} value={v('newSpeakerTitle')} error={e('newSpeakerTitle')} />
              <TextField
                name="newSpeakerAffiliation"
                label={L('organizer.programme.newSpeakerAffiliation')}
                value={v('newSpeakerAffiliation')}
                error={e('newSpeakerAffiliation')}
              />
              <SelectField
                name="newSpeakerRole"
                label={L('organizer.programme.newSpeakerRole')}
                options={roleOptions}
                value={v('newSpeakerRole') || 'speaker'}
              />
            </div>
          </fieldset>
        </fieldset>
        <p className="console-actions">
          <button type="submit">{props.itemId ? L('organizer.programme.saveSubmit') : L('organizer.programme.addSubmit')}</button>
          {props.cancelHref ? <a href={props.cancelHref}>{L('organizer.programme.cancelEdit')}</a> : null}
        </p>
      </IntentForm>
      <SpeakerFilterForm action={props.filterAction} editId={props.itemId} locale={locale} />
    </>
  )
}
