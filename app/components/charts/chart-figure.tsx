import type { ReactNode } from 'react'

export type ChartTable = { caption: string; headers: readonly string[]; rows: readonly (readonly (string | number)[])[] }

/**
 * A chart as a figure (ADR 0025): the SVG (role="img", named by the caption), the caption, and the
 * same numbers as a table in a <details> below, for screen readers, keyboard users and anyone who
 * wants the exact values. The first column of each row is its row header.
 */
export function ChartFigure(props: { id: string; caption: string; summary: string; tableLabel: string; table: ChartTable; children: ReactNode }) {
  return (
    <figure className="chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`} className="chart__caption">
        {props.caption}
      </figcaption>
      <p className="chart__summary" id={`${props.id}-summary`}>
        {props.summary}
      </p>
      <div className="chart__svg">{props.children}</div>
      <details className="chart__data">
        <summary>{props.tableLabel}</summary>
        <table className="console-table">
          <caption>{props.table.caption}</caption>
          <thead>
            <tr>
              {props.table.headers.map((header) => (
                <th scope="col" key={header}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.table.rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th scope="row" key={index}>
                      {cell}
                    </th>
                  ) : (
                    <td key={index}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
