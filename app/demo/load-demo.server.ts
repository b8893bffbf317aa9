import { demoPrivacyNotices } from './demo-privacy.ts'
import { db, type Tx } from '../db/client.server.ts'
import { writeDemoAttendance } from './demo-attendance.server.ts'
import { buildDemoContent, type DemoContent } from './demo-data.server.ts'
import { writeDemoInvitations } from './demo-invitations.server.ts'
import { writeDemoMaterials } from './demo-materials.server.ts'
import { writeDemoMailings } from './demo-mailings.server.ts'
import { writeDemoProposals } from './demo-proposals.server.ts'
import { writeDemoQuestions } from './demo-questions.server.ts'
import { writeDemoRegistrations } from './demo-registrations.server.ts'
import { writeDemoRetention } from './demo-retention.server.ts'
import { writeDemoStars } from './demo-stars.server.ts'

/** Any fixed number: the key of the advisory lock that lets only one process load the demo at a time. */
const DEMO_LOCK_KEY = 731_942_001

export type DemoCounts = {
  organizations: number
  people: number
  speakers: number
  series: number
  events: number
  programmeItems: number
  registrations: number
}

export type LoadDemoResult =
  { loaded: true; counts: DemoCounts } | { loaded: false; reason: 'not-empty'; existingOrganizations: number; existingEvents: number }

/**
 * Loads the demo conferences, webinars and series into an EMPTY database (no organizations and no
 * events) in one transaction, with dates relative to `now`. A database that holds an organization or
 * an event is left untouched and `loaded: false` is returned, so repeating the call is safe. Accounts
 * and speaker profiles that already exist (someone signed in first) are reused unchanged. Two processes starting
 * at once on one PostgreSQL server are serialised by a transaction-level advisory lock, so exactly
 * one loads and the other sees the data. `force` is what `npm run seed:demo` passes: it marks an
 * explicit request, and it never overrides the empty-database rule.
 */
export async function loadDemo(options: { now?: Date; force?: boolean } = {}): Promise<LoadDemoResult> {
  const content = buildDemoContent(options.now ?? new Date())
  return db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${DEMO_LOCK_KEY})`)
      const existingOrganizations = await tx.organization.count()
      const existingEvents = await tx.event.count()
      if (existingOrganizations > 0 || existingEvents > 0) {
        return { loaded: false as const, reason: 'not-empty' as const, existingOrganizations, existingEvents }
      }
      return { loaded: true as const, counts: await writeDemo(tx, content, options.now ?? new Date()) }
    },
    { timeout: 60_000, maxWait: 60_000 },
  )
}

/** Start-up hook: loads the demo if the database is empty. True when it did; false and no change otherwise. */
export async function loadDemoIfEmpty(options: { now?: Date } = {}): Promise<boolean> {
  const result = await loadDemo({ now: options.now })
  return result.loaded
}

async function writeDemo(tx: Tx, content: DemoContent, now: Date): Promise<DemoCounts> {
  const organizationIds = new Map<string, string>()
  for (const organization of content.organizations) {
    const created = await tx.organization.create({ data: organization, select: { id: true } })
    organizationIds.set(organization.slug, created.id)
    // The organization's trigger wrote version 1 of its privacy notice; the demo fills in its text.
    const notice = demoPrivacyNotices[organization.slug]
    if (notice) await tx.privacyNotice.update({ where: { organizationId_version: { organizationId: created.id, version: 1 } }, data: notice })
  }
  const organizationId = (slug: string) => organizationIds.get(slug)!

  // People and speaker profiles can exist before any organization (someone signed in first):
  // those rows are reused as they are, never changed.
  const personIds = new Map<string, string>()
  for (const person of content.people) {
    const existing = await tx.person.findUnique({ where: { email: person.email }, select: { id: true } })
    const id = existing?.id ?? (await tx.person.create({ data: { email: person.email, name: person.name, locale: person.locale }, select: { id: true } })).id
    await tx.membership.createMany({
      data: person.memberships.map((m) => ({ organizationId: organizationId(m.organizationSlug), personId: id, role: m.role })),
    })
    personIds.set(person.email, id)
  }

  const speakerIds = new Map<string, string>()
  for (const { personEmail, ...profile } of content.speakers) {
    const existing = await tx.speakerProfile.findUnique({ where: { slug: profile.slug }, select: { id: true } })
    const id =
      existing?.id ??
      (await tx.speakerProfile.create({ data: { ...profile, personId: personEmail ? personIds.get(personEmail)! : null }, select: { id: true } })).id
    speakerIds.set(profile.slug, id)
  }

  const seriesIds = new Map<string, string>()
  for (const { organizationSlug, ...series } of content.series) {
    const created = await tx.series.create({ data: { ...series, organizationId: organizationId(organizationSlug) }, select: { id: true } })
    seriesIds.set(series.slug, created.id)
  }

  let programmeItems = 0
  for (const { organizationSlug, seriesSlug, rooms, tracks, ticketTypes, items, ...fields } of content.events) {
    const created = await tx.event.create({
      data: {
        ...fields,
        revision: 0,
        organizationId: organizationId(organizationSlug),
        seriesId: seriesSlug ? seriesIds.get(seriesSlug)! : null,
        rooms: { create: rooms.map((room, position) => ({ ...room, position })) },
        tracks: { create: tracks },
        ticketTypes: { create: ticketTypes.map((ticket, position) => ({ ...ticket, position })) },
      },
      select: { id: true, rooms: { select: { id: true, name: true } }, tracks: { select: { id: true, nameSv: true } } },
    })
    const roomIds = new Map(created.rooms.map((room) => [room.name, room.id]))
    const trackIds = new Map(created.tracks.map((track) => [track.nameSv, track.id]))
    for (const { room, track, speakers, ...entry } of items) {
      await tx.programmeItem.create({
        data: {
          ...entry,
          eventId: created.id,
          roomId: room ? roomIds.get(room)! : null,
          trackId: track ? trackIds.get(track)! : null,
          speakers: { create: speakers.map((role, position) => ({ speakerId: speakerIds.get(role.slug)!, role: role.role, position })) },
        },
        select: { id: true },
      })
      programmeItems++
    }
  }

  const registrations = await writeDemoRegistrations(tx, now)
  await writeDemoProposals(tx, now)
  await writeDemoInvitations(tx, now)
  await writeDemoMaterials(tx, now)
  await writeDemoQuestions(tx, now)
  await writeDemoMailings(tx, now)
  await writeDemoAttendance(tx, now)
  const starred = await writeDemoStars(tx, now)
  // Last: the forum whose retention has passed is anonymized as the job would have done it (ADR 0031).
  await writeDemoRetention(tx, now)
  return {
    registrations: registrations + starred.registrations,
    organizations: content.organizations.length,
    people: content.people.length,
    speakers: content.speakers.length,
    series: content.series.length,
    events: content.events.length,
    programmeItems,
  }
}
