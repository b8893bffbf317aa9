import { parseStockholmLocal, stockholmClock } from '../time.ts'

/**
 * Calendar arithmetic for the demo content. The demo is placed relative to "now" so that a fresh
 * installation always shows both upcoming and past events. Days are Stockholm calendar days; wall
 * times become instants only through `parseStockholmLocal`, so 09:00 stays 09:00 in winter and summer.
 */
export type CalendarDay = { year: number; month: number; day: number }

const DAY_MS = 24 * 60 * 60 * 1000
const pad = (value: number) => String(value).padStart(2, '0')

/** "2027-02-10" */
export function dayKey(day: CalendarDay): string {
  return `${day.year}-${pad(day.month)}-${pad(day.day)}`
}

/** The Stockholm calendar day of an instant. */
export function stockholmToday(now: Date): CalendarDay {
  const clock = stockholmClock(now)
  return { year: clock.year, month: clock.month, day: clock.day }
}

/** `day` moved by `days` calendar days (no time zone involved: pure date arithmetic). */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  const moved = new Date(Date.UTC(day.year, day.month - 1, day.day + days))
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() }
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: CalendarDay): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()
}

/** The instant of a Stockholm wall time ("09:00") on `day`. */
export function at(day: CalendarDay, time: string): Date {
  const instant = parseStockholmLocal(`${dayKey(day)} ${time}`)
  if (!instant) throw new Error(`Not a wall time: ${dayKey(day)} ${time}`)
  return instant
}

/**
 * The latest start on or before `day` such that all `spanDays` days fall on Monday–Friday
 * (a conference on 12–14 February that would run into a weekend starts a little earlier).
 */
export function onWeekdays(day: CalendarDay, spanDays = 1): CalendarDay {
  if (spanDays < 1 || spanDays > 5) throw new Error('spanDays must be 1–5')
  for (let back = 0; back < 7; back++) {
    const start = addDays(day, -back)
    const weekday = weekdayOf(start)
    if (weekday >= 1 && weekday + spanDays - 1 <= 5) return start
  }
  throw new Error('unreachable')
}

/**
 * The `weekday` (0 = Sunday) nearest to `day`, at most three days before or after it: an event the
 * seed dates "Wednesday 3 May" stays on a Wednesday in every year.
 */
export function nearestWeekday(day: CalendarDay, weekday: number): CalendarDay {
  const ahead = (weekday - weekdayOf(day) + 7) % 7
  return addDays(day, ahead <= 3 ? ahead : ahead - 7)
}

/**
 * The next occurrence of month/day that starts at least `minDaysAhead` days after `now`: this
 * year's if it is far enough away, otherwise next year's. It is moved onto Monday–Friday, or, with
 * `weekday`, onto that weekday nearest the date (the weekday the seed gives).
 */
export function nextOccurrence(now: Date, month: number, day: number, opts: { spanDays?: number; minDaysAhead?: number; weekday?: number } = {}): CalendarDay {
  const { spanDays = 1, minDaysAhead = 14 } = opts
  const earliest = now.getTime() + minDaysAhead * DAY_MS
  const thisYear = stockholmToday(now).year
  for (let year = thisYear; year <= thisYear + 2; year++) {
    const start = opts.weekday === undefined ? onWeekdays({ year, month, day }, spanDays) : nearestWeekday({ year, month, day }, opts.weekday)
    if (at(start, '00:00').getTime() >= earliest) return start
  }
  throw new Error('unreachable')
}

/**
 * The previous occurrence of month/day (moved onto weekdays) that ended at least `minDaysAgo`
 * days before `now`.
 */
export function previousOccurrence(now: Date, month: number, day: number, opts: { spanDays?: number; minDaysAgo?: number } = {}): CalendarDay {
  const { spanDays = 1, minDaysAgo = 7 } = opts
  const latest = now.getTime() - minDaysAgo * DAY_MS
  const thisYear = stockholmToday(now).year
  for (let year = thisYear; year >= thisYear - 2; year--) {
    const start = onWeekdays({ year, month, day }, spanDays)
    if (at(addDays(start, spanDays), '00:00').getTime() <= latest) return start
  }
  throw new Error('unreachable')
}

/** The first `weekday` (0 = Sunday) on or after `now` + `minDaysAhead` days. */
export function nextWeekday(now: Date, weekday: number, minDaysAhead: number): CalendarDay {
  let day = addDays(stockholmToday(now), minDaysAhead)
  while (weekdayOf(day) !== weekday) day = addDays(day, 1)
  return day
}
