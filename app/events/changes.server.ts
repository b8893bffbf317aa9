import type { EventChangeKind } from '../../emails/event-changed.tsx'
import { recordAudit } from '../audit/audit.server.ts'
import { calendarInviteFor } from '../calendar/invite.server.ts'
import { db, type Tx } from '../db/client.server.ts'
import type { Event, Registration } from '../generated/prisma/client.ts'
import { enqueueMails, type EnqueueMailInput } from '../mail/outbox.server.ts'
import { attendeeMailFacts } from '../registrations/mail.server.ts'
import { isEntitledToStream } from '../registrations/stream-link.server.ts'
import { manageToken, manageUrl } from '../registrations/tokens.server.ts'

/**
 * The change → notify path (issue 8, §5): every change attendees notice passes through
 * recordEventChange, inside the transaction that makes it, with the event row locked. It bumps the
 * revision (the iCalendar SEQUENCE, so calendar programs replace their copy), writes an audit entry
 * and queues ONE mail per affected registrant with the updated invitation. A rolled-back edit
 * therefore mails nobody, and a committed one cannot forget anyone.
 *
 * Who is affected: the event's confirmed and waitlisted registrations (not cancelled ones, not
 * interest-only ones). A stream-link change reaches only people entitled to the link. Time, place
 * and stream changes of an event that is not published (a draft, or one already cancelled or
 * postponed) mail nobody: the reinstating mail later carries the time and place that apply.
 */

/** What attendees notice. Used to decide whether the revision (iCalendar SEQUENCE) changes. */
export const ATTENDEE_VISIBLE_FIELDS = ['startsAt', 'endsAt', 'format', 'venueName', 'venueAddress', 'postalCode', 'city', 'county', 'onlineUrl'] as const

export type AttendeeVisibleField = (typeof ATTENDEE_VISIBLE_FIELDS)[number]

export type EventChange =
  { kind: 'details'; fields: readonly string[] } | { kind: 'cancelled'; reason: string } | { kind: 'postponed'; note: string | null } | { kind: 'reinstated' }

const KIND_OF_FIELD: Record<AttendeeVisibleField, EventChangeKind> = {
  startsAt: 'time',
  endsAt: 'time',
  format: 'place',
  venueName: 'place',
  venueAddress: 'place',
  postalCode: 'place',
  city: 'place',
  county: 'place',
  onlineUrl: 'stream',
}

/** The change kinds an edit of these fields makes, in the vocabulary's order; [] for text-only edits. */
export function changeKindsOf(fields: readonly string[]): EventChangeKind[] {
  const kinds = new Set(fields.filter((field): field is AttendeeVisibleField => field in KIND_OF_FIELD).map((field) => KIND_OF_FIELD[field]))
  return (['time', 'place', 'stream'] as const).filter((kind) => kinds.has(kind))
}

const AFFECTED_STATUSES = ['confirmed', 'waitlisted'] as const

/**
 * How many people a change of this event would mail now: its confirmed and waitlisted
 * registrations. The console shows it next to the save, cancel and postpone buttons, before saving.
 * (A stream-link change alone reaches fewer: only those entitled to the link.)
 */
export async function countAffectedRegistrants(eventId: string): Promise<number> {
  return db.registration.count({ where: { eventId, status: { in: [...AFFECTED_STATUSES] }, anonymizedAt: null } })
}

export type RecordedChange = { revision: number; kinds: EventChangeKind[]; mailed: number }

/**
 * Records an attendee-visible change; call it inside the transaction that makes it, AFTER the event
 * row was updated (the mail and invitation carry the new facts) and with the row locked (lockEvent).
 * Bumps the revision, queues the mail (see the module comment) and writes 'event.attendeesNotified'
 * with the number mailed. Each mail's dedupKey names the registration and the new revision, so
 * repeating a call for the same revision cannot mail anyone twice.
 */
export async function recordEventChange(tx: Tx, input: { event: Pick<Event, 'id'>; change: EventChange; actorId?: string | null }): Promise<RecordedChange> {
  const event = await tx.event.update({
    where: { id: input.event.id },
    data: { revision: { increment: 1 } },
    include: { organization: true },
  })
  const kinds = mailedKinds(event, input.change)
  if (kinds.length === 0) return { revision: event.revision, kinds, mailed: 0 }

  const registrations = await tx.registration.findMany({
    where: { eventId: event.id, status: { in: [...AFFECTED_STATUSES] }, anonymizedAt: null },
    orderBy: { createdAt: 'asc' },
  })
  const mails: EnqueueMailInput[] = []
  for (const registration of registrations) {
    const changes = kinds.filter((kind) => kind !== 'stream' || isEntitledToStream(event, registration))
    if (changes.length === 0) continue
    const reason = input.change.kind === 'cancelled' ? input.change.reason : input.change.kind === 'postponed' ? input.change.note : null
    mails.push({
      template: 'event-changed',
      to: registration.email,
      locale: registration.locale,
      payload: {
        ...attendeeMailFacts({ event, registration }),
        changes,
        ...(reason ? { reason } : {}),
        registrationStatus: registration.status as (typeof AFFECTED_STATUSES)[number],
        manageUrl: manageUrl(manageToken(registration), registration.locale),
        // The link itself travels only when it changed (otherwise it comes with the reminder).
        ...(changes.includes('stream') ? { streamUrl: event.onlineUrl! } : {}),
        ...(hasInvite(registration, changes) ? { invite: invite(event, registration, changes) } : {}),
      },
      organizationId: event.organizationId,
      eventId: event.id,
      registrationId: registration.id,
      dedupKey: `event-changed:${registration.id}:${event.revision}`,
    })
  }
  // One INSERT per 500 mails: a big conference's edit stays a short transaction.
  const mailed = await enqueueMails(tx, mails)
  if (mailed > 0) {
    await recordAudit(tx, {
      organizationId: event.organizationId,
      actorId: input.actorId ?? null,
      action: 'event.attendeesNotified',
      entityType: 'event',
      entityId: event.id,
      data: { changes: kinds, revision: event.revision, mailed },
    })
  }
  return { revision: event.revision, kinds, mailed }
}

/** The kinds this change mails about: none for text-only edits or for events nobody expects now. */
function mailedKinds(event: Pick<Event, 'status'>, change: EventChange): EventChangeKind[] {
  if (change.kind !== 'details') return [change.kind]
  return event.status === 'published' ? changeKindsOf(change.fields) : []
}

/**
 * A confirmed place has (or may have) the event in its calendar, so it gets the updated invitation;
 * the waitlist does not. A stream-link change alone changes nothing in the calendar entry (the link
 * is never in it).
 */
function hasInvite(registration: Pick<Registration, 'status'>, changes: EventChangeKind[]): boolean {
  return registration.status === 'confirmed' && changes.some((kind) => kind !== 'stream')
}

/**
 * REQUEST carries the new revision. calendarInviteFor gives a CANCEL revision + 1 (made for a person
 * leaving an unchanged event); here the cancellation already bumped the revision, so it gets the
 * revision before, and the CANCEL's SEQUENCE is the event's new revision: a later reinstatement
 * (one more bump) then outranks the CANCEL in every calendar program.
 */
function invite(event: Parameters<typeof calendarInviteFor>[0]['event'], registration: Registration, changes: EventChangeKind[]) {
  const isCancel = changes.includes('cancelled')
  return calendarInviteFor({
    event: isCancel ? { ...event, revision: event.revision - 1 } : event,
    registration,
    method: isCancel ? 'CANCEL' : 'REQUEST',
    locale: registration.locale,
  })
}
