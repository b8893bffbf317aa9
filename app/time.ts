import { TZDate } from '@date-fns/tz'
import type { Locale } from './i18n/index.ts'

/**
 * The only module that knows about Europe/Stockholm. Instants are stored in UTC; every date a
 * person reads or types goes through here, whatever TZ the server process runs in.
 */
export const TIME_ZONE = 'Europe/Stockholm'

const WEEKDAYS_SHORT = {
  sv: ['sön', 'mån', 'tis', 'ons', 'tors', 'fre', 'lör'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
} as const
const WEEKDAYS_LONG = {
  sv: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const
const MONTHS_SHORT = {
  sv: ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
} as const
const MONTHS_LONG = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; weekday: number }

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  weekday: 'short',
  hourCycle: 'h23',
})
const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 }

/** The wall clock in Stockholm at an instant. */
export function stockholmClock(instant: Date): WallClock {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((part) => [part.type, part.value]))
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAY_INDEX[parts.weekday as string],
  }
}

const pad = (value: number) => String(value).padStart(2, '0')

/** "09.00" in Swedish, "09:00" in English. */
export function formatTime(instant: Date, locale: Locale): string {
  const c = stockholmClock(instant)
  return `${pad(c.hour)}${locale === 'sv' ? '.' : ':'}${pad(c.minute)}`
}

/** "tors 12 feb 2027" / "Thu 12 Feb 2027". */
export function formatDate(instant: Date, locale: Locale, opts: { withYear?: boolean } = {}): string {
  const c = stockholmClock(instant)
  const text = `${WEEKDAYS_SHORT[locale][c.weekday]} ${c.day} ${MONTHS_SHORT[locale][c.month - 1]}`
  return opts.withYear === false ? text : `${text} ${c.year}`
}

/** "torsdag 12 februari 2027" / "Thursday 12 February 2027": headings of programme days. */
export function formatLongDate(instant: Date, locale: Locale): string {
  const c = stockholmClock(instant)
  return `${WEEKDAYS_LONG[locale][c.weekday]} ${c.day} ${MONTHS_LONG[locale][c.month - 1]} ${c.year}`
}

/** "09.00–16.00" / "09:00–16:00". */
export function formatTimeRange(start: Date, end: Date, locale: Locale): string {
  return `${formatTime(start, locale)}–${formatTime(end, locale)}`
}

/** "tors 12 feb 2027, kl. 09.00" / "Thu 12 Feb 2027, 09:00": one moment, in the same style as the card line. */
export function formatDateTime(instant: Date, locale: Locale): string {
  return `${formatDate(instant, locale)}, ${locale === 'sv' ? 'kl. ' : ''}${formatTime(instant, locale)}`
}

/**
 * The line on event cards, one style for one day and for many (date, comma, time):
 * same day  → "tors 12 feb 2027, kl. 09.00–16.00" / "Thu 12 Feb 2027, 09:00–16:00"
 * many days → "tors 12 feb 2027, kl. 09.00 – lör 14 feb 2027, kl. 16.00" / "Thu 12 Feb 2027, 09:00 – Sat 14 Feb 2027, 16:00"
 */
export function formatEventWhen(start: Date, end: Date, locale: Locale): string {
  if (stockholmDay(start) === stockholmDay(end)) {
    return `${formatDate(start, locale)}, ${locale === 'sv' ? 'kl. ' : ''}${formatTimeRange(start, end, locale)}`
  }
  return `${formatDateTime(start, locale)} – ${formatDateTime(end, locale)}`
}

/** "2027-02-12": the Stockholm calendar day of an instant (for grouping a programme by day). */
export function stockholmDay(instant: Date): string {
  const c = stockholmClock(instant)
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`
}

/** "2027-02-12T09:00": the value of an <input type="datetime-local"> showing Stockholm time. */
export function toLocalInputValue(instant: Date): string {
  const c = stockholmClock(instant)
  return `${stockholmDay(instant)}T${pad(c.hour)}:${pad(c.minute)}`
}

/** "09:30": the value of an <input type="time"> showing Stockholm time. */
export function toLocalTimeValue(instant: Date): string {
  return toLocalInputValue(instant).slice(11)
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2})[:.](\d{2})$/
/** The first year a typed date may have (no Samling event is older; the database has no year 0). */
const EARLIEST_YEAR = 1900

/**
 * Turns "2027-02-12 09:00" typed by an organizer (Stockholm time) into an instant. Returns null for
 * text that is not a valid date-time. A time skipped by the spring DST switch moves forward an hour.
 */
export function parseStockholmLocal(value: string): Date | null {
  const match = LOCAL_PATTERN.exec(value.trim())
  if (!match) return null
  const [year, month, day, hour, minute] = match.slice(1).map(Number)
  // Date.UTC and TZDate read years 0–99 as 1900–1999, so "0001-01-01" would quietly become 1901.
  if (year < EARLIEST_YEAR) return null
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCMonth() !== month - 1) return null
  const instant = new TZDate(year, month - 1, day, hour, minute, TIME_ZONE)
  return new Date(instant.getTime())
}

/**
 * What a Stockholm wall time typed by an organizer means, around the clock switches:
 * - `exact`: one instant (almost always);
 * - `skipped`: it does not exist (02:00–02:59 on the last Sunday in March, clocks jump to 03:00);
 * - `ambiguous`: it happens twice (02:00–02:59 on the last Sunday in October); the first one, still
 *   summer time, is taken, and `offset` says so ("+02:00"), so the form can tell the organizer.
 */
export type StockholmLocalTime =
  | { kind: 'invalid' }
  | { kind: 'skipped'; day: string; time: string }
  | { kind: 'exact'; instant: Date }
  | { kind: 'ambiguous'; instant: Date; day: string; time: string; offset: string; laterOffset: string }

/** Minutes Stockholm is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutesAt(instant: Date): number {
  const c = stockholmClock(instant)
  const wall = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute)
  return Math.round((wall - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000)
}

/** "+02:00" for 120 minutes. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** Reads "2027-02-12 09:00" (or "…T09:00") as Stockholm wall time; see StockholmLocalTime. */
export function readStockholmLocal(value: string): StockholmLocalTime {
  const match = LOCAL_PATTERN.exec(value.trim())
  if (!match) return { kind: 'invalid' }
  const [year, month, day, hour, minute] = match.slice(1).map(Number)
  if (year < EARLIEST_YEAR) return { kind: 'invalid' }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return { kind: 'invalid' }
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCMonth() !== month - 1) return { kind: 'invalid' }
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  // The offsets in force half a day before and after cover any switch that night; each gives one
  // candidate instant, which counts only if Stockholm's clock really shows the typed time then.
  const offsets = [...new Set([offsetMinutesAt(new Date(wall - 12 * 3_600_000)), offsetMinutesAt(new Date(wall + 12 * 3_600_000))])]
  const matches = offsets
    .map((offset) => ({ offset, instant: new Date(wall - offset * 60_000) }))
    .filter(({ instant }) => {
      const c = stockholmClock(instant)
      return c.year === year && c.month === month && c.day === day && c.hour === hour && c.minute === minute
    })
    .sort((a, b) => a.instant.getTime() - b.instant.getTime())
  const dayText = `${year}-${pad(month)}-${pad(day)}`
  const timeText = `${pad(hour)}:${pad(minute)}`
  if (matches.length === 0) return { kind: 'skipped', day: dayText, time: timeText }
  if (matches.length === 1) return { kind: 'exact', instant: matches[0].instant }
  return {
    kind: 'ambiguous',
    instant: matches[0].instant,
    day: dayText,
    time: timeText,
    offset: offsetText(matches[0].offset),
    laterOffset: offsetText(matches[matches.length - 1].offset),
  }
}

/**
 * For an instant whose Stockholm wall time happens twice (the autumn switch): which of the two it
 * is and both offsets; null for every other instant.
 */
export function repeatedWallTime(instant: Date): { isFirst: boolean; offset: string; otherOffset: string } | null {
  const read = readStockholmLocal(toLocalInputValue(instant))
  if (read.kind !== 'ambiguous') return null
  const isFirst = Math.floor(instant.getTime() / 60_000) === Math.floor(read.instant.getTime() / 60_000)
  return { isFirst, offset: isFirst ? read.offset : read.laterOffset, otherOffset: isFirst ? read.laterOffset : read.offset }
}

/** An instant as a TZDate in Stockholm (what ical-generator needs to write correct TZID times). */
export function inStockholm(instant: Date): TZDate {
  return new TZDate(instant.getTime(), TIME_ZONE)
}

/** Midnight in Stockholm at the start of the day of `instant`, plus `days`. */
export function startOfStockholmDay(instant: Date, days = 0): Date {
  const c = stockholmClock(instant)
  return new Date(new TZDate(c.year, c.month - 1, c.day + days, 0, 0, TIME_ZONE).getTime())
}

/** "2027-02-12 09:00": an instant in Stockholm wall time the way Swedish Excel reads a date-time cell. */
export function formatSpreadsheetDateTime(instant: Date): string {
  return toLocalInputValue(instant).replace('T', ' ')
}

/** "2027-02-12T09:00:00+01:00": ISO 8601 with Stockholm's offset at that instant (unambiguous for programs). */
export function formatIsoStockholm(instant: Date): string {
  return inStockholm(instant)
    .toISOString()
    .replace(/\.\d{3}(?=[+-])/, '')
}

/**
 * The Stockholm wall time of an instant as a Date whose UTC fields carry it (minutes, no seconds).
 * Spreadsheet cells have no time zone: a library that writes a Date's UTC fields then shows the
 * time an organizer in Sweden expects.
 */
export function stockholmWallClockAsUtc(instant: Date): Date {
  const c = stockholmClock(instant)
  return new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute))
}
