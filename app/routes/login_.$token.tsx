import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { LanguageSwitch, loginHref } from '~/accounts/pages.tsx'
import { readForm } from '~/forms.server.ts'
import { assertSameOrigin, createSession } from '~/accounts/session.server.ts'
import { LINK_MINUTES } from '~/accounts/link-lifetime.ts'
import { InvalidSignInLinkError, isSignInLinkUsable, safeRedirectTo, signInWithLink } from '~/accounts/sign-in.server.ts'
import { errorMessage, withDomainErrors } from '~/errors.server.ts'
import { getLocale, t } from '~/i18n/index.ts'
import accountsStyles from '~/styles/accounts.css'

/**
 * The page a sign-in link opens. GET only looks (mail scanners such as Outlook Safe Links open
 * every link, and must not use it up); the "Logga in" button POSTs, and only that signs in.
 */
const NO_STORE = { 'Cache-Control': 'no-store' }

type ActionData = { invalid: true; message: string } | { formError: string; field: string | null }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountsStyles }]

export const headers: HeadersFunction = () => NO_STORE

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request)
  const redirectTo = safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'))
  const isUsable = await isSignInLinkUsable(params.token ?? '')
  return json({ locale, redirectTo, isUsable }, { status: isUsable ? 200 : 410, headers: NO_STORE })
}

export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  assertSameOrigin(request)
  const locale = getLocale(request)
  const form = await readForm(request)
  const redirectTo = safeRedirectTo(form.redirectTo) ?? safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'))
  let personId: string
  try {
    const person = await signInWithLink({ token: params.token ?? '', locale })
    personId = person.id
  } catch (error) {
    if (!(error instanceof InvalidSignInLinkError)) throw error
    return json<ActionData>({ invalid: true, message: errorMessage(error, locale) }, { status: 410, headers: NO_STORE })
  }
  const cookie = await createSession(personId)
  return redirect(redirectTo ?? '/organizer', { headers: { 'Set-Cookie': cookie, ...NO_STORE } })
})

export default function SignInLink() {
  const { locale, redirectTo, isUsable } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const location = useLocation()
  const isInvalid = !isUsable || (actionData && 'invalid' in actionData)
  const formError = actionData && 'formError' in actionData ? actionData.formError : null

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
        <Form method="post">
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <button type="submit">{t(locale, 'accounts.link.submit')}</button>
        </Form>
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
