import { Link } from '@remix-run/react'
import type { ProgrammeDay, ProgrammeItemView } from '../events/event-page-view.server.ts'
import { localePath, t, type Locale } from '../i18n/index.ts'

export type ProgrammeLayout = 'list' | 'grid'

/** `canStar`: the event is not over or cancelled, so "Lägg till i Mitt program" links are shown. */
type Props = { days: ProgrammeDay[]; locale: Locale; eventSlug: string; layout?: ProgrammeLayout; canStar?: boolean }
type ItemProps = { item: ProgrammeItemView; locale: Locale; eventSlug: string; canStar: boolean }

const isPause = (item: ProgrammeItemView) => item.type === 'break' || item.type === 'lunch'

/**
 * The programme grouped by Stockholm day: a heading per day, then each item with time, place and
 * people. A day in more than one room can be shown as a grid instead (rooms as columns, time as
 * rows, ADR 0030). The choice is a plain link (?view=grid / ?view=list), so it works without
 * JavaScript and each view is the same for everyone (the page stays in the shared page cache).
 */
export function Programme({ days, locale, eventSlug, layout = 'list', canStar = false }: Props) {
  const hasGrid = days.some((day) => day.grid)
  const shown = hasGrid ? layout : 'list'
  const page = localePath(locale, `/events/${eventSlug}`)
  return (
    <div className={`programme-days programme-days--${shown}`}>
      {hasGrid ? (
        <nav className="programme-views" aria-label={t(locale, 'programme.view.label')}>
          <ul>
            {(['list', 'grid'] as const).map((option) => (
              <li key={option}>
                <Link
                  to={`${page}?view=${option}#programme-heading`}
                  preventScrollReset
                  aria-current={option === shown ? 'page' : undefined}
                  className={`programme-views__link${option === shown ? ' programme-views__link--current' : ''}`}
                >
                  {t(locale, `programme.view.${option}`)}
                </Link>
              </li>
            ))}
          </ul>
          {shown === 'grid' ? <p className="programme-views__hint">{t(locale, 'programme.view.printHint')}</p> : null}
        </nav>
      ) : null}
      {days.map((day) => (
        <section key={day.day} className="programme-day" aria-labelledby={`day-${day.day}`}>
          <h3 id={`day-${day.day}`}>{day.heading}</h3>
          {shown === 'grid' && day.grid ? (
            <ProgrammeGridTable day={day} locale={locale} eventSlug={eventSlug} canStar={canStar} />
          ) : (
            <ol className="programme">
              {day.items.map((item) => (
                <ProgrammeListItem key={item.id} item={item} locale={locale} eventSlug={eventSlug} canStar={canStar} />
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  )
}

/**
 * "Lägg till i Mitt program". Stars live on the registrant's own manage page (their manage link is
 * the only thing that says who they are), so the shared event page links to a page that says how.
 */
function StarLink({ item, locale, eventSlug }: Omit<ItemProps, 'canStar'>) {
  return (
    <Link className="star-link" rel="nofollow" to={`${localePath(locale, `/events/${eventSlug}/my-programme`)}?item=${item.id}`}>
      <span aria-hidden="true">☆ </span>
      {t(locale, 'programme.star.add')}
      <span className="visually-hidden">: {item.title}</span>
    </Link>
  )
}

/** One day as a table: `<th scope="col">` rooms, `<th scope="row">` times, an item over several rows with rowspan. */
function ProgrammeGridTable({ day, locale, eventSlug, canStar }: { day: ProgrammeDay; locale: Locale; eventSlug: string; canStar: boolean }) {
  const grid = day.grid!
  const items = new Map(day.items.map((item) => [item.id, item]))
  const captionId = `grid-${day.day}`
  return (
    // Scrolls sideways on a narrow screen; focusable so a keyboard can scroll it too.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="programme-grid-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="programme-grid">
        <caption id={captionId}>{t(locale, 'programme.grid.caption', { day: day.heading })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'programme.grid.time')}</th>
            {grid.rooms.map((room) => (
              <th scope="col" key={room.key}>
                {room.name ?? t(locale, 'programme.grid.noRoom')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.startsAt}>
              <th scope="row" className="programme-grid__time">
                <time dateTime={row.startsAt}>{row.label}</time>
              </th>
              {row.cells.map((cell) => (
                <td key={cell.room} rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined} className={cell.itemIds.length ? 'programme-grid__cell' : undefined}>
                  {cell.itemIds.map((id) => {
                    const item = items.get(id)!
                    return (
                      <div key={id} className={`grid-item${isPause(item) ? ' grid-item--break' : ''}`}>
                        <h4 className="grid-item__title" lang={item.titleLang}>
                          {item.title}
                        </h4>
                        <p className="grid-item__meta">
                          <time dateTime={item.startsAt}>{item.time}</time> · {item.typeLabel}
                        </p>
                        {item.speakers.length ? <p className="grid-item__people">{item.speakers.map((person) => person.name).join(', ')}</p> : null}
                        {item.capacity !== null ? <p className="grid-item__meta">{t(locale, 'public.event.itemCapacity', { count: item.capacity })}</p> : null}
                        {isPause(item) || !canStar ? null : (
                          <p className="grid-item__star">
                            <StarLink item={item} locale={locale} eventSlug={eventSlug} />
                          </p>
                        )}
                      </div>
                    )
                  })}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function ProgrammeListItem({ item, locale, eventSlug, canStar }: ItemProps) {
  return (
    <li className={`programme-item${isPause(item) ? ' programme-item--break' : ''}`}>
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
        {isPause(item) || !canStar ? null : (
          <p className="programme-item__star">
            <StarLink item={item} locale={locale} eventSlug={eventSlug} />
          </p>
        )}
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
        {item.descriptionHtml ? <div className="prose programme-item__description" dangerouslySetInnerHTML={{ __html: item.descriptionHtml }} /> : null}
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
}
