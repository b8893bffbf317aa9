import type { ReactNode } from 'react'
// Not react-dom/server's Node build: in React 18.3 its renderToPipeableStream sends a whole 2 KiB
// buffer when a short string's next character does not fit, unfilled bytes included, so a page
// got a NUL byte at offset 2047 (mod 2048) wherever a multi-byte character (–, Ö) met the boundary
// (issue 7 §8). The web-streams build encodes whole strings and splits bytes, which is always exact.
import { renderToReadableStream } from 'react-dom/server.browser'

/** Stops a render that is still waiting after this long (it then ends with client rendering). */
const ABORT_DELAY_MS = 5_000

/**
 * Renders a document as a byte stream. `waitForAll` (crawlers) resolves only once everything is
 * rendered; otherwise as soon as the shell is ready. Rejects when the shell fails; `onError` hears
 * about errors after that (the stream then carries React's client-rendering fallback).
 */
export async function renderHtmlStream(
  element: ReactNode,
  { nonce, waitForAll = false, onError }: { nonce?: string; waitForAll?: boolean; onError?: (error: unknown) => void },
): Promise<ReadableStream<Uint8Array>> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), ABORT_DELAY_MS)
  try {
    const stream = await renderToReadableStream(element, { nonce, signal: controller.signal, onError })
    // Cleared once everything is rendered: a pending timer would keep each finished render alive for 5 s.
    stream.allReady.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    )
    if (waitForAll) await stream.allReady
    return stream
  } catch (error) {
    clearTimeout(timer)
    throw error
  }
}
