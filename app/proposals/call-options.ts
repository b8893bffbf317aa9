import type { ProgrammeItemType } from '../generated/prisma/enums.ts'

/**
 * What an open call may offer and how long its texts may be: shared by the server (checks) and the
 * forms (choices, maxLength), so this module is not `.server` (its values reach the browser bundle).
 */

/** The programme item types a call may offer. */
export const PROPOSAL_FORMATS = ['talk', 'workshop', 'panel'] as const satisfies readonly ProgrammeItemType[]
export type ProposalFormat = (typeof PROPOSAL_FORMATS)[number]
/** The lengths (minutes) a call may offer. */
export const PROPOSAL_LENGTHS = [15, 20, 30, 45, 60, 90] as const
export const PROPOSAL_LIMITS = {
  title: 200,
  abstract: 4000,
  name: 120,
  speakerTitle: 160,
  affiliation: 160,
  bio: 2000,
  intro: 2000,
  message: 2000,
  comment: 4000,
}
