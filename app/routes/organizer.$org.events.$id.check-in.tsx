import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { runAction, runLoader } from '~/actions.server.ts'
import {
  CHECK_IN_LIMITS,
  CHECK_IN_NOTICES,
  checkInByTicket,
  checkInNotice,
  checkInRegistration,
  getCheckInPage,
  ScanBatchSchema,
  syncScans,
  undoCheckIn,
  type CheckInNotice,
  type CheckInPerson,
} from '~/check-in/check-in.server.ts'
import { CheckInScanner } from '~/components/console/check-in-scanner.tsx'
import { TextField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { pick, t, type Locale } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { formatTime } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['checkIn', 'undo', 'scan', 'sync'] as const
/** Remix's id of this route: the scanner posts its batches to `?_data=<id>` and gets the action's JSON back. */
const ROUTE_ID = 'routes/organizer.$org.events.$id.check-in'
const TicketSchema = z.object({ ticket: z.string().trim().min(1, 'form.required').max(200) })
const SyncSchema = z.object({ scans: ScanBatchSchema })

function personRow(person: CheckInPerson, locale: Locale) {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    online: person.mode === 'online',
    checkedInAt: person.checkedInAt ? formatTime(person.checkedInAt, locale) : null,
  }
}

/**
 * The door on a phone (ADR 0026): camera scan (qr-scanner, loaded only here, after a tap), a typed
 * code, and a search by name or e-mail whose "Checka in" buttons are plain POST forms, so it works
 * without JavaScript. Organizers and owners check in; viewers read (403 on POST); other organizations 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const url = new URL(args.request.url)
    const page = await getCheckInPage({ access, eventId, query: url.searchParams.get('q') ?? '' })
    const done = CHECK_IN_NOTICES.find((notice) => notice === url.searchParams.get('done'))
    const doneFor = asUuid(url.searchParams.get('r'))
    const notice = done && doneFor ? await checkInNotice({ access, eventId, registrationId: doneFor, notice: done, locale }) : null
    return json(
      {
        locale,
        orgSlug: access.organization.slug,
        canEdit: canManageEvents(access.role),
        event: { id: page.event.id, titleSv: page.event.titleSv, titleEn: page.event.titleEn },
        checkedIn: page.checkedIn,
        total: page.total,
        recent: page.recent.map((person) => personRow(person, locale)),
        query: page.query,
        matches: page.matches?.map((person) => personRow(person, locale)) ?? null,
        notice,
        maxQuery: CHECK_IN_LIMITS.query,
      },
      { headers: { 'Cache-Control': 'private, no-store' } },
    )
  })
}

export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const query = typeof form.values.q === 'string' ? form.values.q.slice(0, CHECK_IN_LIMITS.query) : ''
    const back = (done: CheckInNotice, registrationId: string | null) => {
      const search = new URLSearchParams({ ...(query ? { q: query } : {}), done, ...(registrationId ? { r: registrationId } : {}) })
      return redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}/check-in?${search.toString()}`))
    }
    if (intent === 'sync') {
      const { scans } = form.parse(SyncSchema)
      const answers = await syncScans({ access, eventId, scans, locale })
      return json({ answers }, { headers: { 'Cache-Control': 'private, no-store' } })
    }
    if (intent === 'scan') {
      const { ticket } = form.parse(TicketSchema)
      const result = await checkInByTicket({ access, eventId, ticket, locale })
      return back(result.outcome === 'checked_in' ? 'checkedIn' : 'already', result.registrationId)
    }
    const registrationId = asUuid(form.values.registrationId)
    if (!registrationId) throw new NotFoundError('checkIn.notFound')
    if (intent === 'undo') {
      const { undone } = await undoCheckIn({ access, eventId, registrationId })
      return back(undone ? 'undone' : 'notUndone', registrationId)
    }
    const result = await checkInRegistration({ access, eventId, registrationId, locale })
    return back(result.outcome === 'checked_in' ? 'checkedIn' : 'already', registrationId)
  })
}

type Data = { event?: { id: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as Data | undefined)?.event ? { label: t(locale, 'checkIn.console.link'), to: '' } : null),
}

type Row = ReturnType<typeof personRow>

function PersonActions({ locale, person, canEdit, query }: { locale: Locale; person: Row; canEdit: boolean; query: string }) {
  if (!canEdit) return null
  const fields = { registrationId: person.id, ...(query ? { q: query } : {}) }
  return person.checkedInAt ? (
    <IntentForm
      intent="undo"
      fields={fields}
      submit={{ label: t(locale, 'checkIn.undo'), ariaLabel: t(locale, 'checkIn.undoLabel', { name: person.name }), className: 'button--secondary' }}
    />
  ) : (
    <IntentForm
      intent="checkIn"
      fields={fields}
      submit={{ label: t(locale, 'checkIn.button'), ariaLabel: t(locale, 'checkIn.buttonLabel', { name: person.name }) }}
    />
  )
}

function PeopleTable({ locale, people, caption, canEdit, query }: { locale: Locale; people: Row[]; caption: string; canEdit: boolean; query: string }) {
  return (
    <div className="console-table-wrap">
      <table className="console-table check-in-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'checkIn.col.name')}</th>
            <th scope="col">{t(locale, 'checkIn.col.status')}</th>
            {canEdit ? <th scope="col">{t(locale, 'checkIn.col.action')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <th scope="row">
                {person.name}
                <br />
                <span className="console-muted">
                  {person.email}
                  {person.online ? `, ${t(locale, 'checkIn.onlineMode')}` : ''}
                </span>
              </th>
              <td>{person.checkedInAt ? t(locale, 'checkIn.checkedInAt', { time: person.checkedInAt }) : t(locale, 'checkIn.notCheckedIn')}</td>
              {canEdit ? (
                <td>
                  <PersonActions locale={locale} person={person} canEdit={canEdit} query={query} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function CheckInPage() {
  const { locale, orgSlug, canEdit, event, checkedIn, total, recent, query, matches, notice, maxQuery } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const title = pick(event, 'title', locale)
  return (
    <div className="check-in-page">
      <h1>{t(locale, 'checkIn.console.title', { title })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
      </p>
      <p className="check-in-counter" id="check-in-counter">
        {t(locale, 'checkIn.counter', { checkedIn, total })}
      </p>
      {notice && !answer ? (
        <p className="success" role="status">
          {notice}
        </p>
      ) : null}
      {answer ? (
        <p className="form-error" role="alert">
          {answer.formError}
        </p>
      ) : null}
      {!canEdit ? <p className="console-muted">{t(locale, 'checkIn.readOnly')}</p> : null}

      {canEdit ? (
        <section className="panel" aria-labelledby="check-in-scan">
          <h2 id="check-in-scan">{t(locale, 'checkIn.scan.heading')}</h2>
          <CheckInScanner locale={locale} eventId={event.id} routeId={ROUTE_ID} />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="check-in-search">
        <h2 id="check-in-search">{t(locale, 'checkIn.search.heading')}</h2>
        <Form method="get" className="console-form check-in-search" role="search">
          {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <TextField name="q" type="search" label={t(locale, 'checkIn.search.label')} value={query} maxLength={maxQuery} />
          <button type="submit">{t(locale, 'checkIn.search.submit')}</button>
        </Form>
        {matches ? (
          matches.length === 0 ? (
            <p className="console-empty">{t(locale, 'checkIn.search.none', { query })}</p>
          ) : (
            <PeopleTable locale={locale} people={matches} caption={t(locale, 'checkIn.search.caption', { query })} canEdit={canEdit} query={query} />
          )
        ) : null}
      </section>

      {canEdit ? (
        <section className="panel" aria-labelledby="check-in-code">
          <h2 id="check-in-code">{t(locale, 'checkIn.code.heading')}</h2>
          <Form method="post" className="console-form" noValidate>
            <input type="hidden" name="intent" value="scan" />
            <TextField
              name="ticket"
              label={t(locale, 'checkIn.code.label')}
              hint={t(locale, 'checkIn.code.hint')}
              maxLength={200}
              error={answer?.intent === 'scan' ? answer.fieldErrors?.ticket : undefined}
            />
            <button type="submit">{t(locale, 'checkIn.code.submit')}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="check-in-recent">
        <h2 id="check-in-recent">{t(locale, 'checkIn.recent.heading')}</h2>
        {recent.length === 0 ? (
          <p className="console-empty">{t(locale, 'checkIn.recent.none')}</p>
        ) : (
          <PeopleTable locale={locale} people={recent} caption={t(locale, 'checkIn.recent.heading')} canEdit={canEdit} query={query} />
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'checkIn.console.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
