import { proposerTemplate, sampleProposal, sampleProposalUrl } from './proposal-proposer.tsx'

/** The organizers accepted the proposal (app/proposals/review.server.ts): the way to the speaker pages. */
export const proposalAccepted = proposerTemplate('accepted', (locale) => ({
  ...sampleProposal(locale),
  url: sampleProposalUrl(locale),
  speakerUrl: `https://samling.example/speaker${locale === 'en' ? '?lang=en' : ''}`,
  message: locale === 'sv' ? 'Vi hör av oss om tiden i programmet.' : 'We will be in touch about the time in the programme.',
}))
