import { localePath, t, type Locale } from '../i18n/index.ts'

/**
 * "Lägg till i kalender (.ics)": a plain link (not a client-side navigation) to the event's .ics
 * download, which a browser saves or hands to the calendar program.
 */
export function CalendarDownloadLink({ slug, locale }: { slug: string; locale: Locale }) {
  return (
    <p className="calendar-download">
      <a href={localePath(locale, `/events/${slug}/calendar.ics`)} download={`${slug}.ics`} type="text/calendar">
        {t(locale, 'calendar.download')}
      </a>
    </p>
  )
}
