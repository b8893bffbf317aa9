import { t, type Locale } from '../../i18n/index.ts'
import { CheckboxField, ErrorSummary, SelectField, TextAreaField } from '../console/fields.tsx'
import { IntentForm } from '../intent-form.tsx'

/**
 * "Ställ en fråga" on the attendee's own page (ADR 0029): a POST form (works without JavaScript)
 * to send a question to a session, optionally anonymous, and the person's questions with their
 * state. Text is rendered by React, so whatever was typed shows as text, never as markup.
 */
export type AttendeeQuestionsView = {
  closed: string | null
  sessions: { value: string; label: string }[]
  mine: { id: string; text: string; session: string; state: string; stateLabel: string; isAnonymous: boolean; sentAt: string }[]
  maxLength: number
}

type Answer = { intent?: string; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }

export function AudienceQuestionsPanel({
  locale,
  questions,
  sent,
  answer,
}: {
  locale: Locale
  questions: AttendeeQuestionsView
  sent: boolean
  answer?: Answer
}) {
  if (questions.closed && questions.mine.length === 0) return null
  const failure = answer?.intent === 'ask' ? answer : undefined
  return (
    <section className="panel" aria-labelledby="manage-questions" id="questions">
      <h2 id="manage-questions">{t(locale, 'questions.manage.heading')}</h2>
      {sent && !failure ? (
        <div className="notice" role="status">
          <p>{t(locale, 'questions.manage.sent')}</p>
        </div>
      ) : null}
      {questions.closed ? (
        <p>{questions.closed}</p>
      ) : (
        <>
          <p>{t(locale, 'questions.manage.intro')}</p>
          <IntentForm intent="ask" noValidate submit={{ label: t(locale, 'questions.manage.submit'), className: 'button' }}>
            {failure ? <ErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} /> : null}
            <SelectField
              name="itemId"
              label={t(locale, 'questions.manage.field.session')}
              value={failure?.values.itemId ?? ''}
              error={failure?.fieldErrors.itemId}
              options={questions.sessions}
            />
            <TextAreaField
              name="text"
              required
              label={t(locale, 'questions.manage.field.text')}
              hint={t(locale, 'questions.manage.field.textHint', { max: questions.maxLength })}
              value={failure?.values.text ?? ''}
              maxLength={questions.maxLength}
              error={failure?.fieldErrors.text}
            />
            <CheckboxField
              name="anonymous"
              value="yes"
              label={t(locale, 'questions.manage.field.anonymous')}
              hint={t(locale, 'questions.manage.field.anonymousHint')}
              checked={failure?.values.anonymous === 'yes'}
            />
          </IntentForm>
        </>
      )}
      <h3>{t(locale, 'questions.mine.heading')}</h3>
      {questions.mine.length === 0 ? (
        <p>{t(locale, 'questions.mine.none')}</p>
      ) : (
        <ul className="plain-list audience-questions">
          {questions.mine.map((question) => (
            <li key={question.id} className="audience-question">
              <p className="audience-question__text">{question.text}</p>
              <p className="card__meta">
                {question.session} · {question.sentAt}
                {question.isAnonymous ? ` · ${t(locale, 'questions.mine.anonymous')}` : ''} · <strong data-state={question.state}>{question.stateLabel}</strong>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
