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

describe('route patterns agree with react-router', () => {
  it('picks the route matchRoutes picks, for a path of every route', async () => {
    const { matchRoutes } = await import('@remix-run/react')
    type Node = { id: string; path?: string; index?: boolean; children: Node[] }
    const nodes = new Map<string, Node>()
    for (const route of Object.values(build.routes)) nodes.set(route!.id, { id: route!.id, path: route!.path, index: route!.index, children: [] })
    const roots: Node[] = []
    for (const route of Object.values(build.routes)) {
      const parent = route!.parentId ? nodes.get(route!.parentId) : undefined
      ;(parent ? parent.children : roots).push(nodes.get(route!.id)!)
    }
    const routeOf = routePatterns(build.routes)
    // A path for every route: its pattern with each parameter filled in, with and without /en.
    const paths = Object.values(build.routes).flatMap((route) => {
      const chain: string[] = []
      for (let at: typeof route | undefined = route; at; at = at.parentId ? build.routes[at.parentId] : undefined) if (at.path) chain.unshift(at.path)
      const filled = chain
        .join('/')
        .replace(/:lang\?\/?/, '')
        .replace(/:[\w-]+\??/g, 'x1')
        .replace(/\*/g, 'a/b')
      return [`/${filled}`, `/en/${filled}`]
    })
    for (const pathname of paths) {
      const expected = matchRoutes(roots as Parameters<typeof matchRoutes>[0], pathname)?.at(-1)?.route.id
      const label = routeOf(pathname)
      if (label === 'static' || label === 'unmatched') continue
      expect([pathname, label]).toEqual([pathname, expected])
    }
    expect(paths.length).toBeGreaterThan(100)
  })
})
