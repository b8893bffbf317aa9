import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { IntentForm } from '~/components/intent-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { runAction, runLoader } from '~/actions.server.ts'
import { NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { pick, t } from '~/i18n/index.ts'
import { listOrganizationBounces } from '~/mail/bounces.server.ts'
import { countMailByEvent, listFailedMail, listRecentMail, retryFailedMail } from '~/mail/outbox.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { formatDate, formatTime } from '~/time.ts'
import { MailStatus } from '~/components/console/mail-status.tsx'
import type { ConsoleHandle } from './organizer.tsx'

const RetrySchema = z.object({ id: z.uuid() })

/**
 * The organization's mail (§6b, ADR 0027): counts per event, the latest messages with their state,
 * addresses that bounce, and the mail that failed after every attempt, which organizers may send
 * again. Viewers may look.
 */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const [failed, recent, perEvent, bounces] = await Promise.all([
      listFailedMail(access.organization.id),
      listRecentMail(access.organization.id),
      countMailByEvent(access.organization.id),
      listOrganizationBounces(access.organization.id),
    ])
    const retried = new URL(args.request.url).searchParams.has('retried')
    const at = (date: Date) => `${formatDate(date, locale)} ${formatTime(date, locale)}`
    const titles = new Map(perEvent.flatMap((entry) => (entry.event ? [[entry.event.id, pick(entry.event, 'title', locale)]] : [])))
    return json({
      perEvent: perEvent.map((entry) => ({
        title: entry.event ? pick(entry.event, 'title', locale) : t(locale, 'organizer.mailStatus.noEvent'),
        sent: entry.sent,
        queued: entry.queued,
        failed: entry.failed,
      })),
      recent: recent.map((mail) => ({
        id: mail.id,
        recipient: mail.recipient,
        template: mail.template,
        event: mail.eventId ? (titles.get(mail.eventId) ?? '') : '',
        state: t(locale, `organizer.mailStatus.state.${mail.state}`),
        lastError: mail.state === 'failed' || mail.state === 'pending' ? (mail.lastError ?? '') : '',
        when: at(mail.sentAt ?? mail.createdAt),
      })),
      bounces: bounces.map((bounce) => ({
        address: bounce.address,
        firstBouncedAt: at(bounce.firstBouncedAt),
        lastBouncedAt: at(bounce.lastBouncedAt),
        lastResponse: bounce.lastResponse,
      })),
      locale,
      orgSlug: access.organization.slug,
      canRetry: canManageEvents(access.role),
      retried,
      failed: failed.map((mail) => ({
        id: mail.id,
        recipient: mail.recipient,
        template: mail.template,
        attempts: mail.attempts,
        lastError: mail.lastError ?? '',
        failedAt: `${formatDate(mail.failedAt, locale)} ${formatTime(mail.failedAt, locale)}`,
      })),
    })
  })
}

/** Organizers put a failed mail back in the queue, with its original Message-ID. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale } = await requireConsole(args.request, args.params, 'organizer')
    const retry = RetrySchema.safeParse(form.values)
    if (!retry.success || !(await retryFailedMail({ organizationId: access.organization.id, id: retry.data.id }))) throw new NotFoundError()
    return redirect(consolePath(locale, `/organizer/${access.organization.slug}/mail?retried=1`))
  })
}

export const handle: ConsoleHandle = { breadcrumb: (_data, locale) => ({ label: t(locale, 'organizer.tab.failedMail'), to: '' }) }

export default function FailedMail() {
  const { locale, orgSlug, canRetry, retried, failed, perEvent, recent, bounces } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  return (
    <>
      <h1>{t(locale, 'organizer.mailStatus.title')}</h1>
      <p>{t(locale, 'organizer.mailStatus.intro')}</p>
      <MailStatus locale={locale} perEvent={perEvent} recent={recent} bounces={bounces} />
      <h2>{t(locale, 'organizer.failedMail.title')}</h2>
      <p>{t(locale, 'organizer.failedMail.intro')}</p>
      {actionData ? (
        <p className="form-error" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      {retried && !actionData ? (
        <p className="success" role="status">
          {t(locale, 'organizer.failedMail.retried')}
        </p>
      ) : null}
      {failed.length === 0 ? (
        <p>{t(locale, 'organizer.failedMail.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t(locale, 'organizer.failedMail.recipient')}</th>
              <th scope="col">{t(locale, 'organizer.failedMail.template')}</th>
              <th scope="col">{t(locale, 'organizer.failedMail.failedAt')}</th>
              <th scope="col">{t(locale, 'organizer.failedMail.attempts')}</th>
              <th scope="col">{t(locale, 'organizer.failedMail.error')}</th>
              {canRetry ? (
                <th scope="col">
                  <span className="visually-hidden">{t(locale, 'organizer.failedMail.retry')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {failed.map((mail) => (
              <tr key={mail.id}>
                <td>{mail.recipient}</td>
                <td>{mail.template}</td>
                <td>{mail.failedAt}</td>
                <td>{mail.attempts}</td>
                <td>{mail.lastError}</td>
                {canRetry ? (
                  <td>
                    <IntentForm
                      action={consolePath(locale, `/organizer/${orgSlug}/mail`)}
                      fields={{ id: mail.id }}
                      submit={{
                        label: t(locale, 'organizer.failedMail.retry'),
                        ariaLabel: t(locale, 'organizer.failedMail.retryLabel', { recipient: mail.recipient }),
                        className: 'button--secondary',
                      }}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => consoleMeta(t(data?.locale ?? 'sv', 'organizer.mailStatus.title'))
