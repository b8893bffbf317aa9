-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "send_started_at" TIMESTAMPTZ(3);
