import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { runAction } from '../actions.server.ts'
import { ErrorSummary, TextAreaField, TextField } from '../components/console/fields.tsx'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { DomainError, notFound, type FormAnswer } from '../errors.server.ts'
import { localePath, pick, t } from '../i18n/index.ts'
import { publicLocale } from '../public/route.server.ts'
import { createSession } from '../accounts/session.server.ts'
import { consolePath } from '../console/paths.ts'
import { mayStartSpeakerSession } from '../speakers/own.server.ts'
import { acceptInvitation, declineInvitation, findInvitationByToken, markViewed, REASON_MAX } from '../speakers/invitations.server.ts'
import { formatDateTime, formatEventWhen } from '../time.ts'

const INTENTS = ['accept', 'decline'] as const

const DeclineSchema = z
  .object({
    reason: z.string().trim().max(REASON_MAX).optional(),
    suggestedName: z.string().trim().max(200).optional(),
    suggestedEmail: z.union([z.literal(''), z.string().trim().max(254).pipe(z.email())]).optional(),
  })
  .superRefine((form, context) => {
    // A suggestion needs both a name and an address; half of one is no use to the organizer.
    if (Boolean(form.suggestedName) !== Boolean(form.suggestedEmail))
      context.addIssue({ code: 'custom', path: [form.suggestedName ? 'suggestedEmail' : 'suggestedName'], message: 'speakers.invitation.suggestionIncomplete' })
  })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const token = params.token ?? ''
  // Opening the page changes nothing but "viewed" (and only a sent, unexpired invitation).
  await markViewed({ token })
  const invitation = await findInvitationByToken({ token })
  if (!invitation) throw notFound(locale, 'speakers.invitation.notFound')
  const zone = t(locale, 'mail.common.timeZone')
  return json(
    {
      locale,
      status: invitation.status,
      name: invitation.name,
      role: invitation.role,
      message: invitation.message,
      answerBy: `${formatDateTime(new Date(invitation.answerBy), locale)} (${zone})`,
      event: {
        title: pick(invitation.event, 'title', locale),
        slug: invitation.event.slug,
        when: formatEventWhen(invitation.event.startsAt, invitation.event.endsAt, locale),
        organizationName: invitation.event.organizationName,
      },
      sessions: invitation.items.map((item) => ({
        id: item.id,
        title: pick(item, 'title', locale),
        when: formatEventWhen(item.startsAt, item.endsAt, locale),
        room: item.room,
      })),
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (submitted) => {
    const locale = publicLocale(args.request, args.params)
    const token = args.params.token ?? ''
    if (!(await findInvitationByToken({ token }))) throw new DomainError('speakers.invitation.notFound', 404)
    const intent = submitted.intentOf(INTENTS)
    if (intent === 'accept') {
      // Accepting signs the speaker in (the link came to their address), unless they also run an organization.
      const { personId } = await acceptInvitation({ token })
      if (personId && (await mayStartSpeakerSession(personId))) {
        const cookie = await createSession(personId)
        return redirect(consolePath(locale, '/speaker?welcome=1'), { status: 303, headers: { 'Set-Cookie': cookie } })
      }
    } else {
      const form = submitted.parse(DeclineSchema)
      const suggestion = form.suggestedName && form.suggestedEmail ? { name: form.suggestedName, email: form.suggestedEmail } : undefined
      await declineInvitation({ token, reason: form.reason, suggestion })
    }
    return redirect(localePath(locale, `/invitations/${token}`), 303)
  })
}

export default function SpeakerInvitationPage() {
  const data = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const { locale, event } = data
  const role = t(locale, `speakers.role.${data.role}`)
  const isOpen = data.status === 'sent' || data.status === 'viewed'
  const closed = {
    accepted: 'speakers.invitation.acceptedStatus',
    declined: 'speakers.invitation.declinedStatus',
    expired: 'speakers.invitation.expired',
    revoked: 'speakers.invitation.revoked',
  } as const
  const declineAnswer = answer?.intent === 'decline' ? answer : undefined
  return (
    <main id="main" className="container page invitation-page">
      <p>
        <Link to={localePath(locale, `/events/${event.slug}`)}>{event.title}</Link>
      </p>
      <h1>{t(locale, 'speakers.invitation.title', { title: event.title })}</h1>
      {!isOpen ? (
        <div className="notice" role="status">
          <p>{t(locale, closed[data.status as keyof typeof closed])}</p>
          {data.status === 'accepted' ? (
            <p>
              <Link to={consolePath(locale, '/speaker')}>{t(locale, 'speakerArea.goToSpeakerPages')}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {answer && !declineAnswer ? (
        <div className="form-error" role="alert">
          <p>{answer.formError}</p>
        </div>
      ) : null}
      {data.name ? <p>{t(locale, 'speakers.invitation.greeting', { name: data.name })}</p> : null}
      <p>{t(locale, 'speakers.invitation.intro', { organization: event.organizationName, role, title: event.title })}</p>
      <section className="panel" aria-labelledby="invitation-facts">
        <h2 id="invitation-facts">{event.title}</h2>
        <dl className="facts">
          <dt>{t(locale, 'speakers.invitation.when')}</dt>
          <dd>{event.when}</dd>
          <dt>{t(locale, 'speakers.invitation.role')}</dt>
          <dd>{role}</dd>
          <dt>{t(locale, 'speakers.invitation.answerBy')}</dt>
          <dd>{data.answerBy}</dd>
        </dl>
        <p>{t(locale, 'speakers.invitation.timeZone')}</p>
      </section>
      {data.sessions.length ? (
        <section className="panel" aria-labelledby="invitation-sessions">
          <h2 id="invitation-sessions">{t(locale, 'speakers.invitation.sessions')}</h2>
          <ul>
            {data.sessions.map((session) => (
              <li key={session.id}>
                <strong>{session.title}</strong>, {session.when}
                {session.room ? ` (${t(locale, 'speakers.invitation.room', { room: session.room })})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.message ? (
        <section className="panel" aria-labelledby="invitation-message">
          <h2 id="invitation-message">{t(locale, 'speakers.invitation.message')}</h2>
          <p className="prewrap">{data.message}</p>
        </section>
      ) : null}
      {isOpen ? (
        <>
          <section className="panel" aria-labelledby="invitation-accept">
            <h2 id="invitation-accept">{t(locale, 'speakers.invitation.acceptHeading')}</h2>
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              <button type="submit">{t(locale, 'speakers.invitation.accept')}</button>
            </Form>
          </section>
          <section className="panel" aria-labelledby="invitation-decline">
            <h2 id="invitation-decline">{t(locale, 'speakers.invitation.declineHeading')}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="decline" />
              {declineAnswer ? <ErrorSummary formError={declineAnswer.formError} fieldErrors={declineAnswer.fieldErrors} /> : null}
              <TextAreaField
                name="reason"
                label={t(locale, 'speakers.invitation.reason')}
                maxLength={REASON_MAX}
                value={declineAnswer?.values.reason}
                error={declineAnswer?.fieldErrors.reason}
              />
              <fieldset>
                <legend>{t(locale, 'speakers.invitation.suggestIntro')}</legend>
                <TextField
                  name="suggestedName"
                  label={t(locale, 'speakers.invitation.suggestedName')}
                  maxLength={200}
                  autoComplete="off"
                  value={declineAnswer?.values.suggestedName}
                  error={declineAnswer?.fieldErrors.suggestedName}
                />
                <TextField
                  name="suggestedEmail"
                  type="email"
                  label={t(locale, 'speakers.invitation.suggestedEmail')}
                  maxLength={254}
                  autoComplete="off"
                  value={declineAnswer?.values.suggestedEmail}
                  error={declineAnswer?.fieldErrors.suggestedEmail}
                />
              </fieldset>
              <button type="submit">{t(locale, 'speakers.invitation.decline')}</button>
            </Form>
          </section>
        </>
      ) : null}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${t(data.locale, 'speakers.invitation.title', { title: data.event.title })} – ${t(data.locale, 'app.name')}` },
    { name: 'robots', content: 'noindex' },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
