import { t, type Locale } from '../i18n/index.ts'

/**
 * Feed autodiscovery: `<link rel="alternate" type="application/atom+xml">` in a page's head, as a
 * Remix meta descriptor, so feed readers and intranet tools find `/feed.xml` from the page's URL
 * (docs/decisions/0019-atom-feeds.md). `name` is the feed's title ("Samling – Region Sörmland").
 * Not a server module: meta also runs in the browser after a client-side navigation.
 */
export function atomFeedLink(locale: Locale, name: string, href: string) {
  return { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', title: t(locale, 'feed.atom.linkTitle', { name }), href } as const
}
