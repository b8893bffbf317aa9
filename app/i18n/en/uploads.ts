import type { uploadMessages as sv } from '../sv/uploads.ts'

/** English: uploaded files (see sv/uploads.ts). */
export const uploadMessages = {
  'uploads.empty': 'The file is empty. Choose another file.',
  'uploads.tooLarge': 'The file is too large. It may be at most {max}.',
  'uploads.badType': 'This type of file cannot be uploaded here. Images: JPEG, PNG or WebP. Slides: PDF, PowerPoint (.pptx) or OpenDocument (.odp).',
  'uploads.unreadable': 'The image could not be read. Save it again as JPEG or PNG and try once more.',
  'uploads.tooManyPixels': 'The image has too many pixels (at most {max} megapixels). Make it smaller and try again.',
  'uploads.hint.image': 'JPEG, PNG or WebP, at most {max}. The image is stored without location and other metadata.',
  'uploads.hint.slides': 'PDF, PowerPoint (.pptx) or OpenDocument (.odp), at most {max}.',
} satisfies Record<keyof typeof sv, string>
