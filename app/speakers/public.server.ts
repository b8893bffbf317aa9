import { db } from '../db/client.server.ts'
import { NotFoundError } from '../errors.server.ts'
import type { SpeakerProfile } from '../generated/prisma/client.ts'
import type { ProgrammeItemType, SpeakerRole } from '../generated/prisma/enums.ts'
import { PUBLIC_STATUSES } from '../events/listing.server.ts'

export type PublicSpeaker = Pick<SpeakerProfile, 'slug' | 'name' | 'titleSv' | 'titleEn' | 'affiliation' | 'bioSv' | 'bioEn' | 'links'> & {
  photo: { id: string; kind: 'photo' | 'slides' | 'cover' | 'logo'; variants: unknown; width: number | null; height: number | null } | null
  sessions: {
    role: SpeakerRole
    item: {
      titleSv: string
      titleEn: string
      type: ProgrammeItemType
      startsAt: Date
      endsAt: Date
      event: { slug: string; titleSv: string; titleEn: string; status: string }
    }
  }[]
}

/**
 * A speaker's public profile with the sessions they take part in at public events, in time order.
 * A profile that appears only in draft programmes is not public yet: NotFoundError('error.speakerNotFound').
 */
export async function getPublicSpeaker(slug: string): Promise<PublicSpeaker> {
  const speaker = await db.speakerProfile.findUnique({
    where: { slug },
    select: {
      slug: true,
      name: true,
      titleSv: true,
      titleEn: true,
      affiliation: true,
      bioSv: true,
      bioEn: true,
      links: true,
      photo: { select: { id: true, kind: true, variants: true, width: true, height: true } },
      roles: {
        where: { item: { event: { status: { in: [...PUBLIC_STATUSES] } } } },
        select: {
          role: true,
          item: {
            select: {
              titleSv: true,
              titleEn: true,
              type: true,
              startsAt: true,
              endsAt: true,
              event: { select: { slug: true, titleSv: true, titleEn: true, status: true } },
            },
          },
        },
      },
    },
  })
  if (!speaker || speaker.roles.length === 0) throw new NotFoundError('error.speakerNotFound')
  const { roles, ...profile } = speaker
  const sessions = [...roles].sort((a, b) => a.item.startsAt.getTime() - b.item.startsAt.getTime())
  return { ...profile, sessions }
}
