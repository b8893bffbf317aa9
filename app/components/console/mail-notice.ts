import { t, type Locale } from '../../i18n/index.ts'

/**
 * "12 personer får ett mejl om ändringen": what an organizer reads next to a button BEFORE the
 * change goes out (the count is countAffectedRegistrants, app/events/changes.server.ts).
 */
export function affectedNotice(locale: Locale, count: number, on: 'save' | 'status'): string {
  if (count === 0) return t(locale, 'organizer.notify.nobody')
  const key = on === 'save' ? 'organizer.notify.onSave' : 'organizer.notify.onStatus'
  return t(locale, count === 1 ? `${key}.one` : `${key}.other`, { count })
}
