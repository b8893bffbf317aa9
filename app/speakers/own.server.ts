import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import { invitationToken, invitationUrl, effectiveStatus } from './invitations.server.ts'
import type { Locale } from '../i18n/index.ts'
import { PROFILE_LIMITS, SESSION_LIMITS } from './limits.ts'
import { deleteUpload } from '../uploads/store.server.ts'

/**
 * What a signed-in speaker manages themselves (issue 10 §2): their profile, the texts of their
 * sessions (while the organizer allows edits; through review when the organizer wants it), their
 * answers for the organizer (recording consent, technical needs, availability) and their material.
 * A speaker is a Person whose address an accepted invitation linked to a speaker profile; every
 * function here takes that person's id and finds only what is theirs, so another speaker's session
 * or profile is a 404, never a 403 that confirms it exists (docs/decisions/0023-speaker-area.md).
 */

export { PROFILE_LIMITS, SESSION_LIMITS }

/** An http(s) address a browser can open: no javascript:, data: or mailto: in a public profile. */
function isWebLink(value: string): boolean {
  if (value.length > PROFILE_LIMITS.link || !URL.canParse(value)) return false
  const url = new URL(value)
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
}

const webLink = z.string().trim().refine(isWebLink, { message: 'speakers.own.linkInvalid' })

export const ProfileSchema = z.object({
  name: z.string().trim().min(1, 'speakers.own.nameRequired').max(PROFILE_LIMITS.name),
  titleSv: z.string().trim().max(PROFILE_LIMITS.title).default(''),
  titleEn: z.string().trim().max(PROFILE_LIMITS.title).default(''),
  affiliation: z.string().trim().max(PROFILE_LIMITS.affiliation).default(''),
  bioSv: z.string().trim().max(PROFILE_LIMITS.bio).default(''),
  bioEn: z.string().trim().max(PROFILE_LIMITS.bio).default(''),
  links: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .superRefine((links, context) => {
      if (links.length > PROFILE_LIMITS.links) context.addIssue({ code: 'custom', message: 'speakers.own.tooManyLinks' })
      else if (links.some((link) => !isWebLink(link))) context.addIssue({ code: 'custom', message: 'speakers.own.linkInvalid' })
    }),
})
export type ProfileInput = z.infer<typeof ProfileSchema>

export const SessionTextSchema = z.object({
  titleSv: z.string().trim().min(1, 'speakers.own.titleRequired').max(SESSION_LIMITS.title),
  titleEn: z.string().trim().min(1, 'speakers.own.titleRequired').max(SESSION_LIMITS.title),
  descriptionSv: z.string().trim().max(SESSION_LIMITS.description).default(''),
  descriptionEn: z.string().trim().max(SESSION_LIMITS.description).default(''),
})
export type SessionTextInput = z.infer<typeof SessionTextSchema>

const consent = z.enum(['yes', 'no', '']).transform((value) => (value === '' ? null : value === 'yes'))
export const SessionAnswersSchema = z.object({
  recordingConsent: consent.default(null),
  publishConsent: consent.default(null),
  techNeeds: z.string().trim().max(SESSION_LIMITS.notes).default(''),
  availability: z.string().trim().max(SESSION_LIMITS.notes).default(''),
})
export type SessionAnswersInput = z.infer<typeof SessionAnswersSchema>

export const MaterialFileSchema = z.object({
  materialFileTitle: z.string().trim().min(1, 'speakers.own.materialTitleRequired').max(SESSION_LIMITS.materialTitle),
})

export const MaterialLinkSchema = z.object({
  materialTitle: z.string().trim().min(1, 'speakers.own.materialTitleRequired').max(SESSION_LIMITS.materialTitle),
  materialUrl: webLink,
})

type Clock = { now?: Date }

/** The person's speaker profiles, oldest first (a person invited by two organizations may have two). */
export async function ownProfiles(personId: string) {
  return db.speakerProfile.findMany({ where: { personId }, orderBy: { createdAt: 'asc' } })
}

/**
 * Whether accepting an invitation may sign this person in. The invitation link is as good as a
 * sign-in link for a speaker, but not for someone who is also a member of an organization: a
 * forwarded invitation must never open a console. They sign in with a link to their address instead.
 */
export async function mayStartSpeakerSession(personId: string): Promise<boolean> {
  return (await db.membership.count({ where: { personId } })) === 0
}

/** Where a sign-in without a destination leads: a speaker who runs no organization goes to their speaker pages. */
export async function signedInHome(personId: string): Promise<'/speaker' | '/organizer'> {
  const [memberships, profiles] = await Promise.all([db.membership.count({ where: { personId } }), db.speakerProfile.count({ where: { personId } })])
  return memberships === 0 && profiles > 0 ? '/speaker' : '/organizer'
}

/** Whether the person is a speaker at all (has a linked profile). */
export async function isSpeaker(personId: string): Promise<boolean> {
  return (await db.speakerProfile.count({ where: { personId } })) > 0
}

/** One of the person's profiles: the one with `slug`, or their first. NotFoundError for anyone else's. */
export async function ownProfile(personId: string, slug?: string | null) {
  const profile = await db.speakerProfile.findFirst({ where: { personId, ...(slug ? { slug } : {}) }, orderBy: { createdAt: 'asc' }, include: { photo: true } })
  if (!profile) throw new NotFoundError('speakers.own.profileNotFound')
  return profile
}

/**
 * Replaces (or with `photo: null` removes) the speaker's portrait, a file already checked and stored
 * by the upload store. The old file is deleted after the row no longer points at it. Audited.
 */
export async function setOwnPhoto(input: { personId: string; slug?: string | null; photoId: string | null }) {
  const profile = await ownProfile(input.personId, input.slug)
  await db.$transaction(async (tx) => {
    await tx.speakerProfile.update({ where: { id: profile.id }, data: { photoId: input.photoId } })
    await recordAudit(tx, {
      organizationId: null,
      actorId: input.personId,
      action: input.photoId ? 'speakerProfile.photoSet' : 'speakerProfile.photoRemoved',
      entityType: 'speakerProfile',
      entityId: profile.id,
    })
  })
  if (profile.photoId && profile.photoId !== input.photoId) await deleteUpload(profile.photoId)
  return profile
}

/** Saves the speaker's public profile. Audited (organization-less: a profile is the speaker's own). */
export async function updateOwnProfile(input: { personId: string; slug?: string | null; profile: ProfileInput }) {
  const profile = await ownProfile(input.personId, input.slug)
  return db.$transaction(async (tx) => {
    const saved = await tx.speakerProfile.update({ where: { id: profile.id }, data: input.profile })
    await recordAudit(tx, {
      organizationId: null,
      actorId: input.personId,
      action: 'speakerProfile.updated',
      entityType: 'speakerProfile',
      entityId: profile.id,
      data: {
        fields: Object.keys(input.profile).filter(
          (key) => JSON.stringify(profile[key as keyof typeof profile]) !== JSON.stringify(input.profile[key as keyof ProfileInput]),
        ),
      },
    })
    return saved
  })
}

const ITEM_SELECT = {
  id: true,
  type: true,
  titleSv: true,
  titleEn: true,
  descriptionSv: true,
  descriptionEn: true,
  startsAt: true,
  endsAt: true,
  room: { select: { name: true } },
  event: {
    select: {
      id: true,
      slug: true,
      titleSv: true,
      titleEn: true,
      status: true,
      startsAt: true,
      endsAt: true,
      venueName: true,
      city: true,
      format: true,
      speakerEditsOpen: true,
      speakerEditsUntil: true,
      speakerEditReview: true,
      organizationId: true,
      organization: { select: { name: true, slug: true } },
    },
  },
} as const

/** Every session the person speaks at, across events and organizations, in time order. */
export async function listOwnSessions(personId: string) {
  const roles = await db.programmeRole.findMany({
    where: { speaker: { personId } },
    select: {
      role: true,
      speakerId: true,
      recordingConsent: true,
      publishConsent: true,
      techNeeds: true,
      item: { select: { ...ITEM_SELECT, edits: { where: { status: 'pending', speaker: { personId } }, select: { id: true } } } },
    },
    take: 500,
  })
  return roles.sort((a, b) => a.item.startsAt.getTime() - b.item.startsAt.getTime())
}

/** Invitations to the person's address still waiting for an answer, with their links (derived from the id, never stored). */
export async function listOwnOpenInvitations(email: string, locale: Locale, input: Clock = {}) {
  const now = input.now ?? new Date()
  const rows = await db.speakerInvitation.findMany({
    where: { email, status: { in: ['sent', 'viewed'] }, expiresAt: { gt: now } },
    select: { id: true, status: true, expiresAt: true, role: true, event: { select: { titleSv: true, titleEn: true, startsAt: true, endsAt: true } } },
    orderBy: { expiresAt: 'asc' },
    take: 50,
  })
  return rows
    .filter((row) => effectiveStatus(row, now) !== 'expired')
    .map((row) => ({ id: row.id, role: row.role, answerBy: row.expiresAt, event: row.event, url: invitationUrl(invitationToken(row), locale) }))
}

/** When the speaker may no longer edit the session's texts: the organizer's deadline, else the event's start. */
export function editsCloseAt(event: { speakerEditsUntil: Date | null; startsAt: Date }): Date {
  return event.speakerEditsUntil ?? event.startsAt
}

export function editsAllowed(event: { speakerEditsOpen: boolean; speakerEditsUntil: Date | null; startsAt: Date; status: string }, now: Date): boolean {
  return event.speakerEditsOpen && event.status !== 'cancelled' && now < editsCloseAt(event)
}

/** The person's role on one session, with the session. NotFoundError unless they speak at it. */
async function ownRole(client: Tx | typeof db, personId: string, itemId: string) {
  const role = await client.programmeRole.findFirst({
    where: { itemId, speaker: { personId } },
    select: {
      role: true,
      speakerId: true,
      recordingConsent: true,
      publishConsent: true,
      techNeeds: true,
      availability: true,
      item: {
        select: {
          ...ITEM_SELECT,
          edits: { where: { status: 'pending', speaker: { personId } }, orderBy: { createdAt: 'desc' }, take: 1 },
          materials: {
            where: { speaker: { personId } },
            orderBy: { createdAt: 'asc' },
            select: { id: true, title: true, url: true, mediaId: true, media: { select: { id: true, kind: true, originalName: true, byteSize: true } } },
          },
          speakers: { orderBy: { position: 'asc' }, select: { role: true, speaker: { select: { name: true, slug: true } } } },
        },
      },
    },
  })
  if (!role) throw new NotFoundError('speakers.own.sessionNotFound')
  return role
}

/** One of the person's sessions as their session page shows it. */
export async function ownSession(personId: string, itemId: string) {
  return ownRole(db, personId, itemId)
}

/**
 * The speaker changes the session's public title and abstract. Refused (409) once edits are closed.
 * With review on, the change waits as a pending edit (one per speaker and session: a newer one
 * replaces it) and the public text stays as it was; otherwise it is public at once. Both audited.
 */
export async function editOwnSession(input: { personId: string; itemId: string; text: SessionTextInput } & Clock) {
  const now = input.now ?? new Date()
  return db.$transaction(async (tx) => {
    const role = await ownRole(tx, input.personId, input.itemId)
    const { event } = role.item
    if (!editsAllowed(event, now)) throw new DomainError('speakers.own.editsClosed', 409)
    const review = event.speakerEditReview
    await tx.sessionEdit.deleteMany({ where: { itemId: input.itemId, speakerId: role.speakerId, status: 'pending' } })
    const edit = await tx.sessionEdit.create({
      data: { itemId: input.itemId, speakerId: role.speakerId, ...input.text, status: review ? 'pending' : 'approved', decidedAt: review ? null : now },
    })
    if (!review) await tx.programmeItem.update({ where: { id: input.itemId }, data: input.text })
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.personId,
      action: review ? 'sessionEdit.proposed' : 'sessionEdit.applied',
      entityType: 'programmeItem',
      entityId: input.itemId,
      data: {
        eventId: event.id,
        editId: edit.id,
        from: { titleSv: role.item.titleSv, titleEn: role.item.titleEn },
        to: { titleSv: input.text.titleSv, titleEn: input.text.titleEn },
      },
    })
    return { review }
  })
}

/** The speaker's answers for the organizer: consent to recording and to publishing it, technical needs, availability. */
export async function answerOwnSession(input: { personId: string; itemId: string; answers: SessionAnswersInput }) {
  return db.$transaction(async (tx) => {
    const role = await ownRole(tx, input.personId, input.itemId)
    // Publishing a recording needs consent to the recording itself.
    const answers = { ...input.answers, publishConsent: input.answers.recordingConsent === false ? false : input.answers.publishConsent }
    await tx.programmeRole.update({ where: { itemId_speakerId: { itemId: input.itemId, speakerId: role.speakerId } }, data: answers })
    await recordAudit(tx, {
      organizationId: role.item.event.organizationId,
      actorId: input.personId,
      action: 'speakerSession.answered',
      entityType: 'programmeItem',
      entityId: input.itemId,
      data: { recordingConsent: answers.recordingConsent, publishConsent: answers.publishConsent },
    })
  })
}

/** Adds a link (slides on a sharing site, a paper) to the session. At most SESSION_LIMITS.materials per speaker and session. */
export async function addOwnMaterial(input: { personId: string; itemId: string; title: string; url?: string; mediaId?: string }) {
  return db.$transaction(async (tx) => {
    const role = await ownRole(tx, input.personId, input.itemId)
    if (role.item.materials.length >= SESSION_LIMITS.materials)
      throw new DomainError('speakers.own.tooManyMaterials', 409, { max: SESSION_LIMITS.materials }, input.mediaId ? 'materialFile' : 'materialUrl')
    const material = await tx.speakerMaterial.create({
      data: { itemId: input.itemId, speakerId: role.speakerId, title: input.title, url: input.url ?? null, mediaId: input.mediaId ?? null },
    })
    await recordAudit(tx, {
      organizationId: role.item.event.organizationId,
      actorId: input.personId,
      action: 'speakerMaterial.added',
      entityType: 'programmeItem',
      entityId: input.itemId,
      data: { materialId: material.id, kind: input.mediaId ? 'file' : 'link' },
    })
    return material
  })
}

/** Removes one of the speaker's own materials from the session. Returns the removed row (its file is the caller's to delete). */
export async function removeOwnMaterial(input: { personId: string; itemId: string; materialId: string }) {
  return db.$transaction(async (tx) => {
    const role = await ownRole(tx, input.personId, input.itemId)
    const material = role.item.materials.find((row) => row.id === input.materialId)
    if (!material) throw new NotFoundError('speakers.own.materialNotFound')
    await tx.speakerMaterial.delete({ where: { id: material.id } })
    await recordAudit(tx, {
      organizationId: role.item.event.organizationId,
      actorId: input.personId,
      action: 'speakerMaterial.removed',
      entityType: 'programmeItem',
      entityId: input.itemId,
      data: { materialId: material.id },
    })
    return material
  })
}

/** Removes a material and, for an uploaded one, its stored file. */
export async function removeOwnMaterialAndFile(input: { personId: string; itemId: string; materialId: string }) {
  const material = await removeOwnMaterial(input)
  if (material.mediaId) await deleteUpload(material.mediaId)
}
