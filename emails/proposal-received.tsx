import { proposerTemplate, sampleProposal, sampleProposalUrl } from './proposal-proposer.tsx'

/** A proposal arrived (app/proposals/proposals.server.ts submitProposal): the proposer's page link. */
export const proposalReceived = proposerTemplate('received', (locale) => ({ ...sampleProposal(locale), url: sampleProposalUrl(locale) }))
