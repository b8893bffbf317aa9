import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { runLoader } from '~/actions.server.ts'
import { requireConsole } from '~/console/access.server.ts'
import { InvalidFormError } from '~/errors.server.ts'
import { attachmentDisposition, CSV_CONTENT_TYPE, CSV_DIALECTS } from '~/exports/csv.server.ts'
import { getOrganizationReport, organizationReportCsv, reportFilename, ReportPeriodSchema } from '~/reports/organization-report.server.ts'

const DialectSchema = z.enum(CSV_DIALECTS).default('excel-sv')

/**
 * GET /organizer/:org/report/csv?from&to&dialect=excel-sv|rfc4180: the organization report as a
 * download, small groups shown as "< 5" (ADR 0025). Any member may download it; another
 * organization is a 404; bad dates or dialect a 400 naming the field.
 */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async (locale) => {
    const { access } = await requireConsole(args.request, args.params, 'viewer')
    const search = new URL(args.request.url).searchParams
    const period = ReportPeriodSchema.safeParse({ from: search.get('from') ?? '', to: search.get('to') ?? '' })
    if (!period.success) throw new InvalidFormError(period.error.issues)
    const dialect = DialectSchema.safeParse(search.get('dialect') ?? undefined)
    if (!dialect.success) throw new InvalidFormError(dialect.error.issues.map((issue) => ({ ...issue, path: ['dialect'] })))
    const report = await getOrganizationReport({ access, period: period.data })
    const text = await organizationReportCsv({ report, dialect: dialect.data, locale })
    return new Response(text, {
      headers: {
        'Content-Type': CSV_CONTENT_TYPE,
        'Content-Disposition': attachmentDisposition(reportFilename(access.organization.slug, period.data)),
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
}
