/**
 * What pages need to show an uploaded file, without the server: the size limits, and the URLs of a
 * stored file's variants (docs/decisions/0021-upload-store.md). Components import this module (or
 * its types); app/uploads/store.server.ts re-exports it next to saveUpload.
 */

export type MediaKindName = 'photo' | 'slides' | 'cover' | 'logo'

/** Largest file accepted per kind, in bytes (README "Uploads", and the hint under each file field). */
export const UPLOAD_LIMITS = {
  photo: 5 * 1024 * 1024,
  cover: 8 * 1024 * 1024,
  logo: 2 * 1024 * 1024,
  slides: 50 * 1024 * 1024,
} as const satisfies Record<MediaKindName, number>

/** The widths (px) stored for each image kind, as WebP; never wider than the image that came. */
export const VARIANT_WIDTHS = {
  photo: [160, 320, 640],
  logo: [160, 320, 640],
  cover: [320, 640, 1200, 1920],
} as const satisfies Record<Exclude<MediaKindName, 'slides'>, readonly number[]>

/** One stored rendition of an image: `file` is its name under /media/<id>/. */
export type MediaVariant = { width: number; file: string; contentType: string; byteSize: number }

/** The fields of a MediaFile row these helpers read (a loader may pass the row itself). */
export type MediaRef = {
  id: string
  kind: MediaKindName
  variants?: unknown
  originalName?: string
  width?: number | null
  height?: number | null
}

/** A limit as people read it: "5 MB". */
export function formatLimit(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`
}

/** The variants of a row (a Json column), smallest first; anything malformed is left out. */
export function mediaVariants(variants: unknown): MediaVariant[] {
  if (!Array.isArray(variants)) return []
  return variants
    .filter(
      (v): v is MediaVariant => !!v && typeof v === 'object' && typeof v.width === 'number' && typeof v.file === 'string' && typeof v.contentType === 'string',
    )
    .sort((a, b) => a.width - b.width)
}

/**
 * The path of a stored file: for images the smallest variant at least `width` wide (or the largest
 * there is), for slides the original under its own name (so a download keeps it).
 */
export function mediaUrl(media: MediaRef, width?: number): string {
  if (media.kind === 'slides') return `/media/${media.id}/${encodeURIComponent(media.originalName || 'file')}`
  const variants = mediaVariants(media.variants)
  const chosen = (width === undefined ? undefined : variants.find((v) => v.width >= width)) ?? variants.at(-1)
  return `/media/${media.id}/${chosen ? chosen.file : 'missing'}`
}

/** What a responsive `<img>` needs: the largest variant as src, every variant in srcSet, the intrinsic size. */
export function imageSources(media: MediaRef): { src: string; srcSet: string; width: number; height: number } {
  const variants = mediaVariants(media.variants)
  const largest = variants.at(-1)
  const width = media.width ?? largest?.width ?? 0
  return {
    src: mediaUrl(media),
    srcSet: variants.map((v) => `/media/${media.id}/${v.file} ${v.width}w`).join(', '),
    width,
    height: media.height ?? width,
  }
}

/**
 * Bodies larger than the usual 1 MiB that server.ts lets through: a multipart POST to a page with a
 * file field may carry that field's limit plus 1 MiB of text. Pages that take a file add their path
 * here (the store's readUploadForm still checks each file against its kind's limit).
 */
const UPLOAD_PAGES: [RegExp, MediaKindName][] = [
  [/^\/organizer\/[^/]+\/events\/[^/]+\/?$/, 'cover'],
  [/^\/organizer\/[^/]+\/events\/[^/]+\/materials\/?$/, 'slides'],
  [/^\/organizer\/[^/]+\/?$/, 'logo'],
  [/^\/speaker\/profile\/?$/, 'photo'],
  [/^\/speaker\/sessions\/[^/]+\/?$/, 'slides'],
]

/** The body limit for a request that may carry an upload, or null for the usual limit. */
export function uploadBodyLimit(method: string, pathname: string, contentType: string | undefined): number | null {
  if (method !== 'POST' || !contentType?.toLowerCase().startsWith('multipart/form-data')) return null
  const page = UPLOAD_PAGES.find(([pattern]) => pattern.test(pathname))
  return page ? UPLOAD_LIMITS[page[1]] + 1024 * 1024 : null
}

/** An image as a public page shows it: responsive sources, its intrinsic size, its description, and its share picture. */
export type ShownImage = {
  src: string
  srcSet: string
  width: number
  height: number
  alt: string
  /** The variant closest to 1200 px wide (og:image), as a path. */
  share: { src: string; width: number; height: number }
}

/** The stored image with its description in the page's language, or null when there is none. */
export function shownImage(media: MediaRef | null | undefined, alt: string): ShownImage | null {
  if (!media) return null
  const sources = imageSources(media)
  const variants = mediaVariants(media.variants)
  const share = variants.find((v) => v.width >= 1200) ?? variants.at(-1)
  const shareWidth = share?.width ?? sources.width
  return {
    ...sources,
    alt,
    share: {
      src: mediaUrl(media, 1200),
      width: shareWidth,
      height: sources.width ? Math.round((shareWidth * sources.height) / sources.width) : shareWidth,
    },
  }
}

/** The Open Graph tags of a page's image (absolute URL: link previews fetch it from elsewhere); none without one. */
export function ogImageTags(image: ShownImage | null | undefined, appUrl: string) {
  if (!image) return []
  return [
    { property: 'og:image', content: `${appUrl}${image.share.src}` },
    { property: 'og:image:type', content: 'image/webp' },
    { property: 'og:image:width', content: String(image.share.width) },
    { property: 'og:image:height', content: String(image.share.height) },
    { property: 'og:image:alt', content: image.alt },
  ]
}
