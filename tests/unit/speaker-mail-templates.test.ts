import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { listTemplates } from '../../app/mail/templates.server.ts'

/** The speaker mails as the organizer preview (/organizer/mail-preview) shows them: every sample renders in both languages. */
const SPEAKER_TEMPLATES = ['speaker-reminder', 'speaker-confirmed', 'speaker-session-changed', 'speaker-answer', 'organizer-registrations']

describe('the speaker mail templates', () => {
  const templates = listTemplates().filter((template) => SPEAKER_TEMPLATES.includes(template.name))

  it('are all registered with the others', () => {
    expect(templates.map((template) => template.name).sort()).toEqual([...SPEAKER_TEMPLATES].sort())
  })

  for (const locale of ['sv', 'en'] as const) {
    it(`render their samples in ${locale} with subject, HTML and text and no missing translation`, async () => {
      for (const template of templates) {
        const mail = await template.render(template.sample(locale), locale)
        expect(mail.subject.length).toBeGreaterThan(0)
        expect(mail.html).toContain('<html')
        expect(mail.text).not.toMatch(/mail\.\w+\.|\{\w+\}/)
        expect(mail.subject).not.toMatch(/mail\.\w+\.|\{\w+\}/)
      }
    })
  }

  it('the confirmation carries a METHOD:REQUEST calendar with the session in Stockholm time, the change a REQUEST with its SEQUENCE', async () => {
    const byName = Object.fromEntries(templates.map((template) => [template.name, template]))
    const confirmed = await byName['speaker-confirmed'].render(byName['speaker-confirmed'].sample('sv'), 'sv')
    expect(confirmed.calendar?.method).toBe('REQUEST')
    const calendar = new ICAL.Component(ICAL.parse(confirmed.calendar!.content))
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST')
    const vevent = calendar.getFirstSubcomponent('vevent')!
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Stockholm')
    expect(vevent.getFirstPropertyValue('uid')).toBe('item-5a1c0b7e-2f43-4d8e-a9b0-112233445566@samling')
    const changed = await byName['speaker-session-changed'].render(byName['speaker-session-changed'].sample('en'), 'en')
    expect(changed.calendar?.method).toBe('REQUEST')
    expect(new ICAL.Component(ICAL.parse(changed.calendar!.content)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(1)
    expect(changed.subject).toBe('New time or place: Panel: co-created welfare')
  })

  it('a session change refuses a REQUEST for a cancellation (the schema ties change to METHOD)', async () => {
    const template = templates.find((candidate) => candidate.name === 'speaker-session-changed')!
    await expect(template.render({ ...template.sample('sv'), change: 'cancelled' }, 'sv')).rejects.toThrow(/METHOD|REQUEST|CANCEL/)
  })
})
