import { consolePath } from '../../console/paths.ts'
import { pick, t, type Locale } from '../../i18n/index.ts'
import { formatEventWhen } from '../../time.ts'
import type { EventFormat, EventStatus } from '../../generated/prisma/enums.ts'

export type DashboardEvent = {
  id: string
  titleSv: string
  titleEn: string
  status: EventStatus
  format: EventFormat
  startsAt: Date | string
  endsAt: Date | string
}

export type DashboardSeries = { id: string; titleSv: string; titleEn: string; status: string; _count: { parts: number } }

export type DashboardGroups = {
  drafts: DashboardEvent[]
  upcoming: DashboardEvent[]
  past: DashboardEvent[]
  cancelled: DashboardEvent[]
  series: DashboardSeries[]
}

function EventTable({ events, caption, locale, orgSlug }: { events: DashboardEvent[]; caption: string; locale: Locale; orgSlug: string }) {
  if (events.length === 0) return <p className="console-empty">{t(locale, 'organizer.dashboard.empty')}</p>
  return (
    <div className="console-table-wrap">
      <table className="console-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'organizer.dashboard.colTitle')}</th>
            <th scope="col">{t(locale, 'organizer.dashboard.colWhen')}</th>
            <th scope="col">{t(locale, 'organizer.dashboard.colFormat')}</th>
            <th scope="col">{t(locale, 'organizer.dashboard.colStatus')}</th>
            <th scope="col">{t(locale, 'organizer.dashboard.programme')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const title = pick(event, 'title', locale)
            return (
              <tr key={event.id}>
                <th scope="row">
                  <a href={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}`)}>{title}</a>
                </th>
                <td>{formatEventWhen(new Date(event.startsAt), new Date(event.endsAt), locale)}</td>
                <td>{t(locale, `format.${event.format}`)}</td>
                <td>
                  <span className={`badge badge--${event.status}`}>{t(locale, `status.${event.status}`)}</span>
                </td>
                <td>
                  <a
                    href={consolePath(locale, `/organizer/${orgSlug}/events/${event.id}/programme`)}
                    aria-label={`${t(locale, 'organizer.dashboard.programme')}: ${title}`}
                  >
                    {t(locale, 'organizer.dashboard.programme')}
                  </a>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export function SeriesTable({ series, locale, orgSlug }: { series: DashboardSeries[]; locale: Locale; orgSlug: string }) {
  if (series.length === 0) return <p className="console-empty">{t(locale, 'organizer.dashboard.noSeries')}</p>
  return (
    <div className="console-table-wrap">
      <table className="console-table">
        <caption className="visually-hidden">{t(locale, 'organizer.dashboard.series')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'organizer.dashboard.series')}</th>
            <th scope="col">{t(locale, 'organizer.dashboard.colParts')}</th>
            <th scope="col">{t(locale, 'organizer.dashboard.colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a href={consolePath(locale, `/organizer/${orgSlug}/series/${s.id}`)}>{pick(s, 'title', locale)}</a>
              </th>
              <td>{s._count.parts}</td>
              <td>{t(locale, s.status === 'published' ? 'status.published' : 'status.draft')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The dashboard's four event groups and the series list; every text is rendered as text (escaped). */
export function EventGroups({ groups, locale, orgSlug }: { groups: DashboardGroups; locale: Locale; orgSlug: string }) {
  const sections = [
    { key: 'drafts', title: t(locale, 'organizer.dashboard.drafts'), events: groups.drafts },
    { key: 'upcoming', title: t(locale, 'organizer.dashboard.upcoming'), events: groups.upcoming },
    { key: 'past', title: t(locale, 'organizer.dashboard.past'), events: groups.past },
    { key: 'cancelled', title: t(locale, 'organizer.dashboard.cancelled'), events: groups.cancelled },
  ]
  return (
    <>
      {sections.map((section) => (
        <section key={section.key} aria-labelledby={`group-${section.key}`} className="console-group">
          <h2 id={`group-${section.key}`}>
            {section.title} <span className="console-count">({section.events.length})</span>
          </h2>
          <EventTable events={section.events} caption={section.title} locale={locale} orgSlug={orgSlug} />
        </section>
      ))}
      <section aria-labelledby="group-series" className="console-group">
        <h2 id="group-series">{t(locale, 'organizer.dashboard.series')}</h2>
        <SeriesTable series={groups.series} locale={locale} orgSlug={orgSlug} />
      </section>
    </>
  )
}
