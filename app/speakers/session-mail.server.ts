import type { CalendarInvite } from '../../emails/schemas.ts'
import { itemCalendarEntry } from '../calendar/entries.server.ts'
import { addressOf, usableEmail } from '../calendar/invite.server.ts'
import type { Tx } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { localePath, pick, type Locale } from '../i18n/index.ts'
import { enqueueMail } from '../mail/outbox.server.ts'

/**
 * The calendar mail a speaker gets about their sessions (issue 10 §3, ADR 0020 "Reminders, expiry,
 * digests and calendar mail"): on accepting, a 'speaker-confirmed' with METHOD:REQUEST and one
 * VEVENT per programme item; when an organizer moves an item (time or room) an updated REQUEST;
 * when the item is deleted or the speaker taken off it a METHOD:CANCEL. Each VEVENT has the item's
 * UID from app/calendar (the one in the event's `?programme=1` feed and the speaker's own feed), so
 * the calendar program updates the entry it has instead of adding a second. SEQUENCE is the feed's
 * (item revision + event revision), + 1 for a CANCEL, as for registrations (inviteSequence).
 *
 * Who counts as "a speaker of the item": someone who accepted an invitation covering it, or whose
 * proposal became it, and still has a programme role on it. Speakers an organizer put on the programme by hand have no invitation
 * and often no address; they get nothing. Drafts are mailed too: speakers are asked before an event
 * is published, and need to know about a move just as much. Every call runs inside the caller's
 * transaction and every mail has a dedupKey with the SEQUENCE, so a retried transaction or a repeated
 * save never mails twice while a second move is news again.
 */

type SessionSpeaker = { invitationId: string; speakerId: string; name: string; email: string; locale: Locale }

function appUrl(): string {
  return config().appUrl.replace(/\/$/, '')
}

/** The speaker's own pages: /speaker or /en/speaker. */
export function speakerPagesUrl(locale: Locale): string {
  return `${appUrl()}${localePath(locale, '/speaker')}`
}

/** The accepted speakers of an item (one per speaker profile: the latest accepted invitation's address and language). */
export async function sessionSpeakers(tx: Tx, itemId: string): Promise<SessionSpeaker[]> {
  const invitations = await tx.speakerInvitation.findMany({
    where: { status: 'accepted', items: { some: { itemId } }, speaker: { roles: { some: { itemId } } } },
    select: { id: true, speakerId: true, name: true, email: true, locale: true },
    orderBy: [{ respondedAt: 'desc' }, { id: 'asc' }],
  })
  const bySpeaker = new Map<string, SessionSpeaker>()
  for (const invitation of invitations) {
    if (!invitation.speakerId || bySpeaker.has(invitation.speakerId)) continue
    const { id, speakerId, name, email, locale } = invitation
    bySpeaker.set(speakerId, { invitationId: id, speakerId, name, email, locale })
  }
  // An accepted proposal (app/proposals/, ADR 0022) makes the proposer a speaker of its item just as an accepted invitation does.
  const proposals = await tx.proposal.findMany({
    where: { status: 'accepted', itemId, speaker: { roles: { some: { itemId } } } },
    select: { id: true, speakerId: true, name: true, email: true, locale: true },
    orderBy: [{ decidedAt: 'desc' }, { id: 'asc' }],
  })
  for (const { id, speakerId, name, email, locale } of proposals) {
    if (speakerId && !bySpeaker.has(speakerId)) bySpeaker.set(speakerId, { invitationId: `proposal-${id}`, speakerId, name, email, locale })
  }
  return [...bySpeaker.values()]
}

async function loadItem(tx: Tx, itemId: string) {
  return tx.programmeItem.findUniqueOrThrow({
    where: { id: itemId },
    include: { room: { select: { name: true } }, event: { include: { organization: { select: { name: true, contactEmail: true } } } } },
  })
}

type LoadedItem = Awaited<ReturnType<typeof loadItem>>

/** The item as the speaker's mail shows it and as its VEVENT, in the speaker's language. */
function sessionFacts(item: LoadedItem, speaker: Pick<SessionSpeaker, 'name' | 'email' | 'locale'>, method: CalendarInvite['method']) {
  const { event } = item
  const entry = itemCalendarEntry({ ...item, room: item.room?.name ?? null }, event, speaker.locale)
  const invite: CalendarInvite = {
    method,
    uid: entry.uid,
    sequence: entry.sequence + (method === 'CANCEL' ? 1 : 0),
    startsAt: entry.startsAt.toISOString(),
    endsAt: entry.endsAt.toISOString(),
    summary: entry.summary.slice(0, 300),
    location: entry.location.slice(0, 500),
    description: entry.description.slice(0, 4000),
    url: entry.url,
    organizerName: event.organization.name,
    organizerEmail: usableEmail(event.organization.contactEmail) ?? addressOf(config().mailFrom),
    attendeeName: speaker.name.slice(0, 300),
    attendeeEmail: speaker.email,
    updatedAt: entry.updatedAt.toISOString(),
  }
  const session = { title: pick(item, 'title', speaker.locale).slice(0, 300), startsAt: item.startsAt, endsAt: item.endsAt, place: invite.location }
  return { invite, session }
}

async function mailChange(tx: Tx, item: LoadedItem, speaker: SessionSpeaker, change: 'moved' | 'cancelled' | 'removed') {
  const method = change === 'moved' ? 'REQUEST' : 'CANCEL'
  const { invite, session } = sessionFacts(item, speaker, method)
  const replyTo = usableEmail(item.event.organization.contactEmail)
  await enqueueMail(tx, {
    template: 'speaker-session-changed',
    to: speaker.email,
    locale: speaker.locale,
    organizationId: item.event.organizationId,
    eventId: item.event.id,
    dedupKey: `speaker-session:${item.id}:${speaker.invitationId}:${method}:${invite.sequence}`,
    payload: {
      speakerName: speaker.name,
      eventTitle: pick(item.event, 'title', speaker.locale),
      change,
      session,
      speakerUrl: speakerPagesUrl(speaker.locale),
      invite,
      ...(replyTo ? { replyTo } : {}),
    },
  })
}

/**
 * Call inside acceptInvitation's transaction, after the programme roles are written: queues the
 * speaker's 'speaker-confirmed' (what, when, where, role, the /speaker link) with a REQUEST for
 * every item the invitation covers (none for an invitation to the event as a whole). Once per
 * invitation (dedupKey).
 */
export async function mailAcceptance(tx: Tx, input: { invitationId: string }): Promise<void> {
  const invitation = await tx.speakerInvitation.findUniqueOrThrow({
    where: { id: input.invitationId },
    include: { items: { select: { itemId: true } }, event: { include: { organization: { select: { name: true, contactEmail: true } } } } },
  })
  const items = await Promise.all(invitation.items.map(({ itemId }) => loadItem(tx, itemId)))
  items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id))
  const facts = items.slice(0, 50).map((item) => sessionFacts(item, invitation, 'REQUEST'))
  const replyTo = usableEmail(invitation.event.organization.contactEmail)
  await enqueueMail(tx, {
    template: 'speaker-confirmed',
    to: invitation.email,
    locale: invitation.locale,
    organizationId: invitation.event.organizationId,
    eventId: invitation.event.id,
    dedupKey: `speaker-confirmed:${invitation.id}`,
    payload: {
      speakerName: invitation.name,
      organizationName: invitation.event.organization.name,
      eventTitle: pick(invitation.event, 'title', invitation.locale),
      role: invitation.role,
      sessions: facts.map((fact) => fact.session),
      speakerUrl: speakerPagesUrl(invitation.locale),
      ...(facts.length ? { invite: facts.map((fact) => fact.invite) } : {}),
      ...(replyTo ? { replyTo } : {}),
    },
  })
}

/**
 * Call inside saveProgrammeItem's transaction after the item and its roles are written, with the
 * item as it was (`before`, null for a new item) and its accepted speakers before the save
 * (sessionSpeakers). A move (time or room, which bumps the revision) sends the remaining speakers an
 * updated REQUEST; a speaker taken off the item gets a CANCEL. A save that changes neither mails nobody.
 */
export async function mailSessionChanges(
  tx: Tx,
  input: { itemId: string; before: { startsAt: Date; endsAt: Date; roomId: string | null } | null; speakersBefore: SessionSpeaker[] },
): Promise<void> {
  const { before } = input
  if (!before || input.speakersBefore.length === 0) return
  const after = await sessionSpeakers(tx, input.itemId)
  const staying = new Set(after.map((speaker) => speaker.speakerId))
  const removed = input.speakersBefore.filter((speaker) => !staying.has(speaker.speakerId))
  const item = await loadItem(tx, input.itemId)
  const moved = before.startsAt.getTime() !== item.startsAt.getTime() || before.endsAt.getTime() !== item.endsAt.getTime() || before.roomId !== item.roomId
  if (moved) for (const speaker of after) await mailChange(tx, item, speaker, 'moved')
  for (const speaker of removed) await mailChange(tx, item, speaker, 'removed')
}

/** Call inside deleteProgrammeItem's transaction, before the item is deleted: a CANCEL to each of its accepted speakers. */
export async function mailSessionDeleted(tx: Tx, input: { itemId: string }): Promise<void> {
  const speakers = await sessionSpeakers(tx, input.itemId)
  if (speakers.length === 0) return
  const item = await loadItem(tx, input.itemId)
  for (const speaker of speakers) await mailChange(tx, item, speaker, 'cancelled')
}
