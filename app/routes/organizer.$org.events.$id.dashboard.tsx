import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { runLoader } from '~/actions.server.ts'
import { BarChart, type ChartBar } from '~/components/charts/bar-chart.tsx'
import { ChartFigure, type ChartTable } from '~/components/charts/chart-figure.tsx'
import { LineChart } from '~/components/charts/line-chart.tsx'
import { requireConsole } from '~/console/access.server.ts'
import { consoleMeta, consolePath } from '~/console/paths.ts'
import { getEventDashboard } from '~/dashboard/event-dashboard.server.ts'
import { dashboardChart, overTimeChart } from '~/dashboard/presentation.server.ts'
import { pick, t, type Locale } from '~/i18n/index.ts'
import { parseId } from '~/ids.server.ts'
import { reportGroupLabel } from '~/reports/organization-report.server.ts'
import dashboardStyles from '~/styles/dashboard.css'
import type { ConsoleHandle } from './organizer.tsx'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: dashboardStyles }]

/** GET: one event's numbers and charts (ADR 0025). Members of any role may read; another organization's event is a 404. */
export async function loader(args: LoaderFunctionArgs) {
  return runLoader(args, async () => {
    const { access, locale } = await requireConsole(args.request, args.params, 'viewer')
    const eventId = parseId(args.params.id, 'error.eventNotFound')
    const dashboard = await getEventDashboard({ access, eventId })
    const { event, modes, totals } = dashboard
    const mode = (key: 'on_site' | 'online') => modes.find((row) => row.mode === key)
    return json({
      locale,
      orgSlug: access.organization.slug,
      event: { id: event.id, titleSv: event.titleSv, titleEn: event.titleEn, hasEnded: event.hasEnded },
      glance: {
        onSite: mode('on_site')?.confirmed ?? null,
        online: mode('online')?.confirmed ?? null,
        waitlisted: totals.waitlisted,
        cancelled: totals.cancelled,
        left: modes.map((row) => ({
          mode: t(locale, `attendanceMode.${row.mode}`),
          text:
            row.left === null || row.capacity === null
              ? t(locale, 'dashboard.glance.unlimited')
              : t(locale, 'dashboard.glance.leftValue', { left: row.left, capacity: row.capacity }),
        })),
        checkedIn: totals.checkedIn,
        noShows: totals.noShows,
        byMode:
          modes.length > 1
            ? {
                checkedIn: t(locale, 'dashboard.glance.byMode', { onSite: mode('on_site')!.checkedIn, online: mode('online')!.checkedIn }),
                noShows: null,
              }
            : null,
      },
      charts: {
        overTime: overTimeChart(dashboard.overTime, locale),
        sector: dashboardChart(
          dashboard.sectors.map((row) => ({ label: reportGroupLabel('sector', row.key, locale), count: row.count })),
          { locale, caption: 'dashboard.chart.sector.caption', column: 'dashboard.col.sector' },
        ),
        county: dashboardChart(
          dashboard.counties.map((row) => ({ label: reportGroupLabel('county', row.key, locale), count: row.count })),
          { locale, caption: 'dashboard.chart.county.caption', column: 'dashboard.col.county' },
        ),
        mode: dashboardChart(
          modes.map((row) => ({ label: t(locale, `attendanceMode.${row.mode}`), count: row.confirmed })),
          { locale, caption: 'dashboard.chart.mode.caption', column: 'dashboard.col.mode' },
        ),
      },
    })
  })
}

type Data = { event?: { id: string } }

export const handle: ConsoleHandle = {
  breadcrumb: (data, locale) => ((data as Data | undefined)?.event ? { label: t(locale, 'dashboard.link'), to: '' } : null),
}

type Chart = { caption: string; summary: string; bars: ChartBar[]; table: ChartTable }

function BarFigure({ id, chart, locale }: { id: string; chart: Chart; locale: Locale }) {
  return (
    <ChartFigure id={id} caption={chart.caption} summary={chart.summary} tableLabel={t(locale, 'dashboard.table.show')} table={chart.table}>
      {chart.bars.length ? <BarChart id={id} bars={chart.bars} /> : null}
    </ChartFigure>
  )
}

export default function EventDashboard() {
  const { locale, orgSlug, event, glance, charts } = useLoaderData<typeof loader>()
  const eventPath = `/organizer/${orgSlug}/events/${event.id}`
  const facts: [string, string | number, string?][] = [
    ...(glance.onSite !== null ? [[t(locale, 'dashboard.glance.onSite'), glance.onSite] as [string, number]] : []),
    ...(glance.online !== null ? [[t(locale, 'dashboard.glance.online'), glance.online] as [string, number]] : []),
    [t(locale, 'dashboard.glance.waitlisted'), glance.waitlisted],
    [t(locale, 'dashboard.glance.cancelled'), glance.cancelled],
    ...glance.left.map((row) => [t(locale, 'dashboard.glance.left', { mode: row.mode.toLowerCase() }), row.text] as [string, string]),
    [t(locale, 'dashboard.glance.checkedIn'), glance.checkedIn, glance.byMode?.checkedIn],
    [t(locale, 'dashboard.glance.noShows'), glance.noShows ?? t(locale, 'dashboard.glance.noShowsPending'), glance.byMode?.noShows ?? undefined],
  ]
  return (
    <>
      <h1>{t(locale, 'dashboard.title', { title: pick(event, 'title', locale) })}</h1>
      <p className="console-actions">
        <Link to={consolePath(locale, eventPath)}>{t(locale, 'organizer.registrations.backToEvent')}</Link>
        <Link to={consolePath(locale, `${eventPath}/registrations`)}>{t(locale, 'organizer.registrations.link')}</Link>
        <Link to={consolePath(locale, `/organizer/${orgSlug}/report`)}>{t(locale, 'report.link')}</Link>
      </p>
      <p>{t(locale, 'dashboard.intro')}</p>
      <section aria-labelledby="glance-heading">
        <h2 id="glance-heading">{t(locale, 'dashboard.glance.heading')}</h2>
        <dl className="glance">
          {facts.map(([label, value, detail]) => (
            <div className="glance__item" key={label}>
              <dt>{label}</dt>
              <dd>
                <span className="glance__value">{value}</span>
                {detail ? <span className="glance__detail">{detail}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
        <p className="console-muted">{t(locale, 'dashboard.exactNote')}</p>
      </section>
      <section aria-labelledby="charts-heading" className="charts">
        <h2 id="charts-heading">{t(locale, 'dashboard.charts.heading')}</h2>
        <ChartFigure
          id="chart-over-time"
          caption={charts.overTime.caption}
          summary={charts.overTime.summary}
          tableLabel={t(locale, 'dashboard.table.show')}
          table={charts.overTime.table}
        >
          {charts.overTime.points.length ? <LineChart id="chart-over-time" points={charts.overTime.points} /> : null}
        </ChartFigure>
        <BarFigure id="chart-sector" chart={charts.sector} locale={locale} />
        <BarFigure id="chart-county" chart={charts.county} locale={locale} />
        <BarFigure id="chart-mode" chart={charts.mode} locale={locale} />
      </section>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const locale = data?.locale ?? 'sv'
  return consoleMeta(data ? t(locale, 'dashboard.title', { title: pick(data.event, 'title', locale) }) : t(locale, 'organizer.console'))
}
