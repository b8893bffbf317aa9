import { t, type Locale } from '../i18n/index.ts'

/**
 * "Lägg till i kalender": a <details> disclosure (works without JavaScript) with the ways into a
 * calendar program (lessons row 4): subscribe by webcal://, Google Calendar's "add by URL", Outlook
 * on the web's subscription, a one-time download for a single event, and the https address to copy,
 * with one line on why subscribing differs from downloading. Plain links: the calendar program or
 * the browser takes over, never a client-side navigation.
 */
export function AddToCalendar(props: {
  locale: Locale
  /** The feed's absolute http(s) URL. */
  feedUrl: string
  /** The subscribed calendar's name, as Outlook shows it. */
  name: string
  /** A single event: its .ics download (a path on this site) and file name. */
  download?: { href: string; filename: string }
  /** Distinguishes the copy field when a page has more than one control. */
  id?: string
}) {
  const { locale, feedUrl, name, download } = props
  const webcalUrl = feedUrl.replace(/^https?:/, 'webcal:')
  const fieldId = `calendar-url-${props.id ?? 'feed'}`
  return (
    <details className="add-to-calendar">
      <summary>{t(locale, 'calendar.add')}</summary>
      <ul className="plain-list">
        <li>
          <a href={webcalUrl}>{t(locale, 'calendar.subscribe')}</a>
        </li>
        <li>
          <a href={`https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl)}`}>{t(locale, 'calendar.google')}</a>
        </li>
        <li>
          <a href={`https://outlook.office.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}&name=${encodeURIComponent(name)}`}>
            {t(locale, 'calendar.outlook')}
          </a>
        </li>
        {download ? (
          <li>
            <a href={download.href} download={download.filename} type="text/calendar">
              {t(locale, 'calendar.download')}
            </a>
          </li>
        ) : null}
      </ul>
      <p>{t(locale, 'calendar.explain')}</p>
      <label htmlFor={fieldId}>{t(locale, 'calendar.feedUrl')}</label>
      <input id={fieldId} type="url" readOnly value={feedUrl} />
    </details>
  )
}
