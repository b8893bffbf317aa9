import { once } from 'node:events'
import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { recordAudit } from '../audit/audit.server.ts'
import { db } from '../db/client.server.ts'
import { DomainError, NotFoundError } from '../errors.server.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import { t, type Locale, type MessageKey } from '../i18n/index.ts'
import type { Access } from '../organizations/access.server.ts'
import { answerRows, filterWhere, RegistrationQuerySchema, type RegistrationQuery } from '../registrations/console.server.ts'
import { stockholmWallClockAsUtc } from '../time.ts'
import { CSV_CONTENT_TYPE, CSV_DIALECTS, csvStream, type CsvCell, type CsvDialect } from './csv.server.ts'

/**
 * An event's registrations as a download for Excel: a real .xlsx (exceljs' streaming writer, typed
 * cells, the header row frozen) or CSV in one of two dialects (csv.server.ts). The rows are the ones
 * the console list shows with the same filters (filterWhere), read EXPORT_PAGE_SIZE at a time by
 * keyset (createdAt, id) and written as they come, so 10,000 registrations never sit in memory.
 * Viewers may export (they may read the list); another organization's event is a 404. Every export
 * is audited: who, which event, format, columns and how many rows — never who was in it.
 */

export const EXPORT_FORMATS = ['xlsx', ...CSV_DIALECTS] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_PAGE_SIZE = 500

/** The columns an organizer can tick, in the file's order; `invoice` stands for the invoice group. */
export const EXPORT_COLUMNS = [
  'name',
  'email',
  'organization',
  'sector',
  'county',
  'mode',
  'status',
  'registeredAt',
  'checkedInAt',
  'ticket',
  'price',
  'invoice',
] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]
/** A custom question's column: `q.<question id>`. */
export type QuestionColumn = `q.${string}`

const DEFAULT_COLUMNS: readonly ExportColumn[] = ['name', 'email', 'organization', 'sector', 'county', 'mode', 'status', 'registeredAt']
const QUESTION_COLUMN = /^q\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const FilterSchema = RegistrationQuerySchema.omit({ page: true })
export type ExportFilters = Omit<RegistrationQuery, 'page'>

export type ExportQuery = {
  format: ExportFormat
  /** null: the default set (with ticket and price for a priced event, and every question). */
  columns: Array<ExportColumn | QuestionColumn> | null
  filters: ExportFilters
}

/**
 * Reads `format`, `col` (repeated) and the list's filters from the query string. Unlike the list,
 * which drops a bad filter, a bad value here is a 400 with a message saying which: a download that
 * silently held other rows than asked for would be worse than none.
 */
export function parseExportQuery(params: URLSearchParams): ExportQuery {
  const format = params.get('format') ?? 'xlsx'
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new DomainError('organizer.export.invalidFormat', 400)
  const raw: Record<string, string> = {}
  for (const key of Object.keys(FilterSchema.shape)) {
    const value = params.get(key)
    if (value !== null) raw[key] = value
  }
  const filters = FilterSchema.safeParse(raw)
  if (!filters.success) throw new DomainError('organizer.export.invalidFilter', 400, { filter: String(filters.error.issues[0].path[0]) })
  const asked = params.getAll('col')
  const columns: Array<ExportColumn | QuestionColumn> = []
  for (const column of asked) {
    if (!(EXPORT_COLUMNS as readonly string[]).includes(column) && !QUESTION_COLUMN.test(column)) {
      throw new DomainError('organizer.export.invalidColumn', 400, { column: column.slice(0, 40) })
    }
    if (!columns.includes(column as ExportColumn)) columns.push(column as ExportColumn | QuestionColumn)
  }
  return { format: format as ExportFormat, columns: columns.length > 0 ? columns : null, filters: filters.data }
}

const rowSelect = {
  id: true,
  createdAt: true,
  name: true,
  email: true,
  organizationName: true,
  sector: true,
  county: true,
  abroad: true,
  attendanceMode: true,
  status: true,
  checkedInAt: true,
  anonymizedAt: true,
  answers: true,
  priceOre: true,
  vatRate: true,
  invoiceOrgNumber: true,
  invoiceAddress: true,
  invoiceEReference: true,
  buyerReference: true,
  paymentStatus: true,
  ticketType: { select: { nameSv: true, nameEn: true } },
} satisfies Prisma.RegistrationSelect
type Row = Prisma.RegistrationGetPayload<{ select: typeof rowSelect }>

type Question = { id: string; kind: string; labelSv: string; labelEn: string; options: unknown }

/** One column of the file: its header in the console's language, its cell type and its value. */
type Column = { header: string; type: 'text' | 'number' | 'date'; width: number; value: (row: Row) => string | number | Date | null }

function buildColumns(chosen: ReadonlyArray<ExportColumn | QuestionColumn>, questions: Question[], locale: Locale): Column[] {
  const header = (key: MessageKey) => t(locale, key)
  const text = (key: MessageKey, width: number, value: (row: Row) => string | null): Column => ({ header: header(key), type: 'text', width, value })
  const yesNo = (value: boolean) => t(locale, value ? 'organizer.export.yes' : 'organizer.export.no')
  const columns: Column[] = []
  for (const key of chosen) {
    if (key.startsWith('q.')) {
      const index = questions.findIndex((question) => question.id === key.slice(2))
      if (index < 0) throw new DomainError('organizer.export.invalidColumn', 400, { column: key.slice(0, 40) })
      const question = questions[index]
      columns.push({
        header: locale === 'sv' ? question.labelSv : question.labelEn || question.labelSv,
        type: 'text',
        width: 30,
        value: (row) => {
          const answer = answerRows([question], row.answers)[0]
          if (answer.value === null) return null
          if (typeof answer.value === 'boolean') return yesNo(answer.value)
          return answer.value.map((item) => answer.options?.[item]?.[locale] ?? item).join(', ')
        },
      })
      continue
    }
    switch (key as ExportColumn) {
      case 'name':
        // Anonymized rows (ADR 0031) say so instead of an empty name and a made-up address.
        columns.push(text('organizer.export.col.name', 28, (row) => (row.anonymizedAt ? t(locale, 'retention.anonymizedRow') : row.name)))
        break
      case 'email':
        columns.push(text('organizer.export.col.email', 32, (row) => (row.anonymizedAt ? '' : row.email)))
        break
      case 'organization':
        columns.push(text('organizer.export.col.organization', 28, (row) => row.organizationName))
        break
      case 'sector':
        columns.push(text('organizer.export.col.sector', 18, (row) => (row.sector ? t(locale, `sector.${row.sector}`) : null)))
        break
      case 'county':
        columns.push(
          text('organizer.export.col.county', 22, (row) => (row.abroad ? t(locale, 'county.abroad') : row.county ? t(locale, `county.${row.county}`) : null)),
        )
        break
      case 'mode':
        columns.push(text('organizer.export.col.mode', 14, (row) => t(locale, `attendanceMode.${row.attendanceMode}`)))
        break
      case 'status':
        columns.push(text('organizer.export.col.status', 16, (row) => t(locale, `registrationStatus.${row.status}`)))
        break
      case 'registeredAt':
        columns.push({ header: header('organizer.export.col.registeredAt'), type: 'date', width: 17, value: (row) => row.createdAt })
        break
      case 'checkedInAt':
        columns.push({ header: header('organizer.export.col.checkedInAt'), type: 'date', width: 17, value: (row) => row.checkedInAt })
        break
      case 'ticket':
        columns.push(
          text('organizer.export.col.ticket', 20, (row) => (row.ticketType ? (locale === 'sv' ? row.ticketType.nameSv : row.ticketType.nameEn) : null)),
        )
        break
      case 'price':
        columns.push({ header: header('organizer.export.col.price'), type: 'number', width: 14, value: (row) => row.priceOre / 100 })
        break
      case 'invoice':
        columns.push(
          { header: header('organizer.export.col.vatRate'), type: 'number', width: 10, value: (row) => row.vatRate },
          text('organizer.export.col.invoiceOrgNumber', 18, (row) => row.invoiceOrgNumber),
          text('organizer.export.col.invoiceAddress', 36, (row) => row.invoiceAddress),
          text('organizer.export.col.invoiceEReference', 20, (row) => row.invoiceEReference),
          text('organizer.export.col.buyerReference', 20, (row) => row.buyerReference),
          text('organizer.export.col.paymentStatus', 16, (row) => t(locale, `paymentStatus.${row.paymentStatus}`)),
        )
        break
    }
  }
  return columns
}

/** The default columns for an event: the basic set, ticket and price when it costs, every question. */
export function defaultColumns(input: { isPriced: boolean; questionIds: string[] }): Array<ExportColumn | QuestionColumn> {
  return [...DEFAULT_COLUMNS, ...(input.isPriced ? (['ticket', 'price'] as const) : []), ...input.questionIds.map((id) => `q.${id}` as const)]
}

/** The filtered registrations, EXPORT_PAGE_SIZE at a time, oldest first, by keyset (createdAt, id). */
async function* registrationPages(where: Prisma.RegistrationWhereInput): AsyncGenerator<Row[]> {
  let after: { createdAt: Date; id: string } | null = null
  for (;;) {
    const page: Row[] = await db.registration.findMany({
      where: after ? { AND: [where, { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }] } : where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: EXPORT_PAGE_SIZE,
      select: rowSelect,
    })
    if (page.length > 0) yield page
    if (page.length < EXPORT_PAGE_SIZE) return
    const last = page[page.length - 1]
    after = { createdAt: last.createdAt, id: last.id }
  }
}

export type RegistrationExport = {
  filename: string
  contentType: string
  rowCount: number
  body: ReadableStream<Uint8Array>
}

/**
 * Starts the export of an event's registrations: checks the event is this organization's (404),
 * the columns (400), counts the rows and audits, then returns the stream that reads and writes
 * them page by page as the client takes them.
 */
export async function exportRegistrations(input: { access: Access; eventId: string; query: ExportQuery; locale: Locale }): Promise<RegistrationExport> {
  const event = await db.event.findFirst({
    where: { id: input.eventId, organizationId: input.access.organization.id },
    select: {
      id: true,
      slug: true,
      questions: { orderBy: { position: 'asc' }, select: { id: true, kind: true, labelSv: true, labelEn: true, options: true } },
      ticketTypes: { select: { priceOre: true } },
    },
  })
  if (!event) throw new NotFoundError('error.eventNotFound')
  const chosen =
    input.query.columns ??
    defaultColumns({ isPriced: event.ticketTypes.some((ticket) => ticket.priceOre > 0), questionIds: event.questions.map((question) => question.id) })
  const columns = buildColumns(chosen, event.questions, input.locale)
  const where = filterWhere(event.id, { ...input.query.filters, page: 1 })
  const rowCount = await db.$transaction(async (tx) => {
    const count = await tx.registration.count({ where })
    await recordAudit(tx, {
      organizationId: input.access.organization.id,
      actorId: input.access.personId,
      action: 'event.registrationsExported',
      entityType: 'event',
      entityId: event.id,
      data: {
        format: input.query.format,
        rows: count,
        columns: chosen.map((key) => (key.startsWith('q.') ? 'question' : key)),
        filtered: Object.entries(input.query.filters).some(([, value]) => value !== undefined),
      },
    })
    return count
  })
  const stem = `${event.slug}-${input.locale === 'sv' ? 'anmalningar' : 'registrations'}`
  if (input.query.format === 'xlsx') {
    return {
      filename: `${stem}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rowCount,
      body: xlsxStream({ columns, pages: registrationPages(where), sheetName: t(input.locale, 'organizer.export.sheet') }),
    }
  }
  const dialect: CsvDialect = input.query.format
  return {
    filename: `${stem}${dialect === 'excel-sv' ? '' : '-rfc4180'}.csv`,
    contentType: CSV_CONTENT_TYPE,
    rowCount,
    body: csvStream({ dialect, header: columns.map((column) => column.header), rows: csvRows(columns, registrationPages(where)) }),
  }
}

async function* csvRows(columns: Column[], pages: AsyncIterable<Row[]>): AsyncGenerator<CsvCell[][]> {
  for await (const page of pages) yield page.map((row) => columns.map((column) => column.value(row)))
}

const DATE_FORMAT = 'yyyy-mm-dd hh:mm'
const NUMBER_FORMAT = '#,##0.00'

/**
 * The .xlsx through exceljs' streaming WorkbookWriter: each row is committed (written to the zip
 * and forgotten) as it comes; the writer waits while the client is behind. Text is always a plain
 * string cell (never a formula, whatever it starts with), dates are Excel dates showing Stockholm
 * wall time, numbers are numbers.
 */
function xlsxStream(input: { columns: Column[]; pages: AsyncIterable<Row[]>; sheetName: string }): ReadableStream<Uint8Array> {
  const out = new PassThrough()
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
    const sheet = workbook.addWorksheet(input.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = input.columns.map((column, index) => ({
      header: column.header,
      key: String(index),
      width: column.width,
      style: column.type === 'date' ? { numFmt: DATE_FORMAT } : column.type === 'number' && column.width > 10 ? { numFmt: NUMBER_FORMAT } : {},
    }))
    sheet.getRow(1).font = { bold: true }
    sheet.getRow(1).commit()
    for await (const page of input.pages) {
      for (const row of page) {
        sheet
          .addRow(
            input.columns.map((column) => {
              const value = column.value(row)
              if (value instanceof Date) return stockholmWallClockAsUtc(value)
              return value
            }),
          )
          .commit()
      }
      if (out.writableNeedDrain) await once(out, 'drain')
    }
    sheet.commit()
    await workbook.commit()
  }
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))))
  return Readable.toWeb(out) as ReadableStream<Uint8Array>
}
