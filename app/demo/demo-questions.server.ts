import type { Tx } from '../db/client.server.ts'
import type { AudienceQuestionState } from '../generated/prisma/enums.ts'

/**
 * Audience questions sent in before SI Summit's keynote "Crisis Driving Change" (ADR 0029), in every
 * state: new, selected (the panel screen shows them), answered and hidden, two of them anonymous, and
 * one to the summit as a whole. Fixed ids; sent in the days before the demo's now, by the summit's
 * made-up confirmed registrants (demo-registrations.server.ts).
 */
const HOUR_MS = 3_600_000

type DemoQuestion = { id: string; text: string; state: AudienceQuestionState; isAnonymous?: boolean; wholeEvent?: boolean; hoursAgo: number }

export const DEMO_QUESTIONS: DemoQuestion[] = [
  {
    id: '5e1f0000-0000-4000-8000-000000000001',
    text: 'Vilka kriser de senaste åren har drivit fram mest social innovation i Sverige, och varför just de?',
    state: 'selected',
    hoursAgo: 70,
  },
  {
    id: '5e1f0000-0000-4000-8000-000000000002',
    text: 'Hur kan en kommun våga testa nytt mitt i en kris, när alla resurser redan är uppbundna?',
    state: 'selected',
    isAnonymous: true,
    hoursAgo: 52,
  },
  {
    id: '5e1f0000-0000-4000-8000-000000000003',
    text: 'How do you keep the momentum once the crisis is over and budgets go back to normal?',
    state: 'new',
    hoursAgo: 30,
  },
  {
    id: '5e1f0000-0000-4000-8000-000000000004',
    text: 'Vilken roll kan idéburna organisationer ta när regionen ställer om sin verksamhet?',
    state: 'new',
    hoursAgo: 20,
  },
  {
    id: '5e1f0000-0000-4000-8000-000000000005',
    text: 'Finns det exempel på utfallsbaserad finansiering som fungerat under en kris?',
    state: 'answered',
    hoursAgo: 96,
  },
  {
    id: '5e1f0000-0000-4000-8000-000000000006',
    text: 'Säljer ni annonsplatser i sändningen?',
    state: 'hidden',
    isAnonymous: true,
    hoursAgo: 44,
  },
  {
    id: '5e1f0000-0000-4000-8000-000000000007',
    text: 'Kommer inspelningen av keynoten att finnas med svensk textning?',
    state: 'new',
    wholeEvent: true,
    hoursAgo: 12,
  },
]

export async function writeDemoQuestions(tx: Tx, now: Date): Promise<number> {
  const summit = await tx.event.findUnique({
    where: { slug: 'si-summit' },
    select: { id: true, programmeItems: { where: { type: 'keynote' }, orderBy: { startsAt: 'asc' }, take: 1, select: { id: true } } },
  })
  const keynote = summit?.programmeItems[0]
  if (!summit || !keynote) return 0
  const askers = await tx.registration.findMany({
    where: { eventId: summit.id, status: 'confirmed' },
    orderBy: { email: 'asc' },
    take: DEMO_QUESTIONS.length,
    select: { id: true, locale: true },
  })
  if (askers.length < DEMO_QUESTIONS.length) return 0
  // The English question comes from an English-speaking registrant when there is one.
  const english = askers.findIndex((asker) => asker.locale === 'en')
  if (english > 2) [askers[2], askers[english]] = [askers[english], askers[2]]
  await tx.audienceQuestion.createMany({
    data: DEMO_QUESTIONS.map((question, index) => {
      const sentAt = new Date(now.getTime() - question.hoursAgo * HOUR_MS)
      return {
        id: question.id,
        eventId: summit.id,
        itemId: question.wholeEvent ? null : keynote.id,
        registrationId: askers[index].id,
        text: question.text,
        isAnonymous: question.isAnonymous ?? false,
        state: question.state,
        stateChangedAt: question.state === 'new' ? null : new Date(sentAt.getTime() + 2 * HOUR_MS),
        createdAt: sentAt,
      }
    }),
  })
  return DEMO_QUESTIONS.length
}
