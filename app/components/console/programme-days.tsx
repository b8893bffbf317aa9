import { consolePath } from '../../console/paths.ts'
import { pick, t, type Locale } from '../../i18n/index.ts'
import { formatLongDate, formatTimeRange, parseStockholmLocal } from '../../time.ts'

export type ProgrammeRow = {
  id: string
  type: string
  titleSv: string
  titleEn: string
  startsAt: Date | string
  endsAt: Date | string
  room: { name: string } | null
  track: { nameSv: string; nameEn: string } | null
  speakers: { role: string; speaker: { name: string } }[]
}

/**
 * The programme in the editor: one table per Stockholm day (h3 with the long date), items in time
 * order, each with an Edit link (?edit=<id>) and a Remove button that POSTs. Plain HTML only.
 */
export function ProgrammeDays({
  days,
  locale,
  basePath,
  canEdit,
}: {
  days: { day: string; items: ProgrammeRow[] }[]
  locale: Locale
  basePath: string
  canEdit: boolean
}) {
  if (days.length === 0) return <p className="console-empty">{t(locale, 'organizer.programme.empty')}</p>
  return (
    <>
      {days.map(({ day, items }) => {
        const heading = formatLongDate(parseStockholmLocal(`${day} 12:00`) ?? new Date(day), locale)
        return (
          <section key={day} className="console-day" aria-labelledby={`day-${day}`}>
            <h3 id={`day-${day}`}>
              {heading} <span className="console-count">({t(locale, 'organizer.programme.itemCount', { count: items.length })})</span>
            </h3>
            <div className="console-table-wrap">
              <table className="console-table console-programme">
                <caption className="visually-hidden">{heading}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(locale, 'organizer.programme.colTime')}</th>
                    <th scope="col">{t(locale, 'organizer.programme.colTitle')}</th>
                    <th scope="col">{t(locale, 'organizer.programme.colRoom')}</th>
                    <th scope="col">{t(locale, 'organizer.programme.colSpeakers')}</th>
                    {canEdit ? <th scope="col">{t(locale, 'organizer.programme.colActions')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => {
                    const title = pick(item, 'title', locale)
                    return (
                      <tr key={item.id} data-item-id={item.id}>
                        <td className="console-time">{formatTimeRange(new Date(item.startsAt), new Date(item.endsAt), locale)}</td>
                        <th scope="row">
                          {title}
                          <br />
                          <span className="console-muted">
                            {t(locale, `itemType.${item.type as 'talk'}`)}
                            {item.track ? ` · ${pick(item.track, 'name', locale)}` : ''}
                          </span>
                        </th>
                        <td>{item.room?.name ?? '–'}</td>
                        <td>{item.speakers.map((s) => s.speaker.name).join(', ') || '–'}</td>
                        {canEdit ? (
                          <td>
                            <div className="console-inline">
                              <a
                                href={consolePath(locale, `${basePath}?edit=${item.id}#item-form`)}
                                aria-label={t(locale, 'organizer.programme.editItemLabel', { title })}
                              >
                                {t(locale, 'organizer.programme.editItem')}
                              </a>
                              <form method="post" action={consolePath(locale, basePath)}>
                                <input type="hidden" name="intent" value="deleteItem" />
                                <input type="hidden" name="itemId" value={item.id} />
                                <button
                                  type="submit"
                                  className="button--secondary button--small"
                                  aria-label={t(locale, 'organizer.programme.deleteItemLabel', { title })}
                                >
                                  {t(locale, 'organizer.programme.deleteItem')}
                                </button>
                              </form>
                            </div>
                          </td>
                        ) : null}
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          </section>
        )
      })}
    </>
  )
}
