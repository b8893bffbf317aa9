import { t, type Locale } from '../../i18n/index.ts'
import { formatLongDate } from '../../time.ts'
import { IntentForm } from '../intent-form.tsx'
import { TextField } from './fields.tsx'

export type EventRetentionView = {
  anonymizesOn: Date | string
  anonymizedAt: Date | string | null
  months: number
  ownMonths: number | null
  organizationMonths: number
}

/**
 * The event page's "Gallring av personuppgifter": when its attendees' personal data is (or was)
 * anonymized, and, for organizers, the field that shortens the period (ADR 0031).
 */
export function RetentionPanel(props: { locale: Locale; action: string; retention: EventRetentionView; canEdit: boolean; error?: string; value?: string }) {
  const { locale, retention } = props
  const anonymizedAt = retention.anonymizedAt ? new Date(retention.anonymizedAt) : null
  return (
    <section className="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t(locale, 'retention.event.heading')}</h2>
      {anonymizedAt ? (
        <p>
          <strong>{t(locale, 'retention.event.anonymized', { date: formatLongDate(anonymizedAt, locale) })}</strong>
        </p>
      ) : (
        <>
          <p>
            <strong>{t(locale, 'retention.event.willAnonymize', { date: formatLongDate(new Date(retention.anonymizesOn), locale) })}</strong>{' '}
            {t(locale, 'retention.event.rule', { months: retention.months })}
          </p>
          {props.canEdit ? (
            <IntentForm intent="retention" action={props.action} submit={{ label: t(locale, 'retention.event.save'), className: 'button--secondary' }}>
              <TextField
                name="retentionMonths"
                label={t(locale, 'retention.event.label', { max: retention.organizationMonths })}
                hint={t(locale, 'retention.event.hint', { max: retention.organizationMonths })}
                inputMode="numeric"
                maxLength={3}
                value={props.value ?? (retention.ownMonths === null ? '' : String(retention.ownMonths))}
                error={props.error}
              />
            </IntentForm>
          ) : null}
        </>
      )}
    </section>
  )
}

/** The organization's default retention (the console's start page); only owners may change it. */
export function OrganizationRetentionPanel(props: { locale: Locale; action: string; months: number; canEdit: boolean; error?: string; value?: string }) {
  const { locale } = props
  return (
    <section className="panel" aria-labelledby="org-retention-heading">
      <h2 id="org-retention-heading">{t(locale, 'retention.org.heading')}</h2>
      <p>{t(locale, 'retention.org.intro')}</p>
      {props.canEdit ? (
        <IntentForm intent="retention" action={props.action} submit={{ label: t(locale, 'retention.org.save'), className: 'button--secondary' }}>
          <TextField
            name="retentionMonths"
            label={t(locale, 'retention.org.label')}
            inputMode="numeric"
            maxLength={3}
            required
            value={props.value ?? String(props.months)}
            error={props.error}
          />
        </IntentForm>
      ) : (
        <p>
          <strong>{t(locale, 'retention.event.rule', { months: props.months })}</strong> {t(locale, 'retention.org.ownerOnly')}
        </p>
      )}
    </section>
  )
}
