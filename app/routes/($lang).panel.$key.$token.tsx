import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getPanelScreen } from '../audience-questions/questions.server.ts'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { t } from '../i18n/index.ts'
import { orNotFound, publicLocale } from '../public/route.server.ts'
import type { BareHandle } from '../root.tsx'
import panelStyles from '../styles/panel.css'

/** Seconds between the screen's own reloads: no script, a meta refresh (works on any TV browser). */
const REFRESH_SECONDS = 15

/**
 * GET /panel/:key/:token (and /en/…): the selected audience questions of one session in large type,
 * for the screen on stage (ADR 0029). The token is derived from the session's id, so a panelist
 * without an account can open it; no names of anonymous askers, never hidden questions.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const screen = await orNotFound(locale, () => getPanelScreen({ key: params.key ?? '', token: params.token ?? '', locale }))
  return json({ locale, screen }, { headers: { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' } })
}

export const handle: BareHandle = { bare: { stylesheet: panelStyles } }

export default function PanelScreen() {
  const { locale, screen } = useLoaderData<typeof loader>()
  return (
    <main className="panel-screen" aria-labelledby="panel-heading">
      <p className="panel-screen__event">{screen.eventTitle}</p>
      <h1 id="panel-heading">{screen.sessionTitle}</h1>
      <p className="panel-screen__when">{screen.when}</p>
      <h2 className="visually-hidden">{t(locale, 'questions.panel.heading')}</h2>
      {screen.questions.length === 0 ? (
        <p className="panel-screen__none">{t(locale, 'questions.panel.none')}</p>
      ) : (
        <ol>
          {screen.questions.map((question) => (
            <li key={question.id}>
              <p className="panel-screen__question">{question.text}</p>
              <p className="panel-screen__asker">{question.asker ?? t(locale, 'questions.panel.anonymous')}</p>
            </li>
          ))}
        </ol>
      )}
      <p className="panel-screen__refresh">{t(locale, 'questions.panel.refresh')}</p>
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${t(data.locale, 'questions.panel.heading')}: ${data.screen.sessionTitle} – ${t(data.locale, 'app.name')}` },
    { name: 'robots', content: 'noindex' },
    { httpEquiv: 'refresh', content: String(REFRESH_SECONDS) },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
