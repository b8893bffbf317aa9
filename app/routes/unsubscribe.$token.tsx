import { json, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { LanguageSwitch } from '~/accounts/pages.tsx'
import { assertSameOrigin } from '~/accounts/session.server.ts'
import { runAction } from '~/actions.server.ts'
import { errorTitle, PublicErrorBoundary } from '~/components/error-page.tsx'
import { IntentForm } from '~/components/intent-form.tsx'
import { notFound, type FormAnswer } from '~/errors.server.ts'
import { getLocale, t, type Locale } from '~/i18n/index.ts'
import { isScopeOptedOut, readUnsubscribeScope, resubscribe, scopeOrganizationName, unsubscribe } from '~/mail/unsubscribe.server.ts'
import accountsStyles from '~/styles/accounts.css'

/**
 * The unsubscribe link of every notification mail. GET only shows what stops and a button (mail
 * scanners such as Outlook Safe Links open every link, and must not unsubscribe anyone); POST acts.
 * A mail provider's RFC 8058 one-click POST (body `List-Unsubscribe=One-Click`, no cookie, maybe no
 * or a foreign Origin) acts too: the signed token is the permission, not the session, and
 * server.ts lets exactly this path through its Origin check. Our own buttons still need our Origin.
 * A bulk mailing's link carries its organization (ADR 0027): it stops that organization's mailings only.
 */
const INTENTS = ['unsubscribe', 'resubscribe'] as const
const NO_STORE = { 'Cache-Control': 'private, no-store' }

type ActionData = { done: 'unsubscribed' | 'resubscribed'; address: string } | FormAnswer

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountsStyles }]

export const headers: HeadersFunction = () => NO_STORE

/** A tampered token is a 404 in the visitor's language; a good one shows the address and the button. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request)
  const scope = readUnsubscribeScope(params.token ?? '')
  if (!scope) throw notFound(locale, 'mail.unsubscribe.notFound')
  const organization = scope.organizationId ? await scopeOrganizationName(scope.organizationId) : null
  if (scope.organizationId && organization === null) throw notFound(locale, 'mail.unsubscribe.notFound')
  return json({ locale, address: scope.address, organization, isOptedOut: await isScopeOptedOut(scope) }, { headers: NO_STORE })
}

/** Unsubscribes (our button, or the provider's one-click POST) or undoes it. Repeating either is harmless. */
export async function action(args: ActionFunctionArgs) {
  const locale = getLocale(args.request)
  const token = args.params.token ?? ''
  const scope = readUnsubscribeScope(token)
  if (!scope) throw notFound(locale, 'mail.unsubscribe.notFound')
  return runAction(args, async (form) => {
    if (form.values['List-Unsubscribe'] === 'One-Click') {
      await unsubscribe(token)
      return json<ActionData>({ done: 'unsubscribed', address: scope.address }, { headers: NO_STORE })
    }
    assertSameOrigin(args.request)
    const intent = form.intentOf(INTENTS, 'unsubscribe')
    if (intent === 'unsubscribe') await unsubscribe(token)
    else await resubscribe(token)
    return json<ActionData>({ done: intent === 'unsubscribe' ? 'unsubscribed' : 'resubscribed', address: scope.address }, { headers: NO_STORE })
  })
}

export default function Unsubscribe() {
  const { locale, address, organization, isOptedOut } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const location = useLocation()
  const done = actionData && 'done' in actionData ? actionData.done : undefined
  const formError = actionData && 'formError' in actionData ? actionData.formError : undefined
  const isOut = done ? done === 'unsubscribed' : isOptedOut
  if (organization !== null)
    return <OrganizationUnsubscribe locale={locale} address={address} organization={organization} isOut={isOut} done={done} formError={formError} />
  return (
    <main id="main" className="container page auth" lang={locale} tabIndex={-1}>
      <LanguageSwitch pathname={location.pathname} search={location.search} locale={locale} />
      <div className="auth__panel">
        <h1>{t(locale, 'mail.unsubscribe.title')}</h1>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        {done ? (
          <p className="success" role="status">
            {t(locale, done === 'unsubscribed' ? 'mail.unsubscribe.done' : 'mail.unsubscribe.resubscribed', { address })}
          </p>
        ) : null}
        {isOut ? (
          <>
            {done ? null : <p>{t(locale, 'mail.unsubscribe.already', { address })}</p>}
            <p>{t(locale, 'mail.unsubscribe.whatStays')}</p>
            <p id="undo-intro">{t(locale, 'mail.unsubscribe.undoIntro')}</p>
            <IntentForm
              intent="resubscribe"
              submit={{ label: t(locale, 'mail.unsubscribe.undo'), className: 'button--secondary', describedBy: 'undo-intro' }}
            />
          </>
        ) : (
          <>
            <p>{t(locale, 'mail.unsubscribe.intro', { address })}</p>
            <h2>{t(locale, 'mail.unsubscribe.whatStops')}</h2>
            <ul>
              <li>{t(locale, 'mail.unsubscribe.stops.opened')}</li>
              <li>{t(locale, 'mail.unsubscribe.stops.digests')}</li>
              <li>{t(locale, 'mail.unsubscribe.stops.full')}</li>
            </ul>
            <p id="unsubscribe-stays">{t(locale, 'mail.unsubscribe.whatStays')}</p>
            <IntentForm intent="unsubscribe" submit={{ label: t(locale, 'mail.unsubscribe.submit'), describedBy: 'unsubscribe-stays' }} />
          </>
        )}
      </div>
    </main>
  )
}

/** The page for one organization's bulk mailings: the same buttons, the organization's name. */
function OrganizationUnsubscribe(props: {
  locale: Locale
  address: string
  organization: string
  isOut: boolean
  done?: 'unsubscribed' | 'resubscribed'
  formError?: string
}) {
  const { locale, address, organization, isOut, done, formError } = props
  const location = useLocation()
  return (
    <main id="main" className="container page auth" lang={locale} tabIndex={-1}>
      <LanguageSwitch pathname={location.pathname} search={location.search} locale={locale} />
      <div className="auth__panel">
        <h1>{t(locale, 'mail.unsubscribe.organization.title', { organization })}</h1>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        {done ? (
          <p className="success" role="status">
            {t(locale, done === 'unsubscribed' ? 'mail.unsubscribe.organization.done' : 'mail.unsubscribe.organization.resubscribed', {
              address,
              organization,
            })}
          </p>
        ) : null}
        {isOut ? (
          <>
            {done ? null : <p>{t(locale, 'mail.unsubscribe.organization.already', { address, organization })}</p>}
            <p id="undo-intro">{t(locale, 'mail.unsubscribe.organization.undoIntro')}</p>
            <IntentForm
              intent="resubscribe"
              submit={{ label: t(locale, 'mail.unsubscribe.organization.undo'), className: 'button--secondary', describedBy: 'undo-intro' }}
            />
          </>
        ) : (
          <>
            <p>{t(locale, 'mail.unsubscribe.organization.intro', { address, organization })}</p>
            <p id="unsubscribe-stays">{t(locale, 'mail.unsubscribe.organization.whatStays')}</p>
            <IntentForm intent="unsubscribe" submit={{ label: t(locale, 'mail.unsubscribe.organization.submit'), describedBy: 'unsubscribe-stays' }} />
          </>
        )}
      </div>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => [
  {
    title: data
      ? `${data.organization !== null ? t(data.locale, 'mail.unsubscribe.organization.title', { organization: data.organization }) : t(data.locale, 'mail.unsubscribe.title')} – Samling`
      : errorTitle(location.pathname, error),
  },
  { name: 'robots', content: 'noindex' },
  // same-origin: the token must not leak to other sites, and our own POST must carry our Origin.
  { name: 'referrer', content: 'same-origin' },
]

export const ErrorBoundary = PublicErrorBoundary
