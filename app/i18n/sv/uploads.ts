/** Uploaded files: the store's errors, the hints under file fields, cover images and logos. */
export const uploadMessages = {
  'uploads.empty': 'Filen är tom. Välj en annan fil.',
  'uploads.tooLarge': 'Filen är för stor. Den får vara högst {max}.',
  'uploads.badType':
    'Den här filtypen går inte att ladda upp här. Bilder: JPEG, PNG eller WebP. Presentationer: PDF, PowerPoint (.pptx) eller OpenDocument (.odp).',
  'uploads.unreadable': 'Bilden gick inte att läsa. Spara den på nytt som JPEG eller PNG och försök igen.',
  'uploads.tooManyPixels': 'Bilden har för många pixlar (högst {max} megapixlar). Förminska den och försök igen.',
  'uploads.hint.image': 'JPEG, PNG eller WebP, högst {max}. Bilden sparas utan platsuppgifter och annan metadata.',
  'uploads.hint.slides': 'PDF, PowerPoint (.pptx) eller OpenDocument (.odp), högst {max}.',
} as const
