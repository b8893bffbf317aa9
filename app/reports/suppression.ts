/**
 * Small groups in anything exported or shared (ADR 0025): a count from 1 to 4 is shown as "< 5",
 * so a funder's report never points at one or two people ("the one participant from Gotland").
 * Zero stays 0 (it names nobody). When exactly one group of a breakdown is hidden, the next
 * smallest is hidden too: otherwise the total minus the shown groups gives the hidden one back.
 */
export const SMALL_GROUP_LIMIT = 5
export const SUPPRESSED = '< 5'

export type ShownCount = number | typeof SUPPRESSED

/** One count on its own (a total, an event's participants). */
export function suppressCount(count: number): ShownCount {
  return count > 0 && count < SMALL_GROUP_LIMIT ? SUPPRESSED : count
}

/** The counts of one breakdown (groups that add up to a shown total), in the same order. */
export function suppressGroups(counts: readonly number[]): ShownCount[] {
  const hidden = counts.map((count) => count > 0 && count < SMALL_GROUP_LIMIT)
  if (hidden.filter(Boolean).length === 1) {
    let smallest = -1
    counts.forEach((count, index) => {
      if (!hidden[index] && count > 0 && (smallest === -1 || count < counts[smallest])) smallest = index
    })
    if (smallest !== -1) hidden[smallest] = true
  }
  return counts.map((count, index) => (hidden[index] ? SUPPRESSED : count))
}
