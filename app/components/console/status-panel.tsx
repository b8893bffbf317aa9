import { Form } from '@remix-run/react'
import { t, type Locale } from '../../i18n/index.ts'
import { TextAreaField } from './fields.tsx'
import type { EventStatus } from '../../generated/prisma/enums.ts'

export type StatusPanelProps = {
  locale: Locale
  action: string
  status: EventStatus
  revision: number
  cancellationReason: string | null
  /** The failed status form's field errors and typed values, if any. */
  intent?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
}

/** Publish / unpublish / cancel (reason required) / postpone (optional note), each its own POST form. */
export function StatusPanel({ locale, action, status, revision, cancellationReason, intent, fieldErrors = {}, values = {} }: StatusPanelProps) {
  const L = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(locale, key, params)
  return (
    <section className="panel console-status" aria-labelledby="status-heading">
      <h2 id="status-heading">{L('organizer.status.legend')}</h2>
      <p>
        <span className={`badge badge--${status}`}>{L('organizer.status.current', { status: L(`status.${status}`) })}</span>{' '}
        <span className="console-muted">{L('organizer.event.revision', { revision })}</span>
      </p>
      {cancellationReason && (status === 'cancelled' || status === 'postponed') ? <p>{cancellationReason}</p> : null}
      <div className="console-status__actions">
        {status !== 'published' ? (
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="publish" />
            <p className="field__hint" id="publish-hint">
              {L('organizer.status.publishHint')}
            </p>
            <button type="submit" aria-describedby="publish-hint">
              {L('organizer.status.publish')}
            </button>
          </Form>
        ) : null}
        {status !== 'draft' ? (
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="unpublish" />
            <p className="field__hint" id="unpublish-hint">
              {L('organizer.status.unpublishHint')}
            </p>
            <button type="submit" className="button--secondary" aria-describedby="unpublish-hint">
              {L('organizer.status.unpublish')}
            </button>
          </Form>
        ) : null}
      </div>
      {status !== 'cancelled' ? (
        <Form method="post" action={action} noValidate>
          <input type="hidden" name="intent" value="cancel" />
          <fieldset>
            <legend>{L('organizer.status.cancelTitle')}</legend>
            <TextAreaField
              name="reason"
              label={L('organizer.status.cancelReason')}
              hint={L('organizer.status.cancelHint')}
              value={intent === 'cancel' ? values.reason : ''}
              error={intent === 'cancel' ? fieldErrors.reason : undefined}
              rows={3}
              required
            />
            <button type="submit" className="button--danger">
              {L('organizer.status.cancel')}
            </button>
          </fieldset>
        </Form>
      ) : null}
      {status !== 'postponed' && status !== 'cancelled' ? (
        <Form method="post" action={action} noValidate>
          <input type="hidden" name="intent" value="postpone" />
          <fieldset>
            <legend>{L('organizer.status.postponeTitle')}</legend>
            <TextAreaField
              name="note"
              label={L('organizer.status.postponeNote')}
              value={intent === 'postpone' ? values.note : ''}
              error={intent === 'postpone' ? fieldErrors.note : undefined}
              rows={2}
            />
            <button type="submit" className="button--secondary">
              {L('organizer.status.postpone')}
            </button>
          </fieldset>
        </Form>
      ) : null}
    </section>
  )
}
