import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { IntentForm } from '~/components/intent-form.tsx'
import { runAction, runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { pick, t } from '~/i18n/index.ts'
import { parseId } from '~/ids.server.ts'
import { createMailing, listMailings } from '~/mailings/mailings.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { formatDateTime } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

/** An event's bulk mailings (ADR 0027): organizers start a new draft; viewers read. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const { event, mailings } = await listMailings({ access, eventId })
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: { id: event.id, titleSv: event.titleSv, titleEn: event.titleEn },
      mailings: mailings.map((mailing) => {
        const when = mailing.sentAt ?? mailing.queuedAt ?? mailing.scheduledAt ?? mailing.cancelledAt ?? mailing.updatedAt
        return {
          id: mailing.id,
          subject: (locale === 'en' ? mailing.subjectEn || mailing.subjectSv : mailing.subjectSv || mailing.subjectEn) || t(locale, 'mailings.untitled'),
          state: t(locale, `mailings.state.${mailing.state}`),
          counts:
            mailing.state === 'draft' || mailing.state === 'scheduled' || mailing.state === 'cancelled' ? null : t(locale, 'mailings.counts', mailing.counts),
          when: formatDateTime(when, locale),
        }
      }),
    })
  })
}

/** Organizers: "Nytt utskick" makes an empty draft and opens it. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const mailing = await createMailing({ access, eventId })
    return redirect(consolePath(locale, `/organizer/${access.organization.slug}/events/${eventId}/mailings/${mailing.id}`))
  })
}

type Data = { event?: { id: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as Data | undefined)?.event ? { label: t(locale, 'mailings.link'), to: '' } : null),
}

export default function Mailings() {
  const { locale, orgSlug, canEdit, event, mailings } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  return (
    <>
      <h1>{t(locale, 'mailings.title', { title: pick(event, 'title', locale) })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
        <Link to={consolePath(locale, `${eventPath}/registrations`)}>{t(locale, 'organizer.registrations.link')}</Link>
      </p>
      <p>{t(locale, 'mailings.intro')}</p>
      {answer ? (
        <p className="form-error" role="alert">
          {answer.formError}
        </p>
      ) : null}
      {canEdit ? (
        <IntentForm intent="create" submit={{ label: t(locale, 'mailings.new') }} />
      ) : (
        <p className="console-muted">{t(locale, 'mailings.readOnly')}</p>
      )}
      {mailings.length === 0 ? (
        <p className="console-empty">{t(locale, 'mailings.none')}</p>
      ) : (
        <div className="console-table-wrap">
          <table className="console-table">
            <caption>{t(locale, 'mailings.caption', { count: mailings.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(locale, 'mailings.col.subject')}</th>
                <th scope="col">{t(locale, 'mailings.col.state')}</th>
                <th scope="col">{t(locale, 'mailings.col.counts')}</th>
                <th scope="col">{t(locale, 'mailings.col.when')}</th>
              </tr>
            </thead>
            <tbody>
              {mailings.map((mailing) => (
                <tr key={mailing.id}>
                  <th scope="row">
                    <Link to={consolePath(locale, `${eventPath}/mailings/${mailing.id}`)}>{mailing.subject}</Link>
                  </th>
                  <td>{mailing.state}</td>
                  <td>{mailing.counts ?? '–'}</td>
                  <td>{mailing.when}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'mailings.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
