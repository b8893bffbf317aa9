import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '~/components/console/fields.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { runAction, runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath, fieldId } from '~/console/paths.ts'
import { DomainError, NotFoundError, type FormAnswer } from '~/errors.server.ts'
import { getEventForEditing } from '~/events/editing.server.ts'
import { pick, t } from '~/i18n/index.ts'
import { asUuid, parseId } from '~/ids.server.ts'
import { canManageEvents } from '~/organizations/access.server.ts'
import {
  changeAnswerBy,
  createInvitations,
  listInvitationChoices,
  listInvitations,
  MESSAGE_MAX,
  resendInvitation,
  revokeInvitation,
  type Invitee,
} from '~/speakers/invitations.server.ts'
import { formatDateTime, formatEventWhen, parseStockholmLocal, toLocalInputValue } from '~/time.ts'
import type { ConsoleHandle } from './organizer.tsx'

const INTENTS = ['invite', 'revoke', 'resend', 'deadline'] as const

const InviteSchema = z.object({
  speakerId: z.union([z.literal(''), z.uuid()]).default(''),
  name: z.string().trim().max(200).default(''),
  email: z.union([z.literal(''), z.string().trim().max(254).pipe(z.email())]).default(''),
  role: z.enum(['speaker', 'moderator', 'panelist']),
  message: z.string().max(MESSAGE_MAX).default(''),
  answerBy: z
    .string()
    .trim()
    .min(1)
    .refine((value) => parseStockholmLocal(value) !== null, { message: 'form.invalid' }),
  locale: z.enum(['sv', 'en']).default('sv'),
})

const AnswerBySchema = InviteSchema.pick({ answerBy: true })

/** The event's speaker invitations with their status, and what the form offers. Viewers may look; another organization's event is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const [event, invitations, choices] = await Promise.all([
      getEventForEditing({ access, eventId }),
      listInvitations({ access, eventId }),
      listInvitationChoices({ access, eventId }),
    ])
    return json({
      locale,
      orgSlug: access.organization.slug,
      canEdit: canManageEvents(access.role),
      event: { id: event.id, titleSv: event.titleSv, titleEn: event.titleEn },
      invitations: invitations.map((invitation) => ({
        ...invitation,
        answerBy: formatDateTime(invitation.answerBy, locale),
        answerByValue: toLocalInputValue(invitation.answerBy),
        items: invitation.items.map((item) => pick(item, 'title', locale)),
      })),
      items: choices.items.map((item) => ({ id: item.id, label: `${pick(item, 'title', locale)} (${formatEventWhen(item.startsAt, item.endsAt, locale)})` })),
      profiles: choices.profiles.map((profile) => ({
        value: profile.id,
        label: profile.affiliation ? `${profile.name}, ${profile.affiliation}` : profile.name,
      })),
    })
  })
}

/**
 * Organizers and owners. intent=invite (a profile `speakerId` or `name` + `email`, `role`, one
 * `item_<id>` checkbox per programme item, `message`, `answerBy` in Stockholm time, `locale`);
 * revoke and resend (`invitationId`); deadline (`invitationId`, `answerBy`: moves the answer-by
 * date, reopening an expired invitation). Each success redirects back with `?done=`.
 */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    const { access, locale, person } = await requireConsole(args.request, args.params, 'organizer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const intent = form.intentOf(INTENTS)
    const base = `/organizer/${access.organization.slug}/events/${eventId}/speakers`
    const invitationId = () => {
      const id = asUuid(form.values.invitationId)
      if (!id) throw new NotFoundError('speakers.invitation.notFound')
      return id
    }
    switch (intent) {
      case 'invite': {
        const input = form.parse(InviteSchema)
        let invitee: Invitee
        if (input.speakerId) invitee = { speakerId: input.speakerId }
        else if (input.name && input.email) invitee = { name: input.name, email: input.email }
        else throw new DomainError('speakers.console.nameOrProfile', 400, {}, input.name ? 'email' : 'name')
        const itemIds = Object.entries(form.values)
          .filter(([name, value]) => name.startsWith('item_') && value === 'yes')
          .map(([name]) => asUuid(name.slice('item_'.length)))
        if (itemIds.some((id) => !id)) throw new DomainError('speakers.console.itemNotFound', 400, {}, 'items')
        await createInvitations({
          access,
          eventId,
          invitees: [invitee],
          role: input.role,
          itemIds: itemIds as string[],
          message: input.message,
          answerBy: parseStockholmLocal(input.answerBy)!,
          locale: input.locale,
          replyTo: person.email,
        })
        return redirect(consolePath(locale, `${base}?done=invited`))
      }
      case 'revoke':
        await revokeInvitation({ access, eventId, invitationId: invitationId() })
        return redirect(consolePath(locale, `${base}?done=revoked`))
      case 'resend':
        await resendInvitation({ access, eventId, invitationId: invitationId(), replyTo: person.email })
        return redirect(consolePath(locale, `${base}?done=resent`))
      case 'deadline': {
        const id = invitationId()
        const { answerBy } = form.parse(AnswerBySchema)
        await changeAnswerBy({ access, eventId, invitationId: id, answerBy: parseStockholmLocal(answerBy)! })
        return redirect(consolePath(locale, `${base}?done=deadline`))
      }
    }
  })
}

type Data = { event?: { id: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as Data | undefined)?.event ? { label: t(locale, 'speakers.console.link'), to: '' } : null),
}

const DONE = {
  invited: 'speakers.console.done.invited',
  resent: 'speakers.console.done.resent',
  revoked: 'speakers.console.done.revoked',
  deadline: 'speakers.console.done.deadline',
} as const

export default function Speakers() {
  const { locale, orgSlug, canEdit, event, invitations, items, profiles } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const [search] = useSearchParams()
  const title = pick(event, 'title', locale)
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const action = consolePath(locale, `${eventPath}/speakers`)
  const done = actionData ? null : search.get('done')
  const failure = actionData?.intent === 'invite' ? actionData : undefined
  const value = (name: string) => failure?.values?.[name]
  const labels = {
    speakerId: t(locale, 'speakers.console.profile'),
    name: t(locale, 'speakers.console.name'),
    email: t(locale, 'speakers.console.email'),
    role: t(locale, 'speakers.console.role'),
    items: t(locale, 'speakers.console.items'),
    message: t(locale, 'speakers.console.message'),
    answerBy: t(locale, 'speakers.console.answerBy'),
  }
  return (
    <>
      <h1>{t(locale, 'speakers.console.title', { title })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
        <Link to={consolePath(locale, `${eventPath}/programme`)}>{t(locale, 'organizer.event.programmeLink')}</Link>
      </p>
      <p>{t(locale, 'speakers.console.intro')}</p>
      {done && done in DONE ? (
        <p className="success" role="status">
          {t(locale, DONE[done as keyof typeof DONE])}
        </p>
      ) : null}
      {actionData && !failure ? (
        <p className="form-error" role="alert">
          {actionData.formError}
        </p>
      ) : null}

      <section aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t(locale, 'speakers.console.list')}</h2>
        {invitations.length === 0 ? (
          <p className="console-empty">{t(locale, 'speakers.console.none')}</p>
        ) : (
          <div className="console-table-wrap">
            <table className="console-table">
              <caption>{t(locale, 'speakers.console.caption', { count: invitations.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(locale, 'speakers.console.col.name')}</th>
                  <th scope="col">{t(locale, 'speakers.console.col.role')}</th>
                  <th scope="col">{t(locale, 'speakers.console.col.items')}</th>
                  <th scope="col">{t(locale, 'speakers.console.col.status')}</th>
                  <th scope="col">{t(locale, 'speakers.console.col.answerBy')}</th>
                  {canEdit ? <th scope="col">{t(locale, 'speakers.console.col.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <th scope="row">
                      {invitation.name}
                      <br />
                      <span className="console-muted">{invitation.email}</span>
                    </th>
                    <td>{t(locale, `speakers.role.${invitation.role}`)}</td>
                    <td>{invitation.items.join(', ')}</td>
                    <td>
                      <strong>{t(locale, `speakers.status.${invitation.status}`)}</strong>
                      {invitation.declineReason ? <p>{t(locale, 'speakers.console.reason', { reason: invitation.declineReason })}</p> : null}
                      {invitation.suggestedName && invitation.suggestedEmail ? (
                        <p>{t(locale, 'speakers.console.suggestion', { name: invitation.suggestedName, email: invitation.suggestedEmail })}</p>
                      ) : null}
                    </td>
                    <td>
                      {invitation.answerBy}
                      {canEdit && (invitation.status === 'sent' || invitation.status === 'viewed' || invitation.status === 'expired') ? (
                        <IntentForm intent="deadline" action={action} fields={{ invitationId: invitation.id }} className="console-inline">
                          <label className="visually-hidden" htmlFor={`answerBy-${invitation.id}`}>
                            {t(locale, 'speakers.console.deadlineLabel', { name: invitation.name })}
                          </label>
                          <input
                            type="datetime-local"
                            id={`answerBy-${invitation.id}`}
                            name="answerBy"
                            required
                            defaultValue={
                              actionData?.intent === 'deadline' && actionData.values.invitationId === invitation.id
                                ? actionData.values.answerBy
                                : invitation.answerByValue
                            }
                          />
                          <button
                            type="submit"
                            className="button--secondary button--small"
                            aria-label={t(locale, 'speakers.console.deadlineButtonLabel', { name: invitation.name })}
                          >
                            {t(locale, 'speakers.console.deadline')}
                          </button>
                        </IntentForm>
                      ) : null}
                    </td>
                    {canEdit ? (
                      <td>
                        <div className="console-inline">
                          {invitation.status === 'sent' || invitation.status === 'viewed' ? (
                            <IntentForm
                              intent="resend"
                              action={action}
                              fields={{ invitationId: invitation.id }}
                              submit={{
                                label: t(locale, 'speakers.console.resend'),
                                ariaLabel: t(locale, 'speakers.console.resendLabel', { name: invitation.name }),
                                className: 'button--secondary button--small',
                              }}
                            />
                          ) : null}
                          {invitation.status !== 'accepted' && invitation.status !== 'revoked' ? (
                            <IntentForm
                              intent="revoke"
                              action={action}
                              fields={{ invitationId: invitation.id }}
                              submit={{
                                label: t(locale, 'speakers.console.revoke'),
                                ariaLabel: t(locale, 'speakers.console.revokeLabel', { name: invitation.name }),
                                className: 'button--secondary button--small',
                              }}
                            />
                          ) : null}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canEdit ? (
        <section className="panel" aria-labelledby="invite-heading">
          <h2 id="invite-heading">{t(locale, 'speakers.console.inviteHeading')}</h2>
          <Form method="post" action={action} className="console-form" noValidate>
            <input type="hidden" name="intent" value="invite" />
            {failure ? <ErrorSummary formError={failure.formError} fieldErrors={failure.fieldErrors} labels={labels} /> : null}
            {profiles.length ? (
              <SelectField
                name="speakerId"
                label={labels.speakerId}
                value={value('speakerId')}
                error={failure?.fieldErrors?.speakers ?? failure?.fieldErrors?.speakerId}
                options={[{ value: '', label: t(locale, 'speakers.console.profileNone') }, ...profiles]}
              />
            ) : null}
            <TextField name="name" label={labels.name} value={value('name')} error={failure?.fieldErrors?.name} maxLength={200} autoComplete="off" />
            <TextField name="email" type="email" label={labels.email} value={value('email')} error={failure?.fieldErrors?.email} maxLength={254} />
            <SelectField
              name="role"
              label={labels.role}
              value={value('role') ?? 'speaker'}
              required
              options={(['speaker', 'moderator', 'panelist'] as const).map((role) => ({ value: role, label: t(locale, `speakers.role.${role}`) }))}
            />
            <fieldset id={fieldId('items')} tabIndex={-1} aria-describedby={failure?.fieldErrors?.items ? `${fieldId('items')}-error` : undefined}>
              <legend>{labels.items}</legend>
              {items.length === 0 ? <p className="field__hint">{t(locale, 'speakers.console.noItems')}</p> : null}
              {items.map((item) => (
                <CheckboxField key={item.id} name={`item_${item.id}`} value="yes" label={item.label} checked={value(`item_${item.id}`) === 'yes'} />
              ))}
              {failure?.fieldErrors?.items ? (
                <p className="field__error" id={`${fieldId('items')}-error`}>
                  {failure.fieldErrors.items}
                </p>
              ) : null}
            </fieldset>
            <TextAreaField name="message" label={labels.message} value={value('message')} error={failure?.fieldErrors?.message} maxLength={MESSAGE_MAX} />
            <TextField
              name="answerBy"
              type="datetime-local"
              label={labels.answerBy}
              hint={t(locale, 'speakers.console.answerByHint')}
              value={value('answerBy')}
              error={failure?.fieldErrors?.answerBy}
              required
            />
            <SelectField
              name="locale"
              label={t(locale, 'speakers.console.locale')}
              value={value('locale') ?? locale}
              options={[
                { value: 'sv', label: t(locale, 'organizer.invites.locale.sv') },
                { value: 'en', label: t(locale, 'organizer.invites.locale.en') },
              ]}
            />
            <button type="submit">{t(locale, 'speakers.console.submit')}</button>
          </Form>
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'speakers.console.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
