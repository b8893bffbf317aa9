import { recordAudit } from '../audit/audit.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import { DomainError, ForbiddenError, NotFoundError } from '../errors.server.ts'
import type { ProposalStatus } from '../generated/prisma/enums.ts'
import { wakeMailWorker } from '../mail/worker.server.ts'
import { canManageEvents, type Access } from '../organizations/access.server.ts'
import { speakerProfileFor } from '../speakers/profiles.server.ts'
import { PROPOSAL_FORMATS, PROPOSAL_LENGTHS, PROPOSAL_LIMITS, type ProposalFormat } from './call-options.ts'
import { callState, mailProposer, movedError, proposalFacts } from './proposals.server.ts'

/**
 * The organizers' side of the open call (docs/decisions/0022-open-call.md): the call's settings,
 * the list of proposals, ratings (1–5, one per organizer), internal comments (never shown to the
 * proposer) and the decision. Viewers read; organizers and owners change. Every change is audited.
 */

type Clock = { now?: Date }

async function findEvent(client: Tx | typeof db, access: Access, eventId: string) {
  const event = await client.event.findFirst({
    where: { id: eventId, organizationId: access.organization.id },
    select: { id: true, organizationId: true, titleSv: true, titleEn: true, startsAt: true, organization: { select: { slug: true } } },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  return event
}

function assertCanManage(access: Access) {
  if (!canManageEvents(access.role)) throw new ForbiddenError()
}

export type CallSettings = {
  isOpen: boolean
  closesAt: Date | null
  introSv: string
  introEn: string
  formats: ProposalFormat[]
  lengths: number[]
}

/** Viewers and up. The event's call settings (the defaults of a call never opened: off, talks of 30 minutes). */
export async function getCallSettings(input: { access: Access; eventId: string } & Clock) {
  const event = await findEvent(db, input.access, input.eventId)
  const call = await db.proposalCall.findUnique({ where: { eventId: event.id } })
  const settings: CallSettings = call
    ? {
        isOpen: call.isOpen,
        closesAt: call.closesAt,
        introSv: call.introSv,
        introEn: call.introEn,
        formats: call.formats.filter((format): format is ProposalFormat => (PROPOSAL_FORMATS as readonly string[]).includes(format)),
        lengths: call.lengths,
      }
    : { isOpen: false, closesAt: null, introSv: '', introEn: '', formats: ['talk'], lengths: [30] }
  return { ...settings, state: call ? callState(call, input.now) : ('closed' as const), exists: Boolean(call) }
}

/**
 * Organizers and owners. Opens, closes or changes the call. Opening needs a deadline in the future
 * (400 on 'closesAt'), at least one format ('formats') and one length ('lengths'). Safe to repeat.
 * The event page's link follows at once (proposal_calls is public data).
 */
export async function saveCallSettings(input: { access: Access; eventId: string; settings: CallSettings } & Clock) {
  assertCanManage(input.access)
  const now = input.now ?? new Date()
  const { settings } = input
  if (settings.formats.length === 0) throw new DomainError('proposals.console.formatsRequired', 400, {}, 'formats')
  if (settings.lengths.length === 0 || settings.lengths.some((length) => !(PROPOSAL_LENGTHS as readonly number[]).includes(length)))
    throw new DomainError('proposals.console.lengthsRequired', 400, {}, 'lengths')
  if (settings.isOpen && (!settings.closesAt || settings.closesAt.getTime() <= now.getTime()))
    throw new DomainError('proposals.console.deadlinePast', 400, {}, 'closesAt')
  const introSv = settings.introSv.trim().slice(0, PROPOSAL_LIMITS.intro)
  const introEn = settings.introEn.trim().slice(0, PROPOSAL_LIMITS.intro)
  await db.$transaction(async (tx) => {
    const event = await findEvent(tx, input.access, input.eventId)
    const data = {
      isOpen: settings.isOpen,
      closesAt: settings.closesAt,
      introSv,
      introEn,
      formats: [...new Set(settings.formats)],
      lengths: [...new Set(settings.lengths)].sort((a, b) => a - b),
    }
    await tx.proposalCall.upsert({ where: { eventId: event.id }, create: { eventId: event.id, ...data }, update: data })
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.access.personId,
      action: 'proposalCall.updated',
      entityType: 'event',
      entityId: event.id,
      data: { isOpen: data.isOpen, closesAt: data.closesAt?.toISOString() ?? null, formats: data.formats, lengths: data.lengths },
    })
  })
}

function average(scores: number[]): number | null {
  if (scores.length === 0) return null
  return Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 10) / 10
}

/** Viewers and up. The event's proposals, newest first, optionally of one status, with their average rating. */
export async function listProposals(input: { access: Access; eventId: string; status?: ProposalStatus }) {
  const event = await findEvent(db, input.access, input.eventId)
  const rows = await db.proposal.findMany({
    where: { eventId: event.id, ...(input.status ? { status: input.status } : {}) },
    orderBy: { createdAt: 'desc' },
    include: { ratings: { select: { score: true } } },
    take: 2000,
  })
  const counts = await db.proposal.groupBy({ by: ['status'], where: { eventId: event.id }, _count: { _all: true } })
  return {
    counts: Object.fromEntries(counts.map((row) => [row.status, row._count._all])) as Partial<Record<ProposalStatus, number>>,
    proposals: rows.map((row) => ({
      id: row.id,
      title: row.title,
      name: row.name,
      affiliation: row.affiliation,
      format: row.format,
      lengthMinutes: row.lengthMinutes,
      status: row.status,
      submittedAt: row.createdAt,
      average: average(row.ratings.map((rating) => rating.score)),
      ratings: row.ratings.length,
    })),
  }
}

/** Viewers and up. One proposal with every rating, the asker's own, the average and the internal comments; 404 for another event's. */
export async function getProposalForReview(input: { access: Access; eventId: string; proposalId: string }) {
  const event = await findEvent(db, input.access, input.eventId)
  const proposal = await db.proposal.findFirst({
    where: { id: input.proposalId, eventId: event.id },
    include: {
      ratings: { include: { person: { select: { name: true, email: true } } }, orderBy: { updatedAt: 'asc' } },
      comments: { include: { author: { select: { name: true, email: true } } }, orderBy: { createdAt: 'asc' } },
      item: { select: { id: true, startsAt: true, endsAt: true } },
    },
  })
  if (!proposal) throw new NotFoundError('proposals.console.notFound')
  const mine = proposal.ratings.find((rating) => rating.personId === input.access.personId)
  return {
    id: proposal.id,
    ...proposalFacts(proposal),
    decisionMessage: proposal.decisionMessage,
    item: proposal.item,
    average: average(proposal.ratings.map((rating) => rating.score)),
    myScore: mine?.score ?? null,
    ratings: proposal.ratings.map((rating) => ({ name: rating.person.name || rating.person.email, score: rating.score })),
    comments: proposal.comments.map((comment) => ({
      id: comment.id,
      author: comment.author ? comment.author.name || comment.author.email : null,
      body: comment.body,
      createdAt: comment.createdAt,
    })),
  }
}

/** The proposal of the event, locked for the rest of the transaction (two decisions at once are served one after the other). */
async function lockProposal(tx: Tx, access: Access, eventId: string, proposalId: string) {
  const event = await findEvent(tx, access, eventId)
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM proposals WHERE id = ${proposalId}::uuid AND event_id = ${event.id}::uuid FOR UPDATE`
  if (rows.length === 0) throw new NotFoundError('proposals.console.notFound')
  return { event, proposal: await tx.proposal.findUniqueOrThrow({ where: { id: rows[0].id } }) }
}

/** Organizers and owners. Sets the asker's rating (1–5; a second rating replaces the first). 400 on 'score' outside 1–5. */
export async function rateProposal(input: { access: Access; eventId: string; proposalId: string; score: number }) {
  assertCanManage(input.access)
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new DomainError('proposals.console.scoreRange', 400, {}, 'score')
  await db.$transaction(async (tx) => {
    const { event, proposal } = await lockProposal(tx, input.access, input.eventId, input.proposalId)
    const key = { proposalId: proposal.id, personId: input.access.personId }
    await tx.proposalRating.upsert({ where: { proposalId_personId: key }, create: { ...key, score: input.score }, update: { score: input.score } })
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.access.personId,
      action: 'proposal.rated',
      entityType: 'proposal',
      entityId: proposal.id,
      data: { score: input.score },
    })
  })
}

/** Organizers and owners. Adds an internal comment (organizers only ever see it). 400 on 'body' when empty. */
export async function commentOnProposal(input: { access: Access; eventId: string; proposalId: string; body: string }) {
  assertCanManage(input.access)
  const body = input.body.trim().slice(0, PROPOSAL_LIMITS.comment)
  if (!body) throw new DomainError('form.required', 400, {}, 'body')
  await db.$transaction(async (tx) => {
    const { event, proposal } = await lockProposal(tx, input.access, input.eventId, input.proposalId)
    const comment = await tx.proposalComment.create({ data: { proposalId: proposal.id, authorId: input.access.personId, body } })
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.access.personId,
      action: 'proposal.commented',
      entityType: 'proposal',
      entityId: proposal.id,
      data: { commentId: comment.id },
    })
  })
}

export type DecisionInput = { access: Access; eventId: string; proposalId: string; message?: string } & Clock

/**
 * Organizers and owners. Accepts a submitted proposal: a programme item of its format and length at
 * the event's start (title and abstract as written, in both languages; organizers then move it in
 * the programme editor), with the proposer as speaker through a profile linked to the Person of
 * their address (app/speakers/profiles.server.ts speakerProfileFor), and mails them
 * ('proposal-accepted', with the link to /speaker and the optional message). The proposal row is
 * locked, so two organizers accepting at once make one item; a second accept answers
 * `{ alreadyAccepted: true }` and changes nothing. 409 for a declined or withdrawn proposal.
 */
export async function acceptProposal(input: DecisionInput) {
  assertCanManage(input.access)
  const now = input.now ?? new Date()
  const result = await db.$transaction(async (tx) => {
    const { event, proposal } = await lockProposal(tx, input.access, input.eventId, input.proposalId)
    if (proposal.status === 'accepted') return { alreadyAccepted: true, itemId: proposal.itemId }
    if (proposal.status !== 'submitted') throw movedError(proposal.status)
    const message = input.message?.trim().slice(0, PROPOSAL_LIMITS.message) || null
    const item = await tx.programmeItem.create({
      data: {
        eventId: event.id,
        type: proposal.format,
        titleSv: proposal.title,
        titleEn: proposal.title,
        descriptionSv: proposal.abstract,
        descriptionEn: proposal.abstract,
        startsAt: event.startsAt,
        endsAt: new Date(event.startsAt.getTime() + proposal.lengthMinutes * 60_000),
      },
    })
    const { speakerId } = await speakerProfileFor(tx, {
      email: proposal.email,
      name: proposal.name,
      locale: proposal.locale,
      profile: { title: proposal.speakerTitle, affiliation: proposal.affiliation, bio: proposal.bio },
    })
    await tx.programmeRole.create({ data: { itemId: item.id, speakerId, role: 'speaker' } })
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { status: 'accepted', decidedAt: now, decidedById: input.access.personId, decisionMessage: message, itemId: item.id, speakerId },
    })
    await mailProposer(tx, 'proposal-accepted', { ...proposal, decisionMessage: message }, event)
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.access.personId,
      action: 'proposal.accepted',
      entityType: 'proposal',
      entityId: proposal.id,
      data: { eventId: event.id, itemId: item.id, hasMessage: message !== null },
    })
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.access.personId,
      action: 'programme.itemAdded',
      entityType: 'programmeItem',
      entityId: item.id,
      data: { eventId: event.id, titleSv: item.titleSv, fromProposal: proposal.id },
    })
    return { alreadyAccepted: false, itemId: item.id }
  })
  if (!result.alreadyAccepted) wakeMailWorker()
  return result
}

/**
 * Organizers and owners. Declines a submitted proposal and mails the proposer
 * ('proposal-declined', with the optional message). Safe to repeat (the first decision and its
 * message stay); 409 for an accepted or withdrawn proposal.
 */
export async function declineProposal(input: DecisionInput) {
  assertCanManage(input.access)
  const now = input.now ?? new Date()
  const result = await db.$transaction(async (tx) => {
    const { event, proposal } = await lockProposal(tx, input.access, input.eventId, input.proposalId)
    if (proposal.status === 'declined') return { alreadyDeclined: true }
    if (proposal.status !== 'submitted') throw movedError(proposal.status)
    const message = input.message?.trim().slice(0, PROPOSAL_LIMITS.message) || null
    await tx.proposal.update({
      where: { id: proposal.id },
      data: { status: 'declined', decidedAt: now, decidedById: input.access.personId, decisionMessage: message },
    })
    await mailProposer(tx, 'proposal-declined', { ...proposal, decisionMessage: message }, event)
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.access.personId,
      action: 'proposal.declined',
      entityType: 'proposal',
      entityId: proposal.id,
      data: { eventId: event.id, hasMessage: message !== null },
    })
    return { alreadyDeclined: false }
  })
  if (!result.alreadyDeclined) wakeMailWorker()
  return result
}
