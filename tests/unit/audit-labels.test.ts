import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { AuditAction } from '../../app/audit/audit.server.ts'
import { AuditList, type AuditRow } from '../../app/components/console/audit-list.tsx'

const render = (actions: string[], locale: 'sv' | 'en') => {
  const entries: AuditRow[] = actions.map((action, i) => ({ id: String(i), action, createdAt: '2027-02-12T08:00:00.000Z', actor: 'Anna' }))
  const html = renderToString(createElement(AuditList, { entries, locale }))
  return [...html.matchAll(/<td>([^<]*)<\/td><\/tr>/g)].map((m) => m[1])
}

/** Every action the domain writes today (the type says which; this list is checked against it). */
const ACTIONS = [
  'event.created',
  'event.updated',
  'event.published',
  'event.unpublished',
  'event.cancelled',
  'event.postponed',
  'event.attendeesNotified',
  'programme.itemAdded',
  'programme.itemUpdated',
  'programme.itemDeleted',
  'programme.roomAdded',
  'programme.roomRenamed',
  'programme.roomRemoved',
  'programme.trackAdded',
  'programme.trackRemoved',
  'series.created',
  'series.updated',
  'series.published',
  'series.unpublished',
  'series.partAdded',
  'series.partRemoved',
  'series.partMoved',
  'member.invited',
  'member.roleChanged',
  'member.removed',
  'registration.paymentMarked',
  'invite.added',
  'invite.revoked',
  'invite.resent',
] as const satisfies readonly AuditAction[]

describe("an event's audit list", () => {
  it('shows moving a part within its series as words, in Swedish and in English', () => {
    expect(render(['series.partMoved'], 'sv')).toEqual(['Flyttade i serien'])
    expect(render(['series.partMoved'], 'en')).toEqual(['Moved within the series'])
  })

  it('shows a label, never a raw code, for every action the domain writes', () => {
    for (const locale of ['sv', 'en'] as const) {
      const labels = render([...ACTIONS], locale)
      expect(labels.filter((label, i) => label === ACTIONS[i])).toEqual([])
      expect(new Set(labels).size).toBe(ACTIONS.length)
    }
  })

  it('refuses an action without a label at the type check', () => {
    // @ts-expect-error 'series.renamed' has no label 'organizer.audit.series.renamed', so it is no AuditAction.
    const unlabelled: AuditAction = 'series.renamed'
    // @ts-expect-error the column headings are labels too, but not actions.
    const heading: AuditAction = 'title'
    expect([unlabelled, heading]).toHaveLength(2)
  })
})
