import { offerNewSeriesPart } from '../registrations/series-offers.server.ts'
import { z } from 'zod'
import { recordAudit } from '../audit/audit.server.ts'
import { DomainError } from '../errors.server.ts'
import type { Event } from '../generated/prisma/client.ts'
import type { Access } from '../organizations/access.server.ts'
import { notifyInterestedPeople } from '../registrations/interest.server.ts'
import { recordEventChange } from './changes.server.ts'
import { begin } from './editing.server.ts'

/**
 * Publishing, unpublishing, cancelling and postponing an event. Each runs in one transaction with
 * the event row locked and writes an audit entry. Cancelling and postponing (and bringing a
 * cancelled or postponed event back) are attendee-visible and bump the revision; publishing a draft
 * does not (nobody has it in a calendar yet). Those changes go through recordEventChange, which mails
 * every registrant in the same transaction (CANCEL with the reason, postponed with the note,
 * reinstated with the time and place). Repeating a call that changes nothing is a no-op.
 */

export const CancelSchema = z.object({ reason: z.string().trim().min(1).max(2000) })
export const PostponeSchema = z.object({ note: z.string().trim().max(2000).default('') })

type StatusInput = { access: Access; eventId: string }

/** A draft has never been public: there is nothing to cancel or postpone and nobody to tell (the console offers only "Publicera"). */
function refuseDraft(event: Event) {
  if (event.status === 'draft') throw new DomainError('error.draftNotCancellable', 409)
}

/** Makes the event public (status published, publishedAt set the first time). */
export async function publishEvent(input: StatusInput): Promise<Event> {
  return begin(input, async (tx, event) => {
    if (event.status === 'published') return event
    await tx.event.update({
      where: { id: event.id },
      data: { status: 'published', publishedAt: event.publishedAt ?? new Date(), cancellationReason: null },
    })
    if (event.status === 'cancelled' || event.status === 'postponed')
      await recordEventChange(tx, { event, change: { kind: 'reinstated' }, actorId: input.access.personId })
    await notifyInterestedPeople(tx, { eventId: event.id })
    await offerNewSeriesPart(tx, { ...event, status: 'published' })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.published',
      entityType: 'event',
      entityId: event.id,
      data: { from: event.status },
    })
    return tx.event.findUniqueOrThrow({ where: { id: event.id } })
  })
}

/** Takes the event off the public pages: back to draft. */
export async function unpublishEvent(input: StatusInput): Promise<Event> {
  return begin(input, async (tx, event) => {
    if (event.status === 'draft') return event
    await tx.event.update({ where: { id: event.id }, data: { status: 'draft', cancellationReason: null } })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.unpublished',
      entityType: 'event',
      entityId: event.id,
      data: { from: event.status },
    })
    return tx.event.findUniqueOrThrow({ where: { id: event.id } })
  })
}

/** Cancels the event; its page stays, showing the reason. Bumps the revision. A draft is a 409. */
export async function cancelEvent(input: StatusInput & { reason: string }): Promise<Event> {
  return begin(input, async (tx, event) => {
    refuseDraft(event)
    const { reason } = CancelSchema.parse({ reason: input.reason })
    if (event.status === 'cancelled' && event.cancellationReason === reason) return event
    await tx.event.update({ where: { id: event.id }, data: { status: 'cancelled', cancellationReason: reason } })
    if (event.status !== 'cancelled') await recordEventChange(tx, { event, change: { kind: 'cancelled', reason }, actorId: input.access.personId })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.cancelled',
      entityType: 'event',
      entityId: event.id,
      data: { from: event.status, reason },
    })
    return tx.event.findUniqueOrThrow({ where: { id: event.id } })
  })
}

/**
 * Postpones the event (a new date is not known yet). The optional note is kept in
 * `cancellationReason`, the event's one "why is this not happening as planned" text.
 */
export async function postponeEvent(input: StatusInput & { note: string }): Promise<Event> {
  return begin(input, async (tx, event) => {
    refuseDraft(event)
    const { note } = PostponeSchema.parse({ note: input.note })
    if (event.status === 'postponed' && (event.cancellationReason ?? '') === note) return event
    await tx.event.update({ where: { id: event.id }, data: { status: 'postponed', cancellationReason: note || null } })
    if (event.status !== 'postponed') await recordEventChange(tx, { event, change: { kind: 'postponed', note: note || null }, actorId: input.access.personId })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.postponed',
      entityType: 'event',
      entityId: event.id,
      data: { from: event.status, note },
    })
    return tx.event.findUniqueOrThrow({ where: { id: event.id } })
  })
}
