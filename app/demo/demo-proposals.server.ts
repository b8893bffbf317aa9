import type { Tx } from '../db/client.server.ts'
import type { Locale, ProposalStatus } from '../generated/prisma/enums.ts'
import { hashToken } from '../registrations/tokens.server.ts'
import type { ProposalFormat } from '../proposals/call-options.ts'
import { proposalToken } from '../proposals/proposals.server.ts'

/**
 * An open call for proposals on Sörmland Social Innovation Day (ADR 0022), with a few made-up
 * proposals in different states, so the console's proposals page and the event page's "Skicka in
 * ett förslag" have something to show. People and addresses are invented (example.org).
 */
const CALL_EVENT = 'sormland-social-innovation-day'
const DAY_MS = 86_400_000

type DemoProposal = {
  id: string
  status: ProposalStatus
  locale: Locale
  title: string
  abstract: string
  format: ProposalFormat
  lengthMinutes: number
  name: string
  email: string
  speakerTitle: string
  affiliation: string
  bio: string
  daysAgo: number
  decisionMessage?: string
  score?: number
  comment?: string
}

const PROPOSALS: DemoProposal[] = [
  {
    id: '7b1c2d3e-0001-4a00-8000-00000000c001',
    status: 'submitted',
    locale: 'sv',
    title: 'Unga som medskapare i kommunens välfärd',
    abstract:
      'Hur kan en kommun låta unga vara med och forma fritidsverksamheten på riktigt? Vi berättar om två år av ungdomsråd, budgetdialoger och misstag vi lärt oss av.',
    format: 'talk',
    lengthMinutes: 30,
    name: 'Linnea Sjöberg',
    email: 'linnea.sjoberg@example.org',
    speakerTitle: 'Projektledare',
    affiliation: 'Ungdomsforum Mälardalen',
    bio: 'Linnea leder ett nätverk för ungdomsinflytande i fem kommuner och har en bakgrund som fritidsledare.',
    daysAgo: 6,
    score: 4,
    comment: 'Passar bra efter lunch. Kan hon ta med någon från ungdomsrådet?',
  },
  {
    id: '7b1c2d3e-0002-4a00-8000-00000000c002',
    status: 'submitted',
    locale: 'en',
    title: 'Outcome contracts for social enterprises – what we learnt in Tampere',
    abstract:
      'A hands-on workshop on outcome-based contracts between municipalities and social enterprises: what to measure, how to share the risk, and what went wrong the first time.',
    format: 'workshop',
    lengthMinutes: 60,
    name: 'Aino Virtanen',
    email: 'aino.virtanen@example.org',
    speakerTitle: 'Senior adviser',
    affiliation: 'Impact Lab Tampere',
    bio: 'Aino advises Finnish municipalities on outcome contracts and has worked with work-integration social enterprises for ten years.',
    daysAgo: 3,
  },
  {
    id: '7b1c2d3e-0003-4a00-8000-00000000c003',
    status: 'declined',
    locale: 'sv',
    title: 'Digitala verktyg för föreningens medlemsregister',
    abstract: 'En genomgång av fem verktyg för medlemsregister och hur föreningar kan välja rätt.',
    format: 'talk',
    lengthMinutes: 15,
    name: 'Per Gustavsson',
    email: 'per.gustavsson@example.org',
    speakerTitle: '',
    affiliation: 'Föreningsdata i Norden',
    bio: '',
    daysAgo: 10,
    decisionMessage: 'Tack! Dagen handlar i år om samverkan med offentliga aktörer, så vi tar inte med verktygsgenomgångar.',
  },
  {
    id: '7b1c2d3e-0004-4a00-8000-00000000c004',
    status: 'withdrawn',
    locale: 'sv',
    title: 'Panel: social ekonomi på landsbygden',
    abstract: 'Tre bygdeföreningar samtalar om att driva service där marknaden inte längre finns.',
    format: 'panel',
    lengthMinutes: 45,
    name: 'Maja Lindqvist',
    email: 'maja.lindqvist@example.org',
    speakerTitle: 'Verksamhetsledare',
    affiliation: 'Bygdelaget Vingåker',
    bio: '',
    daysAgo: 8,
  },
]

/** Writes the call and its proposals; returns how many proposals. Needs the conference (and its organization's members) written first. */
export async function writeDemoProposals(tx: Tx, now: Date): Promise<number> {
  const event = await tx.event.findUnique({ where: { slug: CALL_EVENT }, select: { id: true, startsAt: true, organizationId: true } })
  if (!event || event.startsAt.getTime() <= now.getTime()) return 0
  const organizer = await tx.membership.findFirst({
    where: { organizationId: event.organizationId, role: { in: ['owner', 'organizer'] } },
    orderBy: { createdAt: 'asc' },
    select: { personId: true },
  })
  // Two weeks before the day, but always a day ahead of now, so the demo's call is open.
  const closesAt = new Date(Math.max(now.getTime() + DAY_MS, event.startsAt.getTime() - 14 * DAY_MS))
  await tx.proposalCall.create({
    data: {
      eventId: event.id,
      isOpen: true,
      closesAt,
      introSv:
        'Har du ett exempel på samverkan mellan offentliga aktörer och sociala företag? Skicka in ett förslag på ett föredrag, en workshop eller en panel.',
      introEn: 'Do you have an example of public bodies and social enterprises working together? Submit a proposal for a talk, a workshop or a panel.',
      formats: ['talk', 'workshop', 'panel'],
      lengths: [15, 30, 45, 60],
    },
  })
  for (const { daysAgo, score, comment, ...proposal } of PROPOSALS) {
    const createdAt = new Date(now.getTime() - daysAgo * DAY_MS)
    const decided = proposal.status === 'declined' ? { decidedAt: new Date(createdAt.getTime() + DAY_MS), decidedById: organizer?.personId ?? null } : {}
    await tx.proposal.create({
      data: {
        ...proposal,
        ...decided,
        eventId: event.id,
        tokenHash: hashToken(proposalToken({ id: proposal.id })),
        createdAt,
        withdrawnAt: proposal.status === 'withdrawn' ? new Date(createdAt.getTime() + DAY_MS) : null,
      },
    })
    if (organizer && score) await tx.proposalRating.create({ data: { proposalId: proposal.id, personId: organizer.personId, score } })
    if (organizer && comment) await tx.proposalComment.create({ data: { proposalId: proposal.id, authorId: organizer.personId, body: comment } })
  }
  return PROPOSALS.length
}
