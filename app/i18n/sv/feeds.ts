/** The Atom feeds (`/feed.xml`): entry texts and the autodiscovery link in page heads. */
export const feedMessages = {
  'feed.atom.partOf': 'Del av {name}',
  'feed.atom.readMore': 'Läs mer på evenemangets sida',
  'feed.atom.linkTitle': '{name} (Atom-flöde)',
} as const
