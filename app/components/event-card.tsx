import { Link } from '@remix-run/react'
import type { EventCardView } from '../events/listing.server.ts'
import { localePath, t, type Locale } from '../i18n/index.ts'
import { FormatBadge, StatusBadge } from './format-badge.tsx'

/** One event in a listing. The whole card is clickable through the title link (one link, one tab stop). */
export function EventCard({ card, locale, headingLevel = 2 }: { card: EventCardView; locale: Locale; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  // A digital-only event has no place; a city stored on it is where the organizer is based, and
  // must not read as the venue (nor the län it lies in).
  const place =
    card.format === 'online'
      ? card.city
        ? t(locale, 'public.card.organizerHome', { city: card.city })
        : null
      : [card.city, card.countyLabel].filter(Boolean).join(', ')
  const struck = card.status === 'cancelled'
  return (
    <article className={`card${struck ? ' card--cancelled' : ''}${card.cover ? ' card--with-cover' : ''}`}>
      <Heading>
        <Link to={localePath(locale, `/events/${card.slug}`)} lang={card.titleLang}>
          {card.title}
        </Link>
      </Heading>
      <p className="card__when">
        <time dateTime={card.startsAt}>{card.when}</time>
      </p>
      <p className="badges">
        <FormatBadge format={card.format} locale={locale} />
        <StatusBadge status={card.status} locale={locale} />
      </p>
      {place ? <p className="card__meta">{place}</p> : null}
      <p className="card__meta">{t(locale, 'public.card.organizer', { name: card.organization.name })}</p>
      {card.series ? (
        <p className="card__meta">
          {card.series.position
            ? t(locale, 'public.card.seriesPart', { position: card.series.position, title: card.series.title })
            : t(locale, 'public.card.series', { title: card.series.title })}
        </p>
      ) : null}
      {card.summary ? (
        <p className="card__summary" lang={card.summaryLang}>
          {card.summary}
        </p>
      ) : null}
      {/* After the texts in the DOM (the title comes first to a screen reader), shown on top by CSS. */}
      {card.cover ? (
        <img
          className="card__cover"
          src={card.cover.src}
          srcSet={card.cover.srcSet}
          sizes="(min-width: 60rem) 22rem, 100vw"
          width={card.cover.width}
          height={card.cover.height}
          alt={card.cover.alt}
          loading="lazy"
          decoding="async"
        />
      ) : null}
    </article>
  )
}

export function EventCardList({ cards, locale, headingLevel = 2, label }: { cards: EventCardView[]; locale: Locale; headingLevel?: 2 | 3; label?: string }) {
  return (
    <ul className="card-list" aria-label={label}>
      {cards.map((card) => (
        <li key={card.slug}>
          <EventCard card={card} locale={locale} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  )
}
