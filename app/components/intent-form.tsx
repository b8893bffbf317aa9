import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'

export type IntentFormProps = {
  /** Which of the page's forms this is; the action reads it as `intent` (see runAction). */
  intent?: string
  /** Where to post; the current route when absent. */
  action?: string
  /** Hidden fields that name what the form is about (`personId`, `roomId` …). */
  fields?: Record<string, string>
  /** The submit button, after the children. Leave it out when the children hold their own button. */
  submit?: { label: string; ariaLabel?: string; className?: string; describedBy?: string; disabled?: boolean }
  className?: string
  id?: string
  noValidate?: boolean
  children?: ReactNode
}

/**
 * A POST form with its hidden `intent` and the ids it is about, and usually one button: the block
 * every console page repeats for "publish", "remove", "move up" and the like.
 */
export function IntentForm({ intent, action, fields = {}, submit, className, id, noValidate, children }: IntentFormProps) {
  return (
    <Form method="post" action={action} className={className} id={id} noValidate={noValidate}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {submit ? (
        <button type="submit" className={submit.className} aria-label={submit.ariaLabel} aria-describedby={submit.describedBy} disabled={submit.disabled}>
          {submit.label}
        </button>
      ) : null}
    </Form>
  )
}
