import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { runLoader } from '~/actions.server.ts'
import { exportQuestions } from '~/audience-questions/questions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { DomainError } from '~/errors.server.ts'
import { CSV_DIALECTS } from '~/exports/csv.server.ts'
import { parseId } from '~/ids.server.ts'

const FormatSchema = z.enum(CSV_DIALECTS)

/**
 * GET /organizer/:org/events/:id/questions/export?format=excel-sv|rfc4180: every audience question
 * of the event as CSV (ADR 0029), anonymous ones without a name. Viewers may export; another
 * organization's event is a 404, another format a 400.
 */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const format = FormatSchema.safeParse(new URL(args.request.url).searchParams.get('format') ?? 'excel-sv')
    if (!format.success) throw new DomainError('questions.export.invalidFormat', 400)
    const download = await exportQuestions({ access, eventId, dialect: format.data, locale })
    return new Response(download.body, {
      headers: {
        'Content-Type': download.contentType,
        'Content-Disposition': download.disposition,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
}
