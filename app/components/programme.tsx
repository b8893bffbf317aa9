import { Link } from '@remix-run/react'
import type { ProgrammeDay } from '../events/event-page-view.server.ts'
import { localePath, t, type Locale } from '../i18n/index.ts'

/** The programme grouped by Stockholm day: a heading per day, then each item with time, place and people. */
export function Programme({ days, locale }: { days: ProgrammeDay[]; locale: Locale }) {
  return (
    <>
      {days.map((day) => (
        <section key={day.day} className="programme-day" aria-labelledby={`day-${day.day}`}>
          <h3 id={`day-${day.day}`}>{day.heading}</h3>
          <ol className="programme">
            {day.items.map((item) => {
              const isPause = item.type === 'break' || item.type === 'lunch'
              return (
                <li key={item.id} className={`programme-item${isPause ? ' programme-item--break' : ''}`}>
                  <p className="programme-item__time">
                    <time dateTime={item.startsAt}>{item.time}</time>
                  </p>
                  <div>
                    <h4 className="programme-item__title" lang={item.titleLang}>
                      {item.title}
                    </h4>
                    <p className="programme-item__meta">
                      <span className="badge">{item.typeLabel}</span>
                      {item.room ? <span>{t(locale, 'public.event.room', { room: item.room })}</span> : null}
                      {item.track ? <span>{t(locale, 'public.event.track', { track: item.track })}</span> : null}
                      {item.capacity !== null ? <span>{t(locale, 'public.event.itemCapacity', { count: item.capacity })}</span> : null}
                    </p>
                    {item.speakerGroups.length ? (
                      <dl className="programme-item__speakers">
                        {item.speakerGroups.map((group) => (
                          <div key={group.role} className="programme-item__role">
                            <dt>{group.label}:</dt>
                            {group.people.map((person) => (
                              <dd key={person.slug}>
                                <Link to={localePath(locale, `/speakers/${person.slug}`)}>{person.name}</Link>
                                {person.detail ? `, ${person.detail}` : null}
                              </dd>
                            ))}
                          </div>
                        ))}
                      </dl>
                    ) : null}
                    {item.descriptionHtml ? (
                      <div className="prose programme-item__description" dangerouslySetInnerHTML={{ __html: item.descriptionHtml }} />
                    ) : null}
                    {item.recordingUrl || item.slidesUrl || item.materials.length || item.eventMaterials.length ? (
                      <ul className="programme-item__links">
                        {item.recordingUrl ? (
                          <li>
                            <a href={item.recordingUrl} rel="noopener">
                              {t(locale, 'public.event.recording', { title: item.title })}
                            </a>
                          </li>
                        ) : null}
                        {item.slidesUrl ? (
                          <li>
                            <a href={item.slidesUrl} rel="noopener">
                              {t(locale, 'public.event.slides', { title: item.title })}
                            </a>
                          </li>
                        ) : null}
                        {item.eventMaterials.map((material) => (
                          <li key={`${material.kind} ${material.href}`}>
                            <a href={material.href} rel="noopener">
                              {material.label}
                            </a>
                          </li>
                        ))}
                        {item.materials.map((material) => (
                          <li key={material.href}>
                            <a href={material.href} rel="noopener">
                              {material.title}
                            </a>{' '}
                            <span className="programme-item__by">({t(locale, 'public.event.materialBy', { name: material.speaker })})</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                </li>
              )
            })}
          </ol>
        </section>
      ))}
    </>
  )
}
