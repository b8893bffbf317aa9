import { db } from '../db/client.server.ts'
import { NotFoundError } from '../errors.server.ts'
import { pick, type Locale } from '../i18n/index.ts'
import { listPublicEvents, type EventCardView } from './listing.server.ts'

/**
 * What the embeddable widget (`/embed/…`, ADR 0018) shows: the next public events of one
 * organization or one series, for a small page other sites put in an `<iframe>`.
 */

export type EmbedSource = { kind: 'organization' | 'series'; slug: string }

/** How many events a widget may ask for with `?limit=` (and how many it gets without). */
export const EMBED_LIMIT = { min: 1, max: 20, fallback: 5 } as const

export type EmbedEvents = {
  /** The organization's name or the series' title in the visitor's language. */
  name: string
  nameLang?: Locale
  cards: EventCardView[]
}

/**
 * The organization's or series' `limit` next public events (not yet ended, soonest first;
 * cancelled and postponed ones stay, marked), from the public listing's own query and cache.
 * Throws NotFoundError('error.organizationNotFound') for an unknown organization and
 * NotFoundError('error.seriesNotFound') for an unknown or draft series, as their pages do.
 */
export async function getEmbedEvents(input: { source: EmbedSource; limit: number; locale: Locale }): Promise<EmbedEvents> {
  const { source, limit, locale } = input
  const owner = source.kind === 'organization' ? await organizationName(source.slug) : await seriesTitle(source.slug, locale)
  const filters = source.kind === 'organization' ? { organization: source.slug } : { series: source.slug }
  const page = await listPublicEvents({ filters, page: 1, when: 'upcoming', locale, pageSize: limit })
  return { ...owner, cards: page.cards }
}

async function organizationName(slug: string): Promise<{ name: string }> {
  const organization = await db.organization.findUnique({ where: { slug }, select: { name: true } })
  if (!organization) throw new NotFoundError('error.organizationNotFound')
  return organization
}

async function seriesTitle(slug: string, locale: Locale): Promise<{ name: string; nameLang?: Locale }> {
  const series = await db.series.findFirst({ where: { slug, status: { not: 'draft' } }, select: { titleSv: true, titleEn: true } })
  if (!series) throw new NotFoundError('error.seriesNotFound')
  return { name: pick(series, 'title', locale), nameLang: locale === 'en' && !series.titleEn.trim() ? 'sv' : undefined }
}
