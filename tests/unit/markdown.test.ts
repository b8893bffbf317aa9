import { describe, expect, it } from 'vitest'
import { markdownToPlainText, renderMarkdown } from '../../app/markdown.server.ts'

describe('renderMarkdown', () => {
  it('shows a script an organizer typed as text instead of running it', () => {
    expect(renderMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('escapes inline HTML and event-handler attributes', () => {
    expect(renderMarkdown('Hej <img src=x onerror=alert(1)> <b>fet</b>')).toBe('<p>Hej &lt;img src=x onerror=alert(1)&gt; &lt;b&gt;fet&lt;/b&gt;</p>')
  })

  it('keeps the words of a javascript: link but drops the link', () => {
    expect(renderMarkdown('[klicka](javascript:alert(1))')).toBe('<p>klicka</p>')
    expect(renderMarkdown('[klicka](JaVaScRiPt:alert(1))')).toBe('<p>klicka</p>')
    expect(renderMarkdown('<javascript:alert(1)>')).not.toContain('href="javascript')
  })

  it('drops an image whose source is a javascript: URL, keeping its alt text', () => {
    expect(renderMarkdown('![bild](javascript:alert(1))')).toBe('<p>bild</p>')
  })

  it('keeps https and mailto links, marking outgoing ones noopener', () => {
    expect(renderMarkdown('[Region](https://example.org) och [mejla](mailto:info@example.org)')).toBe(
      '<p><a href="https://example.org" rel="noopener nofollow">Region</a> och <a href="mailto:info@example.org">mejla</a></p>',
    )
  })

  it('moves headings down so the description’s top heading is an h3 and the page keeps one h1', () => {
    expect(renderMarkdown('# Rubrik\n\n## Under')).toBe('<h3>Rubrik</h3>\n<h4>Under</h4>')
    expect(renderMarkdown('## Välkommen\n\n### Mer', { topHeadingLevel: 2 })).toBe('<h2>Välkommen</h2>\n<h3>Mer</h3>')
  })

  it('renders lists, emphasis and paragraphs', () => {
    expect(renderMarkdown('Detta är **viktigt**.\n\n- ett\n- två')).toBe('<p>Detta är <strong>viktigt</strong>.</p>\n<ul>\n<li>ett</li>\n<li>två</li>\n</ul>')
  })

  it('gives nothing for an empty text', () => {
    expect(renderMarkdown('  \n')).toBe('')
  })
})

describe('markdownToPlainText', () => {
  it('gives the text without tags for meta descriptions, shortened on a word boundary', () => {
    expect(markdownToPlainText('**Tre dagar** om <social> innovation')).toBe('Tre dagar om <social> innovation')
    expect(markdownToPlainText('ord '.repeat(100), 30)).toBe('ord ord ord ord ord ord ord…')
  })
})
