import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { BarChart } from '../../app/components/charts/bar-chart.tsx'
import { LineChart } from '../../app/components/charts/line-chart.tsx'
import { suppressCount, suppressGroups } from '../../app/reports/suppression.ts'

describe('charts rendered on the server by visx (ADR 0025)', () => {
  it('a bar chart is one fixed-size SVG image named by its caption, with each label and value written out', () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, {
        id: 'sector',
        bars: [
          { label: 'Offentlig sektor', value: 12, display: '12' },
          { label: 'Akademi', value: 3, display: '< 5' },
        ],
      }),
    )
    expect(html).toMatch(/^<svg role="img" aria-labelledby="sector-caption sector-summary" width="640" height="64"/)
    expect(html).toContain('Offentlig sektor')
    expect(html).toContain('&lt; 5')
    expect(html.match(/<rect/g)?.length).toBe(3) // two bars and the hatching pattern's tile
  })

  it('a line chart draws the running total with its last value and three day labels', () => {
    const points = ['1 nov.', '2 nov.', '3 nov.', '4 nov.'].map((label, index) => ({ label, value: (index + 1) * 5 }))
    const html = renderToStaticMarkup(createElement(LineChart, { id: 'time', points }))
    expect(html).toContain('<path')
    expect(html).toContain('>20</tspan>')
    for (const label of ['1 nov.', '2 nov.', '4 nov.']) expect(html).toContain(label)
    expect(html).not.toContain('3 nov.')
  })
})

describe('small groups in what is shared', () => {
  it('shows 1–4 as "< 5", keeps 0 and 5', () => {
    expect([0, 1, 4, 5, 120].map(suppressCount)).toEqual([0, '< 5', '< 5', 5, 120])
  })

  it('applies the rule to every group of a breakdown', () => {
    expect(suppressGroups([40, 3, 12, 0, 7])).toEqual([40, '< 5', 12, 0, 7])
  })
})
