import { Feed } from 'feed'
import { config } from '../env.server.ts'
import { listingSearch } from '../events/listing.server.ts'
import { localePath, pick, t, type Locale } from '../i18n/index.ts'
import { formatEventWhen } from '../time.ts'
import type { CalendarEventFacts, CalendarItemFacts } from './entries.server.ts'
import type { FeedSelection } from './feeds.server.ts'
import type { CalendarEntry } from './ics.server.ts'

/**
 * The Atom text (RFC 4287) of a public feed, `/feed.xml` beside each `calendar.ics`, for newsletters
 * and intranets (issue 9 §6, docs/decisions/0019-atom-feeds.md). It is built from the same rows and
 * calendar entries as the iCalendar text (app/calendar/feeds.server.ts), so title, status prefix,
 * place and page agree, and written by the `feed` package.
 *
 * - An entry's id is `urn:uuid:<event or programme item id>`: the same in every feed, on every
 *   instance and under every host name, so a reader never shows an event twice.
 * - Every date is a stored one (entry `updated` = the row's update time, feed `updated` = the newest
 *   entry), so an unchanged feed is byte-identical from one request, or instance, to the next.
 * - Texts are written as escaped HTML: `feed` puts titles, summaries and content in CDATA with
 *   type="html", so a title like "<Kod> & \"kaffe\"" is escaped here and read back as typed.
 * - The stream link is not among the facts (CalendarEventFacts has none): public feeds are shared.
 */
export type AtomRow = {
  /** The calendar entry of the same row: title (with INSTÄLLT:), place, page, update time. */
  entry: CalendarEntry
  /** The event's or the programme item's id. */
  id: string
  event: CalendarEventFacts
  item?: CalendarItemFacts
  organization: { name: string; slug: string }
  /** When the row became public. */
  publishedAt: Date
}

export type AtomFeedInput = {
  selection: FeedSelection
  locale: Locale
  /** The calendar's name ("Samling – Region Sörmland") and description. */
  name: string
  description: string
  rows: AtomRow[]
  /** The feed's `updated` when it has no entries (null: the site feed). */
  ownerUpdatedAt: Date | null
}

const ATOM_NAMESPACE = '<feed xmlns="http://www.w3.org/2005/Atom">'

function absolute(path: string): string {
  return `${config().appUrl.replace(/\/$/, '')}${path}`
}

/** The public page a feed belongs to and the feed's own path, in the reader's language. */
export function atomFeedPaths(selection: FeedSelection, locale: Locale): { page: string; feed: string } {
  switch (selection.kind) {
    case 'site': {
      const search = listingSearch(selection.filters)
      return { page: `${localePath(locale, '/')}${search}`, feed: `${localePath(locale, '/feed.xml')}${search}` }
    }
    case 'organization':
      return pagePaths(locale, `/organizations/${selection.slug}`)
    case 'series':
      return pagePaths(locale, `/series/${selection.slug}`)
    case 'speaker':
      return pagePaths(locale, `/speakers/${selection.slug}`)
    case 'event':
      throw new Error('There is no Atom feed for one event: its page is the only entry.')
  }
}

function pagePaths(locale: Locale, path: string) {
  const page = localePath(locale, path)
  return { page, feed: `${page}/feed.xml` }
}

/**
 * XML 1.0 forbids most control characters even in CDATA; an organizer can paste one into a title.
 * Lone surrogates are dropped by the same rule.
 */
function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
}

/** Text as HTML source: what `feed` writes into CDATA with type="html". */
export function escapeHtml(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** Paragraphs of plain text as HTML: blank lines part paragraphs, single line breaks stay. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `<p>${escapeHtml(part).replace(/\r?\n/g, '<br>')}</p>`)
}

function entryContent(row: AtomRow, locale: Locale, when: string): string {
  const { entry, event, item } = row
  const facts = [
    `<p><strong>${escapeHtml(t(locale, 'common.time'))}:</strong> ${escapeHtml(when)}</p>`,
    `<p><strong>${escapeHtml(t(locale, 'common.place'))}:</strong> ${escapeHtml(entry.location)}</p>`,
    `<p><strong>${escapeHtml(t(locale, 'common.organizer'))}:</strong> ${escapeHtml(row.organization.name)}</p>`,
  ]
  const text = item
    ? [`<p>${escapeHtml(t(locale, 'feed.atom.partOf', { name: pick(event, 'title', locale) }))}</p>`, ...paragraphs(pick(item, 'description', locale))]
    : paragraphs(pick(event, 'summary', locale))
  const link = `<p><a href="${escapeHtml(entry.url)}">${escapeHtml(t(locale, 'feed.atom.readMore'))}</a></p>`
  return [...facts, ...text, link].join('\n')
}

/** The whole Atom document. Pure: the same rows give the same bytes. */
export function buildAtomFeed(input: AtomFeedInput): string {
  const { locale, rows } = input
  const paths = atomFeedPaths(input.selection, locale)
  const newest = rows.reduce<Date | null>((latest, row) => (!latest || row.entry.updatedAt > latest ? row.entry.updatedAt : latest), null)
  const feed = new Feed({
    id: absolute(paths.feed),
    title: xmlSafe(input.name),
    description: xmlSafe(input.description),
    link: absolute(paths.page),
    feed: absolute(paths.feed),
    // Never "now": the same rows must give the same bytes. An empty site feed has no date of its own.
    updated: newest ?? input.ownerUpdatedAt ?? new Date(0),
    generator: t(locale, 'app.name'),
    // Every entry names its organization; the feed itself is published by the site.
    author: { name: t(locale, 'app.name'), link: absolute(localePath(locale, '/')) },
  })
  for (const row of rows) {
    const { entry } = row
    const when = formatEventWhen(entry.startsAt, entry.endsAt, locale)
    feed.addItem({
      id: `urn:uuid:${row.id.toLowerCase()}`,
      title: escapeHtml(entry.summary),
      link: entry.url,
      date: entry.updatedAt,
      published: row.publishedAt < entry.updatedAt ? row.publishedAt : entry.updatedAt,
      description: escapeHtml(`${when} · ${entry.location}`),
      content: entryContent(row, locale, when),
      author: [{ name: xmlSafe(row.organization.name), link: absolute(localePath(locale, `/organizations/${row.organization.slug}`)) }],
    })
  }
  const text = feed.atom1()
  // `feed` has no option for the document's language; xml:lang on the root covers every text in it.
  if (!text.includes(ATOM_NAMESPACE)) throw new Error('feed wrote an unexpected Atom root element')
  return text.replace(ATOM_NAMESPACE, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`)
}
