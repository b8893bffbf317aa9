import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { ExportForm } from '~/components/console/export-form.tsx'
import { ErrorSummary, SelectField, TextAreaField, TextField } from '~/components/console/fields.tsx'
import { RegistrationFilters, type RegistrationFilterChoices } from '~/components/console/registration-filters.tsx'
import { RegistrationCounts, RegistrationTable, type RegistrationRow } from '~/components/console/registration-table.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { Pagination } from '~/components/pagination.tsx'
import { runAction, runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { COUNTIES, SECTORS } from '~/enums.ts'
import { defaultColumns, EXPORT_COLUMNS } from '~/exports/registrations.server.ts'
import { NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { pick, t, type Locale } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { eraseRegistrationByOrganizer, OrganizerErasureSchema } from '~/privacy/erasure.server.ts'
import {
  addRegistrationByHand,
  AddRegistrationSchema,
  cancelOnBehalf,
  listRegistrations,
  moveRegistration,
  MoveSchema,
  parseRegistrationQuery,
  PaymentMarkSchema,
  promoteByHand,
  REGISTRATIONS_PAGE_SIZE,
  registrationSearch,
  removeFromWaitlist,
  resendRegistrationMail,
  setPaymentStatus,
} from '~/registrations/console.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['add', 'markPayment', 'move', 'cancel', 'promote', 'removeFromWaitlist', 'resend', 'erase'] as const
const PAYMENT_MARKS = ['unpaid', 'invoiced', 'paid'] as const

function filterChoices(locale: Locale, options: { isPriced: boolean; hasInterest: boolean }): RegistrationFilterChoices {
  const label = (key: Parameters<typeof t>[1]) => t(locale, key)
  const counties = COUNTIES.map((value) => ({ value: value as string, label: t(locale, `county.${value}`) })).sort((a, b) =>
    a.label.localeCompare(b.label, 'sv'),
  )
  return {
    mode: (['on_site', 'online'] as const).map((value) => ({ value, label: label(`attendanceMode.${value}`) })),
    status: (['confirmed', 'waitlisted', 'cancelled', ...(options.hasInterest ? (['interest'] as const) : [])] as const).map((value) => ({
      value,
      label: label(`registrationStatus.${value}`),
    })),
    sector: SECTORS.map((value) => ({ value, label: label(`sector.${value}`) })),
    county: [...counties, { value: 'abroad', label: label('county.abroad') }],
    payment: options.isPriced ? PAYMENT_MARKS.map((value) => ({ value, label: label(`paymentStatus.${value}`) })) : [],
  }
}

/** One page of the event's registrations, with the filters of the query string. Viewers may look; another organization's event is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const query = parseRegistrationQuery(new URL(args.request.url).searchParams)
    const list = await listRegistrations({ access, eventId, query })
    const base = `/organizer/${access.organization.slug}/events/${eventId}/registrations`
    const { page, ...filters } = query
    const href = (target: number) => consolePath(locale, `${base}${registrationSearch({ ...filters, page: target })}`)
    const hasFilters = Object.values(filters).some((value) => value !== undefined)
    const exportDefaults: string[] = defaultColumns({ isPriced: list.isPriced, questionIds: list.questions.map((question) => question.id) })
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: list.event,
      questions: list.questions,
      isPriced: list.isPriced,
      counts: list.counts,
      total: list.total,
      page,
      from: list.total === 0 ? 0 : (page - 1) * REGISTRATIONS_PAGE_SIZE + 1,
      to: (page - 1) * REGISTRATIONS_PAGE_SIZE + list.registrations.length,
      registrations: list.registrations,
      filters,
      hasFilters,
      choices: filterChoices(locale, { isPriced: list.isPriced, hasInterest: list.event.registrationMode === 'interest_only' }),
      clearHref: hasFilters ? consolePath(locale, base) : null,
      exportAction: `${base}/export`,
      exportColumns: EXPORT_COLUMNS.map((value) => ({ value, label: t(locale, `organizer.export.col.${value}`), checked: exportDefaults.includes(value) })),
      exportQuestions: list.questions.map((question) => ({ value: `q.${question.id}`, label: pick(question, 'label', locale), checked: true })),
      /** Forms post to the page as it is, so the answer comes back to the same filters and page. */
      actionHref: href(page),
      previousHref: page > 1 ? href(page - 1) : null,
      nextHref: list.hasNext ? href(page + 1) : null,
    })
  })
}

/**
 * Organizers and owners. intent=add (name, email, attendanceMode, locale, ticketTypeId) registers
 * someone by hand; markPayment (paymentStatus), move (mode), cancel, promote, removeFromWaitlist,
 * resend and erase (reason required; cancels and anonymizes, ADR 0031) act on `registrationId`. Each success redirects back to the same filtered page, to the row
 * that changed (POST/redirect/GET); the seat changes are the registration domain's.
 */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const search = new URL(args.request.url).searchParams
    for (const name of ['lang', 'index', 'done']) search.delete(name)
    const back = (done: string, registrationId?: string) => {
      search.set('done', done)
      const anchor = registrationId ? `#registration-${registrationId}` : ''
      return redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}/registrations?${search}${anchor}`))
    }
    if (intent === 'add') {
      const added = await addRegistrationByHand({ access, eventId, person: form.parse(AddRegistrationSchema) })
      return back(added.outcome === 'waitlisted' ? 'addedWaitlisted' : added.outcome === 'exists' ? 'exists' : 'added', added.registration.id)
    }
    const registrationId = asUuid(form.values.registrationId)
    if (!registrationId) throw new NotFoundError()
    const input = { access, eventId, registrationId }
    switch (intent) {
      case 'markPayment':
        await setPaymentStatus({ ...input, paymentStatus: form.parse(PaymentMarkSchema).paymentStatus })
        return back('markPayment', registrationId)
      case 'move':
        await moveRegistration({ ...input, mode: form.parse(MoveSchema).mode })
        return back('moved', registrationId)
      case 'cancel':
        await cancelOnBehalf(input)
        return back('cancelled', registrationId)
      case 'promote':
        await promoteByHand(input)
        return back('promoted', registrationId)
      case 'removeFromWaitlist':
        await removeFromWaitlist(input)
        return back('removed', registrationId)
      case 'resend':
        await resendRegistrationMail(input)
        return back('resent', registrationId)
      case 'erase':
        await eraseRegistrationByOrganizer({ ...input, reason: form.parse(OrganizerErasureSchema).reason })
        return back('erased', registrationId)
    }
  })
}

type Data = { locale: Locale; event: { titleSv: string; titleEn: string; id: string }; orgSlug: string }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const d = data as Data | undefined
    return d?.event ? { label: t(locale, 'organizer.registrations.link'), to: '' } : null
  },
}

const DONE_MESSAGES = {
  markPayment: 'organizer.registrations.done.payment',
  added: 'organizer.registrations.done.added',
  addedWaitlisted: 'organizer.registrations.done.addedWaitlisted',
  exists: 'organizer.registrations.done.exists',
  moved: 'organizer.registrations.done.moved',
  cancelled: 'organizer.registrations.done.cancelled',
  promoted: 'organizer.registrations.done.promoted',
  removed: 'organizer.registrations.done.removed',
  resent: 'organizer.registrations.done.resent',
  erased: 'erasure.console.done',
} as const

export default function Registrations() {
  const data = useLoaderData<typeof loader>()
  const { locale, orgSlug, canEdit, event } = data
  const actionData = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const title = pick(event, 'title', locale)
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const action = data.actionHref
  const done = search.get('done') as keyof typeof DONE_MESSAGES | null
  const modes = event.format === 'hybrid' ? (['on_site', 'online'] as const) : event.format === 'online' ? (['online'] as const) : (['on_site'] as const)
  const rows = data.registrations as RegistrationRow[]

  const button = (intent: string, row: RegistrationRow, label: string, ariaLabel: string, fields: Record<string, string> = {}) => (
    <IntentForm
      key={`${intent}-${fields.mode ?? fields.paymentStatus ?? ''}`}
      intent={intent}
      action={action}
      fields={{ registrationId: row.id, ...fields }}
      submit={{ label, ariaLabel, className: 'button--secondary button--small' }}
    />
  )
  const eraseFailure = actionData?.intent === 'erase' ? actionData : undefined
  const eraseForm = (row: RegistrationRow) => {
    const failed = eraseFailure?.values.registrationId === row.id ? eraseFailure : undefined
    return (
      <details className="erase-registration" open={failed ? true : undefined}>
        <summary>{t(locale, 'erasure.console.heading')}</summary>
        <p className="console-muted">{t(locale, 'erasure.console.intro')}</p>
        <IntentForm
          intent="erase"
          action={action}
          fields={{ registrationId: row.id }}
          submit={{
            label: t(locale, 'erasure.console.submit'),
            ariaLabel: t(locale, 'erasure.console.submitLabel', { name: row.name }),
            className: 'button--danger button--small',
          }}
        >
          <TextAreaField
            id={`erase-reason-${row.id}`}
            name="reason"
            label={t(locale, 'erasure.console.reason')}
            required
            maxLength={500}
            rows={2}
            value={failed?.values.reason}
            error={failed ? (failed.fieldErrors.reason ?? failed.formError) : undefined}
          />
        </IntentForm>
      </details>
    )
  }
  const actions = (row: RegistrationRow) => {
    const other = row.attendanceMode === 'on_site' ? 'online' : 'on_site'
    const isActive = row.status === 'confirmed' || row.status === 'waitlisted'
    if (row.isAnonymized) return null
    return (
      <div className="console-inline">
        {row.status === 'waitlisted'
          ? button('promote', row, t(locale, 'organizer.registrations.promote'), t(locale, 'organizer.registrations.promoteLabel', { name: row.name }))
          : null}
        {isActive && modes.length > 1
          ? button(
              'move',
              row,
              t(locale, `organizer.registrations.moveTo.${other}`),
              t(locale, `organizer.registrations.moveLabel.${other}`, { name: row.name }),
              {
                mode: other,
              },
            )
          : null}
        {isActive
          ? button('resend', row, t(locale, 'organizer.registrations.resend'), t(locale, 'organizer.registrations.resendLabel', { name: row.name }))
          : null}
        {row.status === 'waitlisted'
          ? button(
              'removeFromWaitlist',
              row,
              t(locale, 'organizer.registrations.removeFromWaitlist'),
              t(locale, 'organizer.registrations.removeFromWaitlistLabel', { name: row.name }),
            )
          : null}
        {row.status === 'confirmed' || row.status === 'interest'
          ? button('cancel', row, t(locale, 'organizer.registrations.cancel'), t(locale, 'organizer.registrations.cancelLabel', { name: row.name }))
          : null}
        {row.priceOre > 0
          ? PAYMENT_MARKS.filter((mark) => mark !== row.paymentStatus).map((mark) =>
              button('markPayment', row, t(locale, `paymentStatus.${mark}`), t(locale, `organizer.registrations.markLabel.${mark}`, { name: row.name }), {
                paymentStatus: mark,
              }),
            )
          : null}
        {eraseForm(row)}
      </div>
    )
  }
  const addFailure = actionData?.intent === 'add' ? actionData : undefined

  return (
    <>
      <h1>{t(locale, 'organizer.registrations.title', { title })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
        {event.registrationMode === 'invite_only' ? (
          <Link to={consolePath(locale, `${eventPath}/invites`)}>{t(locale, 'organizer.registrations.invitesLink')}</Link>
        ) : null}
      </p>
      {done && DONE_MESSAGES[done] && !actionData ? (
        <p className="success" role="status">
          {t(locale, DONE_MESSAGES[done])}
        </p>
      ) : null}
      {actionData?.formError && !addFailure ? (
        <p className="form-error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      {!canEdit ? <p className="console-muted">{t(locale, 'organizer.readOnly')}</p> : null}

      <RegistrationCounts locale={locale} modes={[...modes]} counts={data.counts} />

      <RegistrationFilters
        locale={locale}
        action={consolePath(locale, `${eventPath}/registrations`).split('?')[0]}
        values={data.filters}
        choices={data.choices}
        clearHref={data.clearHref}
      />

      {data.total === 0 ? (
        <p className="console-empty" role="status">
          {t(locale, data.hasFilters ? 'organizer.registrations.noMatch' : 'organizer.registrations.none')}
        </p>
      ) : (
        <>
          <p role="status">{t(locale, 'organizer.registrations.shown', { from: data.from, to: data.to, total: data.total })}</p>
          <RegistrationTable
            locale={locale}
            caption={t(locale, 'organizer.registrations.caption', { title })}
            rows={rows}
            hasAnswers={data.questions.length > 0}
            isPriced={data.isPriced}
            actions={canEdit ? actions : undefined}
          />
          <Pagination locale={locale} page={data.page} previousHref={data.previousHref} nextHref={data.nextHref} />
        </>
      )}

      {data.total > 0 ? (
        <ExportForm
          locale={locale}
          action={data.exportAction}
          total={data.total}
          filters={data.filters}
          columns={data.exportColumns}
          questions={data.exportQuestions}
        />
      ) : null}

      {canEdit ? (
        <section className="panel" aria-labelledby="add-heading">
          <h2 id="add-heading">{t(locale, 'organizer.registrations.add')}</h2>
          <p className="field__hint">{t(locale, 'organizer.registrations.addHint')}</p>
          <IntentForm intent="add" action={action} className="console-form" noValidate submit={{ label: t(locale, 'organizer.registrations.addSubmit') }}>
            <ErrorSummary formError={addFailure?.formError} fieldErrors={addFailure?.fieldErrors} />
            <TextField
              name="name"
              label={t(locale, 'organizer.registrations.addName')}
              value={addFailure?.values?.name}
              error={addFailure?.fieldErrors?.name}
              maxLength={200}
              required
            />
            <TextField
              name="email"
              type="email"
              label={t(locale, 'organizer.registrations.addEmail')}
              value={addFailure?.values?.email}
              error={addFailure?.fieldErrors?.email}
              maxLength={254}
              required
            />
            {modes.length > 1 ? (
              <SelectField
                name="attendanceMode"
                label={t(locale, 'organizer.registrations.addMode')}
                value={addFailure?.values?.attendanceMode ?? modes[0]}
                error={addFailure?.fieldErrors?.attendanceMode}
                options={modes.map((mode) => ({ value: mode, label: t(locale, `attendanceMode.${mode}`) }))}
              />
            ) : (
              <input type="hidden" name="attendanceMode" value={modes[0]} />
            )}
            {event.ticketTypes.length > 1 ? (
              <SelectField
                name="ticketTypeId"
                label={t(locale, 'organizer.registrations.col.ticket')}
                value={addFailure?.values?.ticketTypeId ?? event.ticketTypes[0].id}
                error={addFailure?.fieldErrors?.ticketTypeId}
                options={event.ticketTypes.map((ticket) => ({ value: ticket.id, label: pick(ticket, 'name', locale) }))}
              />
            ) : null}
            <SelectField
              name="locale"
              label={t(locale, 'organizer.registrations.addLocale')}
              value={addFailure?.values?.locale ?? locale}
              options={[
                { value: 'sv', label: t(locale, 'organizer.invites.locale.sv') },
                { value: 'en', label: t(locale, 'organizer.invites.locale.en') },
              ]}
            />
          </IntentForm>
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'organizer.registrations.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
