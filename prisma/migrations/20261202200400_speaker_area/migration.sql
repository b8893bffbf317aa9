-- CreateEnum
CREATE TYPE "SessionEditStatus" AS ENUM ('pending', 'approved', 'rejected');

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "speaker_edit_review" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "speaker_edits_open" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "speaker_edits_until" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "programme_roles" ADD COLUMN     "availability" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "publish_consent" BOOLEAN,
ADD COLUMN     "recording_consent" BOOLEAN,
ADD COLUMN     "tech_needs" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "speaker_profiles" ADD COLUMN     "links" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "session_edits" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "speaker_id" UUID NOT NULL,
    "title_sv" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "description_sv" TEXT NOT NULL,
    "description_en" TEXT NOT NULL,
    "status" "SessionEditStatus" NOT NULL DEFAULT 'pending',
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_edits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "speaker_materials" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "speaker_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "media_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "speaker_materials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "session_edits_item_id_status_idx" ON "session_edits"("item_id", "status");

-- CreateIndex
CREATE INDEX "speaker_materials_item_id_idx" ON "speaker_materials"("item_id");

-- AddForeignKey
ALTER TABLE "session_edits" ADD CONSTRAINT "session_edits_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_edits" ADD CONSTRAINT "session_edits_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speaker_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_materials" ADD CONSTRAINT "speaker_materials_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_materials" ADD CONSTRAINT "speaker_materials_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speaker_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A material is a link or an uploaded file.
ALTER TABLE "speaker_materials" ADD CONSTRAINT "speaker_materials_link_or_file" CHECK ("url" IS NOT NULL OR "media_id" IS NOT NULL);
