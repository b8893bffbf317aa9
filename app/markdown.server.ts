import { micromark } from 'micromark'

/**
 * Renders the safe Markdown subset organizers write in descriptions and bios (CommonMark, no GFM).
 * Raw HTML is escaped (micromark without allowDangerousHtml), links and images with a protocol other
 * than http(s)/mailto/tel are dropped (micromark empties them; we remove the empty element), and
 * headings are moved so the description's highest heading sits at `topHeadingLevel` (h3 by default):
 * a description never adds a second h1 to the page, and its headings keep their order.
 */
export function renderMarkdown(source: string, opts: { topHeadingLevel?: 2 | 3 | 4 | 5 } = {}): string {
  if (!source.trim()) return ''
  // The same descriptions are rendered on every view of a busy event page: remember them.
  const key = `${opts.topHeadingLevel ?? 3}\u0000${source}`
  const cached = rendered.get(key)
  if (cached !== undefined) return cached
  const html = render(source, opts.topHeadingLevel ?? 3)
  if (rendered.size >= MAX_CACHED) rendered.clear()
  rendered.set(key, html)
  return html
}

const MAX_CACHED = 2_000
const rendered = new Map<string, string>()

function render(source: string, topHeadingLevel: number): string {
  const html = micromark(source, { allowDangerousHtml: false, allowDangerousProtocol: false })
  const used = [...html.matchAll(/<h([1-6])>/g)].map((match) => Number(match[1]))
  const shift = used.length ? topHeadingLevel - Math.min(...used) : 0
  return (
    html
      // micromark writes href="" for a dangerous protocol: keep the text, drop the link.
      .replace(/<a href="">([\s\S]*?)<\/a>/g, '$1')
      .replace(/<img src="" alt="([^"]*)" \/>/g, '$1')
      // Links the organizer wrote leave Samling: tell the browser not to pass the opener along.
      .replace(/<a href="(https?:[^"]*)"/g, '<a href="$1" rel="noopener nofollow"')
      .replace(/<(\/?)h([1-6])>/g, (_whole, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + shift)}>`)
  )
}

/** Plain text of a Markdown source, for meta descriptions (first `max` characters, on a word boundary). */
export function markdownToPlainText(source: string, max = 200): string {
  const text = renderMarkdown(source)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`
}
