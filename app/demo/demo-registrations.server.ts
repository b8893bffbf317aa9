import { randomUUID } from 'node:crypto'
import type { AttendanceMode, County, Prisma, RegistrationStatus, Sector } from '../generated/prisma/client.ts'
import type { Tx } from '../db/client.server.ts'
import { hashToken, inviteToken, manageTokenHash } from '../registrations/tokens.server.ts'

/**
 * Made-up registrations for the demo, so the console shows real lists: Co-Days by invitation,
 * SI Summit with tickets and invoice details, Sörmland hybrid (on site and online), Norr full
 * with a waitlist and its researchers' lunch, Re-Act as a series, the Sopact lab's interest list. Every
 * person is invented (example.org addresses); no mail is queued for them.
 */
const FIRST = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Sara',
  'Anders',
  'Elin',
  'Mikael',
  'Ida',
  'Per',
  'Linnea',
  'Ola',
  'Frida',
  'Nils',
  'Åsa',
  'Björn',
  'Märta',
  'Jörgen',
  'Hanna',
  'Emil',
  'Sofia',
  'Oskar',
  'Ylva',
  'Tove',
  'Ali',
  'Fatima',
  'Amir',
  'Leila',
]
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Lindqvist',
  'Öberg',
  'Åkesson',
  'Bergström',
  'Lundgren',
  'Holm',
  'Sandberg',
  'Forsberg',
  'Hassan',
  'Nordin',
]
const ORGANIZATIONS: Record<Sector, string[]> = {
  public_sector: [
    'Eskilstuna kommun',
    'Region Värmland',
    'Karlstads kommun',
    'Piteå kommun',
    'Region Sörmland',
    'Malmö stad',
    'Försäkringskassan',
    'Region Norrbotten',
  ],
  civil_society: ['Stadsmissionen', 'Rädda Barnen', 'Coompanion', 'Studieförbundet Vuxenskolan', 'Hela Sverige ska leva', 'Fryshuset'],
  private_sector: ['Inkludera Invest AB', 'Norrsken Impact AB', 'Mötesrum Konsult AB', 'Grön Mat i Syd AB'],
  academia: ['Karlstads universitet', 'Mälardalens universitet', 'Luleå tekniska universitet', 'Malmö universitet'],
  other: ['', 'Egen företagare'],
}
const SECTOR_MIX: Sector[] = ['public_sector', 'public_sector', 'public_sector', 'civil_society', 'civil_society', 'private_sector', 'academia', 'other']

type Spec = {
  slug: string
  county: County
  /** [mode, status, how many] */
  groups: [AttendanceMode, RegistrationStatus, number][]
  invites?: number
  priced?: boolean
  lunchSignups?: number
  questions?: { kind: 'text' | 'choice'; labelSv: string; labelEn: string; options?: { value: string; sv: string; en: string }[]; required?: boolean }[]
}

const SPECS: Spec[] = [
  { slug: 'co-days-social-innovation-varmland', county: 'varmland', groups: [['on_site', 'confirmed', 38]], invites: 52 },
  {
    slug: 'si-summit',
    county: 'skane',
    groups: [
      ['online', 'confirmed', 64],
      ['online', 'cancelled', 3],
    ],
    priced: true,
  },
  {
    slug: 'sormland-social-innovation-day',
    county: 'sodermanland',
    groups: [
      ['on_site', 'confirmed', 48],
      ['online', 'confirmed', 37],
      ['on_site', 'cancelled', 2],
    ],
    questions: [{ kind: 'text', labelSv: 'Har du önskemål om specialkost?', labelEn: 'Do you have any dietary requirements?' }],
  },
  {
    slug: 'social-innovation-i-norr',
    county: 'norrbotten',
    groups: [
      ['on_site', 'confirmed', 200],
      ['on_site', 'waitlisted', 6],
      ['on_site', 'cancelled', 5],
    ],
    lunchSignups: 30,
    questions: [
      {
        kind: 'choice',
        labelSv: 'Vilken del av dagen ser du mest fram emot?',
        labelEn: 'Which part of the day are you most looking forward to?',
        options: [
          { value: 'pitchar', sv: 'De tio initiativens pitchar', en: 'The ten initiatives’ pitches' },
          { value: 'samtal', sv: 'Samtalet om innovationssystemet', en: 'The conversation about the innovation system' },
          { value: 'mingel', sv: 'Mingel och nätverkande', en: 'Mingling and networking' },
        ],
      },
    ],
  },
  { slug: 'sopact-rekryteringslabb-helsingborg', county: 'skane', groups: [['on_site', 'interest', 14]] },
  { slug: 'socialt-entreprenorskap-ger-det-nagon-effekt', county: 'skane', groups: [['online', 'confirmed', 41]] },
  { slug: 'frukostmote-samhallsentreprenorskap', county: 'skane', groups: [['on_site', 'confirmed', 23]] },
]

const SERIES_SLUG = 're-act'
const SERIES_SIGNUPS = 26

function personFor(index: number, county: County) {
  const first = FIRST[index % FIRST.length]
  const last = LAST[(index * 7 + 3) % LAST.length]
  const sector = SECTOR_MIX[index % SECTOR_MIX.length]
  const orgs = ORGANIZATIONS[sector]
  const abroad = index % 29 === 28
  const plain = `${first}.${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
  return {
    name: `${first} ${last}`,
    email: `${plain}.${index}@example.org`,
    sector,
    organizationName: orgs[index % orgs.length] || null,
    county: abroad ? null : index % 5 === 4 ? (['stockholm', 'vastra_gotaland', 'uppsala', 'orebro'] as County[])[index % 4] : county,
    abroad,
  }
}

/**
 * The demo's past events (ADR 0025): registrations made in the weeks before the day, so the
 * dashboard and the organization report have something real; demo-attendance.server.ts checks most
 * of the on-site ones in. Their people are numbered from PAST_PEOPLE_FROM, so adding them changes
 * no one of the upcoming events.
 */
const PAST_SPECS: Spec[] = [
  {
    slug: 'natverkstraff-social-innovation-skane',
    county: 'skane',
    groups: [
      ['on_site', 'confirmed', 46],
      ['online', 'confirmed', 22],
      ['on_site', 'cancelled', 3],
    ],
  },
  {
    slug: 'digital-social-innovation',
    county: 'stockholm',
    groups: [
      ['online', 'confirmed', 34],
      ['online', 'cancelled', 2],
    ],
  },
  // Anonymized at load by demo-retention.server.ts: its retention passed two months ago.
  {
    slug: 'valfardsforum-vasteras',
    county: 'vastmanland',
    groups: [
      ['on_site', 'confirmed', 52],
      ['online', 'confirmed', 19],
      ['on_site', 'cancelled', 4],
    ],
    questions: [{ kind: 'text', labelSv: 'Har du önskemål om specialkost?', labelEn: 'Do you have any dietary requirements?' }],
  },
]
const PAST_PEOPLE_FROM = 2_000

/** Writes the demo's registrations (after the events exist). Returns how many it wrote. */
export async function writeDemoRegistrations(tx: Tx, now: Date): Promise<number> {
  let written = 0
  let personIndex = 0
  for (const spec of SPECS) {
    const result = await writeSpec(tx, spec, now, personIndex)
    written += result.written
    personIndex = result.personIndex
  }

  const series = await tx.series.findUnique({ where: { slug: SERIES_SLUG }, include: { parts: true } })
  if (series) {
    for (let i = 0; i < SERIES_SIGNUPS; i++) {
      const who = personFor(personIndex++, 'skane')
      const createdAt = new Date(now.getTime() - (i % 14) * 86_400_000)
      const signup = await tx.seriesSignup.create({
        data: {
          seriesId: series.id,
          ...who,
          emailNormalized: who.email,
          attendanceMode: 'online',
          privacyVersion: 1,
          privacyAcceptedAt: createdAt,
          createdAt,
        },
      })
      const rows = series.parts.map((part) => {
        const id = randomUUID()
        const left = i === 3 && part.seriesPosition === 2
        return {
          id,
          eventId: part.id,
          seriesSignupId: signup.id,
          ...who,
          emailNormalized: who.email,
          attendanceMode: 'online' as const,
          status: left ? ('cancelled' as const) : ('confirmed' as const),
          cancelledAt: left ? createdAt : null,
          queuedAt: createdAt,
          createdAt,
          manageTokenHash: manageTokenHash({ id, tokenVersion: 0 }),
          privacyVersion: 1,
          privacyAcceptedAt: createdAt,
        }
      })
      await tx.registration.createMany({ data: rows })
      written += rows.length
    }
  }
  personIndex = PAST_PEOPLE_FROM
  for (const spec of PAST_SPECS) {
    const result = await writeSpec(tx, spec, now, personIndex)
    written += result.written
    personIndex = result.personIndex
  }
  return written
}

/** One event's registrations (and its questions, invites and lunch sign-ups); people from `personIndex` on. */
async function writeSpec(tx: Tx, spec: Spec, now: Date, firstPerson: number): Promise<{ written: number; personIndex: number }> {
  let personIndex = firstPerson
  let written = 0
  {
    const event = await tx.event.findUnique({
      where: { slug: spec.slug },
      include: { ticketTypes: true, programmeItems: { where: { capacity: { not: null } } } },
    })
    if (!event) return { written, personIndex }
    const questionIds: string[] = []
    for (const [position, question] of (spec.questions ?? []).entries()) {
      const created = await tx.customQuestion.create({
        data: {
          eventId: event.id,
          kind: question.kind,
          labelSv: question.labelSv,
          labelEn: question.labelEn,
          options: question.options ?? [],
          required: question.required ?? false,
          position,
        },
      })
      questionIds.push(created.id)
    }
    const inviteIds: string[] = []
    for (let i = 0; i < (spec.invites ?? 0); i++) {
      const who = personFor(personIndex + i, spec.county)
      const id = randomUUID()
      await tx.registrationInvite.create({
        data: { id, eventId: event.id, name: who.name, email: who.email, emailNormalized: who.email, tokenHash: hashToken(inviteToken({ id })) },
      })
      inviteIds.push(id)
    }
    const ticket = spec.priced ? event.ticketTypes[0] : undefined
    const rows: Prisma.RegistrationCreateManyInput[] = []
    let n = 0
    for (const [mode, status, count] of spec.groups) {
      for (let i = 0; i < count; i++, n++) {
        const who = personFor(personIndex++, spec.county)
        const id = randomUUID()
        // Registrations come before the day: an event that has been held got them in the weeks before it.
        const base = Math.min(now.getTime(), event.startsAt.getTime() - 86_400_000)
        const createdAt = new Date(base - (21 - (n % 21)) * 86_400_000 - (n % 13) * 3_600_000)
        const answers: Record<string, string> = {}
        if (questionIds[0] && spec.questions?.[0].kind === 'text' && n % 6 === 0) answers[questionIds[0]] = n % 12 === 0 ? 'Vegetarisk' : 'Glutenfri'
        if (questionIds[0] && spec.questions?.[0].kind === 'choice') answers[questionIds[0]] = spec.questions[0].options![n % 3].value
        rows.push({
          id,
          eventId: event.id,
          ...who,
          emailNormalized: who.email,
          attendanceMode: mode,
          status,
          queuedAt: createdAt,
          createdAt,
          cancelledAt: status === 'cancelled' ? new Date(createdAt.getTime() + 86_400_000) : null,
          locale: n % 9 === 8 ? 'en' : 'sv',
          answers,
          manageTokenHash: manageTokenHash({ id, tokenVersion: 0 }),
          privacyVersion: 1,
          privacyAcceptedAt: createdAt,
          inviteId: inviteIds[n] ?? null,
          ...(ticket
            ? {
                ticketTypeId: ticket.id,
                priceOre: ticket.priceOre,
                vatRate: ticket.vatRate,
                paymentStatus: n % 3 === 0 ? ('paid' as const) : n % 3 === 1 ? ('invoiced' as const) : ('unpaid' as const),
                invoiceOrgNumber: '212000-0142',
                invoiceAddress: n % 2 ? `${who.organizationName ?? who.name}, Box ${100 + n}, 211 20 Malmö` : null,
                invoiceEReference: n % 2 ? null : `0007:${1000000000 + n}`,
                buyerReference: who.name,
              }
            : {}),
        })
      }
    }
    await tx.registration.createMany({ data: rows })
    written += rows.length
    const lunch = event.programmeItems[0]
    if (lunch && spec.lunchSignups) {
      const confirmed = rows.filter((row) => row.status === 'confirmed').slice(0, spec.lunchSignups)
      await tx.itemSignup.createMany({ data: confirmed.map((row) => ({ itemId: lunch.id, registrationId: row.id! })) })
    }
  }

  return { written, personIndex }
}
