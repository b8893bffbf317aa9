import type { feedMessages as sv } from '../sv/feeds.ts'

export const feedMessages = {
  'feed.atom.partOf': 'Part of {name}',
  'feed.atom.readMore': 'Read more on the event page',
  'feed.atom.linkTitle': '{name} (Atom feed)',
} satisfies Record<keyof typeof sv, string>
