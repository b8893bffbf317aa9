import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { runLoader } from '~/actions.server.ts'
import { BarChart } from '~/components/charts/bar-chart.tsx'
import { ChartFigure } from '~/components/charts/chart-figure.tsx'
import { TextField } from '~/components/console/fields.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { dashboardChart } from '~/dashboard/presentation.server.ts'
import { isMessageKey, pick, t } from '~/i18n/index.ts'
import type { ShownCount } from '~/reports/suppression.ts'
import { defaultReportPeriod, getOrganizationReport, reportGroupLabel, ReportPeriodSchema } from '~/reports/organization-report.server.ts'
import { formatDate } from '~/time.ts'
import dashboardStyles from '~/styles/dashboard.css'
import type { ConsoleHandle } from './organizer.tsx'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

/**
 * GET /organizer/:org/report?from=YYYY-MM-DD&to=YYYY-MM-DD: the organization's report for funders
 * (ADR 0025), printable on A4, with CSV downloads. Any member may read it; another organization is
 * a 404. Without dates it shows this year so far; bad dates are a 400 that shows the form again
 * with the message at the field.
 */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const search = new URL(args.request.url).searchParams
    const asked = { from: search.get('from') ?? '', to: search.get('to') ?? '' }
    const parsed = search.has('from') || search.has('to') ? ReportPeriodSchema.safeParse(asked) : { success: true as const, data: defaultReportPeriod() }
    const base = { locale, orgSlug: access.organization.slug, orgName: access.organization.name }
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {}
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'from')
        fieldErrors[field] ??= isMessageKey(issue.message) ? t(locale, issue.message) : t(locale, 'report.invalidDate')
      }
      return json({ ...base, values: asked, fieldErrors, report: null }, { status: 400 })
    }
    const report = await getOrganizationReport({ access, period: parsed.data })
    const group = (kind: 'sector' | 'county') => (row: { key: string; confirmed: ShownCount }) => ({
      label: reportGroupLabel(kind, row.key, locale),
      // A hidden group draws no bar: its length would give the number away.
      count: typeof row.confirmed === 'number' ? row.confirmed : 0,
      shown: row.confirmed,
    })
    const query = `from=${parsed.data.from}&to=${parsed.data.to}`
    return json({
      ...base,
      values: parsed.data,
      fieldErrors: {} as Record<string, string>,
      report: {
        heading: t(locale, 'report.heading', {
          org: access.organization.name,
          from: formatDate(new Date(`${parsed.data.from}T12:00:00Z`), locale, { withYear: true }),
          to: formatDate(new Date(`${parsed.data.to}T12:00:00Z`), locale, { withYear: true }),
        }),
        totals: report.totals,
        events: report.events.map((event) => ({
          id: event.id,
          date: formatDate(event.startsAt, locale, { withYear: true }),
          title: pick(event, 'title', locale),
          format: t(locale, `format.${event.format}`),
          confirmed: String(event.confirmed),
          checkedIn: String(event.checkedIn),
        })),
        sectors: report.sectors.map((row) => ({
          label: reportGroupLabel('sector', row.key, locale),
          confirmed: String(row.confirmed),
          checkedIn: String(row.checkedIn),
        })),
        counties: report.counties.map((row) => ({
          label: reportGroupLabel('county', row.key, locale),
          confirmed: String(row.confirmed),
          checkedIn: String(row.checkedIn),
        })),
        sectorChart: dashboardChart(report.sectors.map(group('sector')), {
          locale,
          caption: 'report.sector.heading',
          column: 'dashboard.col.sector',
          total: report.totals.confirmed,
        }),
        countyChart: dashboardChart(report.counties.map(group('county')), {
          locale,
          caption: 'report.county.heading',
          column: 'dashboard.col.county',
          total: report.totals.confirmed,
        }),
        csv: {
          excel: consolePath(locale, `/organizer/${access.organization.slug}/report/csv?${query}&dialect=excel-sv`),
          rfc: consolePath(locale, `/organizer/${access.organization.slug}/report/csv?${query}&dialect=rfc4180`),
        },
      },
    })
  })
}

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as { orgSlug?: string } | undefined)?.orgSlug ? { label: t(locale, 'report.link'), to: '' } : null),
}

type Row = { label: string; confirmed: string; checkedIn: string }

function GroupTable({ id, caption, column, rows, locale }: { id: string; caption: string; column: string; rows: Row[]; locale: 'sv' | 'en' }) {
  return (
    <table className="console-table" id={id}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{column}</th>
          <th scope="col">{t(locale, 'report.col.confirmed')}</th>
          <th scope="col">{t(locale, 'report.col.checkedIn')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.confirmed}</td>
            <td>{row.checkedIn}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export default function OrganizationReport() {
  const { locale, values, fieldErrors, report } = useLoaderData<typeof loader>()
  return (
    <div className="report">
      <h1>{t(locale, 'report.title')}</h1>
      <p>{t(locale, 'report.intro')}</p>
      <Form method="get" className="report-form" noValidate>
        {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <TextField
          name="from"
          type="date"
          label={t(locale, 'report.field.from')}
          hint={t(locale, 'report.field.hint')}
          value={values.from}
          error={fieldErrors.from}
          required
        />
        <TextField name="to" type="date" label={t(locale, 'report.field.to')} value={values.to} error={fieldErrors.to} required />
        <button type="submit">{t(locale, 'report.show')}</button>
      </Form>
      {report ? (
        <>
          <h2 id="report-heading">{report.heading}</h2>
          <div className="report-downloads">
            <span>{t(locale, 'report.download')}:</span>
            <a href={report.csv.excel} download>
              {t(locale, 'report.downloadExcel')}
            </a>
            <a href={report.csv.rfc} download>
              {t(locale, 'report.downloadRfc')}
            </a>
            <button type="button" className="button--secondary" onClick={() => window.print()}>
              {t(locale, 'report.print')}
            </button>
          </div>
          <dl className="glance">
            {(
              [
                ['report.total.events', report.totals.events],
                ['report.total.confirmed', report.totals.confirmed],
                ['report.total.checkedIn', report.totals.checkedIn],
                ['report.total.people', report.totals.people],
              ] as const
            ).map(([key, value]) => (
              <div className="glance__item" key={key}>
                <dt>{t(locale, key)}</dt>
                <dd>
                  <span className="glance__value">{value}</span>
                </dd>
              </div>
            ))}
          </dl>
          <p className="console-muted">{t(locale, 'report.suppressed')}</p>
          <section aria-labelledby="report-events">
            <h3 id="report-events">{t(locale, 'report.events.heading')}</h3>
            {report.events.length === 0 ? (
              <p className="console-empty">{t(locale, 'report.events.none')}</p>
            ) : (
              <table className="console-table">
                <caption>{t(locale, 'report.events.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(locale, 'report.col.date')}</th>
                    <th scope="col">{t(locale, 'report.col.event')}</th>
                    <th scope="col">{t(locale, 'report.col.format')}</th>
                    <th scope="col">{t(locale, 'report.col.confirmed')}</th>
                    <th scope="col">{t(locale, 'report.col.checkedIn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.events.map((event) => (
                    <tr key={event.id}>
                      <td>{event.date}</td>
                      <th scope="row">{event.title}</th>
                      <td>{event.format}</td>
                      <td>{event.confirmed}</td>
                      <td>{event.checkedIn}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="report-sectors">
            <h3 id="report-sectors">{t(locale, 'report.sector.heading')}</h3>
            <GroupTable
              id="sector-table"
              caption={t(locale, 'report.sector.heading')}
              column={t(locale, 'dashboard.col.sector')}
              rows={report.sectors}
              locale={locale}
            />
            <ChartFigure
              id="report-sector-chart"
              caption={report.sectorChart.caption}
              summary={report.sectorChart.summary}
              tableLabel={t(locale, 'dashboard.table.show')}
              table={report.sectorChart.table}
            >
              {report.sectorChart.bars.length ? <BarChart id="report-sector-chart" bars={report.sectorChart.bars} /> : null}
            </ChartFigure>
          </section>
          <section aria-labelledby="report-counties">
            <h3 id="report-counties">{t(locale, 'report.county.heading')}</h3>
            <GroupTable
              id="county-table"
              caption={t(locale, 'report.county.heading')}
              column={t(locale, 'dashboard.col.county')}
              rows={report.counties}
              locale={locale}
            />
            <ChartFigure
              id="report-county-chart"
              caption={report.countyChart.caption}
              summary={report.countyChart.summary}
              tableLabel={t(locale, 'dashboard.table.show')}
              table={report.countyChart.table}
            >
              {report.countyChart.bars.length ? <BarChart id="report-county-chart" bars={report.countyChart.bars} /> : null}
            </ChartFigure>
          </section>
        </>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(`${t(locale, 'report.title')}${data ? ` – ${data.orgName}` : ''}`)
}
