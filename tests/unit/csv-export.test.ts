import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { attachmentDisposition, csvStream, csvText, neutraliseFormula, type CsvRow } from '../../app/exports/csv.server.ts'

const header = ['Namn', 'Belopp', 'Anmäld']
const rows: CsvRow[] = [
  ['Åsa Öberg; "Ängel"', 1234.5, new Date('2027-02-12T08:00:00Z')],
  ['=HYPERLINK("http://evil")', -5, new Date('2027-07-01T07:30:00Z')],
  ['+46 70', 0, null],
  ['@SUM(A1)', 2.25, undefined],
  ['-1+1', 10, new Date('2027-02-12T08:00:00Z')],
  ['\tdolt', 1, null],
  ['rad\r\nbryt', 1, null],
]

describe('CSV in the Excel-sv dialect', () => {
  it('has a BOM, semicolons, CRLF, decimal comma and Stockholm dates, and keeps å/ä/ö', async () => {
    const text = await csvText({ dialect: 'excel-sv', header, rows: [rows] })
    expect(text.startsWith('\uFEFFNamn;Belopp;Anmäld\r\n')).toBe(true)
    const parsed = parse(text, { bom: true, delimiter: ';' }) as string[][]
    expect(parsed[0]).toEqual(header)
    expect(parsed[1]).toEqual(['Åsa Öberg; "Ängel"', '1234,5', '2027-02-12 09:00'])
    expect(parsed[2][2]).toBe('2027-07-01 09:30') // summer time
    expect(parsed[2][1]).toBe('-5') // a number is not a formula
    expect(parsed[3][2]).toBe('')
    expect(parsed.slice(1).map((row) => row[0])).toEqual([
      'Åsa Öberg; "Ängel"',
      `'=HYPERLINK("http://evil")`,
      "'+46 70",
      "'@SUM(A1)",
      "'-1+1",
      "'\tdolt",
      'rad\r\nbryt',
    ])
  })
})

describe('CSV in the RFC 4180 dialect', () => {
  it('has no BOM, commas, CRLF, a decimal point and ISO dates with offset', async () => {
    const text = await csvText({ dialect: 'rfc4180', header, rows: [rows.slice(0, 2), [], rows.slice(2)] })
    expect(text.startsWith('Namn,Belopp,Anmäld\r\n')).toBe(true)
    expect(text.endsWith('\r\n')).toBe(true)
    const parsed = parse(text, { delimiter: ',', record_delimiter: '\r\n' }) as string[][]
    expect(parsed).toHaveLength(8)
    expect(parsed[1]).toEqual(['Åsa Öberg; "Ängel"', '1234.5', '2027-02-12T09:00:00+01:00'])
    expect(parsed[2]).toEqual([`'=HYPERLINK("http://evil")`, '-5', '2027-07-01T09:30:00+02:00'])
  })

  it('streams bytes batch by batch', async () => {
    let made = 0
    async function* batches() {
      for (let i = 0; i < 3; i++) {
        made++
        yield [[`rad ${i}`, i, null]] as CsvRow[]
      }
    }
    const reader = csvStream({ dialect: 'rfc4180', header, rows: batches() }).getReader()
    await reader.read() // header
    expect(made).toBe(0)
    await reader.read()
    expect(made).toBe(1)
    let rest = ''
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += new TextDecoder().decode(next.value)
    expect(rest).toBe('rad 1,1,\r\nrad 2,2,\r\n')
  })
})

describe('helpers', () => {
  it('neutralises only formula starts', () => {
    expect(neutraliseFormula('Anna')).toBe('Anna')
    expect(neutraliseFormula('a=b')).toBe('a=b')
    expect(neutraliseFormula('\rX')).toBe("'\rX")
  })
  it('names the attachment in ASCII and UTF-8', () => {
    expect(attachmentDisposition('anmälningar-vår.csv')).toBe(`attachment; filename="anmalningar-var.csv"; filename*=UTF-8''anm%C3%A4lningar-v%C3%A5r.csv`)
  })
})
