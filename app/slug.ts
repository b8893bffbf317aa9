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
