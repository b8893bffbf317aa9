import type { LoaderFunctionArgs } from '@remix-run/node'
import { ticketImageByManageToken } from '../check-in/check-in.server.ts'
import { notFound } from '../errors.server.ts'
import { publicLocale } from '../public/route.server.ts'

/**
 * GET /registrations/<manage token>/check-in.png: the QR code of the attendee's ticket (ADR 0026),
 * shown on their manage page. 404 when the registration has no ticket. Private: whoever has the
 * image can be checked in once.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = publicLocale(request, params)
  const png = await ticketImageByManageToken(params.token ?? '')
  if (!png) throw notFound(locale, 'registration.error.notFound')
  return new Response(new Uint8Array(png), {
    headers: { 'Content-Type': 'image/png', 'Content-Length': String(png.length), 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' },
  })
}
