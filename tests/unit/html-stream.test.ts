import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { renderHtmlStream } from '../../app/html-stream.server.ts'

// React writes the document in 2,048-byte views. A page whose multi-byte characters ("–" is 3
// bytes, "Ö" 2) met a view boundary used to get a NUL byte there (issue 7 §8). A programme of short
// texts (like a real event page), pushed down one byte at a time by short ASCII texts before it,
// puts a multi-byte character across every boundary position (an item is ≈ 40 bytes, so 256
// shifts cover each alignment several times).
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer())
}

function page(shift: number) {
  const padding = Array.from({ length: Math.ceil(shift / 100) }, (_, i) => createElement('i', { key: i }, 'x'.repeat(Math.min(100, shift - i * 100))))
  const programme = Array.from({ length: 120 }, (_, i) => createElement('li', { key: i }, `13.00–15.30 Ö${i}`, createElement('span', null, 'å–ä')))
  return createElement('main', null, createElement('p', null, padding), createElement('ul', null, programme))
}

describe('a streamed page', () => {
  it('has exactly the bytes of the same page rendered at once, wherever a multi-byte character meets a chunk boundary', async () => {
    const mismatches: number[] = []
    for (let shift = 0; shift < 256; shift++) {
      const streamed = await bytesOf(await renderHtmlStream(page(shift), {}))
      const whole = Buffer.from(renderToString(page(shift)))
      if (streamed.includes(0) || !streamed.equals(whole)) mismatches.push(shift)
    }
    expect(mismatches).toEqual([])
  })

  it('waits for everything when asked to (crawlers)', async () => {
    const html = (await bytesOf(await renderHtmlStream(createElement('p', null, 'Örebro – Göteborg'), { waitForAll: true, nonce: 'n0nce' }))).toString()
    expect(html).toBe('<p>Örebro – Göteborg</p>')
  })
})
