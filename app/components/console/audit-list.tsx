import { isMessageKey, t, type Locale } from '../../i18n/index.ts'
import { formatDate, formatTime } from '../../time.ts'

export type AuditRow = { id: string; action: string; createdAt: Date | string; actor: string | null }

/** The latest changes to an event: when (Stockholm time), who, what. */
export function AuditList({ entries, locale }: { entries: AuditRow[]; locale: Locale }) {
  if (entries.length === 0) return <p>{t(locale, 'organizer.audit.none')}</p>
  return (
    <table className="console-table">
      <caption className="visually-hidden">{t(locale, 'organizer.audit.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t(locale, 'organizer.audit.when')}</th>
          <th scope="col">{t(locale, 'organizer.audit.who')}</th>
          <th scope="col">{t(locale, 'organizer.audit.what')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const at = new Date(entry.createdAt)
          const key = `organizer.audit.${entry.action}`
          return (
            <tr key={entry.id}>
              <td>
                {formatDate(at, locale)} {formatTime(at, locale)}
              </td>
              <td>{entry.actor ?? t(locale, 'organizer.audit.system')}</td>
              <td>{isMessageKey(key) ? t(locale, key) : entry.action}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
