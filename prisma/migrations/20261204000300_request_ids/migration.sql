-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "request_id" TEXT;

-- CreateIndex
CREATE INDEX "registrations_created_at_idx" ON "registrations"("created_at");
