import { z } from 'zod'
import { db } from '../db/client.server.ts'
import { COUNTIES, SECTORS } from '../enums.ts'
import { csvText, type CsvDialect, type CsvRow } from '../exports/csv.server.ts'
import type { County, EventFormat, Sector } from '../generated/prisma/enums.ts'
import { pick, t, type Locale, type MessageKey } from '../i18n/index.ts'
import type { Access } from '../organizations/access.server.ts'
import { parseStockholmLocal, startOfStockholmDay, stockholmDay } from '../time.ts'
import { suppressCount, suppressGroups, type ShownCount } from './suppression.ts'

/**
 * The organization's report over a period (ADR 0025), for annual reports to funders: the events it
 * held (published, started within the period in Swedish time, ended by now), their participants
 * (confirmed registrations, of them checked in, and unique e-mail addresses), and the reach by
 * sector and län. Everything here may leave the console (printed, sent as CSV), so every count of
 * people goes through the "< 5" rule of ./suppression.ts before anyone sees it; the exact numbers
 * never leave this module.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/
const MAX_DAYS = 5 * 366

const DaySchema = z
  .string()
  .trim()
  .regex(DAY, 'report.invalidDate')
  .refine((value) => parseStockholmLocal(`${value} 00:00`) !== null && stockholmDay(parseStockholmLocal(`${value} 12:00`)!) === value, 'report.invalidDate')

/** ?from=2026-01-01&to=2026-12-31 (both days included, Stockholm time). */
export const ReportPeriodSchema = z
  .object({ from: DaySchema, to: DaySchema })
  .refine((period) => period.to >= period.from, { message: 'report.toBeforeFrom', path: ['to'] })
  .refine((period) => (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 <= MAX_DAYS, { message: 'report.tooLong', path: ['to'] })
export type ReportPeriod = z.output<typeof ReportPeriodSchema>

/** This year so far: 1 January to today, in Stockholm. */
export function defaultReportPeriod(now = new Date()): ReportPeriod {
  const today = stockholmDay(now)
  return { from: `${today.slice(0, 4)}-01-01`, to: today }
}

export type ReportGroup<K extends string> = { key: K; confirmed: ShownCount; checkedIn: ShownCount }

export type OrganizationReport = {
  period: ReportPeriod
  totals: { events: number; confirmed: ShownCount; checkedIn: ShownCount; people: ShownCount }
  events: { id: string; titleSv: string; titleEn: string; startsAt: Date; format: EventFormat; confirmed: ShownCount; checkedIn: ShownCount }[]
  sectors: ReportGroup<Sector | 'unknown'>[]
  /** Every län with someone, then abroad and unknown when present. */
  counties: ReportGroup<County | 'abroad' | 'unknown'>[]
}

/** The report of the access's organization (any member role may read it); small groups already hidden. */
export async function getOrganizationReport(input: { access: Access; period: ReportPeriod; now?: Date }): Promise<OrganizationReport> {
  const now = input.now ?? new Date()
  const start = parseStockholmLocal(`${input.period.from} 00:00`)!
  const end = startOfStockholmDay(parseStockholmLocal(`${input.period.to} 12:00`)!, 1)
  const events = await db.event.findMany({
    where: { organizationId: input.access.organization.id, status: 'published', startsAt: { gte: start, lt: end }, endsAt: { lt: now } },
    orderBy: [{ startsAt: 'asc' }, { titleSv: 'asc' }],
    select: { id: true, titleSv: true, titleEn: true, startsAt: true, format: true },
  })
  const confirmed = { eventId: { in: events.map((event) => event.id) }, status: 'confirmed' as const }
  const checkedIn = { ...confirmed, checkedInAt: { not: null } }
  const [perEvent, perEventIn, sectors, sectorsIn, counties, countiesIn, people] = await Promise.all([
    db.registration.groupBy({ by: ['eventId'], where: confirmed, _count: { _all: true } }),
    db.registration.groupBy({ by: ['eventId'], where: checkedIn, _count: { _all: true } }),
    db.registration.groupBy({ by: ['sector'], where: confirmed, _count: { _all: true } }),
    db.registration.groupBy({ by: ['sector'], where: checkedIn, _count: { _all: true } }),
    db.registration.groupBy({ by: ['county', 'abroad'], where: confirmed, _count: { _all: true } }),
    db.registration.groupBy({ by: ['county', 'abroad'], where: checkedIn, _count: { _all: true } }),
    db.registration.groupBy({ by: ['emailNormalized'], where: confirmed }),
  ])
  const eventCount = (rows: typeof perEvent, id: string) => rows.find((row) => row.eventId === id)?._count._all ?? 0
  const sectorKeys = [...SECTORS, 'unknown'] as const
  const sectorCount = (rows: typeof sectors, key: (typeof sectorKeys)[number]) =>
    rows.find((row) => row.sector === (key === 'unknown' ? null : key))?._count._all ?? 0
  type CountyKey = County | 'abroad' | 'unknown'
  const countyKeys: CountyKey[] = [...COUNTIES, 'abroad', 'unknown']
  const countyCount = (rows: typeof counties, key: CountyKey) =>
    rows
      .filter((row) => (key === 'abroad' ? row.county === null && row.abroad : key === 'unknown' ? row.county === null && !row.abroad : row.county === key))
      .reduce((total, row) => total + row._count._all, 0)

  const sectorConfirmed = sectorKeys.map((key) => sectorCount(sectors, key))
  const sectorIn = sectorKeys.map((key) => sectorCount(sectorsIn, key))
  const sectorShown = suppressGroups(sectorConfirmed)
  const sectorInShown = suppressGroups(sectorIn)
  const present = countyKeys.filter((key) => countyCount(counties, key) > 0)
  const countyShown = suppressGroups(present.map((key) => countyCount(counties, key)))
  const countyInShown = suppressGroups(present.map((key) => countyCount(countiesIn, key)))
  const sum = (rows: typeof perEvent) => rows.reduce((total, row) => total + row._count._all, 0)
  return {
    period: input.period,
    totals: { events: events.length, confirmed: suppressCount(sum(perEvent)), checkedIn: suppressCount(sum(perEventIn)), people: suppressCount(people.length) },
    events: events.map((event) => ({
      ...event,
      confirmed: suppressCount(eventCount(perEvent, event.id)),
      checkedIn: suppressCount(eventCount(perEventIn, event.id)),
    })),
    sectors: sectorKeys
      .map((key, index) => ({ key, confirmed: sectorShown[index], checkedIn: sectorInShown[index] }))
      .filter((row) => row.key !== 'unknown' || row.confirmed !== 0),
    counties: present.map((key, index) => ({ key, confirmed: countyShown[index], checkedIn: countyInShown[index] })),
  }
}

/** A sector or county key as people read it. */
export function reportGroupLabel(kind: 'sector' | 'county', key: string, locale: Locale): string {
  if (key === 'unknown') return t(locale, 'dashboard.unknown')
  if (key === 'abroad') return t(locale, 'county.abroad')
  return t(locale, `${kind}.${key}` as MessageKey)
}

/** The report's file name: "rapport-<org>-2026-01-01-2026-12-31.csv". */
export function reportFilename(organizationSlug: string, period: ReportPeriod): string {
  return `rapport-${organizationSlug}-${period.from}-${period.to}.csv`
}

/**
 * The report as CSV through the shared writer (app/exports/csv.server.ts), in its two dialects:
 * one row per total, event, sector and län, columns part; group; date; count (events, or confirmed
 * participants); checked in.
 * Hidden counts are the text "< 5".
 */
export async function organizationReportCsv(input: { report: OrganizationReport; dialect: CsvDialect; locale: Locale }): Promise<string> {
  const { report, locale } = input
  const w = (key: MessageKey) => t(locale, key)
  const rows: CsvRow[] = [
    [w('report.csv.period'), `${report.period.from} – ${report.period.to}`, null, null, null],
    [w('report.csv.total'), w('report.total.events'), null, report.totals.events, null],
    [w('report.csv.total'), w('report.total.confirmed'), null, report.totals.confirmed, report.totals.checkedIn],
    [w('report.csv.people'), w('report.total.people'), null, report.totals.people, null],
    ...report.events.map((event): CsvRow => [w('report.csv.event'), pick(event, 'title', locale), event.startsAt, event.confirmed, event.checkedIn]),
    ...report.sectors.map((row): CsvRow => [w('report.csv.sector'), reportGroupLabel('sector', row.key, locale), null, row.confirmed, row.checkedIn]),
    ...report.counties.map((row): CsvRow => [w('report.csv.county'), reportGroupLabel('county', row.key, locale), null, row.confirmed, row.checkedIn]),
  ]
  return csvText({
    dialect: input.dialect,
    header: [w('report.csv.section'), w('report.csv.group'), w('report.col.date'), w('report.csv.count'), w('report.col.checkedIn')],
    rows: [rows],
  })
}
