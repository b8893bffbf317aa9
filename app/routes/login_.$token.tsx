import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { LanguageSwitch, loginHref } from '~/accounts/pages.tsx'
import { assertSameOrigin, createSession } from '~/accounts/session.server.ts'
import { LINK_MINUTES } from '~/accounts/link-lifetime.ts'
import { consolePath } from '~/console/paths.ts'
import { signedInHome } from '~/speakers/own.server.ts'
import { isSignInLinkUsable, safeRedirectTo, signInWithLink } from '~/accounts/sign-in.server.ts'
import { runAction } from '~/actions.server.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { getLocale, t } from '~/i18n/index.ts'
import { IntentForm } from '~/components/intent-form.tsx'
import accountsStyles from '~/styles/accounts.css'

/**
 * The page a sign-in link opens. GET only looks (mail scanners such as Outlook Safe Links open
 * every link, and must not use it up); the "Logga in" button POSTs, and only that signs in.
 */
const NO_STORE = { 'Cache-Control': 'no-store' }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountsStyles }]

export const headers: HeadersFunction = () => NO_STORE

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request)
  const redirectTo = safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'))
  const isUsable = await isSignInLinkUsable(params.token ?? '')
  return json({ locale, redirectTo, isUsable }, { status: isUsable ? 200 : 410, headers: NO_STORE })
}

/** Signs in (once per link) and goes on; a used, expired or unknown link answers 410. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    assertSameOrigin(args.request)
    const redirectTo = safeRedirectTo(form.values.redirectTo) ?? safeRedirectTo(new URL(args.request.url).searchParams.get('redirectTo'))
    const person = await signInWithLink({ token: args.params.token ?? '', locale: form.locale })
    const cookie = await createSession(person.id)
    return redirect(redirectTo ?? consolePath(form.locale, await signedInHome(person.id)), { headers: { 'Set-Cookie': cookie, ...NO_STORE } })
  })
}

export default function SignInLink() {
  const { locale, redirectTo, isUsable } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const location = useLocation()
  const isInvalid = !isUsable || actionData?.status === 410
  const formError = actionData?.formError

  if (isInvalid) {
    return (
      <main id="main" className="container page auth" lang={locale} tabIndex={-1}>
        <LanguageSwitch pathname={location.pathname} search={location.search} locale={locale} />
        <div className="auth__panel">
          <h1>{t(locale, 'accounts.link.invalidTitle')}</h1>
          <p>{t(locale, 'accounts.link.invalid', { minutes: LINK_MINUTES })}</p>
          <p>
            <a className="button" href={loginHref(locale, redirectTo)}>
              {t(locale, 'accounts.link.requestNew')}
            </a>
          </p>
        </div>
      </main>
    )
  }

  return (
    <main id="main" className="container page auth" lang={locale} tabIndex={-1}>
      <LanguageSwitch pathname={location.pathname} search={location.search} locale={locale} />
      <div className="auth__panel">
        <h1>{t(locale, 'accounts.link.title')}</h1>
        <p>{t(locale, 'accounts.link.intro')}</p>
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <IntentForm fields={redirectTo ? { redirectTo } : {}} submit={{ label: t(locale, 'accounts.link.submit') }} />
      </div>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t(data?.locale ?? 'sv', 'accounts.link.title')} – Samling` },
  { name: 'robots', content: 'noindex' },
  // same-origin, not no-referrer: the token must not leak to other sites, but Chromium sends
  // `Origin: null` on our own POST under no-referrer, which the same-origin check rightly refuses.
  { name: 'referrer', content: 'same-origin' },
]
