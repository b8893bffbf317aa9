import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { SelectField, TextAreaField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { runAction, runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath, fieldId } from '~/console/paths.ts'
import { readLongForm } from '~/console/uploads.server.ts'
import { DomainError, NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { getEventForEditing } from '~/events/editing.server.ts'
import { pick, t, type Locale } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import { inviteGuests, listInvites, MAX_INVITEES, MAX_LIST_CHARS, MAX_UPLOAD_BYTES, resendInvite, revokeInvite } from '~/registrations/invites.server.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['invite', 'revoke', 'resend'] as const

const InviteFormSchema = z.object({ locale: z.enum(['sv', 'en']).default('sv') })

/** The guest list of an event with each invite's status. Viewers may look; another organization's event is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const [event, invites] = await Promise.all([getEventForEditing({ access, eventId }), listInvites({ access, eventId })])
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: { id: event.id, titleSv: event.titleSv, titleEn: event.titleEn, registrationMode: event.registrationMode },
      invites,
      limits: { invitees: MAX_INVITEES, listChars: MAX_LIST_CHARS },
    })
  })
}

/**
 * Organizers and owners. intent=invite (list and/or an uploaded .csv/.txt file `file`, locale):
 * adds the guests and mails their links; revoke and resend (inviteId). Each success redirects back.
 */
export async function action(args: ActionFunctionArgs) {
  // readForm ignores files, so the guest list file is read from a copy of the request.
  const copy = args.request.clone()
  return runAction(args, async (form) => {
    const { access, locale, person } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const base = `/organizer/${access.organization.slug}/events/${eventId}/invites`
    const inviteId = () => {
      const id = asUuid(form.values.inviteId)
      if (!id) throw new NotFoundError()
      return id
    }
    switch (intent) {
      case 'invite': {
        const input = form.parse(InviteFormSchema)
        const long = await readLongForm(copy, {
          field: 'file',
          maxBytes: MAX_UPLOAD_BYTES,
          tooLarge: new DomainError('organizer.invites.fileTooLarge', 413, {}, 'file'),
          notText: new DomainError('organizer.invites.fileType', 400, {}, 'file'),
        })
        const pasted = long.text('list')
        if (pasted.length > MAX_LIST_CHARS) throw new DomainError('form.tooLong', 400, { max: MAX_LIST_CHARS }, 'list')
        const list = [pasted, long.file ?? ''].filter((part) => part.trim() !== '').join('\n')
        const result = await inviteGuests({ access, eventId, list, locale: input.locale, replyTo: person.email })
        const done = new URLSearchParams({
          done: 'invited',
          added: String(result.added),
          existing: String(result.alreadyInvited),
          duplicates: String(result.duplicates),
        })
        return redirect(consolePath(locale, `${base}?${done}`))
      }
      case 'revoke':
        await revokeInvite({ access, eventId, inviteId: inviteId() })
        return redirect(consolePath(locale, `${base}?done=revoked`))
      case 'resend':
        await resendInvite({ access, eventId, inviteId: inviteId(), replyTo: person.email })
        return redirect(consolePath(locale, `${base}?done=resent`))
    }
  })
}

type Data = { locale: Locale; event: { titleSv: string; titleEn: string; id: string }; orgSlug: string }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const d = data as Data | undefined
    return d?.event ? { label: t(locale, 'organizer.registrations.invitesLink'), to: '' } : null
  },
}

function count(value: string | null): number {
  const parsed = Number(value)
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : 0
}

export default function Invites() {
  const { locale, orgSlug, canEdit, event, invites, limits } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const title = pick(event, 'title', locale)
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const action = consolePath(locale, `${eventPath}/invites`)
  const done = actionData ? null : search.get('done')
  const inviteFailure = actionData?.intent === 'invite' ? actionData : undefined
  const isInviteOnly = event.registrationMode === 'invite_only'
  return (
    <>
      <h1>{t(locale, 'organizer.invites.title', { title })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
        <Link to={consolePath(locale, `${eventPath}/registrations`)}>{t(locale, 'organizer.registrations.link')}</Link>
      </p>
      <p>{t(locale, isInviteOnly ? 'organizer.invites.intro' : 'organizer.invites.notInviteOnlyHint')}</p>
      {done === 'invited' ? (
        <p className="success" role="status">
          {t(locale, 'organizer.invites.added', {
            added: count(search.get('added')),
            existing: count(search.get('existing')),
            duplicates: count(search.get('duplicates')),
          })}
        </p>
      ) : null}
      {done === 'revoked' || done === 'resent' ? (
        <p className="success" role="status">
          {t(locale, done === 'revoked' ? 'organizer.invites.done.revoked' : 'organizer.invites.done.resent')}
        </p>
      ) : null}
      {actionData && !inviteFailure ? (
        <p className="form-error" role="alert">
          {actionData.formError}
        </p>
      ) : null}

      {canEdit && isInviteOnly ? (
        <section className="panel" aria-labelledby="add-heading">
          <h2 id="add-heading">{t(locale, 'organizer.invites.add')}</h2>
          {inviteFailure && Object.keys(inviteFailure.fieldErrors).length === 0 ? (
            <p className="form-error" role="alert">
              {inviteFailure.formError}
            </p>
          ) : null}
          {/* Multipart, so a file can come along; without JavaScript the browser posts it as is. */}
          <Form method="post" action={action} encType="multipart/form-data" className="console-form" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <TextAreaField
              name="list"
              label={t(locale, 'organizer.invites.list')}
              hint={t(locale, 'organizer.invites.listHint', { max: limits.invitees })}
              value={inviteFailure?.values?.list}
              error={inviteFailure?.fieldErrors?.list}
              rows={8}
              maxLength={limits.listChars}
            />
            <div className={inviteFailure?.fieldErrors?.file ? 'field field--invalid' : 'field'}>
              <label htmlFor={fieldId('file')}>{t(locale, 'organizer.invites.file')}</label>
              <p className="field__hint" id={`${fieldId('file')}-hint`}>
                {t(locale, 'organizer.invites.fileHint')}
              </p>
              <input
                id={fieldId('file')}
                type="file"
                name="file"
                accept=".csv,.txt,text/csv,text/plain"
                aria-invalid={inviteFailure?.fieldErrors?.file ? true : undefined}
                aria-describedby={[`${fieldId('file')}-hint`, inviteFailure?.fieldErrors?.file ? `${fieldId('file')}-error` : null].filter(Boolean).join(' ')}
              />
              {inviteFailure?.fieldErrors?.file ? (
                <p className="field__error" id={`${fieldId('file')}-error`}>
                  {inviteFailure.fieldErrors.file}
                </p>
              ) : null}
            </div>
            <SelectField
              name="locale"
              label={t(locale, 'organizer.invites.locale')}
              value={inviteFailure?.values?.locale ?? locale}
              options={[
                { value: 'sv', label: t(locale, 'organizer.invites.locale.sv') },
                { value: 'en', label: t(locale, 'organizer.invites.locale.en') },
              ]}
            />
            <button type="submit">{t(locale, 'organizer.invites.submit')}</button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="guests-heading">
        <h2 id="guests-heading">{t(locale, 'organizer.invites.guests')}</h2>
        {invites.length === 0 ? (
          <p className="console-empty">{t(locale, 'organizer.invites.none')}</p>
        ) : (
          <div className="console-table-wrap">
            <table className="console-table">
              <caption>{t(locale, 'organizer.invites.caption', { count: invites.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'organizer.invites.col.name')}</th>
                  <th scope="col">{t(locale, 'organizer.invites.col.email')}</th>
                  <th scope="col">{t(locale, 'organizer.invites.col.status')}</th>
                  {canEdit ? <th scope="col">{t(locale, 'organizer.invites.col.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {invites.map((invite) => (
                  <tr key={invite.id}>
                    <th scope="row">{invite.name || <span className="console-muted">{t(locale, 'organizer.registrations.unknown')}</span>}</th>
                    <td>{invite.email}</td>
                    <td>{t(locale, `organizer.invites.status.${invite.status}`)}</td>
                    {canEdit ? (
                      <td>
                        {invite.status === 'pending' ? (
                          <div className="console-inline">
                            <IntentForm
                              intent="resend"
                              action={action}
                              fields={{ inviteId: invite.id }}
                              submit={{
                                label: t(locale, 'organizer.invites.resend'),
                                ariaLabel: t(locale, 'organizer.invites.resendLabel', { email: invite.email }),
                                className: 'button--secondary button--small',
                              }}
                            />
                            <IntentForm
                              intent="revoke"
                              action={action}
                              fields={{ inviteId: invite.id }}
                              submit={{
                                label: t(locale, 'organizer.invites.revoke'),
                                ariaLabel: t(locale, 'organizer.invites.revokeLabel', { email: invite.email }),
                                className: 'button--secondary button--small',
                              }}
                            />
                          </div>
                        ) : invite.status === 'registered' ? (
                          <IntentForm
                            intent="revoke"
                            action={action}
                            fields={{ inviteId: invite.id }}
                            submit={{
                              label: t(locale, 'organizer.invites.revoke'),
                              ariaLabel: t(locale, 'organizer.invites.revokeLabel', { email: invite.email }),
                              className: 'button--secondary button--small',
                            }}
                          />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'organizer.invites.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
