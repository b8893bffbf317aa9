import { db } from '../db/client.server.ts'
import { NotFoundError } from '../errors.server.ts'
import type { SpeakerRole } from '../generated/prisma/enums.ts'
import { pick, type Locale } from '../i18n/index.ts'
import { effectiveStatus, type InvitationState } from '../speakers/invitations.server.ts'
import { listOrganizationSpeakers } from '../speakers/profiles.server.ts'
import type { Access } from '../organizations/access.server.ts'
import { matchesSpeakerQuery, normalizeSpeakerQuery } from './speaker-filter.ts'

export type SpeakerPickerRow = {
  id: string
  name: string
  /** Title and affiliation in the organizer's language: "Projektledare, Coompanion". */
  detail: string
  /** The item's current role for this person, or null when not chosen. */
  role: SpeakerRole | null
  /** The newest invitation to this event for the profile, as of now (null: never invited). */
  invitation: InvitationState | null
}

export type SpeakerPicker = { query: string; rows: SpeakerPickerRow[]; matches: number; total: number }

/**
 * The programme editor's speaker list: the organization's profiles with their invitation status for
 * this event, the item's chosen speakers first (always shown, so a filtered form never drops them),
 * then the others matching `query` by name. Another organization's event is a 404.
 */
export async function loadSpeakerPicker(input: {
  access: Access
  eventId: string
  query?: string | null
  chosen?: { speakerId: string; role: SpeakerRole }[]
  locale: Locale
  now?: Date
}): Promise<SpeakerPicker> {
  const organizationId = input.access.organization.id
  const event = await db.event.findFirst({ where: { id: input.eventId, organizationId }, select: { id: true } })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const query = normalizeSpeakerQuery(input.query)
  const [profiles, invitations] = await Promise.all([
    listOrganizationSpeakers(organizationId),
    db.speakerInvitation.findMany({
      where: { eventId: event.id, speakerId: { not: null } },
      orderBy: { createdAt: 'asc' },
      select: { speakerId: true, status: true, expiresAt: true },
    }),
  ])
  const latest = new Map(invitations.map((row) => [row.speakerId!, effectiveStatus(row, input.now)]))
  const chosen = new Map((input.chosen ?? []).map((choice) => [choice.speakerId, choice.role]))
  const all = profiles.map((profile) => {
    const title = pick(profile, 'title', input.locale)
    return {
      row: {
        id: profile.id,
        name: profile.name,
        detail: [title, profile.affiliation].filter((part) => part.trim()).join(', '),
        role: chosen.get(profile.id) ?? null,
        invitation: latest.get(profile.id) ?? null,
      },
      matches: matchesSpeakerQuery(query, { name: profile.name, title, affiliation: profile.affiliation }),
    }
  })
  const shown = all.filter((entry) => entry.row.role !== null || entry.matches)
  shown.sort((a, b) => Number(b.row.role !== null) - Number(a.row.role !== null))
  return { query, rows: shown.map((entry) => entry.row), matches: all.filter((entry) => entry.matches).length, total: all.length }
}
