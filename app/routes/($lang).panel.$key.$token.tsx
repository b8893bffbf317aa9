import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { getPanelScreen } from '../audience-questions/questions.server.ts'
import { errorTitle, PublicErrorBoundary } from '../components/error-page.tsx'
import { useNonce } from '../components/nonce.tsx'
import { t } from '../i18n/index.ts'
import { orNotFound, publicLocale } from '../public/route.server.ts'
import type { BareHandle } from '../root.tsx'
import panelStyles from '../styles/panel.css'

/** Seconds between the screen's own updates. */
const REFRESH_SECONDS = 15

/**
 * The screen updates itself without reloading: every REFRESH_SECONDS it fetches its own page and
 * swaps in the new list (our own server's rendered, escaped HTML), so nothing flashes and focus
 * stays. A browser without JavaScript gets a meta refresh inside <noscript> instead (axe's
 * meta-refresh rule, WCAG 2.2.1, is about pages that reload under a script-capable reader).
 */
const REFRESH_SCRIPT = `setInterval(function () {
  fetch(location.href, { cache: 'no-store', credentials: 'same-origin' }).then(function (response) {
    return response.ok ? response.text() : null
  }).then(function (html) {
    if (!html) return
    var next = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-panel-questions]')
    var here = document.querySelector('[data-panel-questions]')
    if (next && here && next.innerHTML !== here.innerHTML) here.innerHTML = next.innerHTML
  }).catch(function () {})
}, ${REFRESH_SECONDS * 1000})`

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
  const nonce = useNonce()
  return (
    <main className="panel-screen" aria-labelledby="panel-heading">
      <p className="panel-screen__event">{screen.eventTitle}</p>
      <h1 id="panel-heading">{screen.sessionTitle}</h1>
      <p className="panel-screen__when">{screen.when}</p>
      <h2 className="visually-hidden">{t(locale, 'questions.panel.heading')}</h2>
      <div data-panel-questions="">
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
      </div>
      <p className="panel-screen__refresh">{t(locale, 'questions.panel.refresh', { seconds: REFRESH_SECONDS })}</p>
      <noscript>
        <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
      </noscript>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: REFRESH_SCRIPT }} />
    </main>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, location }) => {
  if (!data) return [{ title: errorTitle(location.pathname, error) }]
  return [
    { title: `${t(data.locale, 'questions.panel.heading')}: ${data.screen.sessionTitle} – ${t(data.locale, 'app.name')}` },
    { name: 'robots', content: 'noindex' },
  ]
}

export const ErrorBoundary = PublicErrorBoundary
