import { describe, expect, it } from 'vitest'
import { parseStockholmLocal, readStockholmLocal } from '../../app/time.ts'

describe('dates typed with a year before 1900', () => {
  it('are refused instead of quietly becoming 19xx (JavaScript reads years 0–99 as 1900–1999)', () => {
    for (const typed of ['0001-01-01 09:00', '0099-06-01T09:00', '0000-01-01 00:00', '1899-12-31 23:59']) {
      expect(parseStockholmLocal(typed), typed).toBeNull()
      expect(readStockholmLocal(typed), typed).toEqual({ kind: 'invalid' })
    }
  })

  it('still reads 1900 and 9999', () => {
    expect(parseStockholmLocal('1900-06-01 12:00')?.getUTCFullYear()).toBe(1900)
    expect(readStockholmLocal('9999-12-31 23:59')).toEqual({ kind: 'exact', instant: new Date('9999-12-31T22:59:00.000Z') })
  })
})
