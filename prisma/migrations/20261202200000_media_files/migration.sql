-- CreateEnum
CREATE TYPE "MediaKind" AS ENUM ('photo', 'slides', 'cover', 'logo');

-- CreateTable
CREATE TABLE "media_files" (
    "id" UUID NOT NULL,
    "kind" "MediaKind" NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "original_name" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "variants" JSONB NOT NULL DEFAULT '[]',
    "uploaded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "media_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "media_files_uploaded_by_id_idx" ON "media_files"("uploaded_by_id");

-- AddForeignKey
ALTER TABLE "media_files" ADD CONSTRAINT "media_files_uploaded_by_id_fkey" FOREIGN KEY ("uploaded_by_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A stored file is never empty, and its checksum is a SHA-256 in hex.
ALTER TABLE "media_files" ADD CONSTRAINT "media_files_byte_size_check" CHECK ("byte_size" > 0);
ALTER TABLE "media_files" ADD CONSTRAINT "media_files_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$');
