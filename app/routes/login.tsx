import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { LanguageSwitch, loginHref } from '~/accounts/pages.tsx'
import { assertSameOrigin, getCurrentPerson } from '~/accounts/session.server.ts'
import { LINK_MINUTES } from '~/accounts/link-lifetime.ts'
import { EmailSchema, clientIp, requestSignInLink, safeRedirectTo } from '~/accounts/sign-in.server.ts'
import { runAction } from '~/actions.server.ts'
import type { FormAnswer } from '~/errors.server.ts'
import { chosenLocale, getLocale, t } from '~/i18n/index.ts'
import accountsStyles from '~/styles/accounts.css'

const SignInRequestSchema = z.object({
  email: EmailSchema,
  redirectTo: z.string().optional(),
})

type ActionData = { sent: true } | FormAnswer

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountsStyles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request)
  const url = new URL(request.url)
  const person = await getCurrentPerson(request)
  return json(
    { locale, redirectTo: safeRedirectTo(url.searchParams.get('redirectTo')), signedInAs: person?.email ?? null },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

/**
 * Asks for a sign-in link. The answer is the same whether or not the address has an account
 * (docs/decisions/0006-passwordless-sign-in.md); only the rate limits (429 with Retry-After) and
 * bad input (400) differ.
 */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async (form) => {
    assertSameOrigin(args.request)
    const input = form.parse(SignInRequestSchema)
    await requestSignInLink({
      email: input.email,
      locale: chosenLocale(args.request),
      ip: clientIp(args.request, args.context),
      redirectTo: safeRedirectTo(input.redirectTo),
    })
    return json<ActionData>({ sent: true })
  })
}

export default function Login() {
  const { locale, redirectTo, signedInAs } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const location = useLocation()
  const navigation = useNavigation()
  const isSubmitting = navigation.state === 'submitting'

  const failed = actionData && 'formError' in actionData ? actionData : undefined
  if (actionData && 'sent' in actionData) {
    return (
      <main id="main" className="container page auth" lang={locale} tabIndex={-1}>
        <LanguageSwitch pathname={location.pathname} search={location.search} locale={locale} />
        <div className="auth__panel">
          <h1>{t(locale, 'accounts.login.sentTitle')}</h1>
          <p className="success" role="status">
            {t(locale, 'accounts.login.sent', { minutes: LINK_MINUTES })}
          </p>
          <p>{t(locale, 'accounts.login.sentHelp')}</p>
          <p>
            <a href={loginHref(locale, redirectTo)}>{t(locale, 'accounts.login.tryAgain')}</a>
          </p>
        </div>
      </main>
    )
  }

  const emailError = failed?.fieldErrors.email
  const formError = failed?.formError
  const describedBy = ['email-hint', emailError ? 'email-error' : null].filter(Boolean).join(' ')
  return (
    <main id="main" className="container page auth" lang={locale} tabIndex={-1}>
      <LanguageSwitch pathname={location.pathname} search={location.search} locale={locale} />
      <div className="auth__panel">
        <h1>{t(locale, 'accounts.login.title')}</h1>
        {signedInAs ? (
          <p className="notice">
            {t(locale, 'accounts.login.signedInAs', { email: signedInAs })} <Link to="/organizer">{t(locale, 'accounts.login.toConsole')}</Link>
          </p>
        ) : null}
        <p>{t(locale, 'accounts.login.intro')}</p>
        {formError && !emailError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        <Form method="post" noValidate>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <div className="field">
            <label htmlFor="email">{t(locale, 'accounts.login.emailLabel')}</label>
            <p className="field__hint" id="email-hint">
              {t(locale, 'accounts.login.emailHint')}
            </p>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              spellCheck={false}
              autoCapitalize="none"
              required
              defaultValue={failed?.values.email ?? ''}
              aria-invalid={emailError ? true : undefined}
              aria-describedby={describedBy}
            />
            {emailError ? (
              <p className="field__error" id="email-error" role="alert">
                {emailError}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={isSubmitting}>
            {t(locale, 'accounts.login.submit')}
          </button>
        </Form>
      </div>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t(data?.locale ?? 'sv', 'accounts.login.title')} – Samling` },
  { name: 'robots', content: 'noindex' },
]
