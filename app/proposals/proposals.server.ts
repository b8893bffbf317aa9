import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { normalizeEmail } from '../accounts/sign-in.server.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { PublicCache } from '../cache.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import type { Proposal } from '../generated/prisma/client.ts'
import type { ProposalStatus } from '../generated/prisma/enums.ts'
import { localePath, pick, type Locale } from '../i18n/index.ts'
import { enqueueMail, type EnqueueMailInput } from '../mail/outbox.server.ts'
import { wakeMailWorker } from '../mail/worker.server.ts'
import { acceptedPrivacyVersion, currentPrivacyVersion, readPostedPrivacyVersion } from '../privacy/notices.server.ts'
import type { PrivacyLink } from '../privacy/paths.ts'
import { deriveToken, hashToken, isTokenShaped } from '../registrations/tokens.server.ts'
import { PROPOSAL_FORMATS, PROPOSAL_LIMITS, type ProposalFormat } from './call-options.ts'

/**
 * The open call for proposals (issue 10 §2b, docs/decisions/0022-open-call.md): per event, off
 * until an organizer opens it with a deadline. Anyone may then send a proposal (title, abstract,
 * format, length and their speaker profile); the proposer gets a personal page
 * (/proposals/<token>) by mail, where they can withdraw it while it is still submitted. Organizers
 * rate, comment and decide in the console (app/proposals/review.server.ts). The states:
 *
 *   submitted → accepted | declined | withdrawn   (no other moves; repeating the same move is safe)
 *
 * The token is derived from the row's id with SESSION_SECRET (purpose 'proposal', 256 bits) and
 * only its SHA-256 is stored, like invitations and registrations.
 */

type Clock = { now?: Date }

export type CallState = 'open' | 'closed'

/** Open while switched on and before its deadline (checked against `now`, so no job has to close it). */
export function callState(call: { isOpen: boolean; closesAt: Date | null }, now: Date = new Date()): CallState {
  return call.isOpen && call.closesAt && call.closesAt.getTime() > now.getTime() ? 'open' : 'closed'
}

export function proposalToken(proposal: { id: string }): string {
  return deriveToken('proposal', proposal.id)
}

function appUrl(): string {
  return config().appUrl.replace(/\/$/, '')
}

/** The proposer's page: /proposals/<token> (Swedish) or /en/proposals/<token>. */
export function proposalUrl(token: string, locale: Locale): string {
  return `${appUrl()}${localePath(locale, `/proposals/${token}`)}`
}

/** A console page as an absolute link for mail, in the member's language. */
export function consoleUrl(path: string, locale: Locale): string {
  return `${appUrl()}${path}${locale === 'en' ? (path.includes('?') ? '&lang=en' : '?lang=en') : ''}`
}

/** What the public form sends, checked (the format and length against the call in submitProposal). */
export const ProposalSchema = z.object({
  title: z.string().trim().min(1).max(PROPOSAL_LIMITS.title),
  abstract: z.string().trim().min(1).max(PROPOSAL_LIMITS.abstract),
  format: z.enum(PROPOSAL_FORMATS),
  length: z.coerce.number().int().min(5).max(480),
  name: z.string().trim().min(1).max(PROPOSAL_LIMITS.name),
  email: z.string().trim().max(254).pipe(z.email()),
  speakerTitle: z.string().trim().max(PROPOSAL_LIMITS.speakerTitle).default(''),
  affiliation: z.string().trim().max(PROPOSAL_LIMITS.affiliation).default(''),
  bio: z.string().trim().max(PROPOSAL_LIMITS.bio).default(''),
  /** Sending is the acceptance of the notice version the form showed (ADR 0032); an older form's `consent=yes` is ignored. */
  privacyVersion: z
    .string()
    .optional()
    .transform((value) => readPostedPrivacyVersion(value)),
})
export type ProposalInput = z.output<typeof ProposalSchema>

const PUBLIC_STATUSES = ['published', 'cancelled', 'postponed'] as const

async function loadCall(slug: string) {
  const event = await db.event.findFirst({
    where: { slug, status: { in: [...PUBLIC_STATUSES] } },
    select: {
      id: true,
      slug: true,
      status: true,
      titleSv: true,
      titleEn: true,
      startsAt: true,
      endsAt: true,
      proposalCall: true,
      organizationId: true,
      organization: { select: { slug: true, name: true } },
    },
  })
  if (!event?.proposalCall) return null
  return { event, call: event.proposalCall }
}

export type PublicCall = {
  slug: string
  titleSv: string
  titleEn: string
  startsAt: Date
  endsAt: Date
  state: CallState
  closesAt: Date | null
  introSv: string
  introEn: string
  formats: ProposalFormat[]
  lengths: number[]
  privacy: PrivacyLink
}

/**
 * The call of a public event as the propose page shows it; NotFoundError when the event is not
 * public or never had a call. A cancelled or postponed event's call reads as closed. Reads only.
 */
export async function getPublicCall(input: { slug: string } & Clock): Promise<PublicCall> {
  const found = await loadCall(input.slug)
  if (!found) throw new NotFoundError('proposals.public.notFound')
  const { event, call } = found
  return {
    slug: event.slug,
    titleSv: event.titleSv,
    titleEn: event.titleEn,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    state: event.status === 'published' ? callState(call, input.now) : 'closed',
    closesAt: call.closesAt,
    introSv: call.introSv,
    introEn: call.introEn,
    formats: call.formats.filter((format): format is ProposalFormat => (PROPOSAL_FORMATS as readonly string[]).includes(format)),
    lengths: [...call.lengths].sort((a, b) => a - b),
    privacy: {
      organizationSlug: event.organization.slug,
      organizationName: event.organization.name,
      version: await currentPrivacyVersion(db, event.organizationId),
    },
  }
}

const openCalls = new PublicCache<{ closesAt: Date } | null>(5_000, 2_000)

/** For the event page's "Submit a proposal" link: the deadline of an open call, or null. Cached a few seconds like the page. */
export function findOpenCall(slug: string, now = new Date()): Promise<{ closesAt: Date } | null> {
  return openCalls.get(slug, async () => {
    const found = await loadCall(slug)
    if (!found || found.event.status !== 'published' || callState(found.call, now) !== 'open') return null
    return { closesAt: found.call.closesAt! }
  })
}

type EventFacts = { id: string; organizationId: string; titleSv: string; titleEn: string; organization: { slug: string } }

/**
 * Tells the organization's organizers and owners about a new proposal at once ('proposal-new', a
 * notification), through the speakers' answers choice (Membership.speakerAnswerMail): 'off' gets
 * nothing, 'immediate' and 'daily' get it at once (proposals are not in the daily digest). Returns how many.
 */
async function notifyOrganizers(tx: Tx, event: EventFacts, proposal: { id: string; title: string; name: string }) {
  const members = await tx.membership.findMany({
    where: { organizationId: event.organizationId, role: { in: ['owner', 'organizer'] }, speakerAnswerMail: { not: 'off' } },
    include: { person: { select: { id: true, email: true, locale: true } } },
    orderBy: { createdAt: 'asc' },
  })
  const path = `/organizer/${event.organization.slug}/events/${event.id}/proposals`
  for (const { person } of members) {
    await enqueueMail(tx, {
      template: 'proposal-new',
      to: person.email,
      locale: person.locale,
      organizationId: event.organizationId,
      eventId: event.id,
      dedupKey: `proposal-new:${proposal.id}:${person.id}`,
      payload: {
        eventTitle: pick(event, 'title', person.locale),
        proposalTitle: proposal.title,
        proposerName: proposal.name,
        url: consoleUrl(`${path}?id=${proposal.id}`, person.locale),
        settingsUrl: `${consoleUrl(`/organizer/${event.organization.slug}/members`, person.locale)}#notifications`,
      },
    })
  }
  return members.length
}

/** The four mails to the proposer, in the language they wrote in. */
export type ProposerMail = 'proposal-received' | 'proposal-accepted' | 'proposal-declined' | 'proposal-withdrawn'

export async function mailProposer(
  tx: Tx,
  template: ProposerMail,
  proposal: { id: string; email: string; name: string; title: string; locale: Locale; decisionMessage?: string | null },
  event: EventFacts,
) {
  const locale = proposal.locale
  const withLink = template === 'proposal-received' || template === 'proposal-accepted'
  await enqueueMail(tx, {
    template,
    to: proposal.email,
    locale,
    organizationId: event.organizationId,
    eventId: event.id,
    dedupKey: `${template}:${proposal.id}`,
    payload: {
      proposerName: proposal.name,
      eventTitle: pick(event, 'title', locale),
      proposalTitle: proposal.title,
      ...(withLink ? { url: proposalUrl(proposalToken(proposal), locale) } : {}),
      ...(template === 'proposal-accepted' ? { speakerUrl: `${appUrl()}/speaker${locale === 'en' ? '?lang=en' : ''}` } : {}),
      ...(proposal.decisionMessage && (template === 'proposal-accepted' || template === 'proposal-declined') ? { message: proposal.decisionMessage } : {}),
    },
  } as EnqueueMailInput)
}

/**
 * Anyone, while the call is open. Saves the proposal, mails the proposer their page
 * ('proposal-received') and tells the organizers ('proposal-new'), with an audit entry, in one
 * transaction. Throws NotFoundError for an event that is not public or has no call, 409
 * 'proposals.error.closed' once the call is closed or its deadline passed (or the event is
 * cancelled), 400 on the field for a format or length the call does not offer. Not idempotent:
 * sending twice makes two proposals (the routes rate-limit it).
 */
export async function submitProposal(input: { slug: string; locale: Locale; proposal: ProposalInput } & Clock) {
  const now = input.now ?? new Date()
  const proposal = input.proposal
  const result = await db.$transaction(async (tx) => {
    const event = await tx.event.findFirst({
      where: { slug: input.slug, status: { in: [...PUBLIC_STATUSES] } },
      include: { proposalCall: true, organization: { select: { slug: true } } },
    })
    if (!event?.proposalCall) throw new NotFoundError('proposals.public.notFound')
    const call = event.proposalCall
    if (event.status !== 'published' || callState(call, now) !== 'open') throw new DomainError('proposals.error.closed', 409)
    if (!call.formats.includes(proposal.format)) throw new DomainError('proposals.error.format', 400, {}, 'format')
    if (!call.lengths.includes(proposal.length)) throw new DomainError('proposals.error.length', 400, {}, 'length')
    const privacyVersion = await acceptedPrivacyVersion(tx, event.organizationId, proposal.privacyVersion)
    // The token is derived from the id, so the id is chosen before the row exists.
    const id = randomUUID()
    const created = await tx.proposal.create({
      data: {
        id,
        eventId: event.id,
        title: proposal.title,
        abstract: proposal.abstract,
        format: proposal.format,
        lengthMinutes: proposal.length,
        name: proposal.name,
        email: proposal.email.trim(),
        speakerTitle: proposal.speakerTitle,
        affiliation: proposal.affiliation,
        bio: proposal.bio,
        locale: input.locale,
        tokenHash: hashToken(proposalToken({ id })),
        privacyVersion,
        privacyAcceptedAt: now,
        createdAt: now,
      },
    })
    await mailProposer(tx, 'proposal-received', created, event)
    await notifyOrganizers(tx, event, created)
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: null,
      action: 'proposal.submitted',
      entityType: 'proposal',
      entityId: id,
      data: { eventId: event.id, format: proposal.format, length: proposal.length, email: normalizeEmail(proposal.email) },
    })
    return { id, token: proposalToken({ id }) }
  })
  wakeMailWorker()
  return result
}

/** What the proposer wrote and where it stands: the part of a proposal both their page and the console show. */
export function proposalFacts(proposal: Proposal) {
  return {
    status: proposal.status,
    title: proposal.title,
    abstract: proposal.abstract,
    format: proposal.format,
    lengthMinutes: proposal.lengthMinutes,
    name: proposal.name,
    email: proposal.email,
    speakerTitle: proposal.speakerTitle,
    affiliation: proposal.affiliation,
    bio: proposal.bio,
    locale: proposal.locale,
    submittedAt: proposal.createdAt,
    decidedAt: proposal.decidedAt,
  }
}

export type ProposerView = NonNullable<Awaited<ReturnType<typeof findProposalByToken>>>

/** What the proposer's page shows (never ratings or comments); null for an unknown or malformed token. Reads only. */
export async function findProposalByToken(input: { token: string }) {
  if (!isTokenShaped(input.token)) return null
  const proposal = await db.proposal.findUnique({
    where: { tokenHash: hashToken(input.token) },
    include: { event: { select: { slug: true, titleSv: true, titleEn: true, startsAt: true, endsAt: true, organization: { select: { name: true } } } } },
  })
  if (!proposal) return null
  return {
    ...proposalFacts(proposal),
    withdrawnAt: proposal.withdrawnAt,
    // The organizer's message is for the proposer; internal comments never leave the console.
    decisionMessage: proposal.status === 'accepted' || proposal.status === 'declined' ? proposal.decisionMessage : null,
    event: {
      slug: proposal.event.slug,
      titleSv: proposal.event.titleSv,
      titleEn: proposal.event.titleEn,
      startsAt: proposal.event.startsAt,
      endsAt: proposal.event.endsAt,
      organizationName: proposal.event.organization.name,
    },
  }
}

/** The error for a move the state machine does not have, from `status`. */
export function movedError(status: ProposalStatus): DomainError {
  return new DomainError(`proposals.error.already.${status}`, 409)
}

/**
 * The proposer takes a submitted proposal back (the confirmed POST on their page) and gets a
 * confirmation ('proposal-withdrawn'). Safe to repeat. Throws NotFoundError for an unknown token
 * and 409 once the organizers accepted or declined it.
 */
export async function withdrawProposal(input: { token: string } & Clock) {
  const now = input.now ?? new Date()
  if (!isTokenShaped(input.token)) throw new NotFoundError('proposals.page.notFound')
  const result = await db.$transaction(async (tx) => {
    // Locked: a withdrawal and an organizer's decision at the same instant are served one after the other.
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM proposals WHERE token_hash = ${hashToken(input.token)} FOR UPDATE`
    if (rows.length === 0) throw new NotFoundError('proposals.page.notFound')
    const proposal = await tx.proposal.findUniqueOrThrow({
      where: { id: rows[0].id },
      include: { event: { select: { id: true, organizationId: true, titleSv: true, titleEn: true, organization: { select: { slug: true } } } } },
    })
    if (proposal.status === 'withdrawn') return { alreadyWithdrawn: true }
    if (proposal.status !== 'submitted') throw movedError(proposal.status)
    await tx.proposal.update({ where: { id: proposal.id }, data: { status: 'withdrawn', withdrawnAt: now } })
    await mailProposer(tx, 'proposal-withdrawn', proposal, proposal.event)
    await recordAudit(tx, {
      organizationId: proposal.event.organizationId,
      actorId: null,
      action: 'proposal.withdrawn',
      entityType: 'proposal',
      entityId: proposal.id,
      data: { eventId: proposal.event.id },
    })
    return { alreadyWithdrawn: false }
  })
  if (!result.alreadyWithdrawn) wakeMailWorker()
  return result
}
