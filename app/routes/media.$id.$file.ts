import fs from 'node:fs'
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { notFound } from '~/errors.server.ts'
import { getLocale } from '~/i18n/index.ts'
import { findStoredFile } from '~/uploads/store.server.ts'

/**
 * An uploaded file (ADR 0021). A file never changes under its id, so it is cached for a year. Images
 * are shown inline, slides are downloads; neither may run anything on our origin (nosniff, a CSP
 * that allows nothing and sandboxes a document opened directly). Unknown ids and file names (also
 * `..` and encoded slashes, which never name a stored file) are 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const stored = await findStoredFile(params.id ?? '', params.file ?? '')
  const size = stored
    ? await fs.promises.stat(stored.path).then(
        (s) => s.size,
        () => null,
      )
    : null
  if (!stored || size === null) throw notFound(getLocale(request))
  const headers = new Headers({
    'Content-Type': stored.contentType,
    'Content-Length': String(size),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': stored.download ? `attachment; filename*=UTF-8''${encodeURIComponent(stored.download)}` : 'inline',
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: stored.etag,
  })
  const condition = request.headers.get('if-none-match')
  if (condition && condition.split(',').some((tag) => tag.trim().replace(/^W\//, '') === stored.etag)) {
    headers.delete('Content-Length')
    return new Response(null, { status: 304, headers })
  }
  if (request.method === 'HEAD') return new Response(null, { headers })
  return new Response(createReadableStreamFromReadable(fs.createReadStream(stored.path)), { headers })
}
