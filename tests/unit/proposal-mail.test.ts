import { describe, expect, it } from 'vitest'
import { listTemplates } from '../../app/mail/templates.server.ts'
import { secretFieldNames } from '../../app/mail/secrets.server.ts'

const PROPOSAL_TEMPLATES = ['proposal-received', 'proposal-accepted', 'proposal-declined', 'proposal-withdrawn', 'proposal-new']

describe('proposal mail templates', () => {
  const templates = listTemplates().filter((template) => PROPOSAL_TEMPLATES.includes(template.name))

  it('are registered; the proposer page link is a secret where it is sent', () => {
    expect(templates.map((template) => template.name).sort()).toEqual([...PROPOSAL_TEMPLATES].sort())
    const secrets = Object.fromEntries(templates.map((template) => [template.name, secretFieldNames(template.schema)]))
    expect(secrets).toEqual({
      'proposal-received': ['url'],
      'proposal-accepted': ['url'],
      'proposal-declined': [],
      'proposal-withdrawn': [],
      'proposal-new': [],
    })
    expect(templates.find((template) => template.name === 'proposal-new')?.kind).toBe('notification')
  })

  it.each(['sv', 'en'] as const)('render their samples in %s with the proposal title in HTML and text', async (locale) => {
    for (const template of templates) {
      const sample = template.sample(locale)
      const rendered = await template.render(sample, locale)
      expect(rendered.subject.length).toBeGreaterThan(0)
      expect(rendered.text).toContain(sample.proposalTitle as string)
      expect(rendered.html).toContain('Sörmland Social Innovation Day')
    }
  })
})
