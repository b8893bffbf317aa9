import { stringify } from 'csv-stringify/sync'
import { formatIsoStockholm, formatSpreadsheetDateTime } from '../time.ts'

/**
 * CSV for people and programs. Two dialects:
 * - `excel-sv`: what Excel with Swedish settings opens by double-click — UTF-8 with BOM, semicolon,
 *   decimal comma, dates "2027-02-12 09:00" in Stockholm wall time, CRLF.
 * - `rfc4180`: comma, no BOM, CRLF, decimal point, dates ISO 8601 with Stockholm's offset.
 * Quoting is csv-stringify's; text that a spreadsheet would run as a formula (= + - @, tab, CR at the
 * start) gets an apostrophe first (OWASP "CSV injection"). Numbers stay numbers, so -5 is not touched.
 * Rows come in batches (an async iterable of row arrays) and go out as a byte stream, so a long
 * export never sits in memory at once.
 */

export const CSV_DIALECTS = ['excel-sv', 'rfc4180'] as const
export type CsvDialect = (typeof CSV_DIALECTS)[number]
export type CsvCell = string | number | boolean | Date | null | undefined
export type CsvRow = readonly CsvCell[]

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'

const FORMULA_START = /^[=+\-@\t\r]/

/** Text a spreadsheet would read as a formula gets a leading apostrophe; everything else is unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** One cell as text in a dialect. Booleans are "ja"/"nej" or "yes"/"no" by the caller's words. */
export function formatCsvCell(value: CsvCell, dialect: CsvDialect, words: { yes: string; no: string } = { yes: 'true', no: 'false' }): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return dialect === 'excel-sv' ? formatSpreadsheetDateTime(value) : formatIsoStockholm(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return ''
    const text = String(value)
    return dialect === 'excel-sv' ? text.replace('.', ',') : text
  }
  if (typeof value === 'boolean') return value ? words.yes : words.no
  return neutraliseFormula(value)
}

function options(dialect: CsvDialect) {
  return { delimiter: dialect === 'excel-sv' ? ';' : ',', record_delimiter: '\r\n' } as const
}

/** Rows (already formatted cells) as CSV text in a dialect; no BOM. */
function encodeRows(rows: readonly CsvRow[], dialect: CsvDialect, words?: { yes: string; no: string }): string {
  if (rows.length === 0) return ''
  return stringify(
    rows.map((row) => row.map((cell) => formatCsvCell(cell, dialect, words))),
    options(dialect),
  )
}

export type CsvInput = {
  dialect: CsvDialect
  header: readonly string[]
  /** Batches of rows, e.g. one page of 500 from the database at a time. */
  rows: AsyncIterable<readonly CsvRow[]> | Iterable<readonly CsvRow[]>
  /** How booleans read ("ja"/"nej"). */
  words?: { yes: string; no: string }
}

/** The CSV as text chunks: BOM (excel-sv) and header first, then one chunk per batch. */
export async function* csvChunks(input: CsvInput): AsyncGenerator<string> {
  const bom = input.dialect === 'excel-sv' ? '\uFEFF' : ''
  yield bom + encodeRows([input.header], input.dialect, input.words)
  for await (const batch of input.rows) {
    const text = encodeRows(batch, input.dialect, input.words)
    if (text) yield text
  }
}

/** The CSV as a byte stream for a Response body; each batch is read only when the client takes more. */
export function csvStream(input: CsvInput): ReadableStream<Uint8Array> {
  return chunksToStream(csvChunks(input))
}

/** The whole CSV as one string (small reports and tests). */
export async function csvText(input: CsvInput): Promise<string> {
  let text = ''
  for await (const chunk of csvChunks(input)) text += chunk
  return text
}

/** Pull-based: the next chunk is made only when the reader asks, so a slow client slows the reads. */
export function chunksToStream(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(typeof next.value === 'string' ? encoder.encode(next.value) : next.value)
    },
    async cancel() {
      await iterator.return?.(undefined)
    },
  })
}

/** `attachment; filename="…"; filename*=UTF-8''…` — an ASCII fallback plus the exact name. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}
