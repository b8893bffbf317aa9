import { randomBytes } from 'node:crypto'
import { normalizeEmail } from '../accounts/sign-in.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError } from '../errors.server.ts'
import type { SpeakerProfile } from '../generated/prisma/client.ts'
import type { Locale } from '../i18n/index.ts'
import { slugify } from '../slug.ts'

/**
 * Speaker profiles as the organizer console sees them. Profiles are not owned by an organization
 * in the schema; an organization "has" the profiles that appear in its events' programmes or
 * speaker invitations. That is the list organizers pick from, and the only profiles they may attach.
 */

function organizationScope(organizationId: string) {
  return {
    OR: [{ roles: { some: { item: { event: { organizationId } } } } }, { invitations: { some: { event: { organizationId } } } }],
  }
}

/** The organization's speaker profiles, by name. */
export async function listOrganizationSpeakers(organizationId: string, client: Tx | typeof db = db) {
  return client.speakerProfile.findMany({
    where: organizationScope(organizationId),
    orderBy: { name: 'asc' },
    select: { id: true, name: true, titleSv: true, titleEn: true, affiliation: true },
    take: 2000,
  })
}

/**
 * Of `ids`, the ones that belong to the organization (see above). Throws DomainError
 * 'error.speakerNotFound' (field 'speakers') if any id is unknown or another organization's.
 */
export async function assertOrganizationSpeakers(tx: Tx, organizationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const found = await tx.speakerProfile.count({ where: { id: { in: ids }, ...organizationScope(organizationId) } })
  if (found !== new Set(ids).size) throw new DomainError('error.speakerNotFound', 400, {}, 'speakers')
}

/** Creates a profile with a unique slug made from the name. */
export async function createSpeakerProfile(tx: Tx, input: { name: string; title: string; affiliation: string }): Promise<SpeakerProfile> {
  const base = slugify(input.name, 60)
  let slug = base
  for (let attempt = 0; attempt < 5; attempt++) {
    if (!(await tx.speakerProfile.findUnique({ where: { slug }, select: { id: true } }))) break
    slug = `${base}-${randomBytes(3).toString('hex')}`
  }
  return tx.speakerProfile.create({ data: { slug, name: input.name, titleSv: input.title, affiliation: input.affiliation } })
}

export type SpeakerFor = {
  email: string
  name: string
  /** The person's language, for a Person made here. */
  locale: Locale
  /** A profile the speaker was invited as; used when it still exists. */
  preferredId?: string | null
  /** What the speaker told about themselves (an open-call proposal): fills a new profile, and only the empty fields of an existing one. */
  profile?: { title: string; affiliation: string; bio: string }
}

/**
 * The speaker profile someone speaks as once they said yes (an accepted invitation, an accepted
 * proposal): `preferredId` if that profile exists, else the oldest profile of the Person with the
 * address, else a new one; always linked to that Person (created if needed), so the speaker's own
 * pages (/speaker) find it after sign-in. Safe to repeat: the same address gives the same profile.
 */
export async function speakerProfileFor(tx: Tx, input: SpeakerFor): Promise<{ speakerId: string; personId: string }> {
  const email = normalizeEmail(input.email)
  const person = await tx.person.upsert({ where: { email }, create: { email, name: input.name, locale: input.locale }, update: {} })
  const preferred = input.preferredId ? await tx.speakerProfile.findUnique({ where: { id: input.preferredId } }) : null
  const profile = preferred ?? (await tx.speakerProfile.findFirst({ where: { personId: person.id }, orderBy: { createdAt: 'asc' } }))
  if (profile) {
    const given = input.profile
    const fill = given
      ? {
          ...(!profile.titleSv && !profile.titleEn && given.title ? { titleSv: given.title, titleEn: given.title } : {}),
          ...(!profile.affiliation && given.affiliation ? { affiliation: given.affiliation } : {}),
          ...(!profile.bioSv && !profile.bioEn && given.bio ? { bioSv: given.bio, bioEn: given.bio } : {}),
        }
      : {}
    if (!profile.personId || Object.keys(fill).length) {
      await tx.speakerProfile.update({ where: { id: profile.id }, data: { ...fill, ...(profile.personId ? {} : { personId: person.id }) } })
    }
    return { speakerId: profile.id, personId: person.id }
  }
  const created = await createSpeakerProfile(tx, {
    name: input.name || person.name || email,
    title: input.profile?.title ?? '',
    affiliation: input.profile?.affiliation ?? '',
  })
  const bio = input.profile?.bio ?? ''
  // One text in the speaker's own language serves both pages (pick() would show nothing in Swedish for an English-only title).
  await tx.speakerProfile.update({
    where: { id: created.id },
    data: { personId: person.id, titleEn: input.profile?.title ?? '', bioSv: bio, bioEn: bio },
  })
  return { speakerId: created.id, personId: person.id }
}
