import { t, type Locale, type MessageKey } from '../i18n/index.ts'
import { formatDate, parseStockholmLocal } from '../time.ts'
import type { ShownCount } from '../reports/suppression.ts'

/**
 * Numbers into what a chart and its table show, in the reader's language: labels, a one-line
 * summary (the chart's text alternative together with its caption), bars and table rows. Made in
 * the loader, so the server and the browser render the same strings and the SVG hydrates as is.
 */

export type Group = { label: string; count: number; /** What to print; default the count. */ shown?: ShownCount }

function percent(count: number, total: number, locale: Locale): string {
  if (!total) return '–'
  return `${new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 0 }).format((count / total) * 100)} %`
}

/** A bar chart's caption, summary, bars and table (label, count, share). Shares are left out when counts are suppressed. */
export function dashboardChart(
  groups: Group[],
  options: { locale: Locale; caption: MessageKey; column: MessageKey; /** The total to print, when small groups are hidden. */ total?: ShownCount },
) {
  const { locale } = options
  const total = groups.reduce((sum, group) => sum + group.count, 0)
  const isSuppressed = groups.some((group) => group.shown !== undefined && group.shown !== group.count)
  const largest = [...groups].sort((a, b) => b.count - a.count)[0]
  const shown = (group: Group) => String(group.shown ?? group.count)
  return {
    caption: t(locale, options.caption),
    summary:
      total && largest
        ? t(locale, 'dashboard.chart.summary', { total: String(options.total ?? total), label: largest.label, count: shown(largest) })
        : t(locale, 'dashboard.chart.empty'),
    bars: total ? groups.map((group) => ({ label: group.label, value: group.count, display: shown(group) })) : [],
    table: {
      caption: t(locale, options.caption),
      headers: [t(locale, options.column), t(locale, 'dashboard.col.count'), ...(isSuppressed ? [] : [t(locale, 'dashboard.col.share')])],
      rows: groups.map((group) => [group.label, shown(group), ...(isSuppressed ? [] : [percent(group.count, total, locale)])]),
    },
  }
}

/** The running total per Stockholm day: points for the line, rows for the table. */
export function overTimeChart(days: { day: string; count: number; cumulative: number }[], locale: Locale) {
  const label = (day: string) => formatDate(parseStockholmLocal(`${day} 12:00`)!, locale)
  const caption = t(locale, 'dashboard.chart.overTime.caption')
  const first = days[0]
  const last = days.at(-1)
  return {
    caption,
    summary:
      first && last
        ? t(locale, 'dashboard.chart.overTime.summary', { total: last.cumulative, first: label(first.day), last: label(last.day) })
        : t(locale, 'dashboard.chart.overTime.empty'),
    points: days.map((day) => ({ label: label(day.day), value: day.cumulative })),
    table: {
      caption,
      headers: [t(locale, 'dashboard.col.day'), t(locale, 'dashboard.col.new'), t(locale, 'dashboard.col.total')],
      rows: days.map((day) => [label(day.day), day.count, day.cumulative]),
    },
  }
}
