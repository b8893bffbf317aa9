import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { clientIp } from '../accounts/sign-in.server.ts'
import { runAction } from '../actions.server.ts'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { offersForm, RegistrationForm, RegistrationNotes } from '../components/registration-form.tsx'
import type { FormAnswer } from '../errors.server.ts'
import { notFound } from '../errors.server.ts'
import { localePath, t } from '../i18n/index.ts'
import { orNotFound, publicLocale } from '../public/route.server.ts'
import { limitRegistrations } from '../rate-limits.server.ts'
import { getRegistrationForm, loadRegistrationForm, parseRegistration } from '../registrations/form.server.ts'
import { registerAttendee } from '../registrations/register.server.ts'
import { isTokenShaped } from '../registrations/tokens.server.ts'
import { isSlug } from '../slug.ts'

const DoneSchema = z.enum(['confirmed', 'waitlisted', 'exists', 'interest']).optional().catch(undefined)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.eventNotFound')
  const url = new URL(request.url)
  const invite = url.searchParams.get('invite')
  const form = await orNotFound(locale, () => loadRegistrationForm({ slug }, locale))
  return json(
    { locale, slug, form, invite: invite && isTokenShaped(invite) ? invite : null, done: DoneSchema.parse(url.searchParams.get('done') ?? undefined) },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (submitted) => {
    const locale = publicLocale(args.request, args.params)
    const slug = args.params.slug ?? ''
    if (!isSlug(slug)) throw notFound(locale, 'error.eventNotFound')
    // The form's shape (questions, tickets, sub-sessions) from the short-lived cache; the domain
    // checks tickets, items and seats again under the event lock.
    const form = await getRegistrationForm(slug, locale)
    const input = submitted.check(parseRegistration(submitted.values, form, locale))
    await limitRegistrations({ ip: clientIp(args.request, args.context), email: input.email })
    const result = await registerAttendee({ event: { slug }, input })
    return redirect(`${localePath(locale, `/events/${slug}/register`)}?done=${result.outcome}`, 303)
  })
}

export default function RegisterPage() {
  const { locale, slug, form, invite, done } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const eventPath = localePath(locale, `/events/${slug}`)
  if (done)
    return (
      <main id="main" className="container page">
        <h1>{t(locale, 'registration.done.heading')}</h1>
        <div className="notice" role="status">
          <p>{t(locale, `registration.done.${done}`)}</p>
        </div>
        <p>
          <Link to={eventPath}>{t(locale, 'registration.done.back')}</Link>
        </p>
      </main>
    )
  return (
    <main id="main" className="container page">
      <p>
        <Link to={eventPath}>← {form.title}</Link>
      </p>
      <h1>
        {t(locale, 'registration.heading')}: {form.title}
      </h1>
      <RegistrationNotes locale={locale} form={form} status={form.status} hasInvite={Boolean(invite)} />
      {offersForm({ form, status: form.status }, Boolean(invite)) ? (
        <RegistrationForm
          locale={locale}
          action={`${localePath(locale, `/events/${slug}/register`)}${invite ? `?invite=${invite}` : ''}`}
          form={form}
          invite={invite}
          values={answer?.values}
          fieldErrors={answer?.fieldErrors}
          formError={answer?.formError}
        />
      ) : answer?.formError ? (
        <div className="form-error" role="alert">
          <p>{answer.formError}</p>
        </div>
      ) : null}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [{ title: `${t(data.locale, 'registration.heading')}: ${data.form.title} – ${t(data.locale, 'app.name')}` }, { name: 'robots', content: 'noindex' }]
}

export const ErrorBoundary = PublicErrorBoundary
