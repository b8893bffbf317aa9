import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { clientIp } from '../accounts/sign-in.server.ts'
import { runAction } from '../actions.server.ts'
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../components/console/fields.tsx'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { PrivacyConsent } from '../components/registration-form.tsx'
import { DomainError, notFound, type FormAnswer } from '../errors.server.ts'
import { localePath, pick, t } from '../i18n/index.ts'
import { PROPOSAL_LIMITS } from '../proposals/call-options.ts'
import { getPublicCall, ProposalSchema, submitProposal } from '../proposals/proposals.server.ts'
import { orNotFound, publicLocale } from '../public/route.server.ts'
import { limitProposals } from '../rate-limits.server.ts'
import { isSlug } from '../slug.ts'
import { formatDateTime, formatEventWhen } from '../time.ts'

/** The call's form (or, once it closed, a page that says so); `?done=1` after sending. Private: the answer to a POST holds what the visitor typed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  if (!isSlug(slug)) throw notFound(locale, 'error.eventNotFound')
  const call = await orNotFound(locale, () => getPublicCall({ slug }))
  return json(
    {
      locale,
      slug,
      title: pick(call, 'title', locale),
      when: formatEventWhen(call.startsAt, call.endsAt, locale),
      state: call.state,
      deadline: call.closesAt ? formatDateTime(call.closesAt, locale) : null,
      intro: pick(call, 'intro', locale),
      formats: call.formats,
      lengths: call.lengths,
      privacy: call.privacy,
      done: new URL(request.url).searchParams.get('done') === '1',
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

/**
 * Sends a proposal: 409 once the call is closed (before anything else is read), 400 with a message
 * next to each field, 429 when an IP or an address sends too many; else a 303 to `?done=1`.
 */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (submitted) => {
    const locale = publicLocale(args.request, args.params)
    const slug = args.params.slug ?? ''
    if (!isSlug(slug)) throw notFound(locale, 'error.eventNotFound')
    const call = await getPublicCall({ slug })
    if (call.state !== 'open') throw new DomainError('proposals.error.closed', 409)
    const proposal = submitted.parse(ProposalSchema)
    await limitProposals({ ip: clientIp(args.request, args.context), email: proposal.email })
    await submitProposal({ slug, locale, proposal })
    return redirect(`${localePath(locale, `/events/${slug}/propose`)}?done=1`, 303)
  })
}

export default function ProposePage() {
  const data = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const { locale } = data
  const eventPath = localePath(locale, `/events/${data.slug}`)
  const values = answer?.values ?? {}
  const errors = answer?.fieldErrors ?? {}
  const labels: Record<string, string> = {
    title: t(locale, 'proposals.form.title'),
    abstract: t(locale, 'proposals.form.abstract'),
    format: t(locale, 'proposals.form.format'),
    length: t(locale, 'proposals.form.length'),
    name: t(locale, 'proposals.form.name'),
    email: t(locale, 'proposals.form.email'),
    speakerTitle: t(locale, 'proposals.form.speakerTitle'),
    affiliation: t(locale, 'proposals.form.affiliation'),
    bio: t(locale, 'proposals.form.bio'),
    privacyVersion: t(locale, 'privacy.field'),
  }
  const star = (label: string) => `${label} *`
  return (
    <main id="main" className="container page propose-page">
      <p>
        <Link to={eventPath}>← {data.title}</Link>
      </p>
      <h1>{t(locale, 'proposals.public.heading', { title: data.title })}</h1>
      <p>{data.when}</p>
      {data.done ? (
        <div className="notice" role="status">
          <h2>{t(locale, 'proposals.public.doneHeading')}</h2>
          <p>{t(locale, 'proposals.public.doneText')}</p>
          <p>
            <Link to={eventPath}>{t(locale, 'proposals.public.back')}</Link>
          </p>
        </div>
      ) : data.state !== 'open' ? (
        <div className="notice" role="status">
          <p>{t(locale, 'proposals.public.closed', { title: data.title })}</p>
          <p>
            <Link to={eventPath}>{t(locale, 'proposals.public.back')}</Link>
          </p>
        </div>
      ) : (
        <>
          {data.intro ? <p className="prewrap">{data.intro}</p> : null}
          {data.deadline ? <p>{t(locale, 'proposals.public.deadline', { deadline: data.deadline })}</p> : null}
          <Form method="post" className="registration-form" noValidate>
            {answer ? <ErrorSummary formError={answer.formError} fieldErrors={errors} labels={labels} /> : null}
            <p className="field__hint">{t(locale, 'proposals.form.intro')}</p>
            <fieldset className="form-group">
              <legend>{t(locale, 'proposals.form.talk')}</legend>
              <TextField name="title" label={star(labels.title)} value={values.title} error={errors.title} required maxLength={PROPOSAL_LIMITS.title} />
              <TextAreaField
                name="abstract"
                label={star(labels.abstract)}
                hint={t(locale, 'proposals.form.abstractHint')}
                value={values.abstract}
                error={errors.abstract}
                required
                rows={6}
                maxLength={PROPOSAL_LIMITS.abstract}
              />
              <SelectField
                name="format"
                label={star(labels.format)}
                value={values.format ?? data.formats[0]}
                error={errors.format}
                required
                options={data.formats.map((format) => ({ value: format, label: t(locale, `itemType.${format}`) }))}
              />
              <SelectField
                name="length"
                label={star(labels.length)}
                value={values.length ?? String(data.lengths[0])}
                error={errors.length}
                required
                options={data.lengths.map((minutes) => ({ value: String(minutes), label: t(locale, 'proposals.minutes', { minutes }) }))}
              />
            </fieldset>
            <fieldset className="form-group">
              <legend>{t(locale, 'proposals.form.about')}</legend>
              <TextField
                name="name"
                label={star(labels.name)}
                value={values.name}
                error={errors.name}
                required
                autoComplete="name"
                maxLength={PROPOSAL_LIMITS.name}
              />
              <TextField
                name="email"
                type="email"
                label={star(labels.email)}
                hint={t(locale, 'proposals.form.emailHint')}
                value={values.email}
                error={errors.email}
                required
                autoComplete="email"
                maxLength={254}
              />
              <TextField
                name="speakerTitle"
                label={labels.speakerTitle}
                value={values.speakerTitle}
                error={errors.speakerTitle}
                autoComplete="organization-title"
                maxLength={PROPOSAL_LIMITS.speakerTitle}
              />
              <TextField
                name="affiliation"
                label={labels.affiliation}
                value={values.affiliation}
                error={errors.affiliation}
                autoComplete="organization"
                maxLength={PROPOSAL_LIMITS.affiliation}
              />
              <TextAreaField
                name="bio"
                label={labels.bio}
                hint={t(locale, 'proposals.form.bioHint')}
                value={values.bio}
                error={errors.bio}
                rows={4}
                maxLength={PROPOSAL_LIMITS.bio}
              />
            </fieldset>
            <PrivacyConsent locale={locale} privacy={data.privacy} kind="propose" error={errors.privacyVersion} />
            <button type="submit" className="button button--primary">
              {t(locale, 'proposals.form.submit')}
            </button>
          </Form>
        </>
      )}
      {answer && data.state !== 'open' && !data.done ? (
        <div className="form-error" role="alert">
          <p>{answer.formError}</p>
        </div>
      ) : null}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${t(data.locale, 'proposals.public.heading', { title: data.title })} – ${t(data.locale, 'app.name')}` },
    { name: 'robots', content: 'noindex' },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
