import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { RegistrationFilters, type RegistrationFilterChoices } from '~/components/console/registration-filters.tsx'
import { RegistrationCounts, RegistrationTable, type RegistrationRow } from '~/components/console/registration-table.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { Pagination } from '~/components/pagination.tsx'
import { runAction, runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { COUNTIES, SECTORS } from '~/enums.ts'
import { NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { pick, t, type Locale } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import {
  listRegistrations,
  parseRegistrationQuery,
  PaymentMarkSchema,
  REGISTRATIONS_PAGE_SIZE,
  registrationSearch,
  setPaymentStatus,
} from '~/registrations/console.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['markPayment'] as const
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
      /** Forms post to the page as it is, so the answer comes back to the same filters and page. */
      actionHref: href(page),
      previousHref: page > 1 ? href(page - 1) : null,
      nextHref: list.hasNext ? href(page + 1) : null,
    })
  })
}

/**
 * Organizers and owners: intent=markPayment (registrationId, paymentStatus). Each success
 * redirects back to the same filtered page, to the row that changed (POST/redirect/GET).
 */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const registrationId = asUuid(form.values.registrationId)
    if (!registrationId) throw new NotFoundError()
    const search = new URL(args.request.url).searchParams
    search.delete('lang')
    search.delete('index')
    search.set('done', intent)
    const back = () =>
      redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}/registrations?${search}#registration-${registrationId}`))
    switch (intent) {
      case 'markPayment':
        await setPaymentStatus({ access, eventId, registrationId, paymentStatus: form.parse(PaymentMarkSchema).paymentStatus })
        return back()
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

const DONE_MESSAGES = { markPayment: 'organizer.registrations.done.payment' } as const

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

  const actions = (row: RegistrationRow) => (
    <>
      {row.priceOre > 0 ? (
        <div className="console-inline">
          {PAYMENT_MARKS.filter((mark) => mark !== row.paymentStatus).map((mark) => (
            <IntentForm
              key={mark}
              intent="markPayment"
              action={action}
              fields={{ registrationId: row.id, paymentStatus: mark }}
              submit={{
                label: t(locale, `paymentStatus.${mark}`),
                ariaLabel: t(locale, `organizer.registrations.markLabel.${mark}`, { name: row.name }),
                className: 'button--secondary button--small',
              }}
            />
          ))}
        </div>
      ) : null}
    </>
  )

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
      {actionData?.formError ? (
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
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'organizer.registrations.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
