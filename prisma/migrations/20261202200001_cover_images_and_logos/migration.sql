-- AlterTable
ALTER TABLE "events" ADD COLUMN     "cover_alt_en" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "cover_alt_sv" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "cover_image_id" UUID;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "logo_alt_en" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "logo_alt_sv" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "logo_id" UUID;

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_logo_id_fkey" FOREIGN KEY ("logo_id") REFERENCES "media_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_cover_image_id_fkey" FOREIGN KEY ("cover_image_id") REFERENCES "media_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- An image on a public page always has its description in both languages.
ALTER TABLE "events" ADD CONSTRAINT "events_cover_alt_check" CHECK ("cover_image_id" IS NULL OR ("cover_alt_sv" <> '' AND "cover_alt_en" <> ''));
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_logo_alt_check" CHECK ("logo_id" IS NULL OR ("logo_alt_sv" <> '' AND "logo_alt_en" <> ''));
