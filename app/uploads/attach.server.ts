import { DomainError, InvalidFormError } from '../errors.server.ts'
import { issue, type FormIssue, type FormValues } from '../forms.server.ts'
import type { MediaKind } from '../generated/prisma/client.ts'
import { deleteUpload, saveUpload } from './store.server.ts'

/** Longest description of an image (a sentence or two; a screen reader reads all of it). */
export const ALT_MAX_LENGTH = 300

/**
 * The description of an image in both languages, from fields `<prefix>Sv` and `<prefix>En`: both
 * are required (a public image is described for those who cannot see it, in the page's language),
 * or InvalidFormError names the missing or too long ones.
 */
export function parseAltTexts(values: FormValues, prefix: string): { sv: string; en: string } {
  const issues: FormIssue[] = []
  const read = (lang: 'Sv' | 'En') => {
    const name = `${prefix}${lang}`
    const value = (values[name] ?? '').trim()
    if (!value) issues.push(issue(name, lang === 'Sv' ? 'uploads.altRequired.sv' : 'uploads.altRequired.en'))
    else if (value.length > ALT_MAX_LENGTH) issues.push(issue(name, 'uploads.altTooLong'))
    return value
  }
  const alt = { sv: read('Sv'), en: read('En') }
  if (issues.length) throw new InvalidFormError(issues)
  return alt
}

/**
 * Stores `file` and points its owner at it: `attach(mediaId)` runs the owner's transaction (the
 * change and its audit entry) and returns the id of the image it replaced. The new file is removed
 * again when attach fails; the replaced one once attach has committed.
 */
export async function replaceImage(input: {
  kind: Exclude<MediaKind, 'slides'>
  file: File
  field: string
  uploadedById: string
  attach: (mediaId: string) => Promise<string | null>
}): Promise<string> {
  const media = await saveUpload({ kind: input.kind, file: input.file, uploadedById: input.uploadedById, field: input.field })
  let replaced: string | null
  try {
    replaced = await input.attach(media.id)
  } catch (error) {
    await deleteUpload(media.id)
    throw error
  }
  if (replaced && replaced !== media.id) await deleteUpload(replaced)
  return media.id
}

/**
 * The one way an image form is saved (cover, logo): with a file, the file is stored and `write`
 * gets its id; without one, `write(null)` keeps the current image and saves only the descriptions —
 * and when there is no current image either, the form is missing its file ('uploads.chooseFile' on
 * `field`). `write` returns the image id that was set before.
 */
export async function updateImage(input: {
  kind: Exclude<MediaKind, 'slides'>
  file: File | null
  field: string
  uploadedById: string
  write: (mediaId: string | null) => Promise<string | null>
}): Promise<void> {
  if (input.file) {
    await replaceImage({ ...input, file: input.file, attach: input.write })
    return
  }
  await input.write(null)
}

/** For `write`: refuses saving descriptions of an image that is not there. */
export function assertHasImage(current: string | null, mediaId: string | null, field: string): void {
  if (!current && !mediaId) throw new DomainError('uploads.chooseFile', 400, {}, field)
}
