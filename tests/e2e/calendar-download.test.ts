import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../support/server.ts'

// The .ics download through the real production server (server.ts sends paths with an extension
// past the static files to Remix) with the demo data: the link on the event page leads to it.
let server: RunningServer

beforeAll(async () => {
  server = await startServer()
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

const SLUG = 'sormland-social-innovation-day'

describe('"Lägg till i kalender (.ics)" on an event page', () => {
  it('links to a text/calendar download of that event with its UID, in Swedish and in English', async () => {
    for (const prefix of ['', '/en']) {
      const page = await (await fetch(`${server.url}${prefix}/events/${SLUG}`)).text()
      const href = /<a href="([^"]+)" download="[^"]+" type="text\/calendar">([^<]+)<\/a>/.exec(page)
      expect(href?.[1]).toBe(`${prefix}/events/${SLUG}/calendar.ics`)
      expect(href?.[2]).toBe(prefix ? 'Add to calendar (.ics)' : 'Lägg till i kalender (.ics)')

      const response = await fetch(`${server.url}${href![1]}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${SLUG}.ics"`)
      const calendar = new ICAL.Component(ICAL.parse(await response.text()))
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
      expect(String(calendar.getFirstSubcomponent('vevent')!.getFirstPropertyValue('uid'))).toMatch(/^event-[0-9a-f-]{36}@samling$/)
    }
  })

  it('answers 404 for an event that does not exist', async () => {
    expect((await fetch(`${server.url}/events/finns-inte/calendar.ics`)).status).toBe(404)
  })
})
