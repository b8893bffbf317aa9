import type { ReactNode } from 'react'
import { fieldId } from '../console/paths.ts'
import { COUNTIES, SECTORS } from '../enums.ts'
import { t, type Locale } from '../i18n/index.ts'
import { privacyNoticePath, type PrivacyLink } from '../privacy/paths.ts'
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from './console/fields.tsx'

/**
 * The public registration form (event and series). It gets the event's form definition as props
 * and carries no per-visitor state, so the event page it sits on stays cacheable; the invitation
 * token of an invite-only day is the only personal value, and only on the register page itself.
 * Works without JavaScript: a plain POST, errors next to the fields, what was typed kept.
 */
export type RegistrationFormProps = {
  locale: Locale
  action: string
  form: {
    title: string
    mode: 'open' | 'invite_only' | 'interest_only'
    modes: { mode: 'on_site' | 'online'; capacity: number | null; left: number | null }[]
    tickets: { id: string; name: string; price: string; priceOre: number }[]
    needsInvoice: boolean
    questions: {
      id: string
      kind: 'text' | 'choice' | 'multi_choice' | 'yes_no'
      label: string
      required: boolean
      options: { value: string; label: string }[]
    }[]
    items: { id: string; title: string; when: string; capacity: number; left: number }[]
    privacy: PrivacyLinkProps
  }
  values?: Record<string, string>
  fieldErrors?: Record<string, string>
  formError?: string
  invite?: string | null
  /** A series sign-up: one registration per open part; no seat figures (each part has its own). */
  series?: boolean
}

function Radios(props: {
  name: string
  legend: string
  options: { value: string; label: string; hint?: string }[]
  value?: string
  error?: string
  required?: boolean
}) {
  const id = fieldId(props.name)
  return (
    <fieldset
      className={props.error ? 'field field--radios field--invalid' : 'field field--radios'}
      id={id}
      aria-describedby={props.error ? `${id}-error` : undefined}
    >
      <legend>
        {props.legend}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {props.error ? (
        <p className="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      {props.options.map((option) => {
        const optionId = `${id}-${option.value}`
        return (
          <div className="radio" key={option.value}>
            <input
              type="radio"
              id={optionId}
              name={props.name}
              value={option.value}
              defaultChecked={props.value === option.value}
              required={props.required}
              aria-describedby={option.hint ? `${optionId}-hint` : undefined}
            />
            <label htmlFor={optionId}>{option.label}</label>
            {option.hint ? (
              <span className="field__hint" id={`${optionId}-hint`}>
                {' '}
                ({option.hint})
              </span>
            ) : null}
          </div>
        )
      })}
    </fieldset>
  )
}

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="form-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  )
}

type FieldsProps = { locale: Locale; values: Record<string, string>; fieldErrors: Record<string, string> }

/** Name, e-mail, organization, sector and län: the registration form's and the manage page's. */
export function AttendeeFields({ locale, values, fieldErrors, withEmail = false }: FieldsProps & { withEmail?: boolean }) {
  return (
    <Group legend={t(locale, 'manage.details')}>
      <TextField
        name="name"
        label={star(t(locale, 'registration.name'))}
        value={values.name}
        error={fieldErrors.name}
        required
        autoComplete="name"
        maxLength={200}
      />
      {withEmail ? (
        <TextField
          name="email"
          type="email"
          label={star(t(locale, 'registration.email'))}
          hint={t(locale, 'registration.emailHelp')}
          value={values.email}
          error={fieldErrors.email}
          required
          autoComplete="email"
          maxLength={254}
        />
      ) : null}
      <TextField
        name="organization"
        label={t(locale, 'registration.organization')}
        value={values.organization}
        error={fieldErrors.organization}
        autoComplete="organization"
        maxLength={200}
      />
      <SelectField
        name="sector"
        label={star(t(locale, 'registration.sector'))}
        value={values.sector}
        error={fieldErrors.sector}
        required
        options={[
          { value: '', label: t(locale, 'registration.choose') },
          ...SECTORS.map((sector) => ({ value: sector, label: t(locale, `sector.${sector}`) })),
        ]}
      />
      <SelectField
        name="county"
        label={star(t(locale, 'registration.county'))}
        value={values.county}
        error={fieldErrors.county}
        required
        options={[
          { value: '', label: t(locale, 'registration.choose') },
          ...COUNTIES.map((county) => ({ value: county, label: t(locale, `county.${county}`) })),
          { value: 'abroad', label: t(locale, 'county.abroad') },
        ]}
      />
    </Group>
  )
}

/** The event's own questions, one control per kind. */
export function QuestionFields({ locale, questions, values, fieldErrors }: FieldsProps & { questions: RegistrationFormProps['form']['questions'] }) {
  return (
    <Group legend={t(locale, 'registration.questions')}>
      {questions.map((question) => {
        const name = `q_${question.id}`
        const label = question.required ? star(question.label) : question.label
        if (question.kind === 'text')
          return (
            <TextAreaField
              key={name}
              name={name}
              label={label}
              value={values[name]}
              error={fieldErrors[name]}
              required={question.required}
              rows={3}
              maxLength={2000}
            />
          )
        if (question.kind === 'yes_no')
          return (
            <Radios
              key={name}
              name={name}
              legend={question.label}
              required={question.required}
              value={values[name]}
              error={fieldErrors[name]}
              options={[
                { value: 'yes', label: t(locale, 'registration.yes') },
                { value: 'no', label: t(locale, 'registration.no') },
              ]}
            />
          )
        if (question.kind === 'choice')
          return (
            <SelectField
              key={name}
              name={name}
              label={label}
              value={values[name]}
              error={fieldErrors[name]}
              required={question.required}
              options={[{ value: '', label: t(locale, 'registration.choose') }, ...question.options]}
            />
          )
        return (
          <fieldset key={name} className={fieldErrors[name] ? 'field field--invalid' : 'field'} id={fieldId(name)}>
            <legend>{label}</legend>
            {fieldErrors[name] ? <p className="field__error">{fieldErrors[name]}</p> : null}
            {question.options.map((option) => (
              <CheckboxField
                key={option.value}
                name={`${name}__${option.value}`}
                label={option.label}
                value="yes"
                checked={values[`${name}__${option.value}`] === 'yes'}
              />
            ))}
          </fieldset>
        )
      })}
    </Group>
  )
}

/** "12 platser kvar", "Platser finns" or "Fullt – väntelista" (the form and the manage page). */
export function seatsHint(seat: { left: number | null }, locale: Locale): string {
  if (seat.left === null) return t(locale, 'registration.seatsUnlimited')
  if (seat.left === 0) return t(locale, 'registration.seatsFull')
  return t(locale, 'registration.seatsLeft', { count: seat.left })
}

const star = (label: string) => `${label} *`

export type PrivacyLinkProps = PrivacyLink

/**
 * "By registering you accept the privacy notice (version N)" next to the submit button, and the
 * version as a hidden field: sending the form is the acceptance, and the registration records the
 * version the person was shown (ADR 0032). No checkbox: a box to tick adds nothing the button does not.
 */
export function PrivacyConsent({
  locale,
  privacy,
  kind = 'register',
  error,
}: {
  locale: Locale
  privacy: PrivacyLinkProps
  kind?: 'register' | 'propose'
  error?: string
}) {
  return (
    <div className={error ? 'field field--invalid privacy-consent' : 'privacy-consent'} id={fieldId('privacyVersion')}>
      <input type="hidden" name="privacyVersion" value={privacy.version} />
      {error ? <p className="field__error">{error}</p> : null}
      <p className="field__hint">
        {t(locale, kind === 'propose' ? 'privacy.consent.propose' : 'privacy.consent.register')}{' '}
        <a href={privacyNoticePath(privacy.organizationSlug, locale, privacy.version)}>
          {t(locale, 'privacy.consent.link', { organization: privacy.organizationName, version: privacy.version })}
        </a>
        .
      </p>
    </div>
  )
}

export function RegistrationForm({ locale, action, form, values = {}, fieldErrors = {}, formError, invite, series = false }: RegistrationFormProps) {
  const interest = form.mode === 'interest_only'
  const showSeats = !interest && !series
  const labels: Record<string, string> = {
    name: t(locale, 'registration.name'),
    email: t(locale, 'registration.email'),
    sector: t(locale, 'registration.sector'),
    county: t(locale, 'registration.county'),
    attendance: t(locale, 'registration.attendance'),
    ticket: t(locale, 'registration.ticket'),
    invoiceOrgNumber: t(locale, 'registration.invoiceOrgNumber'),
    invoiceAddress: t(locale, 'registration.invoiceAddress'),
    privacyVersion: t(locale, 'privacy.field'),
  }
  for (const question of form.questions) labels[`q_${question.id}`] = question.label
  for (const item of form.items) labels[`item_${item.id}`] = item.title
  const ticket = form.tickets.length === 1 ? form.tickets[0] : null
  return (
    <form method="post" action={action} className="registration-form" noValidate>
      {formError ? <ErrorSummary formError={formError} fieldErrors={fieldErrors} labels={labels} /> : null}
      {invite ? <input type="hidden" name="invite" value={invite} /> : null}
      <p className="field__hint">{t(locale, 'registration.intro')}</p>
      <AttendeeFields locale={locale} values={values} fieldErrors={fieldErrors} withEmail />
      {form.modes.length > 1 ? (
        <>
          <Radios
            name="attendance"
            legend={labels.attendance}
            required
            value={values.attendance}
            error={fieldErrors.attendance}
            options={form.modes.map((seat) => ({
              value: seat.mode,
              label: t(locale, `attendanceMode.${seat.mode}`),
              hint: showSeats ? seatsHint(seat, locale) : undefined,
            }))}
          />
          {!showSeats ? null : (
            <Radios
              name="whenFull"
              legend={t(locale, 'registration.whenFull')}
              value={values.whenFull ?? 'waitlist'}
              options={[
                { value: 'waitlist', label: t(locale, 'registration.whenFull.waitlist') },
                { value: 'other-mode', label: t(locale, 'registration.whenFull.otherMode') },
              ]}
            />
          )}
        </>
      ) : form.modes[0] && !interest && form.modes[0].capacity !== null ? (
        <p className="seats">{seatsHint(form.modes[0], locale)}</p>
      ) : null}
      {form.tickets.length > 1 ? (
        <Radios
          name="ticket"
          legend={labels.ticket}
          required
          value={values.ticket}
          error={fieldErrors.ticket}
          options={form.tickets.map((option) => ({ value: option.id, label: `${option.name} – ${option.price}` }))}
        />
      ) : ticket ? (
        <p className="ticket">
          <strong>{labels.ticket}:</strong> {ticket.name} – {ticket.price}
        </p>
      ) : null}
      {form.needsInvoice && !interest ? (
        <Group legend={t(locale, 'registration.invoice')}>
          <p className="field__hint">{t(locale, 'registration.invoiceHelp')}</p>
          <TextField
            name="invoiceOrgNumber"
            label={star(labels.invoiceOrgNumber)}
            hint={t(locale, 'registration.invoiceOrgNumberHelp')}
            value={values.invoiceOrgNumber}
            error={fieldErrors.invoiceOrgNumber}
            required
            inputMode="numeric"
            maxLength={20}
          />
          <TextAreaField
            name="invoiceAddress"
            label={labels.invoiceAddress}
            hint={t(locale, 'registration.invoiceAddressHelp')}
            value={values.invoiceAddress}
            error={fieldErrors.invoiceAddress}
            rows={3}
            maxLength={1000}
          />
          <TextField
            name="invoiceEReference"
            label={t(locale, 'registration.invoiceEReference')}
            value={values.invoiceEReference}
            error={fieldErrors.invoiceEReference}
            maxLength={200}
          />
          <TextField
            name="buyerReference"
            label={t(locale, 'registration.buyerReference')}
            value={values.buyerReference}
            error={fieldErrors.buyerReference}
            maxLength={200}
          />
        </Group>
      ) : null}
      {form.questions.length && !interest ? <QuestionFields locale={locale} questions={form.questions} values={values} fieldErrors={fieldErrors} /> : null}
      {form.items.length && !interest ? (
        <Group legend={t(locale, 'registration.items')}>
          {form.items.map((item) => (
            <CheckboxField
              key={item.id}
              name={`item_${item.id}`}
              value="yes"
              label={item.title}
              hint={
                item.left > 0
                  ? t(locale, 'registration.itemSeats', { when: item.when, left: item.left, capacity: item.capacity })
                  : t(locale, 'registration.itemFull', { when: item.when })
              }
              checked={values[`item_${item.id}`] === 'yes'}
              error={fieldErrors[`item_${item.id}`]}
            />
          ))}
        </Group>
      ) : null}
      <PrivacyConsent locale={locale} privacy={form.privacy} error={fieldErrors.privacyVersion} />
      <button type="submit" className="button button--primary">
        {interest ? t(locale, 'registration.submitInterest') : series ? t(locale, 'registration.submitSeries') : t(locale, 'registration.submit')}
      </button>
    </form>
  )
}

export type RegistrationStateProps = {
  locale: Locale
  form: RegistrationFormProps['form'] & { state: 'not-yet-open' | 'open' | 'closed'; opens: string | null; closes: string | null }
  status: 'published' | 'cancelled' | 'postponed' | 'draft'
}

/** Whether the form is offered at all: open registration, or an interest list that has not closed. */
export function offersForm({ form, status }: Omit<RegistrationStateProps, 'locale'>, hasInvite = false): boolean {
  if (status !== 'published') return false
  if (form.mode === 'interest_only') return form.state !== 'closed'
  if (form.mode === 'invite_only' && !hasInvite) return false
  return form.state === 'open'
}

/** The lines that say where registration stands (opening date, closing date, invitation only …). */
export function RegistrationNotes({ locale, form, status, hasInvite = false }: RegistrationStateProps & { hasInvite?: boolean }) {
  const lines: string[] = []
  if (status === 'cancelled') lines.push(t(locale, 'registration.closedCancelled'))
  else if (status === 'postponed') lines.push(t(locale, 'registration.closedPostponed'))
  else if (form.state === 'closed') lines.push(t(locale, 'registration.closed'))
  else {
    if (form.mode === 'invite_only') lines.push(t(locale, hasInvite ? 'registration.inviteAccepted' : 'registration.inviteOnly'))
    if (form.mode === 'interest_only') lines.push(t(locale, 'registration.interestIntro'))
    else if (form.state === 'not-yet-open' && form.opens) lines.push(t(locale, 'registration.notYetOpen', { date: form.opens }))
    if (form.closes && form.mode !== 'interest_only') lines.push(t(locale, 'registration.closesAt', { date: form.closes }))
  }
  return (
    <>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </>
  )
}

/** Signing up for every open part of a series at once; nothing to offer when no part is open. */
export function SeriesRegistration({
  locale,
  form,
  action,
  answer,
}: {
  locale: Locale
  form: {
    openParts: { title: string; when: string }[]
    modes: { mode: 'on_site' | 'online'; capacity: number | null; left: number | null }[]
    privacy: PrivacyLinkProps
  }
  action: string
  answer?: { formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }
}) {
  if (form.openParts.length === 0) return <p>{t(locale, 'registration.error.seriesClosed')}</p>
  return (
    <>
      <ul className="plain-list">
        {form.openParts.map((part) => (
          <li key={part.title}>
            <strong>{part.title}</strong> <span className="card__meta">{part.when}</span>
          </li>
        ))}
      </ul>
      <RegistrationForm
        locale={locale}
        action={action}
        form={{ title: '', mode: 'open', modes: form.modes, tickets: [], needsInvoice: false, questions: [], items: [], privacy: form.privacy }}
        values={answer?.values}
        fieldErrors={answer?.fieldErrors}
        formError={answer?.formError}
        series
      />
    </>
  )
}
