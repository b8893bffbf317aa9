import { db } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import type { Locale } from '../i18n/index.ts'
import { privacyNoticePath } from '../privacy/paths.ts'

/**
 * The privacy notice every mail's footer links (ADR 0032): the sending organization's, or Samling's
 * own (/privacy) for mail of no organization. Slugs are remembered for a minute per process, so a
 * bulk mailing of a thousand messages asks the database once, not a thousand times.
 */
const SLUG_TTL_MS = 60_000
const slugs = new Map<string, { slug: string | null; until: number }>()

export function sitePrivacyUrl(locale: Locale): string {
  return `${config().appUrl.replace(/\/$/, '')}${locale === 'en' ? '/en' : ''}/privacy`
}

export async function privacyUrlFor(organizationId: string | null, locale: Locale, now = Date.now()): Promise<string> {
  if (!organizationId) return sitePrivacyUrl(locale)
  let known = slugs.get(organizationId)
  if (!known || known.until < now) {
    const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { slug: true } })
    known = { slug: organization?.slug ?? null, until: now + SLUG_TTL_MS }
    if (slugs.size > 1_000) slugs.clear()
    slugs.set(organizationId, known)
  }
  if (!known.slug) return sitePrivacyUrl(locale)
  return `${config().appUrl.replace(/\/$/, '')}${privacyNoticePath(known.slug, locale)}`
}

/** Tells the cache an organization's slug (tests that compose mail without a database; a renamed organization). */
export function rememberOrganizationSlug(organizationId: string, slug: string, now = Date.now()): void {
  slugs.set(organizationId, { slug, until: now + SLUG_TTL_MS })
}
