import type { Tx } from '../db/client.server.ts'
import type { InvitationStatus, SpeakerRole } from '../generated/prisma/enums.ts'
import { hashToken } from '../registrations/tokens.server.ts'
import { invitationToken } from '../speakers/invitations.server.ts'
import { RE_ACT_SERIES } from './demo-webinars.ts'

/**
 * Speaker invitations for the demo, so the console's speakers page and the programme editor's
 * picker show every state: for each of the four conferences and Re-Act part 2, one accepted
 * invitation per speaker already on a session (their programme roles are the demo's own), and
 * made-up people (example.org) whose invitations are sent, viewed, declined (with a reason and
 * someone suggested), expired (answer-by before the demo's now) and revoked. Ids are fixed, tokens
 * derived from them as the real ones are (never printed), so a reload gives the same links.
 * Co-Days: the two Sopact speakers, invited to two sessions after the panel at SI Summit.
 */
const DAY_MS = 86_400_000

const EVENTS = [
  'co-days-social-innovation-varmland',
  'si-summit',
  'sormland-social-innovation-day',
  'social-innovation-i-norr',
  `${RE_ACT_SERIES}-del-2`,
] as const

/** Who Co-Days invited: heard at SI Summit, asked to tell more about Sopact's process in Karlstad. */
const CO_DAYS_INVITED = ['johan-nordqvist', 'elsa-berglund']
const CO_DAYS_MESSAGE =
  'Vi lyssnade på panelsamtalet på SI Summit i Malmö om det sista året av regeringens strategi för socialt företagande och social innovation. ' +
  'Vill ni komma till Karlstad och berätta mer om Sopacts behovsdrivna lärprocess? Vi har tänkt er i två programpunkter på torsdagen.'

const FIRST = ['Alva', 'Bertil', 'Cecilia', 'Dennis', 'Ebba', 'Folke', 'Greta', 'Hampus', 'Irma', 'Jonas', 'Klara', 'Ludvig', 'Majken', 'Noah', 'Olga']
const LAST = ['Ekholm', 'Lindroth', 'Sandell', 'Vikström', 'Hägg', 'Brandt', 'Åkerlund']

type MadeUp = { status: Exclude<InvitationStatus, 'accepted'>; role: SpeakerRole }
const MADE_UP: MadeUp[] = [
  { status: 'sent', role: 'panelist' },
  { status: 'viewed', role: 'speaker' },
  { status: 'declined', role: 'panelist' },
  { status: 'expired', role: 'speaker' },
  { status: 'revoked', role: 'moderator' },
]

/** 7b1c2d3e-1<event>0<n>-4a00-8000-00000000d<event><n>: fixed, so tokens stay the same across reloads. */
function demoId(event: number, n: number): string {
  const e = String(event).padStart(2, '0')
  const k = String(n).padStart(2, '0')
  return `7b1c2d3e-1${e.slice(1)}${k}-4a00-8000-0000000d${e}${k}`
}

function slugName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
}

/** Writes the invitations; returns how many. Needs the events, programme roles and memberships written first. */
export async function writeDemoInvitations(tx: Tx, now: Date): Promise<number> {
  let written = 0
  let person = 0
  for (const [eventIndex, slug] of EVENTS.entries()) {
    const event = await tx.event.findUnique({
      where: { slug },
      select: {
        id: true,
        organizationId: true,
        programmeItems: {
          orderBy: { startsAt: 'asc' },
          select: {
            id: true,
            type: true,
            speakers: { orderBy: { position: 'asc' }, select: { role: true, speaker: { select: { id: true, slug: true, name: true } } } },
          },
        },
      },
    })
    if (!event) continue
    const organizer = await tx.membership.findFirst({
      where: { organizationId: event.organizationId, role: { in: ['owner', 'organizer'] } },
      orderBy: { createdAt: 'asc' },
      select: { personId: true },
    })
    const withSpeakers = event.programmeItems.filter((item) => item.speakers.length)
    const invited =
      slug === EVENTS[0]
        ? CO_DAYS_INVITED
        : [(withSpeakers.find((item) => item.type === 'panel') ?? withSpeakers[0])?.speakers[0]?.speaker.slug].filter(Boolean)
    const base = {
      eventId: event.id,
      locale: 'sv' as const,
      invitedById: organizer?.personId ?? null,
    }
    let n = 0
    for (const speakerSlug of invited) {
      const items = event.programmeItems.filter((item) => item.speakers.some((role) => role.speaker.slug === speakerSlug)).slice(0, 2)
      const first = items[0]?.speakers.find((role) => role.speaker.slug === speakerSlug)
      if (!first) continue
      n += 1
      const id = demoId(eventIndex + 1, n)
      const sentAt = new Date(now.getTime() - 20 * DAY_MS)
      await tx.speakerInvitation.create({
        data: {
          ...base,
          id,
          speakerId: first.speaker.id,
          email: `${slugName(first.speaker.name)}@example.org`,
          name: first.speaker.name,
          role: first.role,
          message: slug === EVENTS[0] ? CO_DAYS_MESSAGE : 'Vi skulle gärna se dig i programmet. Säg till om tiden inte passar.',
          tokenHash: hashToken(invitationToken({ id })),
          status: 'accepted',
          expiresAt: new Date(sentAt.getTime() + 14 * DAY_MS),
          viewedAt: new Date(sentAt.getTime() + DAY_MS),
          respondedAt: new Date(sentAt.getTime() + 2 * DAY_MS),
          createdAt: sentAt,
          items: { create: items.map((item) => ({ itemId: item.id })) },
        },
      })
      written++
    }
    const target = event.programmeItems.find((item) => item.type === 'panel') ?? withSpeakers[0] ?? event.programmeItems[0]
    for (const [index, state] of MADE_UP.entries()) {
      const name = `${FIRST[person % FIRST.length]} ${LAST[(person + eventIndex) % LAST.length]}`
      person++
      n += 1
      const id = demoId(eventIndex + 1, n)
      const sentAt = new Date(now.getTime() - (10 + index) * DAY_MS)
      const answerBy = state.status === 'expired' ? new Date(now.getTime() - 2 * DAY_MS) : new Date(now.getTime() + 10 * DAY_MS)
      const suggested = `${FIRST[(person + 7) % FIRST.length]} ${LAST[(person + 3) % LAST.length]}`
      await tx.speakerInvitation.create({
        data: {
          ...base,
          id,
          email: `${slugName(name)}@example.org`,
          name,
          role: state.role,
          message: 'Vi bygger programmet just nu och tror att dina erfarenheter skulle passa bra.',
          tokenHash: hashToken(invitationToken({ id })),
          status: state.status,
          expiresAt: answerBy,
          createdAt: sentAt,
          viewedAt: ['viewed', 'declined'].includes(state.status) ? new Date(sentAt.getTime() + DAY_MS) : null,
          respondedAt: state.status === 'declined' ? new Date(sentAt.getTime() + 2 * DAY_MS) : null,
          declineReason: state.status === 'declined' ? 'Tyvärr krockar dagen med en resa jag redan har bokat.' : null,
          suggestedName: state.status === 'declined' ? suggested : null,
          suggestedEmail: state.status === 'declined' ? `${slugName(suggested)}@example.org` : null,
          expiredAt: state.status === 'expired' ? new Date(answerBy.getTime() + 3600_000) : null,
          revokedAt: state.status === 'revoked' ? new Date(sentAt.getTime() + 3 * DAY_MS) : null,
          items: target ? { create: [{ itemId: target.id }] } : undefined,
        },
      })
      written++
    }
  }
  return written
}
