import { type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { NonceProvider } from './components/nonce.tsx'
import { renderHtmlStream } from './html-stream.server.ts'

// The custom server (server.ts) reaches the app's single database and worker through these.
export { boot, shutdown } from './boot.server.ts'
// …and server.ts's cache of rendered public pages watches writes through this.
export { dataGeneration } from './db/generation.server.ts'

const ABORT_DELAY = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce
  let shellRendered = false
  const body = await renderHtmlStream(
    <NonceProvider value={nonce ?? ''}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      waitForAll: isbot(request.headers.get('user-agent') ?? ''),
      onError(error) {
        responseStatusCode = 500
        if (shellRendered) console.error(error)
      },
    },
  )
  shellRendered = true
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
  return new Response(body, { headers: responseHeaders, status: responseStatusCode })
}
