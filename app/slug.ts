/**
 * URL slugs: lower-case ASCII words joined by hyphens, as the database's CHECK constraint requires
 * (^[a-z0-9]+(-[a-z0-9]+)*$). Swedish letters keep their base letter: "Sörmland Social Innovation Day" →
 * "sormland-social-innovation-day".
 */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[ø]/gi, 'o')
    .toLowerCase()
    .replace(/&/g, ' och ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return slug.slice(0, maxLength).replace(/-+$/g, '') || 'x'
}

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value) && value.length <= 80
}

/**
 * The slug to store: the one the organizer typed (which must be free), or one made from the title,
 * numbered ("-2", "-3" …) until it is free – a slug we choose ourselves should never be an error.
 * Returns null when nothing free was found (the caller reports a duplicate slug).
 */
export async function chooseUniqueSlug(input: {
  requested?: string | null
  title: string
  maxLength: number
  isTaken: (slug: string) => Promise<boolean>
}): Promise<string | null> {
  if (input.requested) return (await input.isTaken(input.requested)) ? null : input.requested
  const base = slugify(input.title, input.maxLength - 4)
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`
    if (!(await input.isTaken(candidate))) return candidate
  }
  return null
}
