import { isSlug } from '../slug.ts'
import { demoConferences } from './demo-conferences.ts'
import { demoOrganizations, demoPeople, demoSpeakers } from './demo-people.ts'
import type { DemoContent } from './demo-types.ts'
import { demoSeries, demoWebinars } from './demo-webinars.ts'

export type { DemoContent, DemoEvent, DemoItem, DemoOrganization, DemoPerson, DemoSeries, DemoSpeaker } from './demo-types.ts'
export { DEMO_OWNER_EMAIL, DEMO_ORGANIZER_EMAIL, DEMO_VIEWER_EMAIL, DEMO_SPEAKER_EMAIL } from './demo-people.ts'

/**
 * Samling's demo content as plain data, with every date placed relative to `now` (upcoming events on
 * their next occurrence, a few held ones on their previous). Pure: the same `now` gives the same content.
 * Throws if the content contradicts itself (a bad slug, an unknown speaker, room or track, an item
 * outside its event), so a mistake shows up in the tests rather than as a half-loaded demo.
 */
export function buildDemoContent(now: Date): DemoContent {
  const content: DemoContent = {
    organizations: demoOrganizations,
    people: demoPeople,
    speakers: demoSpeakers,
    series: demoSeries,
    events: [...demoConferences(now), ...demoWebinars(now)],
  }
  checkDemoContent(content)
  return content
}

function checkDemoContent(content: DemoContent): void {
  const problems: string[] = []
  const unique = (kind: string, values: string[]) => {
    const seen = new Set<string>()
    for (const value of values) {
      if (seen.has(value)) problems.push(`${kind} ${value} appears twice`)
      seen.add(value)
    }
    return seen
  }
  const organizations = unique(
    'organization',
    content.organizations.map((o) => o.slug),
  )
  const speakers = unique(
    'speaker',
    content.speakers.map((s) => s.slug),
  )
  const series = unique(
    'series',
    content.series.map((s) => s.slug),
  )
  unique(
    'event',
    content.events.map((e) => e.slug),
  )
  const emails = unique(
    'person',
    content.people.map((p) => p.email),
  )
  for (const slug of [...organizations, ...speakers, ...series, ...content.events.map((e) => e.slug)]) {
    if (!isSlug(slug)) problems.push(`bad slug ${slug}`)
  }
  for (const person of content.people) {
    if (person.email !== person.email.trim().toLowerCase()) problems.push(`e-mail ${person.email} is not normalized`)
    for (const membership of person.memberships) {
      if (!organizations.has(membership.organizationSlug)) problems.push(`${person.email}: unknown organization ${membership.organizationSlug}`)
    }
  }
  for (const profile of content.speakers) {
    if (profile.personEmail && !emails.has(profile.personEmail)) problems.push(`${profile.slug}: unknown person ${profile.personEmail}`)
  }
  for (const s of content.series) {
    if (!organizations.has(s.organizationSlug)) problems.push(`series ${s.slug}: unknown organization`)
  }
  for (const e of content.events) {
    const where = `event ${e.slug}`
    if (!organizations.has(e.organizationSlug)) problems.push(`${where}: unknown organization`)
    if (e.seriesSlug && !series.has(e.seriesSlug)) problems.push(`${where}: unknown series`)
    if ((e.seriesSlug === null) !== (e.seriesPosition === null)) problems.push(`${where}: series and position go together`)
    if (e.endsAt < e.startsAt) problems.push(`${where}: ends before it starts`)
    if (e.format !== 'on_site' && !e.onlineUrl) problems.push(`${where}: online without a link`)
    if (e.format !== 'online' && !(e.venueName && e.venueAddress && e.postalCode && e.city && e.county)) problems.push(`${where}: venue incomplete`)
    const rooms = new Set(e.rooms.map((r) => r.name))
    const tracks = new Set(e.tracks.map((t) => t.nameSv))
    for (const entry of e.items) {
      const label = `${where}, item "${entry.titleSv}"`
      if (entry.startsAt < e.startsAt || entry.endsAt > e.endsAt || entry.endsAt < entry.startsAt) problems.push(`${label}: outside the event`)
      if (entry.room && !rooms.has(entry.room)) problems.push(`${label}: unknown room ${entry.room}`)
      if (entry.track && !tracks.has(entry.track)) problems.push(`${label}: unknown track ${entry.track}`)
      for (const role of entry.speakers) if (!speakers.has(role.slug)) problems.push(`${label}: unknown speaker ${role.slug}`)
      unique(
        `${label}: speaker`,
        entry.speakers.map((role) => role.slug),
      )
    }
  }
  if (problems.length) throw new Error(`Demo content is inconsistent:\n${problems.join('\n')}`)
}
