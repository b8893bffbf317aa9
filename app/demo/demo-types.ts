import type { County, EventFormat, EventStatus, Locale, MemberRole, ProgrammeItemType, RegistrationMode, SpeakerRole } from '../generated/prisma/enums.ts'
import type { Series, SpeakerProfile } from '../generated/prisma/client.ts'

/** The demo content as plain data; `load-demo.server.ts` writes it, tests read it. */
export type DemoOrganization = {
  slug: string
  name: string
  county: County
  website: string
  contactEmail: string
  aboutSv: string
  aboutEn: string
}

export type DemoPerson = {
  email: string
  name: string
  locale: Locale
  memberships: { organizationSlug: string; role: MemberRole }[]
}

/** The stored profile's own fields (from the schema), plus the demo account that owns it, if any. */
export type DemoSpeaker = Pick<SpeakerProfile, 'slug' | 'name' | 'titleSv' | 'titleEn' | 'affiliation' | 'bioSv' | 'bioEn'> & {
  /** A demo account that owns this profile (the speaker can sign in). */
  personEmail?: string
}

export type DemoSeries = Pick<Series, 'slug' | 'titleSv' | 'titleEn' | 'summarySv' | 'summaryEn' | 'descriptionSv' | 'descriptionEn' | 'status'> & {
  organizationSlug: string
}

export type DemoItem = {
  type: ProgrammeItemType
  titleSv: string
  titleEn: string
  descriptionSv: string
  descriptionEn: string
  startsAt: Date
  endsAt: Date
  room: string | null
  /** Swedish name of one of the event's tracks. */
  track: string | null
  capacity: number | null
  recordingUrl: string | null
  slidesUrl: string | null
  speakers: { slug: string; role: SpeakerRole }[]
}

export type DemoEvent = {
  slug: string
  organizationSlug: string
  seriesSlug: string | null
  seriesPosition: number | null
  titleSv: string
  titleEn: string
  summarySv: string
  summaryEn: string
  descriptionSv: string
  descriptionEn: string
  status: EventStatus
  format: EventFormat
  startsAt: Date
  endsAt: Date
  venueName: string | null
  venueAddress: string | null
  postalCode: string | null
  city: string | null
  county: County | null
  onlineUrl: string | null
  capacityOnSite: number | null
  capacityOnline: number | null
  registrationMode: RegistrationMode
  registrationOpensAt: Date | null
  registrationClosesAt: Date | null
  publishedAt: Date | null
  rooms: { name: string; capacity: number | null }[]
  tracks: { nameSv: string; nameEn: string }[]
  ticketTypes: { nameSv: string; nameEn: string; priceOre: number; vatRate: number }[]
  items: DemoItem[]
}

export type DemoContent = {
  organizations: DemoOrganization[]
  people: DemoPerson[]
  speakers: DemoSpeaker[]
  series: DemoSeries[]
  events: DemoEvent[]
}
