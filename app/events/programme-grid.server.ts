import { formatTimeRange } from '../time.ts'
import type { Locale } from '../i18n/index.ts'

/**
 * One day of a multi-room programme as a table (issue 11 §5b, ADR 0030): rooms as columns, time as
 * rows. The rows are the intervals between every start and end time of the day, so an item covers
 * a whole number of rows (its rowspan) and nothing is rounded to a fixed slot length. The grid
 * holds item ids only; the page has each item's text once, in the day's item list.
 */
export type ProgrammeGrid = {
  /** Column headers in room order (the console's room position); a last column for items without a room. */
  rooms: { key: string; name: string | null }[]
  rows: ProgrammeGridRow[]
}

export type ProgrammeGridRow = {
  startsAt: string
  /** "09:30–10:15" in Stockholm time. */
  label: string
  /** Only the cells that start in this row (a cell from a row above covers the rest, as in HTML). */
  cells: ProgrammeGridCell[]
}

/** An empty slot has no items. Overlapping items in one room share one cell (a double booking stays visible). */
export type ProgrammeGridCell = { room: string; rowSpan: number; itemIds: string[] }

export type GridItem = { id: string; startsAt: Date; endsAt: Date; room: string | null; roomPosition?: number | null }

/** True when the day's items use more than one room: only such days get a grid. */
export function isMultiRoomDay(items: GridItem[]): boolean {
  return new Set(items.flatMap((item) => (item.room ? [item.room] : []))).size > 1
}

/** The day's grid, or null for a day in at most one room. */
export function programmeGrid(items: GridItem[], locale: Locale): ProgrammeGrid | null {
  if (!isMultiRoomDay(items)) return null
  const positions = new Map<string, number>()
  for (const item of items) if (item.room && !positions.has(item.room)) positions.set(item.room, item.roomPosition ?? Number.MAX_SAFE_INTEGER)
  const named = [...positions.keys()].sort((a, b) => positions.get(a)! - positions.get(b)! || a.localeCompare(b, 'sv'))
  const rooms = named.map((name) => ({ key: name, name: name as string | null }))
  // Room names are never empty (the console requires one), so '' can stand for "no room".
  const NO_ROOM = ''
  if (items.some((item) => !item.room)) rooms.push({ key: NO_ROOM, name: null })

  const times = [...new Set(items.flatMap((item) => [item.startsAt.getTime(), item.endsAt.getTime()]))].sort((a, b) => a - b)
  const rowOf = new Map(times.map((time, index) => [time, index]))
  const rowCount = Math.max(1, times.length - 1)

  // Per room: clusters of overlapping items, each one cell from its first start to its last end.
  const starting = new Map<string, ProgrammeGridCell>()
  const covered = new Set<string>()
  for (const room of rooms) {
    const inRoom = items
      .filter((item) => (item.room ?? NO_ROOM) === room.key)
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime())
    let cluster: { from: number; to: number; itemIds: string[] } | null = null
    const close = () => {
      if (!cluster) return
      const first = rowOf.get(cluster.from)!
      const last = Math.max(first + 1, rowOf.get(cluster.to)!)
      starting.set(`${first} ${room.key}`, { room: room.key, rowSpan: last - first, itemIds: cluster.itemIds })
      for (let row = first + 1; row < last; row++) covered.add(`${row} ${room.key}`)
    }
    for (const item of inRoom) {
      const [from, to] = [item.startsAt.getTime(), Math.max(item.startsAt.getTime(), item.endsAt.getTime())]
      if (cluster && from < cluster.to) {
        cluster.to = Math.max(cluster.to, to)
        cluster.itemIds.push(item.id)
      } else {
        close()
        cluster = { from, to, itemIds: [item.id] }
      }
    }
    close()
  }

  const rows: ProgrammeGridRow[] = []
  for (let row = 0; row < rowCount; row++) {
    const start = new Date(times[row])
    const end = new Date(times[Math.min(row + 1, times.length - 1)])
    const cells: ProgrammeGridCell[] = []
    for (const room of rooms) {
      const key = `${row} ${room.key}`
      if (covered.has(key)) continue
      cells.push(starting.get(key) ?? { room: room.key, rowSpan: 1, itemIds: [] })
    }
    rows.push({ startsAt: start.toISOString(), label: formatTimeRange(start, end, locale), cells })
  }
  return { rooms, rows }
}
