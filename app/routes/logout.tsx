import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { assertSameOrigin, destroySession } from '~/accounts/session.server.ts'
import { runAction } from '~/actions.server.ts'
import { IntentForm } from '~/components/intent-form.tsx'
import { getLocale, t } from '~/i18n/index.ts'
import accountsStyles from '~/styles/accounts.css'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountsStyles }]

/** GET only shows a button: following a link must never sign anyone out (or in). */
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ locale: getLocale(request) }, { headers: { 'Cache-Control': 'no-store' } })
}

/** Deletes the session row (so the old cookie stops working everywhere) and clears the cookie. */
export async function action(args: ActionFunctionArgs) {
  return runAction(args, async () => {
    assertSameOrigin(args.request)
    const cookie = await destroySession(args.request)
    return redirect('/', { headers: { 'Set-Cookie': cookie } })
  })
}

export default function Logout() {
  const { locale } = useLoaderData<typeof loader>()
  const actionData = useActionData<{ formError?: string }>()
  return (
    <main id="main" className="container page auth" lang={locale} tabIndex={-1}>
      <div className="auth__panel">
        <h1>{t(locale, 'accounts.logout.title')}</h1>
        <p>{t(locale, 'accounts.logout.intro')}</p>
        {actionData?.formError ? (
          <p className="form-error" role="alert">
            {actionData.formError}
          </p>
        ) : null}
        <IntentForm submit={{ label: t(locale, 'accounts.logout.submit') }} />
      </div>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${t(data?.locale ?? 'sv', 'accounts.logout.title')} – Samling` }]
