import { t, type Locale } from '../../i18n/index.ts'
import { IntentForm } from '../intent-form.tsx'
import { affectedNotice } from './mail-notice.ts'
import { TextAreaField } from './fields.tsx'

type Status = 'draft' | 'published' | 'cancelled' | 'postponed'
type StatusAction = 'publish' | 'unpublish' | 'cancel' | 'postpone'

/**
 * The changes each status offers. A draft has never been public, so there is nothing to cancel or
 * postpone (and nobody to tell); it can only be published.
 */
export const STATUS_ACTIONS: Record<Status, readonly StatusAction[]> = {
  draft: ['publish'],
  published: ['unpublish', 'cancel', 'postpone'],
  postponed: ['publish', 'unpublish', 'cancel'],
  cancelled: ['publish', 'unpublish'],
}
import type { EventStatus } from '../../generated/prisma/enums.ts'

export type StatusPanelProps = {
  locale: Locale
  action: string
  status: EventStatus
  revision: number
  cancellationReason: string | null
  /** How many people cancelling, postponing or reinstating mails (shown before the button is pressed). */
  affected?: number
  /** The failed status form's field errors and typed values, if any. */
  intent?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
}

/** Publish / unpublish / cancel (reason required) / postpone (optional note), each its own POST form. */
export function StatusPanel({ locale, action, status, revision, cancellationReason, affected, intent, fieldErrors = {}, values = {} }: StatusPanelProps) {
  const L = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t(locale, key, params)
  const offers = (action: StatusAction) => STATUS_ACTIONS[status].includes(action)
  const notice = (id: string) =>
    affected === undefined ? null : (
      <p className="field__hint" id={id}>
        {affectedNotice(locale, affected, 'status')}
      </p>
    )
  const isReinstating = status === 'cancelled' || status === 'postponed'
  return (
    <section className="panel console-status" aria-labelledby="status-heading">
      <h2 id="status-heading">{L('organizer.status.legend')}</h2>
      <p>
        <span className={`badge badge--${status}`}>{L('organizer.status.current', { status: L(`status.${status}`) })}</span>{' '}
        <span className="console-muted">{L('organizer.event.revision', { revision })}</span>
      </p>
      {cancellationReason && (status === 'cancelled' || status === 'postponed') ? <p>{cancellationReason}</p> : null}
      <div className="console-status__actions">
        {offers('publish') ? (
          <IntentForm
            intent="publish"
            action={action}
            submit={{
              label: L('organizer.status.publish'),
              describedBy: isReinstating && affected !== undefined ? 'publish-hint publish-mail' : 'publish-hint',
            }}
          >
            <p className="field__hint" id="publish-hint">
              {L('organizer.status.publishHint')}
            </p>
            {isReinstating ? notice('publish-mail') : null}
          </IntentForm>
        ) : null}
        {offers('unpublish') ? (
          <IntentForm
            intent="unpublish"
            action={action}
            submit={{ label: L('organizer.status.unpublish'), className: 'button--secondary', describedBy: 'unpublish-hint' }}
          >
            <p className="field__hint" id="unpublish-hint">
              {L('organizer.status.unpublishHint')}
            </p>
          </IntentForm>
        ) : null}
      </div>
      {offers('cancel') ? (
        <IntentForm intent="cancel" action={action} noValidate>
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
            {notice('cancel-mail')}
            <button type="submit" className="button--danger" aria-describedby={affected === undefined ? undefined : 'cancel-mail'}>
              {L('organizer.status.cancel')}
            </button>
          </fieldset>
        </IntentForm>
      ) : null}
      {offers('postpone') ? (
        <IntentForm intent="postpone" action={action} noValidate>
          <fieldset>
            <legend>{L('organizer.status.postponeTitle')}</legend>
            <TextAreaField
              name="note"
              label={L('organizer.status.postponeNote')}
              value={intent === 'postpone' ? values.note : ''}
              error={intent === 'postpone' ? fieldErrors.note : undefined}
              rows={2}
            />
            {notice('postpone-mail')}
            <button type="submit" className="button--secondary" aria-describedby={affected === undefined ? undefined : 'postpone-mail'}>
              {L('organizer.status.postpone')}
            </button>
          </fieldset>
        </IntentForm>
      ) : null}
    </section>
  )
}
