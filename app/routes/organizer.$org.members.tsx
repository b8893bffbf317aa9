import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { runAction, runLoader } from '~/actions.server.ts'
import { EmailSchema } from '~/accounts/sign-in.server.ts'
import { IntentForm } from '~/components/intent-form.tsx'
import { requireConsole } from '~/console/access.server.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { MemberRole, NotificationFrequency } from '~/generated/prisma/enums.ts'
import { formatDate } from '~/time.ts'
import { t, type Locale } from '~/i18n/index.ts'
import { canManageMembers } from '~/organizations/access.server.ts'
import { changeRole, inviteMember, listMembers, removeMember } from '~/organizations/members.server.ts'
import { getMyNotifications, setMyNotifications } from '~/registrations/organizer-notices.server.ts'
import accountsStyles from '~/styles/accounts.css'
import { consoleMeta } from '~/console/paths.ts'
import type { ConsoleHandle } from './organizer.tsx'

// From the generated enum, not the domain's list: this module also runs in the browser, where
// .server modules are empty (a schema built from one breaks client-side navigation).
const ROLES = Object.values(MemberRole)
const FREQUENCIES = ['immediate', 'daily', 'off'] as const satisfies readonly NotificationFrequency[]
const RoleSchema = z.enum(MemberRole)
/** "Mina aviseringar": every member sets their own, whatever their role. */
const NotificationsSchema = z.object({
  intent: z.literal('notifications'),
  registrationDigest: z.enum(NotificationFrequency),
  /** Left out by a form from before the choice existed: then it stays as it is. */
  speakerAnswerMail: z.enum(NotificationFrequency).optional(),
})
const MemberActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('invite'), email: EmailSchema, role: RoleSchema }),
  z.object({ intent: z.literal('changeRole'), personId: z.uuid(), role: RoleSchema }),
  z.object({ intent: z.literal('remove'), personId: z.uuid() }),
])

/** A change that worked, or the FormAnswer of the one that failed (its values name the row). */
type ActionData = { intent: string; message: string } | FormAnswer

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountsStyles }]

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const slug = (data as { organization?: { slug: string } } | undefined)?.organization?.slug
    return slug ? { label: t(locale, 'accounts.members.title'), to: `/organizer/${slug}/members` } : null
  },
}

/** Non-members get 404 and too-low roles 403 (thrown, for the ErrorBoundary); strangers go to /login. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { person, access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const { organization, actorRole, members } = await listMembers({ actor: person, organizationSlug: access.organization.slug })
    const { registrationDigest, speakerAnswerMail } = await getMyNotifications(access)
    return json({
      registrationDigest,
      speakerAnswerMail,
      locale,
      organization: { name: organization.name, slug: organization.slug },
      canManage: canManageMembers(actorRole),
      me: person.id,
      members: members.map((member) => ({ ...member, lastLogin: member.lastLoginAt ? formatDate(member.lastLoginAt, locale) : null })),
    })
  })
}

/**
 * Owners invite, change roles and remove. Organizers and viewers get 403, non-members 404,
 * strangers a redirect to /login. Errors come back next to the form that caused them.
 */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    if (form.intent === 'notifications') {
      const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
      const { registrationDigest, speakerAnswerMail } = form.parse(NotificationsSchema)
      await setMyNotifications({ access, registrationDigest, speakerAnswerMail })
      return json<ActionData>({ intent: 'notifications', message: t(locale, 'accounts.notifications.saved') })
    }
    const { person, access, locale } = await requireConsole(args.request, args.params, 'owner')
    const input = form.parse(MemberActionSchema)
    const actor = { id: person.id, email: person.email, name: person.name }
    const organizationSlug = access.organization.slug
    if (input.intent === 'invite') {
      const invited = await inviteMember({ actor, organizationSlug, email: input.email, role: input.role, locale })
      return json<ActionData>({ intent: input.intent, message: t(locale, 'accounts.members.invited', { email: invited.email }) })
    }
    if (input.intent === 'changeRole') {
      const changed = await changeRole({ actor, organizationSlug, personId: input.personId, role: input.role })
      const role = t(locale, `accounts.role.${changed.role}`)
      return json<ActionData>({ intent: input.intent, message: t(locale, 'accounts.members.roleChanged', { email: changed.email, role }) })
    }
    const removed = await removeMember({ actor, organizationSlug, personId: input.personId })
    return json<ActionData>({ intent: input.intent, message: t(locale, 'accounts.members.removed', { email: removed.email }) })
  })
}

export default function Members() {
  const { locale, organization, canManage, me, members, registrationDigest, speakerAnswerMail } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const navigation = useNavigation()
  const isSubmitting = navigation.state === 'submitting'
  const done = actionData && 'message' in actionData ? actionData : undefined
  const failed = actionData && 'formError' in actionData ? actionData : undefined
  const inviteFailure = failed?.intent === 'invite' ? failed : undefined
  const isOwnForm = (intent: string | undefined) => intent === 'invite' || intent === 'notifications'
  const rowFailure = (personId: string) => (failed && !isOwnForm(failed.intent) && failed.values.personId === personId ? failed : undefined)
  const strayError = failed && !isOwnForm(failed.intent) && !members.some((member) => member.personId === failed.values.personId)

  return (
    <div className="members">
      <h1>{t(locale, 'accounts.members.title')}</h1>
      <p>{t(locale, 'accounts.members.intro', { organization: organization.name })}</p>
      {!canManage ? <p className="notice">{t(locale, 'accounts.members.readOnly')}</p> : null}
      {done && done.intent !== 'notifications' ? (
        <p className="success" role="status">
          {done.message}
        </p>
      ) : null}
      {strayError ? (
        <p className="form-error" role="alert">
          {failed.formError}
        </p>
      ) : null}

      <table className="members-table">
        <caption>{t(locale, 'accounts.members.listCaption', { organization: organization.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'accounts.members.name')}</th>
            <th scope="col">{t(locale, 'accounts.members.email')}</th>
            <th scope="col">{t(locale, 'accounts.members.role')}</th>
            <th scope="col">{t(locale, 'accounts.members.lastLogin')}</th>
            {canManage ? <th scope="col">{t(locale, 'accounts.members.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const failure = rowFailure(member.personId)
            const error = failure ? (failure.fieldErrors.role ?? failure.formError) : undefined
            const errorId = `member-${member.personId}-error`
            const selectId = `member-${member.personId}-role`
            return (
              <tr key={member.personId}>
                <th scope="row" data-label={t(locale, 'accounts.members.name')}>
                  {member.name || '–'} {member.personId === me ? <span>{t(locale, 'accounts.members.you')}</span> : null}
                </th>
                <td data-label={t(locale, 'accounts.members.email')}>{member.email}</td>
                <td data-label={t(locale, 'accounts.members.role')}>{t(locale, `accounts.role.${member.role}`)}</td>
                <td data-label={t(locale, 'accounts.members.lastLogin')}>{member.lastLogin ?? t(locale, 'accounts.members.neverLoggedIn')}</td>
                {canManage ? (
                  <td>
                    <div className="members-table__actions">
                      <IntentForm
                        intent="changeRole"
                        fields={{ personId: member.personId }}
                        submit={{ label: t(locale, 'accounts.members.changeRoleSubmit'), className: 'button--secondary', disabled: isSubmitting }}
                      >
                        <div className="field">
                          <label htmlFor={selectId} className="visually-hidden">
                            {t(locale, 'accounts.members.changeRoleLabel', { email: member.email })}
                          </label>
                          <select
                            id={selectId}
                            name="role"
                            defaultValue={failure?.intent === 'changeRole' && failure.values.role ? failure.values.role : member.role}
                            key={`${member.role}-${failure?.values.role ?? ''}`}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? errorId : undefined}
                          >
                            <RoleOptions locale={locale} />
                          </select>
                        </div>
                      </IntentForm>
                      <IntentForm
                        intent="remove"
                        fields={{ personId: member.personId }}
                        submit={{
                          label: t(locale, 'accounts.members.removeSubmit'),
                          ariaLabel: t(locale, 'accounts.members.removeLabel', { email: member.email }),
                          className: 'button--danger',
                          disabled: isSubmitting,
                        }}
                      />
                    </div>
                    {error ? (
                      <p className="field__error" id={errorId} role="alert">
                        {error}
                      </p>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            )
          })}
        </tbody>
      </table>

      <NotificationsForm
        locale={locale}
        organizationName={organization.name}
        current={{ registrationDigest, speakerAnswerMail }}
        failure={failed?.intent === 'notifications' ? failed : undefined}
        saved={done?.intent === 'notifications' ? done.message : undefined}
        isSubmitting={isSubmitting}
      />

      {canManage ? (
        <InviteForm locale={locale} failure={inviteFailure} doneKey={done?.intent === 'invite' ? done.message : undefined} isSubmitting={isSubmitting} />
      ) : null}
    </div>
  )
}

function RoleOptions({ locale }: { locale: Locale }) {
  return (
    <>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(locale, `accounts.role.${role}`)}
        </option>
      ))}
    </>
  )
}

/** The signed-in member's own choices: registration mail and speaker answers (app/registrations/organizer-notices.server.ts). */
function NotificationsForm(props: {
  locale: Locale
  organizationName: string
  current: { registrationDigest: NotificationFrequency; speakerAnswerMail: NotificationFrequency }
  failure: FormAnswer | undefined
  saved: string | undefined
  isSubmitting: boolean
}) {
  const { locale, failure } = props
  const chosen = (name: 'registrationDigest' | 'speakerAnswerMail') => (failure?.values[name] as NotificationFrequency | undefined) ?? props.current[name]
  const error = failure ? (failure.fieldErrors.registrationDigest ?? failure.fieldErrors.speakerAnswerMail ?? failure.formError) : undefined
  const choice = (name: 'registrationDigest' | 'speakerAnswerMail', legend: string, option: (frequency: NotificationFrequency) => string, hint: string) => (
    <fieldset aria-describedby={error ? `${name}-hint notifications-error` : `${name}-hint`}>
      <legend>{legend}</legend>
      {FREQUENCIES.map((frequency) => (
        <div className="field field--checkbox" key={frequency}>
          <input
            type="radio"
            id={`${name === 'registrationDigest' ? 'notifications' : 'speaker-answers'}-${frequency}`}
            name={name}
            value={frequency}
            defaultChecked={chosen(name) === frequency}
            key={`${frequency}-${chosen(name)}`}
          />
          <label htmlFor={`${name === 'registrationDigest' ? 'notifications' : 'speaker-answers'}-${frequency}`}>{option(frequency)}</label>
        </div>
      ))}
      <p className="field__hint" id={`${name}-hint`}>
        {hint}
      </p>
    </fieldset>
  )
  return (
    <section className="members-invite panel" id="notifications" aria-labelledby="notifications-title">
      <h2 id="notifications-title">{t(locale, 'accounts.notifications.title')}</h2>
      <p>{t(locale, 'accounts.notifications.intro', { organization: props.organizationName })}</p>
      {props.saved ? (
        <p className="success" role="status">
          {props.saved}
        </p>
      ) : null}
      <IntentForm intent="notifications" submit={{ label: t(locale, 'accounts.notifications.submit'), disabled: props.isSubmitting }}>
        {choice(
          'registrationDigest',
          t(locale, 'accounts.notifications.legend'),
          (frequency) => t(locale, `accounts.notifications.option.${frequency}`),
          t(locale, 'accounts.notifications.fullHint'),
        )}
        {choice(
          'speakerAnswerMail',
          t(locale, 'accounts.notifications.speakers.legend'),
          (frequency) => t(locale, `accounts.notifications.speakers.option.${frequency}`),
          t(locale, 'accounts.notifications.speakers.hint'),
        )}
        {error ? (
          <p className="field__error" id="notifications-error" role="alert">
            {error}
          </p>
        ) : null}
      </IntentForm>
    </section>
  )
}

function InviteForm({
  locale,
  failure,
  doneKey,
  isSubmitting,
}: {
  locale: Locale
  failure: FormAnswer | undefined
  doneKey: string | undefined
  isSubmitting: boolean
}) {
  const errors = failure?.fieldErrors ?? {}
  const values = failure?.values ?? {}
  const generalError = failure && !errors.email && !errors.role ? failure.formError : undefined
  const role = (values.role as MemberRole | undefined) ?? 'organizer'
  return (
    <section className="members-invite panel" aria-labelledby="invite-title">
      <h2 id="invite-title">{t(locale, 'accounts.members.inviteTitle')}</h2>
      <p>{t(locale, 'accounts.members.inviteIntro')}</p>
      {generalError ? (
        <p className="form-error" role="alert">
          {generalError}
        </p>
      ) : null}
      {/* A new key after a successful invitation empties the fields. */}
      <IntentForm intent="invite" noValidate key={doneKey ?? 'invite'} submit={{ label: t(locale, 'accounts.members.inviteSubmit'), disabled: isSubmitting }}>
        <div className="field">
          <label htmlFor="invite-email">{t(locale, 'accounts.members.emailLabel')}</label>
          <input
            id="invite-email"
            name="email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            required
            defaultValue={values.email ?? ''}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? 'invite-email-error' : undefined}
          />
          {errors.email ? (
            <p className="field__error" id="invite-email-error" role="alert">
              {errors.email}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="invite-role">{t(locale, 'accounts.members.roleLabel')}</label>
          <p className="field__hint" id="invite-role-hint">
            {t(locale, 'accounts.role.ownerHint')} {t(locale, 'accounts.role.organizerHint')} {t(locale, 'accounts.role.viewerHint')}
          </p>
          <select
            id="invite-role"
            name="role"
            defaultValue={role}
            aria-invalid={errors.role ? true : undefined}
            aria-describedby={errors.role ? 'invite-role-hint invite-role-error' : 'invite-role-hint'}
          >
            <RoleOptions locale={locale} />
          </select>
          {errors.role ? (
            <p className="field__error" id="invite-role-error" role="alert">
              {errors.role}
            </p>
          ) : null}
        </div>
      </IntentForm>
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  consoleMeta(`${t(data?.locale ?? 'sv', 'accounts.members.title')}${data ? ` – ${data.organization.name}` : ''}`)
