-- AlterTable
ALTER TABLE "registrations" ADD COLUMN     "checked_in_at" TIMESTAMPTZ(3);
