import type { MyProgramme, MyProgrammeItem } from '../../registrations/my-programme.server.ts'
import { t, type Locale } from '../../i18n/index.ts'
import { IntentForm } from '../intent-form.tsx'

type Answer = { intent?: string; formError: string }

/**
 * "Mitt program" on the attendee's own page (ADR 0030): the starred items in time order, then the
 * whole programme with a star button per item. Each button is a POST form (works without
 * JavaScript); an item with its own sign-up shows its seats left beside the star.
 */
export function MyProgrammePanel({
  locale,
  programme,
  done,
  answer,
}: {
  locale: Locale
  programme: MyProgramme
  done: 'star' | 'unstar' | null
  answer?: Answer
}) {
  if (programme.items.length === 0) return null
  const failure = answer?.intent === 'star' || answer?.intent === 'unstar' ? answer : undefined
  const days = [...new Set(programme.items.map((item) => item.day))]
  return (
    <section className="panel my-programme" aria-labelledby="my-programme-heading" id="my-programme">
      <h2 id="my-programme-heading">{t(locale, 'myProgramme.heading')}</h2>
      {done && !failure ? (
        <div className="notice" role="status">
          <p>{t(locale, `myProgramme.done.${done}`)}</p>
        </div>
      ) : null}
      {failure ? (
        <div className="form-error" role="alert">
          <p>{failure.formError}</p>
        </div>
      ) : null}
      <p>{t(locale, 'myProgramme.intro')}</p>
      {programme.starred.length ? (
        <ol className="my-programme__list my-programme__starred">
          {programme.starred.map((item) => (
            <ItemRow key={item.id} item={item} locale={locale} canChange={programme.canChange} withDay />
          ))}
        </ol>
      ) : (
        <p>{t(locale, 'myProgramme.empty')}</p>
      )}
      {programme.canChange ? (
        <>
          <h3>{t(locale, 'myProgramme.all')}</h3>
          {days.map((day) => (
            <div key={day} className="my-programme__day">
              <h4>{day}</h4>
              <ul className="my-programme__list">
                {programme.items
                  .filter((item) => item.day === day)
                  .map((item) => (
                    <ItemRow key={item.id} item={item} locale={locale} canChange />
                  ))}
              </ul>
            </div>
          ))}
        </>
      ) : null}
    </section>
  )
}

function ItemRow({ item, locale, canChange, withDay = false }: { item: MyProgrammeItem; locale: Locale; canChange: boolean; withDay?: boolean }) {
  return (
    <li>
      <span className="my-programme__when">
        {withDay ? `${item.day} ` : null}
        <time dateTime={item.startsAt}>{item.time}</time>
      </span>
      <span>
        {item.isStarred ? <span aria-hidden="true">★ </span> : null}
        {item.title}
        {item.room ? <span className="my-programme__seats"> · {item.room}</span> : null}
      </span>
      {item.seats ? (
        <span className="my-programme__seats">{item.seats.left > 0 ? t(locale, 'myProgramme.seatsLeft', item.seats) : t(locale, 'myProgramme.full')}</span>
      ) : null}
      {canChange ? (
        <IntentForm intent={item.isStarred ? 'unstar' : 'star'} fields={{ itemId: item.id }}>
          <button type="submit" className={`star-button${item.isStarred ? ' star-button--on' : ''}`}>
            <span aria-hidden="true">{item.isStarred ? '★ ' : '☆ '}</span>
            {t(locale, item.isStarred ? 'myProgramme.unstar' : 'myProgramme.star')}
            <span className="visually-hidden">: {item.title}</span>
          </button>
        </IntentForm>
      ) : null}
    </li>
  )
}
