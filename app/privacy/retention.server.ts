import { TZDate } from '@date-fns/tz'
import { TIME_ZONE, stockholmClock } from '../time.ts'

/** How long an organization keeps attendees' personal data after an event ends, unless it says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 12
/** The longest retention an organization may choose (the CHECK in the migration says the same). */
export const MAX_RETENTION_MONTHS = 120

export type RetentionEvent = { endsAt: Date; retentionMonths: number | null }
export type RetentionOrganization = { retentionMonths: number }

/** The months that apply to an event: its own (only ever shorter) or the organization's default. */
export function effectiveRetentionMonths(event: RetentionEvent, organization: RetentionOrganization): number {
  const own = event.retentionMonths
  return own !== null && own < organization.retentionMonths ? own : organization.retentionMonths
}

/**
 * When the personal data of this event's attendees is anonymized: the event's end plus its retention
 * months, counted on Stockholm's calendar (an event ending 31 March with 1 month is anonymized on
 * 30 April at the same wall time). The one place that date is computed (ADR 0031).
 */
export function anonymizationDate(event: RetentionEvent, organization: RetentionOrganization): Date {
  return addStockholmMonths(event.endsAt, effectiveRetentionMonths(event, organization))
}

function addStockholmMonths(instant: Date, months: number): Date {
  const c = stockholmClock(instant)
  const monthIndex = c.month - 1 + months
  const lastDay = new Date(Date.UTC(c.year, monthIndex + 1, 0)).getUTCDate()
  const seconds = instant.getUTCSeconds()
  return new Date(new TZDate(c.year, monthIndex, Math.min(c.day, lastDay), c.hour, c.minute, seconds, TIME_ZONE).getTime())
}
