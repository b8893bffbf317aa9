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

export type SlugChoice = { ok: true; slug: string } | { ok: false; suggestion: string }

/** How many numbered tries ("-2" … "-9") before the organization's slug and then a random suffix. */
const NUMBERED_TRIES = 9
const RANDOM_TRIES = 20

/** A short random suffix (6 letters and digits, 36^6 ≈ 2·10^9 values): never runs out in practice. */
function randomSuffix(): string {
  let suffix = ''
  for (let i = 0; i < 6; i++) suffix += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]
  return suffix
}

/** `${base}-${suffix}` within maxLength: the base gives way, the suffix is what makes it free. */
function withSuffix(base: string, suffix: string, maxLength: number): string {
  const room = maxLength - suffix.length - 1
  return `${base.slice(0, room).replace(/-+$/g, '') || 'x'}-${suffix}`
}

/**
 * A free slug made from `text`: the slug itself, then "-2" … "-9", then with the organization's
 * slug ("stadsmote-region-varmland"), then with a random suffix. Slugs are shared by all
 * organizations (they are the public addresses), so one organization must not be able to use up
 * another's titles: after the first few tries the candidates are its own or random.
 */
async function freeSlug(input: { text: string; maxLength: number; organizationSlug?: string; isTaken: (slug: string) => Promise<boolean> }) {
  const base = slugify(input.text, input.maxLength)
  const candidates = [base]
  for (let n = 2; n <= NUMBERED_TRIES; n++) candidates.push(withSuffix(base, String(n), input.maxLength))
  if (input.organizationSlug && isSlug(input.organizationSlug)) {
    const owner = input.organizationSlug.slice(0, 40).replace(/-+$/g, '')
    candidates.push(withSuffix(base, owner, input.maxLength))
    for (let n = 2; n <= NUMBERED_TRIES; n++) candidates.push(withSuffix(base, `${owner}-${n}`, input.maxLength))
  }
  for (const candidate of candidates) if (!(await input.isTaken(candidate))) return candidate
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const candidate = withSuffix(base, randomSuffix(), input.maxLength)
    if (!(await input.isTaken(candidate))) return candidate
  }
  // 20 random misses in a row means something is wrong with isTaken, not that slugs ran out.
  throw new Error(`no free slug for "${base}" after ${candidates.length + RANDOM_TRIES} tries`)
}

/**
 * The slug to store. An empty slug field always gets a free slug made from the title (a slug we
 * choose ourselves is never an error). A typed slug is kept if it is free; if it is taken, the
 * answer carries a free suggestion made from it, for the field error.
 */
export async function chooseUniqueSlug(input: {
  requested?: string | null
  title: string
  maxLength: number
  /** The slug of the organization that will own it, used for the candidates after "-9". */
  organizationSlug?: string
  isTaken: (slug: string) => Promise<boolean>
}): Promise<SlugChoice> {
  const { maxLength, organizationSlug, isTaken } = input
  if (input.requested) {
    if (!(await isTaken(input.requested))) return { ok: true, slug: input.requested }
    return { ok: false, suggestion: await freeSlug({ text: input.requested, maxLength, organizationSlug, isTaken }) }
  }
  return { ok: true, slug: await freeSlug({ text: input.title, maxLength, organizationSlug, isTaken }) }
}
