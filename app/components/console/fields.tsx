import type { ReactNode } from 'react'
import { fieldId } from '../../console/paths.ts'

/**
 * Form controls for the console: a visible label, an optional hint and the field's error, tied
 * to the control with aria-describedby and aria-invalid so screen readers announce them.
 */
type Common = {
  name: string
  label: string
  hint?: string
  error?: string
  required?: boolean
  /** Override the generated id (when the same name appears in several forms on one page). */
  id?: string
}

function describedBy(id: string, hint?: string, error?: string) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

function FieldFrame({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function TextField(
  props: Common & { value?: string; type?: string; maxLength?: number; autoComplete?: string; inputMode?: 'numeric' | 'decimal' | 'text' | 'url' },
) {
  const id = props.id ?? fieldId(props.name)
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.value ?? ''}
        maxLength={props.maxLength}
        required={props.required}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  )
}

export function TextAreaField(props: Common & { value?: string; maxLength?: number; rows?: number }) {
  const id = props.id ?? fieldId(props.name)
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={id}
        name={props.name}
        defaultValue={props.value ?? ''}
        maxLength={props.maxLength}
        rows={props.rows ?? 4}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  )
}

/** A file chooser; `accept` lists what the server takes (it checks the bytes anyway). */
export function FileField(props: Common & { accept: string }) {
  const id = props.id ?? fieldId(props.name)
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </FieldFrame>
  )
}

export type Option = { value: string; label: string }

/**
 * A select. `required` becomes the HTML attribute only when the first option is an empty
 * placeholder (HTML requires that of a required select); a select that always has a value
 * is announced as required with aria-required instead, and the server checks it either way.
 */
export function SelectField(props: Common & { value?: string; options: Option[] }) {
  const id = props.id ?? fieldId(props.name)
  const hasPlaceholder = props.options[0]?.value === ''
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={id}
        name={props.name}
        defaultValue={props.value ?? ''}
        required={props.required && hasPlaceholder ? true : undefined}
        aria-required={props.required && !hasPlaceholder ? true : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}

export function CheckboxField(props: Common & { checked?: boolean; value?: string }) {
  const id = props.id ?? fieldId(props.name)
  return (
    <div className={props.error ? 'field field--checkbox field--invalid' : 'field field--checkbox'}>
      <input
        id={id}
        type="checkbox"
        name={props.name}
        value={props.value ?? 'on'}
        defaultChecked={props.checked}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  )
}

/**
 * The summary at the top of a form that failed: the form-level message, then one link per field
 * error that moves focus to the field. `labels` maps field names to their visible labels.
 */
export function ErrorSummary({
  formError,
  fieldErrors,
  labels,
}: {
  formError?: string
  fieldErrors?: Record<string, string>
  labels?: Record<string, string>
}) {
  if (!formError && !fieldErrors) return null
  const entries = Object.entries(fieldErrors ?? {})
  return (
    <div className="form-error" role="alert" tabIndex={-1}>
      <p>{formError}</p>
      {entries.length ? (
        <ul>
          {entries.map(([name, message]) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`}>
                {labels?.[name] ? `${labels[name]}: ` : ''}
                {message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
