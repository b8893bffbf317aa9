import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { runAction } from '../actions.server.ts'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { consolePath } from '../console/paths.ts'
import { notFound, type FormAnswer } from '../errors.server.ts'
import { localePath, pick, t } from '../i18n/index.ts'
import { findProposalByToken, withdrawProposal } from '../proposals/proposals.server.ts'
import { publicLocale } from '../public/route.server.ts'
import { formatDateTime, formatEventWhen } from '../time.ts'

/**
 * The proposer's own page (/proposals/<token>, from the mail): the proposal, its status and the
 * organizer's message with the decision; never the organizers' ratings or comments. GET changes
 * nothing: withdrawing is `?confirm=withdraw` (a question) and then a POST.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const proposal = await findProposalByToken({ token: params.token ?? '' })
  if (!proposal) throw notFound(locale, 'proposals.page.notFound')
  const search = new URL(request.url).searchParams
  return json(
    {
      locale,
      status: proposal.status,
      title: proposal.title,
      abstract: proposal.abstract,
      format: proposal.format,
      lengthMinutes: proposal.lengthMinutes,
      profile: {
        name: proposal.name,
        email: proposal.email,
        speakerTitle: proposal.speakerTitle,
        affiliation: proposal.affiliation,
        bio: proposal.bio,
      },
      submittedAt: formatDateTime(proposal.submittedAt, locale),
      decisionMessage: proposal.decisionMessage,
      event: {
        title: pick(proposal.event, 'title', locale),
        slug: proposal.event.slug,
        when: formatEventWhen(proposal.event.startsAt, proposal.event.endsAt, locale),
      },
      confirming: search.get('confirm') === 'withdraw' && proposal.status === 'submitted',
      withdrawnNow: search.get('done') === 'withdrawn',
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

/** intent=withdraw (the confirmed form): the proposal is withdrawn, 303 back to the page; 409 once decided, 404 for an unknown token. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (submitted) => {
    const locale = publicLocale(args.request, args.params)
    const token = args.params.token ?? ''
    submitted.intentOf(['withdraw'] as const)
    await withdrawProposal({ token })
    return redirect(`${localePath(locale, `/proposals/${token}`)}?done=withdrawn`, 303)
  })
}

export default function ProposalPage() {
  const data = useLoaderData<typeof loader>()
  const answer = useActionData<FormAnswer>()
  const { locale, event } = data
  return (
    <main id="main" className="container page proposal-page">
      <p>
        <Link to={localePath(locale, `/events/${event.slug}`)}>{event.title}</Link>
      </p>
      <h1>{t(locale, 'proposals.page.title', { title: event.title })}</h1>
      {answer ? (
        <div className="form-error" role="alert">
          <p>{answer.formError}</p>
        </div>
      ) : null}
      <div className="notice" role="status">
        <p>
          {data.withdrawnNow && data.status === 'withdrawn' ? t(locale, 'proposals.page.withdrawnDone') : t(locale, `proposals.page.statusText.${data.status}`)}
        </p>
        {data.status === 'accepted' ? (
          <p>
            <Link to={consolePath(locale, '/speaker')}>{t(locale, 'speakerArea.goToSpeakerPages')}</Link> – {t(locale, 'proposals.page.speakerPages')}
          </p>
        ) : null}
      </div>
      {data.decisionMessage ? (
        <section className="panel" aria-labelledby="proposal-message">
          <h2 id="proposal-message">{t(locale, 'proposals.page.message')}</h2>
          <p className="prewrap">{data.decisionMessage}</p>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="proposal-talk">
        <h2 id="proposal-talk">{data.title}</h2>
        <dl className="facts">
          <dt>{t(locale, 'proposals.page.status')}</dt>
          <dd>{t(locale, `proposals.status.${data.status}`)}</dd>
          <dt>{t(locale, 'proposals.page.format')}</dt>
          <dd>
            {t(locale, `itemType.${data.format}`)}, {t(locale, 'proposals.minutes', { minutes: data.lengthMinutes })}
          </dd>
          <dt>{t(locale, 'proposals.page.submittedAt')}</dt>
          <dd>{data.submittedAt}</dd>
        </dl>
        <p className="prewrap">{data.abstract}</p>
      </section>
      <section className="panel" aria-labelledby="proposal-profile">
        <h2 id="proposal-profile">{t(locale, 'proposals.page.profile')}</h2>
        <p>
          <strong>{data.profile.name}</strong>
          {data.profile.speakerTitle || data.profile.affiliation ? `, ${[data.profile.speakerTitle, data.profile.affiliation].filter(Boolean).join(', ')}` : ''}
          <br />
          {data.profile.email}
        </p>
        {data.profile.bio ? <p className="prewrap">{data.profile.bio}</p> : null}
      </section>
      {data.status === 'submitted' ? (
        <section className="panel" aria-labelledby="proposal-withdraw">
          <h2 id="proposal-withdraw">{data.confirming ? t(locale, 'proposals.page.confirmHeading') : t(locale, 'proposals.page.withdrawHeading')}</h2>
          {data.confirming ? (
            <>
              <p>{t(locale, 'proposals.page.confirmText', { title: data.title })}</p>
              <Form method="post" className="console-inline">
                <input type="hidden" name="intent" value="withdraw" />
                <button type="submit">{t(locale, 'proposals.page.confirm')}</button>
              </Form>
              <p>
                <Link to="?">{t(locale, 'proposals.page.cancel')}</Link>
              </p>
            </>
          ) : (
            <>
              <p>{t(locale, 'proposals.page.withdrawIntro')}</p>
              <p>
                <Link to="?confirm=withdraw" className="button button--secondary">
                  {t(locale, 'proposals.page.withdraw')}
                </Link>
              </p>
            </>
          )}
        </section>
      ) : null}
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${t(data.locale, 'proposals.page.title', { title: data.event.title })} – ${t(data.locale, 'app.name')}` },
    { name: 'robots', content: 'noindex' },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
