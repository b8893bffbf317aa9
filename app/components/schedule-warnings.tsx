import { t, type Locale } from '../i18n/index.ts'

export type ScheduleWarningsView = {
  when: string
  itemsOutside: { id: string; title: string; time: string }[]
  repeatedTimes: string[]
}

/** The "check the times" box for organizers: items outside the event, and repeated autumn hours. */
export function ScheduleWarnings({ warnings, locale, isPublicPage = false }: { warnings: ScheduleWarningsView; locale: Locale; isPublicPage?: boolean }) {
  return (
    <section className="notice schedule-warnings" aria-labelledby="schedule-warnings-heading">
      <h2 id="schedule-warnings-heading">{t(locale, 'organizer.schedule.title')}</h2>
      {warnings.itemsOutside.length ? (
        <>
          <p>{t(locale, 'organizer.schedule.itemsOutside', { when: warnings.when })}</p>
          <ul>
            {warnings.itemsOutside.map((item) => (
              <li key={item.id}>
                <strong>{item.title}</strong>, {item.time}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {warnings.repeatedTimes.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {isPublicPage ? <p className="field__hint">{t(locale, 'organizer.schedule.onlyOrganizers')}</p> : null}
    </section>
  )
}
