import type { LoaderFunctionArgs } from '@remix-run/node'
import { runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { attachmentDisposition } from '~/exports/csv.server.ts'
import { exportRegistrations, parseExportQuery } from '~/exports/registrations.server.ts'
import { parseId } from '~/ids.server.ts'

/**
 * GET /organizer/:org/events/:id/registrations/export?format=xlsx|excel-sv|rfc4180&col=…&<filters>:
 * the event's registrations as the list's filters show them, as a download. Viewers may export
 * (they may read the list); strangers go to /login, another organization's event is a 404, a bad
 * format, column or filter a 400 saying which.
 */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const query = parseExportQuery(new URL(args.request.url).searchParams)
    const download = await exportRegistrations({ access, eventId, query, locale })
    return new Response(download.body, {
      headers: {
        'Content-Type': download.contentType,
        'Content-Disposition': attachmentDisposition(download.filename),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
}
