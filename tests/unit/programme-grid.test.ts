import { describe, expect, it } from 'vitest'
import { programmeGrid } from '../../app/events/programme-grid.server.ts'

const at = (time: string) => new Date(`2027-02-12T${time}:00+01:00`)
const item = (id: string, from: string, to: string, room: string | null, roomPosition: number | null = null) => ({
  id,
  startsAt: at(from),
  endsAt: at(to),
  room,
  roomPosition,
})

describe('the programme grid (rooms as columns, time as rows)', () => {
  it('is only made for a day in more than one room', () => {
    expect(programmeGrid([item('a', '09:00', '10:00', 'Stora salen'), item('b', '10:00', '11:00', 'Stora salen')], 'sv')).toBeNull()
    expect(programmeGrid([item('a', '09:00', '10:00', null)], 'sv')).toBeNull()
  })

  it('orders rooms by their position, spans an item over the rows it covers and fills free slots with empty cells', () => {
    const grid = programmeGrid(
      [
        item('welcome', '09:00', '09:30', 'Stora salen', 0),
        item('workshop', '09:30', '11:00', 'Klarälven', 1),
        item('keynote', '09:30', '10:15', 'Stora salen', 0),
        item('fika', '10:15', '11:00', 'Fiket', 3),
      ],
      'sv',
    )!
    expect(grid.rooms.map((room) => room.name)).toEqual(['Stora salen', 'Klarälven', 'Fiket'])
    expect(grid.rows.map((row) => row.label)).toEqual(['09.00–09.30', '09.30–10.15', '10.15–11.00'])
    expect(grid.rows.map((row) => row.cells.map((cell) => [cell.room, cell.rowSpan, cell.itemIds.join()]))).toEqual([
      [
        ['Stora salen', 1, 'welcome'],
        ['Klarälven', 1, ''],
        ['Fiket', 1, ''],
      ],
      [
        ['Stora salen', 1, 'keynote'],
        ['Klarälven', 2, 'workshop'],
        ['Fiket', 1, ''],
      ],
      [
        ['Stora salen', 1, ''],
        ['Fiket', 1, 'fika'],
      ],
    ])
  })

  it('keeps two items booked in one room at once in one cell, and items without a room in a last column', () => {
    const grid = programmeGrid(
      [
        item('a', '09:00', '10:00', 'Vänern', 0),
        item('b', '09:30', '10:30', 'Vänern', 0),
        item('c', '09:00', '10:30', 'Klarälven', 1),
        item('d', '09:00', '09:30', null),
      ],
      'en',
    )!
    expect(grid.rooms.map((room) => room.name)).toEqual(['Vänern', 'Klarälven', null])
    expect(grid.rows[0].cells.map((cell) => [cell.room, cell.rowSpan, cell.itemIds.join()])).toEqual([
      ['Vänern', 3, 'a,b'],
      ['Klarälven', 3, 'c'],
      ['', 1, 'd'],
    ])
    expect(grid.rows[1].cells.map((cell) => cell.room)).toEqual([''])
  })
})
