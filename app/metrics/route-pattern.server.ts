import { matchRoutes } from '@remix-run/react'
import type { ServerBuild } from '@remix-run/node'

/**
 * The bounded label a request is counted under in /metrics (samling_http_requests_total): the id of
 * the Remix route that serves its path (`routes/($lang).events.$slug`), `static` for files,
 * `metrics` for /metrics itself, or `unmatched` for a path no route knows (the catch-all 404).
 * Never the raw URL: slugs and tokens would make a series per visitor (ADR 0033).
 */
export type RoutePatterns = (pathname: string) => string

type RouteNode = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children: RouteNode[] }

/** The catch-all route (app/routes/($lang).$.tsx) answers every unknown path with a 404. */
const CATCH_ALL = /\.\$$|^routes\/\$$/

/** Labels seen, kept until this many (then forgotten at once: cheap, and the hot pages come back first). */
const MEMO_LIMIT = 5_000

/** A route whose path ends in a file name: a literal one (`calendar[.]ics` → "calendar.ics") or a parameter (/media/:id/:file). */
function servesFiles(route: RouteNode): boolean {
  const last = (route.path ?? '').split('/').pop() ?? ''
  return last.includes('.') || (last.startsWith(':') && !last.endsWith('?'))
}

export function routePatterns(routes: ServerBuild['routes']): RoutePatterns {
  const nodes = new Map<string, RouteNode>()
  for (const route of Object.values(routes)) {
    if (!route) continue
    nodes.set(route.id, { id: route.id, path: route.path, index: route.index, caseSensitive: route.caseSensitive, children: [] })
  }
  const roots: RouteNode[] = []
  for (const route of Object.values(routes)) {
    if (!route) continue
    const node = nodes.get(route.id)!
    const parent = route.parentId ? nodes.get(route.parentId) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const memo = new Map<string, string>()
  const match = (pathname: string): string => {
    if (pathname === '/metrics') return 'metrics'
    let matches
    try {
      matches = matchRoutes(roots as Parameters<typeof matchRoutes>[0], pathname)
    } catch {
      matches = null
    }
    const route = matches?.[matches.length - 1]?.route as RouteNode | undefined
    const isFile = pathname.startsWith('/build/') || /\.[A-Za-z0-9]+$/.test(pathname)
    if (route && !CATCH_ALL.test(route.id) && (!isFile || servesFiles(route))) return route.id
    // Remix's assets and the files in public/ (favicon.svg): no route serves them, although
    // `($lang)._index` would take "favicon.svg" for a language.
    return isFile ? 'static' : 'unmatched'
  }
  return (pathname) => {
    const known = memo.get(pathname)
    if (known !== undefined) return known
    const label = match(pathname)
    if (memo.size >= MEMO_LIMIT) memo.clear()
    memo.set(pathname, label)
    return label
  }
}
