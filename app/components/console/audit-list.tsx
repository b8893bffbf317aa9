import { isMessageKey, t, type Locale } from '../../i18n/index.ts'
import { formatDate, formatTime } from '../../time.ts'

export type AuditRow = { id: string; action: string; createdAt: Date | string; actor: string | null }

/**
 * The label of an action. Every action written today has one (AuditAction in audit.server.ts is
 * read off these labels); only a row written under a name since retired shows its raw code.
 */
function actionLabel(action: string, locale: Locale): string {
  const key = `organizer.audit.${action}`
  return isMessageKey(key) ? t(locale, key) : action
}

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
          return (
            <tr key={entry.id}>
              <td>
                {formatDate(at, locale)} {formatTime(at, locale)}
              </td>
              <td>{entry.actor ?? t(locale, 'organizer.audit.system')}</td>
              <td>{actionLabel(entry.action, locale)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
