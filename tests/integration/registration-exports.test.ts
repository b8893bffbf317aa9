import { randomBytes } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { db } from '../../app/db/client.server.ts'
import type { Prisma } from '../../app/generated/prisma/client.ts'
import { loader } from '../../app/routes/organizer.$org.events.$id.registrations_.export.ts'
import { call, cookieFor, createMember, createOrganization, getRequest } from '../support/console.ts'
import { useTestDatabase } from '../support/database.ts'

useTestDatabase()

let org: { id: string; slug: string }
let organizer: string
let viewer: string
let event: { id: string }
let lunch: string
let note: string

let sequence = 0
async function registration(eventId: string, data: Partial<Prisma.RegistrationUncheckedCreateInput> & { name: string }) {
  sequence += 1
  const email = data.email ?? `person${sequence}@example.se`
  return db.registration.create({
    data: {
      eventId,
      email,
      emailNormalized: email.toLowerCase(),
      status: 'confirmed',
      manageTokenHash: randomBytes(32).toString('hex'),
      createdAt: new Date(Date.UTC(2027, 1, 12, 8, sequence)),
      ...data,
    },
  })
}

function exportPath(eventId: string, query: string) {
  return `/organizer/${org.slug}/events/${eventId}/registrations/export${query}`
}

function get(query: string, cookie = organizer, eventId = event.id, orgSlug = org.slug) {
  return call(loader, getRequest(exportPath(eventId, query), cookie || undefined), { org: orgSlug, id: eventId })
}

async function csv(query: string, cookie = organizer) {
  const response = await get(query, cookie)
  expect(response.status).toBe(200)
  return { response, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) }
}

beforeAll(async () => {
  org = await createOrganization('coompanion-export', 'Coompanion')
  organizer = await cookieFor((await createMember(org.id, 'organizer')).id)
  viewer = await cookieFor((await createMember(org.id, 'viewer')).id)
  const created = await db.event.create({
    data: {
      slug: 'co-days-2027',
      organizationId: org.id,
      titleSv: 'Co-Days 2027',
      titleEn: 'Co-Days 2027',
      format: 'hybrid',
      status: 'published',
      startsAt: new Date('2027-02-12T08:00:00Z'),
      endsAt: new Date('2027-02-12T15:00:00Z'),
      ticketTypes: { create: { nameSv: 'Ordinarie', nameEn: 'Standard', priceOre: 29550 } },
      questions: {
        create: [
          {
            kind: 'choice',
            position: 0,
            labelSv: 'Lunch',
            labelEn: 'Lunch',
            options: [
              { value: 'veg', sv: 'Vegetarisk', en: 'Vegetarian' },
              { value: 'vegan', sv: 'Vegansk', en: 'Vegan' },
            ],
          },
          { kind: 'text', position: 1, labelSv: 'Övrigt', labelEn: 'Anything else' },
        ],
      },
    },
    include: { ticketTypes: true, questions: { orderBy: { position: 'asc' } } },
  })
  event = created
  lunch = created.questions[0].id
  note = created.questions[1].id
  const priced = { ticketTypeId: created.ticketTypes[0].id, priceOre: 29550, vatRate: 25, paymentStatus: 'unpaid' as const }
  await registration(event.id, {
    name: 'Åsa Öberg',
    email: 'asa.oberg@region.se',
    organizationName: 'Region Sörmland',
    sector: 'public_sector',
    county: 'sodermanland',
    answers: { [lunch]: 'veg', [note]: '=HYPERLINK("http://evil.example","klicka")' },
    checkedInAt: new Date('2027-02-12T08:45:00Z'),
    invoiceOrgNumber: '232100-0255',
    ...priced,
  })
  await registration(event.id, { name: '@Erik Lind', organizationName: '+Coompanion', sector: 'civil_society', county: 'stockholm', ...priced })
  await registration(event.id, { name: 'Maja Ek', sector: 'academia', abroad: true, attendanceMode: 'online', ...priced, paymentStatus: 'paid' })
  await registration(event.id, { name: 'Omar Nilsson', status: 'cancelled', cancelledAt: new Date(), answers: { [lunch]: 'vegan' }, ...priced })
})

describe('CSV for Swedish Excel', () => {
  it('has a BOM, semicolons, decimal comma, Stockholm dates, answers, å/ä/ö and no formulas', async () => {
    const { response, text } = await csv(
      '?format=excel-sv&col=name&col=organization&col=registeredAt&col=checkedInAt&col=price&col=q.' + lunch + '&col=q.' + note,
    )
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(response.headers.get('Content-Disposition')).toContain('filename="co-days-2027-anmalningar.csv"')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][]
    expect(rows[0]).toEqual(['Namn', 'Organisation', 'Anmäld', 'Incheckad', 'Pris (kr inkl. moms)', 'Lunch', 'Övrigt'])
    expect(rows[1]).toEqual([
      'Åsa Öberg',
      'Region Sörmland',
      '2027-02-12 09:01',
      '2027-02-12 09:45',
      '295,5',
      'Vegetarisk',
      `'=HYPERLINK("http://evil.example","klicka")`,
    ])
    expect(rows[2].slice(0, 2)).toEqual(["'@Erik Lind", "'+Coompanion"])
    expect(rows).toHaveLength(5)
  })

  it('honours the list filters and the default columns', async () => {
    const { text } = await csv('?format=excel-sv&status=confirmed&mode=on_site')
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][]
    expect(rows[0]).toEqual([
      'Namn',
      'E-post',
      'Organisation',
      'Sektor',
      'Län',
      'Deltagande',
      'Status',
      'Anmäld',
      'Biljett',
      'Pris (kr inkl. moms)',
      'Lunch',
      'Övrigt',
    ])
    expect(rows.slice(1).map((row) => row[0])).toEqual(['Åsa Öberg', "'@Erik Lind"])
    expect(rows[1].slice(3, 7)).toEqual(['Offentlig sektor', 'Södermanlands län', 'På plats', 'Anmäld'])
    const abroad = parse((await csv('?format=excel-sv&county=abroad&col=name&col=county')).text, { bom: true, delimiter: ';' }) as string[][]
    expect(abroad.slice(1)).toEqual([['Maja Ek', 'Utanför Sverige']])
  })
})

describe('CSV after RFC 4180', () => {
  it('has commas, CRLF, no BOM and English headers and answers in the English console', async () => {
    const { text } = await csv(`?lang=en&format=rfc4180&col=name&col=status&col=price&col=registeredAt&col=q.${lunch}`)
    expect(text.startsWith('Name,Status,')).toBe(true)
    expect(text.split('\r\n')).toHaveLength(6)
    const rows = parse(text, { delimiter: ',' }) as string[][]
    expect(rows[1]).toEqual(['Åsa Öberg', 'Registered', '295.5', '2027-02-12T09:01:00+01:00', 'Vegetarian'])
    expect(rows[4]).toEqual(['Omar Nilsson', 'Cancelled', '295.5', '2027-02-12T09:04:00+01:00', 'Vegan'])
  })
})

describe('the xlsx', () => {
  it('is a real workbook with typed cells, a frozen header and strings that are never formulas', async () => {
    const response = await get(`?format=xlsx&col=name&col=registeredAt&col=checkedInAt&col=price&col=invoice&col=q.${note}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers.get('Content-Disposition')).toContain('co-days-2027-anmalningar.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const sheet = workbook.worksheets[0]
    expect(sheet.name).toBe('Anmälningar')
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Namn',
      'Anmäld',
      'Incheckad',
      'Pris (kr inkl. moms)',
      'Moms (%)',
      'Organisationsnummer',
      'Fakturaadress',
      'E-fakturareferens',
      'Er referens',
      'Betalning',
      'Övrigt',
    ])
    expect(sheet.rowCount).toBe(5)
    const first = sheet.getRow(2)
    expect(first.getCell(1).value).toBe('Åsa Öberg')
    // Excel dates show Stockholm wall time (09:01 in February is 08:01 UTC).
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.Date)
    expect((first.getCell(2).value as Date).toISOString()).toBe('2027-02-12T09:01:00.000Z')
    expect(first.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm')
    expect((first.getCell(3).value as Date).toISOString()).toBe('2027-02-12T09:45:00.000Z')
    expect(first.getCell(4).value).toBe(295.5)
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.Number)
    expect(first.getCell(5).value).toBe(25)
    expect(first.getCell(6).value).toBe('232100-0255')
    expect(first.getCell(10).value).toBe('Ej fakturerad')
    expect(first.getCell(11).type).toBe(ExcelJS.ValueType.String)
    expect(first.getCell(11).value).toBe('=HYPERLINK("http://evil.example","klicka")')
    expect(sheet.getRow(3).getCell(1).type).toBe(ExcelJS.ValueType.String)
    expect(sheet.getRow(3).getCell(3).value).toBeNull()
  })
})

describe('who may export, and bad requests', () => {
  it('viewers may export (they may read the list); the export is audited without personal data', async () => {
    const response = await get('?format=rfc4180&status=confirmed&col=name', viewer)
    expect(response.status).toBe(200)
    await response.arrayBuffer()
    const entry = await db.auditEntry.findFirst({ where: { organizationId: org.id, action: 'event.registrationsExported' }, orderBy: { createdAt: 'desc' } })
    expect(entry?.entityId).toBe(event.id)
    expect(entry?.data).toEqual({ format: 'rfc4180', rows: 3, columns: ['name'], filtered: true })
    expect(JSON.stringify(entry?.data)).not.toMatch(/Öberg|@/)
  })

  it('sends visitors to sign in and answers 404 for another organization', async () => {
    const visitor = await get('?format=xlsx', '')
    expect(visitor.status).toBe(302)
    expect(visitor.headers.get('Location')).toMatch(/^\/login/)
    const other = await createOrganization('other-export', 'Other')
    const stranger = await cookieFor((await createMember(other.id, 'owner')).id)
    expect((await get('?format=xlsx', stranger, event.id, other.slug)).status).toBe(404)
    expect((await get('?format=xlsx', stranger)).status).toBe(404)
  })

  it('answers 400 with a clear message for a bad format, column or filter', async () => {
    for (const [query, message] of [
      ['?format=pdf', 'okänt format'],
      ['?col=password', 'okänd kolumn ”password”'],
      ['?col=q.00000000-0000-4000-8000-000000000000', 'okänd kolumn'],
      ['?status=deleted', 'ogiltigt filter ”status”'],
    ] as const) {
      const response = await get(query)
      expect(response.status).toBe(400)
      expect(((await response.json()) as { formError: string }).formError).toContain(message)
    }
  })
})
