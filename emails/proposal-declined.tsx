import { proposerTemplate, sampleProposal } from './proposal-proposer.tsx'

/** The organizers declined the proposal (app/proposals/review.server.ts), with their message if they wrote one. */
export const proposalDeclined = proposerTemplate('declined', (locale) => ({
  ...sampleProposal(locale),
  message: locale === 'sv' ? 'Tack! Vi fick många förslag om upphandling i år.' : 'Thank you! We had many proposals on procurement this year.',
}))
