/**
 * The programme editor's speaker filter, the same on the server (?speakerQuery=) and in the
 * browser (as you type): case- and accent-insensitive words, each found in the name, title or affiliation.
 */

/** The longest query that is looked at; the rest is ignored. */
export const SPEAKER_QUERY_MAX = 100

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('sv')
}

export function normalizeSpeakerQuery(query: string | null | undefined): string {
  return (query ?? '').slice(0, SPEAKER_QUERY_MAX).trim()
}

export function matchesSpeakerQuery(query: string, speaker: { name: string; title: string; affiliation: string }): boolean {
  const words = fold(normalizeSpeakerQuery(query)).split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = fold(`${speaker.name} ${speaker.title} ${speaker.affiliation}`)
  return words.every((word) => haystack.includes(word))
}
