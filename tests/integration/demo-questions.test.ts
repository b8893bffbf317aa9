import { beforeAll, describe, expect, it } from 'vitest'
import { getModeration, getPanelScreen, panelToken } from '../../app/audience-questions/questions.server.ts'
import { db } from '../../app/db/client.server.ts'
import { DEMO_QUESTIONS } from '../../app/demo/demo-questions.server.ts'
import { loadDemoIfEmpty } from '../../app/demo/load-demo.server.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

const NOW = new Date('2026-12-03T10:00:00Z')

describe('the demo’s audience questions (issue 11 §6)', () => {
  beforeAll(async () => {
    expect(await loadDemoIfEmpty({ now: NOW })).toBe(true)
  })

  it('SI Summit’s keynote has questions in every state, anonymous ones among them, from confirmed registrants', async () => {
    const summit = await db.event.findUniqueOrThrow({ where: { slug: 'si-summit' }, include: { organization: true } })
    const keynote = await db.programmeItem.findFirstOrThrow({ where: { eventId: summit.id, type: 'keynote' } })
    const rows = await db.audienceQuestion.findMany({ where: { eventId: summit.id }, include: { registration: true }, orderBy: { id: 'asc' } })
    expect(rows.map((row) => row.id)).toEqual(DEMO_QUESTIONS.map((question) => question.id))
    expect(new Set(rows.map((row) => row.state))).toEqual(new Set(['new', 'selected', 'answered', 'hidden']))
    expect(rows.filter((row) => row.isAnonymous)).toHaveLength(2)
    expect(rows.every((row) => row.registration.status === 'confirmed' && row.createdAt < NOW)).toBe(true)
    expect(rows.filter((row) => row.itemId === keynote.id)).toHaveLength(6)

    const owner = await db.membership.findFirstOrThrow({ where: { organizationId: summit.organizationId, role: 'owner' } })
    const moderation = await getModeration({
      access: { organization: summit.organization, role: 'owner', personId: owner.personId },
      eventId: summit.id,
      query: { session: keynote.id, state: 'all' },
      locale: 'sv',
    })
    expect(moderation.sessions[0].counts).toEqual({ new: 2, selected: 2, answered: 1, hidden: 1 })

    const screen = await getPanelScreen({ key: keynote.id, token: panelToken(keynote.id), locale: 'sv', now: NOW })
    expect(screen.sessionTitle).toBe('Crisis Driving Change – keynote med frågestund')
    expect(screen.questions.map((question) => question.text)).toEqual([DEMO_QUESTIONS[0].text, DEMO_QUESTIONS[1].text])
    expect(screen.questions[1].asker).toBeNull()
    expect(screen.questions[0].asker).toBe(rows[0].registration.name)
  })
})
