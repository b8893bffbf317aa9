import { proposerTemplate, sampleProposal } from './proposal-proposer.tsx'

/** The proposer withdrew their proposal (app/proposals/proposals.server.ts withdrawProposal): a confirmation. */
export const proposalWithdrawn = proposerTemplate('withdrawn', sampleProposal)
