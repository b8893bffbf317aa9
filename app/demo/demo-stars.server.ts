import type { Tx } from '../db/client.server.ts'
import { manageTokenHash } from '../registrations/tokens.server.ts'

/**
 * "Mitt program" in the demo (ADR 0030): a few Co-Days participants and Norr participants have
 * starred items (the researchers' lunch among them), and one Co-Days participant with a fixed id,
 * Greta Lind, has three stars, so her manage page (and a browser test that derives its link from
 * the id) shows a real Mitt program from a fresh `npm start`.
 */
export const DEMO_STAR_REGISTRATION_ID = '5a111e9c-0000-4000-8000-00000000c0d5'

const CO_DAYS = 'co-days-social-innovation-varmland'
const NORR = 'social-innovation-i-norr'

/** Starred item titles (Swedish) per demo registrant, by position among the event's confirmed registrations. */
const CO_DAYS_STARS = [
  ['Kartlägg era samhällsutmaningar', 'Hur mäter vi effekt?', 'Kommunicera för mångfald'],
  ['Från idé till pilot', 'Affärsmodeller för sociala företag', 'Finansieringsvägar för social innovation'],
  ['Social innovation i Värmland – var står vi?', 'Sopacts behovsdrivna lärprocess', 'Social innovation i glesbygd'],
  ['Bygg en testmiljö tillsammans med förvaltningen', 'Innovationssprint: fyra utmaningar från Värmland'],
]
const GRETA_STARS = ['Social innovation i Värmland – var står vi?', 'Från idé till pilot', 'Samtal: upphandling och sociala innovatörer']

export async function writeDemoStars(tx: Tx, now: Date): Promise<{ registrations: number; stars: number }> {
  let stars = 0
  let registrations = 0
  const coDays = await tx.event.findUnique({ where: { slug: CO_DAYS }, select: { id: true, programmeItems: { select: { id: true, titleSv: true } } } })
  if (coDays) {
    const itemId = new Map(coDays.programmeItems.map((item) => [item.titleSv, item.id]))
    const confirmed = await tx.registration.findMany({
      where: { eventId: coDays.id, status: 'confirmed' },
      orderBy: { email: 'asc' },
      take: CO_DAYS_STARS.length,
      select: { id: true },
    })
    const createdAt = new Date(now.getTime() - 5 * 86_400_000)
    await tx.registration.create({
      data: {
        id: DEMO_STAR_REGISTRATION_ID,
        eventId: coDays.id,
        name: 'Greta Lind',
        email: 'greta.lind@example.org',
        emailNormalized: 'greta.lind@example.org',
        sector: 'civil_society',
        organizationName: 'Coompanion',
        county: 'varmland',
        attendanceMode: 'on_site',
        status: 'confirmed',
        queuedAt: createdAt,
        createdAt,
        manageTokenHash: manageTokenHash({ id: DEMO_STAR_REGISTRATION_ID, tokenVersion: 0 }),
        privacyVersion: 1,
        privacyAcceptedAt: createdAt,
      },
    })
    registrations++
    const rows = [
      ...confirmed.flatMap((registration, index) => CO_DAYS_STARS[index].map((title) => ({ registrationId: registration.id, itemId: itemId.get(title)! }))),
      ...GRETA_STARS.map((title) => ({ registrationId: DEMO_STAR_REGISTRATION_ID, itemId: itemId.get(title)! })),
    ].filter((row) => row.itemId)
    await tx.programmeStar.createMany({ data: rows })
    stars += rows.length
  }

  // In Piteå, the first lunch sign-ups also star the researchers' lunch and the talk before it.
  const norr = await tx.event.findUnique({
    where: { slug: NORR },
    select: {
      id: true,
      programmeItems: { where: { type: { notIn: ['break', 'lunch'] } }, orderBy: { startsAt: 'asc' }, select: { id: true, capacity: true } },
    },
  })
  if (norr) {
    const lunch = norr.programmeItems.find((item) => item.capacity !== null)
    const signedUp = lunch
      ? await tx.itemSignup.findMany({ where: { itemId: lunch.id }, orderBy: { createdAt: 'asc' }, take: 5, select: { registrationId: true } })
      : []
    const first = norr.programmeItems[0]
    const rows = signedUp.flatMap((signup) => [lunch!, first].filter(Boolean).map((item) => ({ registrationId: signup.registrationId, itemId: item.id })))
    await tx.programmeStar.createMany({ data: rows, skipDuplicates: true })
    stars += rows.length
  }
  return { registrations, stars }
}
