-- CreateEnum
CREATE TYPE "event_material_kind" AS ENUM ('recording', 'slides');

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "materials_mailed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "event_materials" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "item_id" UUID,
    "kind" "event_material_kind" NOT NULL,
    "url" TEXT,
    "media_id" UUID,
    "title_sv" TEXT NOT NULL DEFAULT '',
    "title_en" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_materials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "event_materials_event_id_idx" ON "event_materials"("event_id");

-- CreateIndex
CREATE INDEX "event_materials_item_id_idx" ON "event_materials"("item_id");

-- AddForeignKey
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media_files"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Exactly one of a link or an uploaded file; uploads are slides only (ADR 0028).
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_url_or_media" CHECK (("url" IS NULL) <> ("media_id" IS NULL));
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_media_is_slides" CHECK ("media_id" IS NULL OR "kind" = 'slides');
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_url_http" CHECK ("url" IS NULL OR "url" ~* '^https?://');
