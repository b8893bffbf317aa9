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

/**
 * Each leaf route's whole path as one compiled pattern, ranked as react-router ranks them (its
 * computeScore: static segments 10, dynamic 3, a splat -2, an index route +2), so the first match is
 * the route Remix would pick. Built once: react-router's matchRoutes flattens and ranks the whole
 * table on every call (3 ms per new path here, measured), too much for every request with a token.
 */
type Branch = { id: string; pattern: RegExp; score: number; order: number; route: RouteNode }

function scoreOf(path: string, index: boolean): number {
  const segments = path.split('/')
  let score = segments.length + (segments.includes('*') ? -2 : 0) + (index ? 2 : 0)
  for (const segment of segments) if (segment !== '*') score += /^:[\w-]+$/.test(segment) ? 3 : segment === '' ? 1 : 10
  return score
}

/** `:lang?/events/:slug` → both `events/:slug` and `:lang/events/:slug` (react-router explodes optional segments the same way). */
function explode(segments: string[]): string[][] {
  if (segments.length === 0) return [[]]
  const [first, ...rest] = segments
  const tails = explode(rest)
  if (!first.endsWith('?')) return tails.map((tail) => [first, ...tail])
  const required = first.slice(0, -1)
  return [...tails.map((tail) => [required, ...tail]), ...tails]
}

function compile(segments: string[], caseSensitive: boolean): RegExp {
  const parts = segments.map((segment) =>
    segment === '*' ? '(?:/.*)?' : segment.startsWith(':') ? '/[^/]+' : `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
  )
  return new RegExp(`^${parts.join('') || ''}/*$`, caseSensitive ? '' : 'i')
}

function branchesOf(roots: RouteNode[]): Branch[] {
  const branches: Branch[] = []
  const walk = (node: RouteNode, parentSegments: string[], caseSensitive: boolean) => {
    const own = (node.path ?? '').split('/').filter((segment) => segment !== '')
    const segments = [...parentSegments, ...own]
    const sensitive = caseSensitive || Boolean(node.caseSensitive)
    for (const child of node.children) walk(child, segments, sensitive)
    // Layout routes with children match through them; a leaf (or an index) is a branch of its own.
    if (node.children.length && !node.index) return
    for (const variant of explode(segments)) {
      branches.push({
        id: node.id,
        pattern: compile(variant, sensitive),
        score: scoreOf(variant.join('/'), Boolean(node.index)),
        order: branches.length,
        route: node,
      })
    }
  }
  for (const root of roots) walk(root, [], false)
  return branches.sort((a, b) => b.score - a.score || a.order - b.order)
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
  const branches = branchesOf(roots)
  const memo = new Map<string, string>()
  const match = (pathname: string): string => {
    if (pathname === '/metrics') return 'metrics'
    const route = branches.find((branch) => branch.pattern.test(pathname))?.route
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
