import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import type { Locale } from '../i18n/index.ts'
import type { Access } from '../organizations/access.server.ts'
import { formatDate } from '../time.ts'

/**
 * Organizations' privacy notices (ADR 0032). The standard text (who is responsible, purposes,
 * legal basis, what is stored, recipients, rights) lives in app/i18n; what an organization writes
 * (its contact for personal data and a text of its own) is stored per version in privacy_notices,
 * never changed once written. A registration records the version its person saw.
 */

export type PrivacyNoticeVersion = { version: number; contactEmail: string; extraSv: string; extraEn: string; createdAt: Date }

export type PrivacyNoticePage = {
  organization: { slug: string; name: string; website: string | null; contactPhone: string | null }
  version: number
  /** The newest version: older ones are shown on request (?version=N) with a note and a link to it. */
  currentVersion: number
  date: string
  /** The organization's address for personal data: the notice's own, or the organization's contact. */
  contactEmail: string | null
  extra: string
  /** The organization's default (organizations.retention_months, ADR 0031); an event may only shorten it. */
  retentionMonths: number
}

/** The current (highest) version of an organization's notice; every organization has version 1 (a trigger writes it). */
export async function currentPrivacyVersion(client: Tx | typeof db, organizationId: string): Promise<number> {
  const latest = await client.privacyNotice.findFirst({ where: { organizationId }, orderBy: { version: 'desc' }, select: { version: true } })
  return latest?.version ?? 1
}

/**
 * The version a registration or proposal records: the one the form showed (posted as
 * `privacyVersion`), or the current one when the form did not say (an older form, a script).
 * A version the organization never had is a DomainError 400 on the field `privacyVersion`.
 */
export async function acceptedPrivacyVersion(tx: Tx, organizationId: string, posted: number | null): Promise<number> {
  if (posted === null) return currentPrivacyVersion(tx, organizationId)
  const found = await tx.privacyNotice.findUnique({ where: { organizationId_version: { organizationId, version: posted } }, select: { version: true } })
  if (!found) throw new DomainError('privacy.error.unknownVersion', 400, {}, 'privacyVersion')
  return found.version
}

/** Reads the posted `privacyVersion` field: null when missing or empty, NaN-free; a non-number is version 0 (never one). */
export function readPostedPrivacyVersion(value: string | undefined): number | null {
  const raw = (value ?? '').trim()
  if (!raw) return null
  return /^[1-9][0-9]{0,8}$/.test(raw) ? Number(raw) : 0
}

/**
 * The public notice of one organization, the current version or `version` when asked. Throws
 * NotFoundError for an unknown organization or a version it never had.
 */
export async function getPrivacyNotice(input: { slug: string; version?: number | null }, locale: Locale): Promise<PrivacyNoticePage> {
  const organization = await db.organization.findUnique({
    where: { slug: input.slug },
    select: { id: true, slug: true, name: true, website: true, contactEmail: true, contactPhone: true, retentionMonths: true },
  })
  if (!organization) throw new NotFoundError('error.organizationNotFound')
  const versions = await db.privacyNotice.findMany({
    where: { organizationId: organization.id },
    orderBy: { version: 'desc' },
    take: input.version ? undefined : 1,
  })
  const currentVersion = versions[0]?.version ?? 1
  const notice = input.version ? versions.find((candidate) => candidate.version === input.version) : versions[0]
  if (input.version && !notice) throw new NotFoundError('privacy.error.versionNotFound')
  return {
    organization: { slug: organization.slug, name: organization.name, website: organization.website, contactPhone: organization.contactPhone },
    version: notice?.version ?? 1,
    currentVersion,
    date: formatDate(notice?.createdAt ?? new Date(), locale, { withYear: true }),
    contactEmail: notice?.contactEmail || organization.contactEmail || null,
    extra: (locale === 'en' ? notice?.extraEn || notice?.extraSv : notice?.extraSv) ?? '',
    retentionMonths: organization.retentionMonths,
  }
}

/** Every version of an organization's notice, newest first (the console's history). */
export async function listPrivacyNotices(organizationId: string): Promise<PrivacyNoticeVersion[]> {
  return db.privacyNotice.findMany({
    where: { organizationId },
    orderBy: { version: 'desc' },
    select: { version: true, contactEmail: true, extraSv: true, extraEn: true, createdAt: true },
  })
}

export type PrivacyNoticeInput = { contactEmail: string; extraSv: string; extraEn: string }

/**
 * Saves the organization's part of its notice as the next version (owners only; the caller checks
 * the role through requireConsole). Saving the same text again writes nothing and returns the
 * current version. The organization row is locked, so two owners saving at once get versions N+1
 * and N+2, never the same number twice. Audited as 'privacy.noticeSaved'.
 */
export async function savePrivacyNotice(input: { access: Access; notice: PrivacyNoticeInput }): Promise<{ version: number; changed: boolean }> {
  const organizationId = input.access.organization.id
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`
    const current = await tx.privacyNotice.findFirst({ where: { organizationId }, orderBy: { version: 'desc' } })
    const same =
      current && current.contactEmail === input.notice.contactEmail && current.extraSv === input.notice.extraSv && current.extraEn === input.notice.extraEn
    if (current && same) return { version: current.version, changed: false }
    const version = (current?.version ?? 0) + 1
    await tx.privacyNotice.create({ data: { organizationId, version, ...input.notice, createdById: input.access.personId } })
    await recordAudit(tx, {
      organizationId,
      actorId: input.access.personId,
      action: 'privacy.noticeSaved',
      entityType: 'privacy_notice',
      entityId: String(version),
      data: { version },
    })
    return { version, changed: true }
  })
}

/** Organizations with at least one public event, by name: the site-wide notice links each one's notice. */
export async function listNoticeOrganizations(): Promise<{ slug: string; name: string }[]> {
  return db.organization.findMany({
    where: { events: { some: { status: { in: ['published', 'cancelled', 'postponed'] } } } },
    orderBy: [{ name: 'asc' }, { slug: 'asc' }],
    select: { slug: true, name: true },
    take: 500,
  })
}
