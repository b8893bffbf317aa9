import { json, type SerializeFrom } from '@remix-run/node'
import { z } from 'zod'
import { notFound } from '../errors.server.ts'
import { EMBED_LIMIT, getEmbedEvents, type EmbedSource } from '../events/embed.server.ts'
import { localePath, LOCALES, t, type Locale } from '../i18n/index.ts'
import { isSlug } from '../slug.ts'
import { orNotFound, publicLocale, siteUrl } from './route.server.ts'

/**
 * The HTTP side of the embeddable widget (ADR 0018): `/embed/organizations/:slug` and
 * `/embed/series/:slug` (and `/en/…`), and the `<iframe>` snippet the console offers to copy.
 * server.ts lets any site frame these paths; the page cache keeps them (they never read a cookie).
 */

/** Browsers and proxies may keep a widget for five minutes, like the public feeds. */
export const EMBED_CACHE = 'public, max-age=300'

/** `?limit=`: absent or empty is the default; otherwise a whole number from 1 to 20 written in digits. */
const LimitSchema = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number)
  .pipe(z.number().int().min(EMBED_LIMIT.min).max(EMBED_LIMIT.max))

const PATHS = { organization: '/organizations', series: '/series' } as const

/** The widget's path on this site (`/embed/organizations/x`, `/en/embed/series/y`). */
export const embedPath = (source: EmbedSource, locale: Locale) => localePath(locale, `/embed${PATHS[source.kind]}/${source.slug}`)

/**
 * The loader of both widget routes: 404 for an unknown (or draft) organization or series or a
 * language prefix other than /en, 400 with a message in the page's language for a bad `?limit=`,
 * otherwise the events and the links (absolute: the page is shown inside other sites).
 */
export async function loadEmbedPage(request: Request, params: { lang?: string; slug?: string }, kind: EmbedSource['kind']) {
  const locale = publicLocale(request, params)
  const slug = params.slug ?? ''
  const missing = kind === 'organization' ? 'error.organizationNotFound' : 'error.seriesNotFound'
  if (!isSlug(slug)) throw notFound(locale, missing)
  const raw = new URL(request.url).searchParams.get('limit')
  const limit = raw === null || raw.trim() === '' ? { success: true as const, data: EMBED_LIMIT.fallback } : LimitSchema.safeParse(raw.trim())
  if (!limit.success) throw json({ message: t(locale, 'public.embed.invalidLimit', { min: EMBED_LIMIT.min, max: EMBED_LIMIT.max }) }, { status: 400 })
  const source = { kind, slug }
  const events = await orNotFound(locale, () => getEmbedEvents({ source, limit: limit.data, locale }))
  const site = siteUrl()
  return json(
    {
      locale,
      name: events.name,
      nameLang: events.nameLang,
      kind,
      events: events.cards.map((card) => ({ ...card, url: `${site}${localePath(locale, `/events/${card.slug}`)}` })),
      allUrl: `${site}${localePath(locale, `${PATHS[kind]}/${slug}`)}`,
    },
    { headers: { 'Cache-Control': EMBED_CACHE } },
  )
}

export type EmbedPageData = SerializeFrom<typeof loadEmbedPage>

/** `"` and `&`, `<`, `>` written as entities, for an attribute value of the snippet. */
const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Tall enough for the default five events on a narrow column without a scroll bar in most cases. */
export const EMBED_HEIGHT = 600

export type EmbedSnippet = { locale: Locale; code: string; previewPath: string }

/**
 * The `<iframe>` an organizer pastes into their own site, one per language: the absolute URL of
 * the widget on the configured APP_URL, a title naming what it shows (the frame's accessible name;
 * `names` per language: a series' title differs),
 * lazy loading and no border.
 */
export function embedSnippets(source: EmbedSource, names: Record<Locale, string>): EmbedSnippet[] {
  return LOCALES.map((locale) => {
    const src = `${siteUrl()}${embedPath(source, locale)}`
    const title = t(locale, 'public.embed.frameTitle', { name: names[locale] })
    const code = `<iframe src="${attribute(src)}" title="${attribute(title)}" width="100%" height="${EMBED_HEIGHT}" loading="lazy" style="border:0"></iframe>`
    return { locale, code, previewPath: embedPath(source, locale) }
  })
}
