import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { LanguageSwitch, loginHref } from '~/accounts/pages.tsx'
import { readForm } from '~/forms.server.ts'
import { assertSameOrigin, getCurrentPerson } from '~/accounts/session.server.ts'
import { LINK_MINUTES } from '~/accounts/link-lifetime.ts'
import { EmailSchema, SignInRateLimitedError, clientIp, requestSignInLink, safeRedirectTo } from '~/accounts/sign-in.server.ts'
import { errorMessage, fieldErrors, withDomainErrors } from '~/errors.server.ts'
import { chosenLocale, getLocale, t } from '~/i18n/index.ts'
import accountsStyles from '~/styles/accounts.css'

const SignInRequestSchema = z.object({
  email: EmailSchema,
  redirectTo: z.string().optional(),
})

type ActionData = { sent: boolean; formError?: string; fieldErrors?: Record<string, string>; values?: { email: string } }

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
 * (docs/decisions/0006-passwordless-sign-in.md); only the rate limits (429) and bad input (400) differ.
 */
export const action = withDomainErrors(async ({ request, context }: ActionFunctionArgs) => {
  assertSameOrigin(request)
  const locale = getLocale(request)
  const form = await readForm(request)
  const email = form.email ?? ''
  const parsed = SignInRequestSchema.safeParse(form)
  if (!parsed.success) {
    return json<ActionData>(
      { sent: false, formError: t(locale, 'form.summary'), fieldErrors: fieldErrors(parsed.error, locale), values: { email } },
      { status: 400 },
    )
  }
  try {
    await requestSignInLink({
      email: parsed.data.email,
      locale: chosenLocale(request),
      ip: clientIp(request, context),
      redirectTo: safeRedirectTo(parsed.data.redirectTo),
    })
  } catch (error) {
    if (!(error instanceof SignInRateLimitedError)) throw error
    const message = errorMessage(error, locale)
    return json<ActionData>(
      { sent: false, formError: message, fieldErrors: { email: message }, values: { email } },
      { status: 429, headers: { 'Retry-After': String(error.retryAfterSeconds) } },
    )
  }
  return json<ActionData>({ sent: true })
})

export default function Login() {
  const { locale, redirectTo, signedInAs } = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const location = useLocation()
  const navigation = useNavigation()
  const isSubmitting = navigation.state === 'submitting'

  if (actionData?.sent) {
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

  const emailError = actionData?.fieldErrors?.email
  const formError = actionData?.formError
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
              defaultValue={actionData?.values?.email ?? ''}
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
