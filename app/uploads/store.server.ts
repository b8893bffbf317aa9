/**
 * The upload store (issue 10 §3b, §4; docs/decisions/0021-upload-store.md). A file is checked by
 * its first bytes (never its name or the browser's claim), images are re-encoded with sharp into
 * WebP variants without any metadata, slides are kept as they came. Bytes live on disk under
 * UPLOAD_DIR/<id>/<file>; the media_files row is the index and is written only after the files are
 * in place, so a failed upload leaves nothing behind.
 *
 *   const form = await readUploadForm(request.clone(), { maxBytes: UPLOAD_LIMITS.slides, field: 'slides' })
 *   const file = form.file('slides')
 *   const media = file ? await saveUpload({ kind: 'slides', file, uploadedById: person.id, field: 'slides' }) : null
 *   <a href={mediaUrl(media)}>  /  <img {...imageSources(media)} sizes="…" alt="…">
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import sharp from 'sharp'
import { db } from '../db/client.server.ts'
import { config } from '../env.server.ts'
import { DomainError } from '../errors.server.ts'
import type { MediaFile, MediaKind } from '../generated/prisma/client.ts'
import { formatLimit, mediaVariants, UPLOAD_LIMITS, VARIANT_WIDTHS, type MediaVariant } from './media.ts'

export { imageSources, mediaUrl, UPLOAD_LIMITS } from './media.ts'
export type { MediaRef, MediaVariant } from './media.ts'

/** Decoded pixels an image may have (a 40-megapixel photo is fine; a decompression bomb is not). */
const MAX_INPUT_PIXELS = 40_000_000

type Sniffed = { contentType: string; extension: string; image: boolean }

const JPEG: Sniffed = { contentType: 'image/jpeg', extension: 'jpg', image: true }
const PNG: Sniffed = { contentType: 'image/png', extension: 'png', image: true }
const WEBP: Sniffed = { contentType: 'image/webp', extension: 'webp', image: true }
const PDF: Sniffed = { contentType: 'application/pdf', extension: 'pdf', image: false }
const PPTX: Sniffed = { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx', image: false }
const ODP: Sniffed = { contentType: 'application/vnd.oasis.opendocument.presentation', extension: 'odp', image: false }

const startsWith = (bytes: Buffer, signature: number[] | string, at = 0) => {
  const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature)
  return bytes.length >= at + expected.length && bytes.subarray(at, at + expected.length).equals(expected)
}

/** The names in a ZIP archive's central directory, or null when it is no readable ZIP. */
function zipEntryNames(bytes: Buffer): string[] | null {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff)
  for (let end = bytes.length - 22; end >= lowest; end--) {
    if (bytes.readUInt32LE(end) !== 0x06054b50) continue
    const count = bytes.readUInt16LE(end + 10)
    let offset = bytes.readUInt32LE(end + 16)
    const names: string[] = []
    for (let n = 0; n < count; n++) {
      if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null
      const nameLength = bytes.readUInt16LE(offset + 28)
      const rest = nameLength + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32)
      names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength))
      offset += 46 + rest
    }
    return names
  }
  return null
}

/** ODF's rule: the first entry is `mimetype`, stored uncompressed, holding the type. */
function odfMimetype(bytes: Buffer): string | null {
  if (bytes.length < 30 || bytes.readUInt16LE(8) !== 0) return null
  const nameLength = bytes.readUInt16LE(26)
  const dataAt = 30 + nameLength + bytes.readUInt16LE(28)
  if (bytes.toString('latin1', 30, 30 + nameLength) !== 'mimetype') return null
  return bytes.toString('latin1', dataAt, dataAt + bytes.readUInt32LE(18))
}

/** What the file really is, judged by its bytes; null for anything we do not take. */
function sniff(bytes: Buffer): Sniffed | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG
  if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8)) return WEBP
  if (startsWith(bytes, '%PDF-')) return PDF
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes)
    if (!names) return null
    if (odfMimetype(bytes) === ODP.contentType) return ODP
    if (names.includes('[Content_Types].xml') && names.some((name) => name.startsWith('ppt/'))) return PPTX
  }
  return null
}

/** A file name safe to show and to send in Content-Disposition: no folders, no control characters, the checked extension. */
function cleanName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"*:<>?|]+/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 100) || 'file'
  return `${stem}.${extension}`
}

/** Where uploads are kept (UPLOAD_DIR, default DATA_DIR/uploads). */
function uploadDir(): string {
  return config().uploadDir
}

type Rendition = MediaVariant & { data: Buffer; height: number }

/** The WebP variants of an image, auto-rotated and without metadata (EXIF, GPS, ICC comments), never upscaled. */
async function renderImage(kind: Exclude<MediaKind, 'slides'>, bytes: Buffer, field: string): Promise<Rendition[]> {
  const open = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
  try {
    const metadata = await open().metadata()
    const width = metadata.autoOrient?.width ?? metadata.width
    const widths: number[] = VARIANT_WIDTHS[kind].filter((w) => w <= width)
    if (!widths.length || (width < VARIANT_WIDTHS[kind].at(-1)! && widths.at(-1) !== width)) widths.push(width)
    return await Promise.all(
      widths.map(async (target) => {
        const { data, info } = await open()
          .autoOrient()
          .resize({ width: target, withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer({ resolveWithObject: true })
        return { width: info.width, height: info.height, file: `w${info.width}.webp`, contentType: 'image/webp', byteSize: data.length, data }
      }),
    )
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw new DomainError('uploads.tooManyPixels', 413, { max: '40' }, field)
    throw new DomainError('uploads.unreadable', 415, {}, field)
  }
}

export type SaveUploadInput = {
  kind: MediaKind
  file: File
  uploadedById?: string | null
  /** The form field the errors belong to (default 'file'). */
  field?: string
}

/**
 * Checks and stores one uploaded file; returns its row. Throws DomainError on `field`:
 * 'uploads.empty' 400, 'uploads.tooLarge' 413 {max}, 'uploads.badType' 415 (not an image we take for
 * photo/cover/logo; not PDF, PPTX or ODP for slides), 'uploads.unreadable' 415 (a broken image),
 * 'uploads.tooManyPixels' 413. Nothing is stored unless everything succeeded.
 */
export async function saveUpload(input: SaveUploadInput): Promise<MediaFile> {
  const field = input.field ?? 'file'
  const max = UPLOAD_LIMITS[input.kind]
  if (input.file.size === 0) throw new DomainError('uploads.empty', 400, {}, field)
  if (input.file.size > max) throw new DomainError('uploads.tooLarge', 413, { max: formatLimit(max) }, field)
  const bytes = Buffer.from(await input.file.arrayBuffer())
  if (bytes.length > max) throw new DomainError('uploads.tooLarge', 413, { max: formatLimit(max) }, field)
  const type = sniff(bytes)
  if (!type || type.image !== (input.kind !== 'slides')) throw new DomainError('uploads.badType', 415, {}, field)

  const id = randomUUID()
  const originalName = cleanName(input.file.name, type.extension)
  let files: { file: string; data: Buffer }[]
  let row: Pick<MediaFile, 'contentType' | 'width' | 'height'> & { variants: MediaVariant[] }
  if (input.kind === 'slides') {
    files = [{ file: `original.${type.extension}`, data: bytes }]
    row = { contentType: type.contentType, width: null, height: null, variants: [] }
  } else {
    const renditions = await renderImage(input.kind, bytes, field)
    const largest = renditions.at(-1)!
    files = renditions.map(({ file, data }) => ({ file, data }))
    row = {
      contentType: type.contentType,
      width: largest.width,
      height: largest.height,
      variants: renditions.map(({ width, file, contentType, byteSize }) => ({ width, file, contentType, byteSize })),
    }
  }

  const root = uploadDir()
  const final = path.join(root, id)
  const temporary = path.join(root, `.tmp-${id}`)
  try {
    await fs.mkdir(temporary, { recursive: true })
    for (const { file, data } of files) await fs.writeFile(path.join(temporary, file), data)
    await fs.rename(temporary, final)
    return await db.mediaFile.create({
      data: {
        id,
        kind: input.kind,
        byteSize: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        originalName,
        uploadedById: input.uploadedById ?? null,
        ...row,
      },
    })
  } catch (error) {
    await fs.rm(temporary, { recursive: true, force: true })
    await fs.rm(final, { recursive: true, force: true })
    throw error
  }
}

/** Removes a stored file: its row, then its folder. Unknown ids are no error. */
export async function deleteUpload(id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return
  await db.mediaFile.deleteMany({ where: { id } })
  await fs.rm(path.join(uploadDir(), id), { recursive: true, force: true })
}

/** A stored file as the /media route sends it, or null when `id`/`file` name nothing we keep. */
export async function findStoredFile(
  id: string,
  file: string,
): Promise<{ path: string; contentType: string; byteSize: number; download: string | null; etag: string } | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null
  const media = await db.mediaFile.findUnique({ where: { id } })
  if (!media) return null
  if (media.kind === 'slides') {
    if (file !== media.originalName) return null
    const extension = media.originalName.split('.').pop()
    return {
      path: path.join(uploadDir(), id, `original.${extension}`),
      contentType: media.contentType,
      byteSize: media.byteSize,
      download: media.originalName,
      etag: `"${media.sha256.slice(0, 32)}"`,
    }
  }
  const variant = mediaVariants(media.variants).find((v) => v.file === file)
  if (!variant) return null
  return {
    path: path.join(uploadDir(), id, variant.file),
    contentType: variant.contentType,
    byteSize: variant.byteSize,
    download: null,
    etag: `"${media.sha256.slice(0, 24)}-${variant.width}"`,
  }
}

export type UploadForm = {
  /** A text field ('' when absent). */
  text(name: string): string
  /** The chosen file, or null when none was chosen (an empty file input). */
  file(name: string): File | null
}

/**
 * Reads a multipart form with files (readForm, used by runAction, ignores files): pass a clone of
 * the request when runAction has read it. A body or a part larger than `maxBytes` is refused with
 * 'uploads.tooLarge' (413, on `field`) while it is read, before the rest is buffered; a body that
 * is not multipart reads as an empty form. server.ts lets bodies above 1 MiB through only to the
 * pages listed in app/uploads/media.ts (uploadBodyLimit).
 */
export async function readUploadForm(request: Request, options: { maxBytes: number; field?: string }): Promise<UploadForm> {
  const tooLarge = (field = options.field ?? 'file') => new DomainError('uploads.tooLarge', 413, { max: formatLimit(options.maxBytes) }, field)
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > options.maxBytes + 1024 * 1024) throw tooLarge()
  let data: FormData
  try {
    data = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: options.maxBytes }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw tooLarge(options.field ?? error.field)
    return { text: () => '', file: () => null }
  }
  return {
    text(name) {
      const value = data.get(name)
      return typeof value === 'string' ? value : ''
    },
    file(name) {
      const value = data.get(name)
      return value && typeof value !== 'string' && value.size > 0 ? value : null
    },
  }
}
