import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateTime,
  formatEventWhen,
  formatLongDate,
  formatTime,
  parseStockholmLocal,
  readStockholmLocal,
  startOfStockholmDay,
  stockholmDay,
  toLocalInputValue,
} from '../../app/time.ts'

// These run with the process in UTC (vitest's global setup) and must show Stockholm wall time.
describe('Swedish and English dates in Europe/Stockholm', () => {
  it('a winter card reads "fre 12 feb 2027, kl. 09.00–16.00" in Swedish', () => {
    const start = new Date('2027-02-12T08:00:00Z')
    const end = new Date('2027-02-12T15:00:00Z')
    expect(formatEventWhen(start, end, 'sv')).toBe('fre 12 feb 2027, kl. 09.00–16.00')
    expect(formatEventWhen(start, end, 'en')).toBe('Fri 12 Feb 2027, 09:00–16:00')
  })

  it('a summer time is two hours ahead of UTC', () => {
    const start = new Date('2027-05-03T07:00:00Z')
    expect(formatTime(start, 'sv')).toBe('09.00')
    expect(formatLongDate(start, 'sv')).toBe('måndag 3 maj 2027')
    expect(formatLongDate(start, 'en')).toBe('Monday 3 May 2027')
  })

  it('the March switch: 01:30 UTC is 02:30 before and 03:30 after 01:00 UTC on 28 March 2027', () => {
    expect(formatTime(new Date('2027-03-28T00:30:00Z'), 'sv')).toBe('01.30')
    expect(formatTime(new Date('2027-03-28T01:30:00Z'), 'sv')).toBe('03.30')
  })

  it('the October switch: the hour 02:00–03:00 happens twice on 31 October 2027', () => {
    expect(formatTime(new Date('2027-10-31T00:30:00Z'), 'en')).toBe('02:30')
    expect(formatTime(new Date('2027-10-31T01:30:00Z'), 'en')).toBe('02:30')
    expect(formatTime(new Date('2027-10-31T02:30:00Z'), 'en')).toBe('03:30')
  })

  it('a multi-day event shows both ends in the same style as one day: date, comma, time', () => {
    const start = new Date('2027-02-10T08:00:00Z')
    const end = new Date('2027-02-12T15:30:00Z')
    expect(formatEventWhen(start, end, 'sv')).toBe('ons 10 feb 2027, kl. 09.00 – fre 12 feb 2027, kl. 16.30')
    expect(formatEventWhen(start, end, 'en')).toBe('Wed 10 Feb 2027, 09:00 – Fri 12 Feb 2027, 16:30')
    expect(formatEventWhen(new Date('2026-12-22T12:00:00Z'), new Date('2026-12-22T13:30:00Z'), 'sv')).toBe('tis 22 dec 2026, kl. 13.00–14.30')
  })

  it('one moment reads like the card line: "tors 11 feb 2027, kl. 09.00"', () => {
    expect(formatDateTime(new Date('2027-02-11T08:00:00Z'), 'sv')).toBe('tors 11 feb 2027, kl. 09.00')
    expect(formatDateTime(new Date('2027-02-11T08:00:00Z'), 'en')).toBe('Thu 11 Feb 2027, 09:00')
  })

  it('late evening UTC is already the next day in Stockholm', () => {
    expect(stockholmDay(new Date('2027-09-28T22:30:00Z'))).toBe('2027-09-29')
    expect(formatDate(new Date('2027-09-28T22:30:00Z'), 'sv')).toBe('ons 29 sep 2027')
  })
})

describe('times typed by organizers', () => {
  it('"2027-02-12 09:00" is 08:00 UTC in winter and "2027-09-29T09:00" is 07:00 UTC in summer', () => {
    expect(parseStockholmLocal('2027-02-12 09:00')?.toISOString()).toBe('2027-02-12T08:00:00.000Z')
    expect(parseStockholmLocal('2027-09-29T09:00')?.toISOString()).toBe('2027-09-29T07:00:00.000Z')
  })

  it('the day after the October switch is back to UTC+1', () => {
    expect(parseStockholmLocal('2027-11-01 09:00')?.toISOString()).toBe('2027-11-01T08:00:00.000Z')
    expect(parseStockholmLocal('2027-10-30 09:00')?.toISOString()).toBe('2027-10-30T07:00:00.000Z')
  })

  it('rejects text that is not a real date', () => {
    for (const bad of ['', 'i morgon', '2027-02-30 09:00', '2027-13-01 09:00', '2027-02-12 24:00', '2027-02-12']) {
      expect(parseStockholmLocal(bad)).toBeNull()
    }
  })

  it('round-trips through the datetime-local input value', () => {
    const instant = new Date('2027-10-31T08:15:00Z')
    expect(toLocalInputValue(instant)).toBe('2027-10-31T09:15')
    expect(parseStockholmLocal(toLocalInputValue(instant))?.getTime()).toBe(instant.getTime())
  })

  it('a Stockholm day starts at 23:00 UTC the evening before in winter', () => {
    expect(startOfStockholmDay(new Date('2027-02-12T12:00:00Z')).toISOString()).toBe('2027-02-11T23:00:00.000Z')
    expect(startOfStockholmDay(new Date('2027-02-12T12:00:00Z'), 1).toISOString()).toBe('2027-02-12T23:00:00.000Z')
  })
})

describe('times around the clock switches', () => {
  it('02:30 on 28 March 2027 does not exist (clocks jump from 02:00 to 03:00)', () => {
    expect(readStockholmLocal('2027-03-28T02:30')).toEqual({ kind: 'skipped', day: '2027-03-28', time: '02:30' })
    expect(readStockholmLocal('2027-03-28T02:00')).toEqual({ kind: 'skipped', day: '2027-03-28', time: '02:00' })
    expect(readStockholmLocal('2027-03-28T01:59')).toEqual({ kind: 'exact', instant: new Date('2027-03-28T00:59:00Z') })
    expect(readStockholmLocal('2027-03-28T03:00')).toEqual({ kind: 'exact', instant: new Date('2027-03-28T01:00:00Z') })
  })

  it('02:30 on 31 October 2027 happens twice; the first, summer time (UTC+02:00), is taken', () => {
    expect(readStockholmLocal('2027-10-31 02:30')).toEqual({
      kind: 'ambiguous',
      instant: new Date('2027-10-31T00:30:00Z'),
      day: '2027-10-31',
      time: '02:30',
      offset: '+02:00',
      laterOffset: '+01:00',
    })
    expect(readStockholmLocal('2027-10-31 03:00')).toEqual({ kind: 'exact', instant: new Date('2027-10-31T02:00:00Z') })
    expect(readStockholmLocal('2027-10-31 01:59')).toEqual({ kind: 'exact', instant: new Date('2027-10-30T23:59:00Z') })
  })

  it('ordinary times and bad text read as before', () => {
    expect(readStockholmLocal('2027-02-12 09:00')).toEqual({ kind: 'exact', instant: new Date('2027-02-12T08:00:00Z') })
    for (const bad of ['', 'i morgon', '2027-02-30 09:00', '2027-02-12 24:00']) expect(readStockholmLocal(bad)).toEqual({ kind: 'invalid' })
  })
})
