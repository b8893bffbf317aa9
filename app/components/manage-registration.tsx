import { localePath, t, type Locale } from '../i18n/index.ts'
import { ErrorSummary } from './console/fields.tsx'
import { IntentForm } from './intent-form.tsx'
import { AttendeeFields, QuestionFields, seatsHint } from './registration-form.tsx'
import { CheckboxField } from './console/fields.tsx'

/**
 * The attendee's own page (the manage link): what they registered for, and every change as a
 * POST (mail scanners open links, so opening the page changes nothing).
 */
type View = {
  event: { slug: string; title: string; when: string; place: string; status: string; ended: boolean }
  status: 'confirmed' | 'waitlisted' | 'cancelled' | 'interest'
  position: number | null
  mode: 'on_site' | 'online'
  modes: { mode: 'on_site' | 'online'; left: number | null }[]
  streamUrl: string | null
  ticket: { name: string; price: string } | null
  invoice: { orgNumber: string; address: string | null; eReference: string | null; buyerReference: string | null } | null
  paymentStatus: string
  values: Record<string, string>
  questions: Parameters<typeof QuestionFields>[0]['questions']
  items: { id: string; title: string; when: string; capacity: number; left: number; chosen: boolean }[]
  series: { title: string; parts: { eventId: string; slug: string; title: string; when: string; status: string | null; canJoin: boolean }[] } | null
  canChange: boolean
}

type Answer = { intent?: string; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> }

const DONE_KEYS = {
  cancel: 'manage.cancelled',
  'cancel-series': 'manage.cancelled',
  mode: 'manage.changed',
  details: 'manage.saved',
  items: 'manage.itemsSaved',
  'join-part': 'manage.seriesJoined',
  'calendar-on': 'manage.calendarFeedReady',
  'calendar-off': 'manage.calendarFeedRevoked',
} as const

export function ManageView({ locale, view, done, answer }: { locale: Locale; view: View; done: keyof typeof DONE_KEYS | null; answer?: Answer }) {
  const errorFor = (intent: string) => (answer && answer.intent === intent ? answer : undefined)
  const otherModes = view.modes.filter((mode) => mode.mode !== view.mode)
  const detailsAnswer = errorFor('details')
  return (
    <>
      {done && !answer ? (
        <div className="notice" role="status">
          <p>{t(locale, DONE_KEYS[done])}</p>
        </div>
      ) : null}
      {answer && !['details'].includes(answer.intent ?? '') ? (
        <div className="form-error" role="alert">
          <p>{answer.formError}</p>
        </div>
      ) : null}
      <p>{t(locale, 'manage.intro', { title: view.event.title })}</p>
      <section className="panel" aria-labelledby="manage-facts">
        <h2 id="manage-facts">{view.event.title}</h2>
        <dl className="facts">
          <dt>{t(locale, 'public.event.when')}</dt>
          <dd>{view.event.when}</dd>
          <dt>{t(locale, 'public.event.where')}</dt>
          <dd>{view.event.place}</dd>
          <dt>{t(locale, 'manage.status')}</dt>
          <dd>
            <strong>{t(locale, `registrationStatus.${view.status}`)}</strong>
            {view.position ? <p>{t(locale, 'manage.position', { position: view.position })}</p> : null}
          </dd>
          {view.status !== 'interest' ? (
            <>
              <dt>{t(locale, 'manage.attendance')}</dt>
              <dd>{t(locale, `attendanceMode.${view.mode}`)}</dd>
            </>
          ) : null}
          {view.ticket ? (
            <>
              <dt>{t(locale, 'manage.price')}</dt>
              <dd>
                {view.ticket.name} – {view.ticket.price} ({t(locale, `paymentStatus.${view.paymentStatus as 'paid'}`)})
              </dd>
            </>
          ) : null}
          {view.invoice ? (
            <>
              <dt>{t(locale, 'manage.invoice')}</dt>
              <dd>{[view.invoice.orgNumber, view.invoice.address, view.invoice.eReference, view.invoice.buyerReference].filter(Boolean).join(' · ')}</dd>
            </>
          ) : null}
          {view.status === 'confirmed' && (view.mode === 'online' || view.streamUrl) ? (
            <>
              <dt>{t(locale, 'manage.stream')}</dt>
              <dd>{view.streamUrl ? <a href={view.streamUrl}>{view.streamUrl}</a> : t(locale, 'manage.streamLater')}</dd>
            </>
          ) : null}
        </dl>
        {view.status !== 'cancelled' && view.status !== 'interest' ? (
          <p>
            <a href={localePath(locale, `/events/${view.event.slug}/calendar.ics`)} download>
              {t(locale, 'manage.calendar')}
            </a>
          </p>
        ) : null}
      </section>

      {view.canChange && view.status !== 'interest' && otherModes.length ? (
        <section className="panel" aria-labelledby="manage-mode">
          <h2 id="manage-mode">{t(locale, 'manage.change')}</h2>
          {otherModes.map((mode) => (
            <IntentForm
              key={mode.mode}
              intent="mode"
              fields={{ mode: mode.mode }}
              submit={{ label: t(locale, 'manage.changeTo', { mode: t(locale, `attendanceMode.${mode.mode}`).toLowerCase() }), className: 'button' }}
            >
              <p className="field__hint">{seatsHint(mode, locale)}</p>
            </IntentForm>
          ))}
        </section>
      ) : null}

      {view.canChange && view.status !== 'interest' && view.items.length ? (
        <section className="panel" aria-labelledby="manage-items">
          <h2 id="manage-items">{t(locale, 'manage.items')}</h2>
          <IntentForm intent="items" submit={{ label: t(locale, 'manage.itemsSave'), className: 'button' }}>
            {view.items.map((item) => (
              <CheckboxField
                key={item.id}
                name={`item_${item.id}`}
                value="yes"
                label={item.title}
                checked={item.chosen}
                hint={
                  item.left > 0 || item.chosen
                    ? t(locale, 'registration.itemSeats', { when: item.when, left: item.left, capacity: item.capacity })
                    : t(locale, 'registration.itemFull', { when: item.when })
                }
                error={errorFor('items')?.fieldErrors[`item_${item.id}`]}
              />
            ))}
          </IntentForm>
        </section>
      ) : null}

      {view.canChange ? (
        <section className="panel" aria-labelledby="manage-details">
          <h2 id="manage-details">{t(locale, 'manage.details')}</h2>
          <IntentForm intent="details" noValidate submit={{ label: t(locale, 'manage.save'), className: 'button' }}>
            {detailsAnswer ? <ErrorSummary formError={detailsAnswer.formError} fieldErrors={detailsAnswer.fieldErrors} /> : null}
            <AttendeeFields locale={locale} values={detailsAnswer?.values ?? view.values} fieldErrors={detailsAnswer?.fieldErrors ?? {}} />
            {view.questions.length ? (
              <QuestionFields
                locale={locale}
                questions={view.questions}
                values={detailsAnswer?.values ?? view.values}
                fieldErrors={detailsAnswer?.fieldErrors ?? {}}
              />
            ) : null}
          </IntentForm>
        </section>
      ) : null}

      {view.series ? (
        <section className="panel" aria-labelledby="manage-series">
          <h2 id="manage-series">
            {t(locale, 'manage.series')}: {view.series.title}
          </h2>
          <ul className="plain-list series-parts">
            {view.series.parts.map((part) => (
              <li key={part.eventId}>
                <strong>{part.title}</strong> <span className="card__meta">{part.when}</span> –{' '}
                {part.status ? t(locale, `registrationStatus.${part.status as 'confirmed'}`) : t(locale, 'manage.notRegistered')}
                {part.canJoin ? (
                  <IntentForm intent="join-part" fields={{ eventId: part.eventId }} submit={{ label: t(locale, 'manage.seriesJoin'), className: 'button' }} />
                ) : null}
              </li>
            ))}
          </ul>
          {view.series.parts.filter((part) => part.status === 'confirmed' || part.status === 'waitlisted').length > 1 ? (
            <IntentForm intent="cancel-series" submit={{ label: t(locale, 'manage.seriesCancelAll'), className: 'button button--danger' }} />
          ) : null}
        </section>
      ) : null}

      {view.status !== 'cancelled' && !view.event.ended ? (
        <section className="panel" aria-labelledby="manage-cancel">
          <h2 id="manage-cancel">{t(locale, 'manage.cancel')}</h2>
          <p id="manage-cancel-help">{t(locale, 'manage.cancelHelp')}</p>
          <IntentForm
            intent="cancel"
            submit={{ label: t(locale, 'manage.cancelButton'), className: 'button button--danger', describedBy: 'manage-cancel-help' }}
          />
        </section>
      ) : null}
    </>
  )
}
