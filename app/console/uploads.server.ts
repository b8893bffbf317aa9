import type { DomainError } from '../errors.server.ts'

export type LongForm = {
  /** A text field in full (readForm keeps at most 20,000 characters of a value, for redisplay). */
  text(name: string): string
  /** The chosen file's text, or null when none was chosen. */
  file: string | null
}

/**
 * For the few console forms that take a file or a long text (a guest list): readForm ignores files
 * and shortens long values, so the action reads a clone of the request with this. Throws a 413
 * DomainError on `field` when the file is larger than `maxBytes`, and a 400 when it is not UTF-8
 * text. A body that is not a form reads as empty.
 */
export async function readLongForm(
  request: Request,
  options: { field: string; maxBytes: number; tooLarge: DomainError; notText: DomainError },
): Promise<LongForm> {
  let data: FormData
  try {
    data = await request.formData()
  } catch {
    return { text: () => '', file: null }
  }
  const text = (name: string) => {
    const value = data.get(name)
    return typeof value === 'string' ? value : ''
  }
  const file = data.get(options.field)
  if (!file || typeof file === 'string' || file.size === 0) return { text, file: null }
  if (file.size > options.maxBytes) throw options.tooLarge
  try {
    return { text, file: new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(await file.arrayBuffer())) }
  } catch {
    throw options.notText
  }
}
