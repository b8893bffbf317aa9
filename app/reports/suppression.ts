/**
 * Small groups in anything exported or shared (ADR 0025): a count from 1 to 4 is shown as "< 5",
 * so a funder's report never points at one or two people ("the one participant from Gotland").
 * Zero stays 0 (it names nobody). No complementary suppression (yet): where one group of a
 * breakdown is hidden, the total minus the shown groups can give it back (ADR 0025).
 */
export const SMALL_GROUP_LIMIT = 5
export const SUPPRESSED = '< 5'

export type ShownCount = number | typeof SUPPRESSED

/** One count on its own (a total, an event's participants). */
export function suppressCount(count: number): ShownCount {
  return count > 0 && count < SMALL_GROUP_LIMIT ? SUPPRESSED : count
}

/** The counts of one breakdown, in the same order, each by the rule above. */
export function suppressGroups(counts: readonly number[]): ShownCount[] {
  return counts.map(suppressCount)
}
