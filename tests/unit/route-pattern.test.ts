import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { routePatterns } from '../../app/metrics/route-pattern.server.ts'

// The labels /metrics counts requests under come from the real route table of the build
// (`npm run build` first), so a renamed route shows up here.
const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as ServerBuild

describe('route patterns for /metrics', () => {
  const routeOf = routePatterns(build.routes)

  it('names the Remix route that serves a path, never the path itself', () => {
    expect(routeOf('/')).toBe('routes/($lang)._index')
    expect(routeOf('/en')).toBe('routes/($lang)._index')
    expect(routeOf('/events/sormland-social-innovation-day')).toBe('routes/($lang).events.$slug')
    expect(routeOf('/en/events/x/register')).toBe('routes/($lang).events.$slug_.register')
    expect(routeOf('/events/x/calendar.ics')).toBe('routes/($lang).events.$slug_.calendar[.]ics')
    expect(routeOf('/registrations/abc/check-in.png')).toBe('routes/($lang).registrations.$token_.check-in[.]png')
    expect(routeOf('/media/3f1c/photo.webp')).toBe('routes/media.$id.$file')
    expect(routeOf('/organizer/region/events/1/registrations')).toBe('routes/organizer.$org.events.$id.registrations')
    expect(routeOf('/healthz')).toBe('routes/healthz')
  })

  it('has fixed labels for files, /metrics and paths no route knows', () => {
    expect(routeOf('/favicon.svg')).toBe('static')
    expect(routeOf('/build/entry.client-ABC.js')).toBe('static')
    expect(routeOf('/metrics')).toBe('metrics')
    expect(routeOf('/a/b/c/d')).toBe('unmatched')
    expect(routeOf('/events/x/y/z')).toBe('unmatched')
  })
})
