import type { EventFormat } from '../generated/prisma/enums.ts'
import { t, type Locale } from '../i18n/index.ts'

/** "På plats" / "Digitalt" / "Hybrid" as a small badge. */
export function FormatBadge({ format, locale }: { format: EventFormat; locale: Locale }) {
  const modifier = format === 'online' ? ' badge--online' : format === 'hybrid' ? ' badge--hybrid' : ''
  return <span className={`badge${modifier}`}>{t(locale, `format.${format}`)}</span>
}

/** "Inställt" / "Uppskjutet"; nothing for a scheduled event. */
export function StatusBadge({ status, locale }: { status: string; locale: Locale }) {
  if (status === 'cancelled') return <span className="badge badge--cancelled">{t(locale, 'status.cancelled')}</span>
  if (status === 'postponed') return <span className="badge badge--postponed">{t(locale, 'status.postponed')}</span>
  return null
}
