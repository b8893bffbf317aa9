-- AlterTable
ALTER TABLE "speaker_profiles" ADD COLUMN     "photo_id" UUID;

-- AddForeignKey
ALTER TABLE "speaker_profiles" ADD CONSTRAINT "speaker_profiles_photo_id_fkey" FOREIGN KEY ("photo_id") REFERENCES "media_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_materials" ADD CONSTRAINT "speaker_materials_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media_files"("id") ON DELETE CASCADE ON UPDATE CASCADE;
