import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { readForm } from '~/forms.server.ts'
import { assertSameOrigin, requirePerson } from '~/accounts/session.server.ts'
import { EmailSchema } from '~/accounts/sign-in.server.ts'
import { asDomainError, errorMessage, fieldErrors, withDomainErrors } from '~/errors.server.ts'
import type { MemberRole } from '~/generated/prisma/enums.ts'
import { formatDate } from '~/time.ts'
import { getLocale, t, type Locale } from '~/i18n/index.ts'
import { canManageMembers } from '~/organizations/access.server.ts'
import { ROLES, changeRole, inviteMember, listMembers, removeMember } from '~/organizations/members.server.ts'
import accountsStyles from '~/styles/accounts.css'
import type { ConsoleHandle } from './organizer.tsx'

const RoleSchema = z.enum(ROLES)
const MemberActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('invite'), email: EmailSchema, role: RoleSchema }),
  z.object({ intent: z.literal('changeRole'), personId: z.uuid(), role: RoleSchema }),
  z.object({ intent: z.literal('remove'), personId: z.uuid() }),
])
const ParamsSchema = z.object({ org: z.string().min(1).max(100) })

type ActionData = {
  intent: string
  personId?: string
  message?: string
  formError?: string
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
}

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountsStyles }]

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => {
    const slug = (data as { organization?: { slug: string } } | undefined)?.organization?.slug
    return slug ? { label: t(locale, 'accounts.members.title'), to: `/organizer/${slug}/members` } : null
  },
}

async function loadMembers({ request, params }: LoaderFunctionArgs) {
  const person = await requirePerson(request)
  const locale = getLocale(request)
  const { org } = ParamsSchema.parse(params)
  const { organization, actorRole, members } = await listMembers({ actor: person, organizationSlug: org })
  return json({
    locale,
    organization: { name: organization.name, slug: organization.slug },
    canManage: canManageMembers(actorRole),
    me: person.id,
    members: members.map((member) => ({ ...member, lastLogin: member.lastLoginAt ? formatDate(member.lastLoginAt, locale) : null })),
  })
}

/** Non-members get 404 and too-low roles 403 (thrown, for the ErrorBoundary); strangers go to /login. */
export const loader = withDomainErrors(loadMembers)

/**
 * Owners invite, change roles and remove. Organizers and viewers get 403, non-members 404,
 * strangers a redirect to /login. Errors come back next to the form that caused them.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const person = await requirePerson(request)
  const locale = getLocale(request)
  const form = await readForm(request)
  const values = form
  const intent = values.intent ?? ''
  const personId = values.personId
  try {
    assertSameOrigin(request)
    const { org } = ParamsSchema.parse(params)
    const parsed = MemberActionSchema.safeParse(form)
    if (!parsed.success) {
      return json<ActionData>(
        { intent, personId, formError: t(locale, 'form.summary'), fieldErrors: fieldErrors(parsed.error, locale), values },
        { status: 400 },
      )
    }
    const input = parsed.data
    const actor = { id: person.id, email: person.email, name: person.name }
    if (input.intent === 'invite') {
      const invited = await inviteMember({ actor, organizationSlug: org, email: input.email, role: input.role, locale })
      return json<ActionData>({ intent, message: t(locale, 'accounts.members.invited', { email: invited.email }) })
    }
    if (input.intent === 'changeRole') {
      const changed = await changeRole({ actor, organizationSlug: org, personId: input.personId, role: input.role })
      return json<ActionData>({
        intent,
        personId,
        message: t(locale, 'accounts.members.roleChanged', { email: changed.email, role: t(locale, `accounts.role.${changed.role}`) }),
      })
    }
    const removed = await removeMember({ actor, organizationSlug: org, personId: input.personId })
    return json<ActionData>({ intent, message: t(locale, 'accounts.members.removed', { email: removed.email }) })
  } catch (error) {
    if (error instanceof Response) throw error
    const domain = asDomainError(error)
    if (!domain) throw error
    const message = errorMessage(domain, locale)
    return json<ActionData>(
      { intent, personId, formError: message, fieldErrors: domain.field ? { [domain.field]: message } : {}, values },
      { status: domain.status },
    )
  }
}

export default function Members() {
  const { locale, organization, canManage, me, members } = useLoaderData<typeof loadMembers>()
  const actionData = useActionData<ActionData>()
  const navigation = useNavigation()
  const isSubmitting = navigation.state === 'submitting'
  const inviteData = actionData?.intent === 'invite' ? actionData : undefined
  const rowData = (personId: string) => (actionData && actionData.intent !== 'invite' && actionData.personId === personId ? actionData : undefined)
  const strayError = actionData?.formError && actionData.intent !== 'invite' && !members.some((member) => member.personId === actionData.personId)

  return (
    <div className="members">
      <h1>{t(locale, 'accounts.members.title')}</h1>
      <p>{t(locale, 'accounts.members.intro', { organization: organization.name })}</p>
      {!canManage ? <p className="notice">{t(locale, 'accounts.members.readOnly')}</p> : null}
      {actionData?.message ? (
        <p className="success" role="status">
          {actionData.message}
        </p>
      ) : null}
      {strayError ? (
        <p className="form-error" role="alert">
          {actionData?.formError}
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
            const data = rowData(member.personId)
            const error = data?.formError && !data.message ? data.formError : undefined
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
                      <Form method="post">
                        <input type="hidden" name="intent" value="changeRole" />
                        <input type="hidden" name="personId" value={member.personId} />
                        <div className="field">
                          <label htmlFor={selectId} className="visually-hidden">
                            {t(locale, 'accounts.members.changeRoleLabel', { email: member.email })}
                          </label>
                          <select
                            id={selectId}
                            name="role"
                            defaultValue={data?.intent === 'changeRole' && data.values?.role ? data.values.role : member.role}
                            key={`${member.role}-${data?.values?.role ?? ''}`}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? errorId : undefined}
                          >
                            <RoleOptions locale={locale} />
                          </select>
                        </div>
                        <button type="submit" className="button--secondary" disabled={isSubmitting}>
                          {t(locale, 'accounts.members.changeRoleSubmit')}
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="personId" value={member.personId} />
                        <button
                          type="submit"
                          className="button--danger"
                          aria-label={t(locale, 'accounts.members.removeLabel', { email: member.email })}
                          disabled={isSubmitting}
                        >
                          {t(locale, 'accounts.members.removeSubmit')}
                        </button>
                      </Form>
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

      {canManage ? <InviteForm locale={locale} data={inviteData} isSubmitting={isSubmitting} /> : null}
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

function InviteForm({ locale, data, isSubmitting }: { locale: Locale; data: ActionData | undefined; isSubmitting: boolean }) {
  const errors = data?.message ? {} : (data?.fieldErrors ?? {})
  const values = data?.message ? {} : (data?.values ?? {})
  const generalError = data?.formError && !data.message && !errors.email && !errors.role ? data.formError : undefined
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
      <Form method="post" noValidate key={data?.message ?? 'invite'}>
        <input type="hidden" name="intent" value="invite" />
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
        <button type="submit" disabled={isSubmitting}>
          {t(locale, 'accounts.members.inviteSubmit')}
        </button>
      </Form>
    </section>
  )
}

export const meta: MetaFunction<typeof loadMembers> = ({ data }) => {
  const loaded = data && 'organization' in data ? data : undefined
  const locale = loaded?.locale ?? 'sv'
  return [{ title: `${t(locale, 'accounts.members.title')}${loaded ? ` – ${loaded.organization.name}` : ''} – Samling` }]
}
