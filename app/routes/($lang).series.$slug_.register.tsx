import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { clientIp } from '../accounts/sign-in.server.ts'
import { runAction } from '../actions.server.ts'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { SeriesRegistration } from '../components/registration-form.tsx'
import { notFound, type FormAnswer } from '../errors.server.ts'
import { localePath, t } from '../i18n/index.ts'
import { orNotFound, publicLocale } from '../public/route.server.ts'
import { limitRegistrations } from '../rate-limits.server.ts'
import { loadSeriesRegistrationForm, parseAttendee } from '../registrations/form.server.ts'
import { registerForSeries } from '../registrations/register.server.ts'
import { isSlug } from '../slug.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.seriesNotFound')
  const form = await orNotFound(locale, () => loadSeriesRegistrationForm(slug, locale))
  const done = new URL(request.url).searchParams.get('done') === 'series'
  return json({ locale, form, done }, { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (submitted) => {
    const locale = publicLocale(args.request, args.params)
    const slug = args.params.slug ?? ''
    if (!isSlug(slug)) throw notFound(locale, 'error.seriesNotFound')
    const form = await loadSeriesRegistrationForm(slug, locale)
    const attendee = submitted.check(parseAttendee(submitted.values, locale))
    const mode = form.modes.length > 1 ? submitted.values.attendance : form.modes[0]?.mode
    const attendanceMode = mode === 'on_site' || mode === 'online' ? mode : null
    if (!attendanceMode)
      submitted.check({ success: false, error: { issues: [{ code: 'custom', path: ['attendance'], message: 'registration.error.attendance' }] } })
    await limitRegistrations({ ip: clientIp(args.request, args.context), email: attendee.email })
    await registerForSeries({ seriesSlug: slug, attendee, attendanceMode: attendanceMode ?? 'online' })
    return redirect(`${localePath(locale, `/series/${slug}/register`)}?done=series`, 303)
  })
}

export default function SeriesRegisterPage() {
  const { locale, form, done } = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const seriesPath = localePath(locale, `/series/${form.slug}`)
  return (
    <main id="main" className="container page">
      <p>
        <Link to={seriesPath}>← {form.title}</Link>
      </p>
      <h1>
        {t(locale, 'registration.seriesHeading')}: {form.title}
      </h1>
      {done ? (
        <div className="notice" role="status">
          <p>{t(locale, 'registration.done.series')}</p>
        </div>
      ) : (
        <SeriesRegistration locale={locale} form={form} action={localePath(locale, `/series/${form.slug}/register`)} answer={answer} />
      )}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${t(data.locale, 'registration.seriesHeading')}: ${data.form.title} – ${t(data.locale, 'app.name')}` },
    { name: 'robots', content: 'noindex' },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
