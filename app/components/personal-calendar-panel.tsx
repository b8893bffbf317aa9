import { t, type Locale } from '../i18n/index.ts'
import { AddToCalendar } from './add-to-calendar.tsx'
import { IntentForm } from './intent-form.tsx'

/**
 * "Kalenderprenumeration" on the manage page: the person's own feed of everything they are
 * registered for. Made and revoked by POST only (GET of the manage page changes nothing, and mail
 * scanners fetch links); revoking makes the old address a 404.
 */
export function PersonalCalendarPanel({ locale, feedUrl }: { locale: Locale; feedUrl: string | null }) {
  return (
    <section className="panel" aria-labelledby="manage-calendar-feed">
      <h2 id="manage-calendar-feed">{t(locale, 'manage.calendarFeed')}</h2>
      <p>{t(locale, 'manage.calendarFeedHelp')}</p>
      {feedUrl ? (
        <>
          <AddToCalendar
            locale={locale}
            feedUrl={feedUrl}
            name={t(locale, 'calendar.feed.named', { name: t(locale, 'calendar.personal.name') })}
            id="personal"
          />
          <p id="manage-calendar-off-help">{t(locale, 'manage.calendarFeedOffHelp')}</p>
          <IntentForm
            intent="calendar-off"
            submit={{ label: t(locale, 'manage.calendarFeedOff'), className: 'button button--secondary', describedBy: 'manage-calendar-off-help' }}
          />
        </>
      ) : (
        <IntentForm intent="calendar-on" submit={{ label: t(locale, 'manage.calendarFeedOn'), className: 'button' }} />
      )}
    </section>
  )
}
