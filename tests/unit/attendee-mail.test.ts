import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { listTemplates, renderMail } from '../../app/mail/templates.server.ts'
import { secretFieldNames } from '../../app/mail/secrets.server.ts'

const ATTENDEE_TEMPLATES = ['registration-confirmed', 'registration-waitlisted', 'registration-cancelled', 'registration-exists', 'interest-registered']
const WITH_INVITE: Record<string, 'REQUEST' | 'CANCEL' | undefined> = { 'registration-confirmed': 'REQUEST', 'registration-cancelled': 'CANCEL' }

describe('attendee mail templates', () => {
  const templates = listTemplates().filter((template) => ATTENDEE_TEMPLATES.includes(template.name))

  it('are all registered, transactional, and mark the manage link (and the check-in ticket) secret', () => {
    expect(templates.map((template) => template.name).sort()).toEqual([...ATTENDEE_TEMPLATES].sort())
    for (const template of templates) {
      expect(template.kind).toBe('transactional')
      const secrets = template.name === 'registration-cancelled' ? [] : template.name === 'registration-confirmed' ? ['manageUrl', 'checkIn'] : ['manageUrl']
      expect(secretFieldNames(template.schema)).toEqual(secrets)
    }
  })

  for (const locale of ['sv', 'en'] as const) {
    it(`render their samples in ${locale}, with a calendar part exactly when the payload has an invitation, its METHOD equal to the part's method`, async () => {
      for (const template of templates) {
        const rendered = await template.render(template.sample(locale), locale)
        expect(rendered.subject.length).toBeGreaterThan(5)
        expect(rendered.html).toContain(`lang="${locale}"`)
        expect(rendered.text).toContain(template.sample(locale).eventTitle as string)
        expect(rendered.text).toContain(template.sample(locale).eventUrl as string)
        const method = WITH_INVITE[template.name]
        if (!method) {
          expect(rendered.calendar).toBeUndefined()
          continue
        }
        expect(rendered.calendar?.method).toBe(method)
        const calendar = new ICAL.Component(ICAL.parse(rendered.calendar!.content))
        expect(calendar.getFirstPropertyValue('method')).toBe(method)
      }
    })
  }

  it('refuse a confirmation whose invitation is a CANCEL (the MIME method would lie)', async () => {
    const confirmed = templates.find((template) => template.name === 'registration-confirmed')!
    const sample = confirmed.sample('sv') as { invite: object }
    await expect(
      renderMail({ template: 'registration-confirmed', locale: 'sv', payload: { ...sample, invite: { ...sample.invite, method: 'CANCEL' } } }),
    ).rejects.toThrow(/invite/)
  })
})
