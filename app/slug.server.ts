import type { Tx } from './db/client.server.ts'
import { DomainError } from './errors.server.ts'
import { chooseUniqueSlug } from './slug.ts'

/**
 * The slug an event or a series is stored with (slugs are their public addresses, unique across
 * all organizations). An empty slug field gets a free slug made from the title. A typed slug that
 * another event (or series) has already is refused with DomainError('error.slugTaken', field
 * 'slug'), whose message suggests a free one. `exceptId` is the row being edited (its own slug is
 * not "taken").
 */
export async function chooseSlug(
  tx: Tx,
  input: { kind: 'event' | 'series'; requested?: string | null; title: string; organizationSlug: string; maxLength: number; exceptId?: string },
): Promise<string> {
  const where = (slug: string) => ({ slug, ...(input.exceptId ? { id: { not: input.exceptId } } : {}) })
  const isTaken = async (slug: string) =>
    Boolean(
      input.kind === 'event'
        ? await tx.event.findFirst({ where: where(slug), select: { id: true } })
        : await tx.series.findFirst({ where: where(slug), select: { id: true } }),
    )
  const choice = await chooseUniqueSlug({
    requested: input.requested,
    title: input.title,
    maxLength: input.maxLength,
    organizationSlug: input.organizationSlug,
    isTaken,
  })
  if (!choice.ok) throw new DomainError('error.slugTaken', 400, { suggestion: choice.suggestion }, 'slug')
  return choice.slug
}
