-- AlterTable
ALTER TABLE "events" ADD COLUMN     "anonymized_at" TIMESTAMPTZ(3),
ADD COLUMN     "retention_months" INTEGER;

-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "retention_months" INTEGER NOT NULL DEFAULT 12;

-- AlterTable
ALTER TABLE "registrations" ADD COLUMN     "anonymized_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "series_signups" ADD COLUMN     "anonymized_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "speaker_invitations" ADD COLUMN     "anonymized_at" TIMESTAMPTZ(3);

-- An organization's default retention is at least a month; an event may only shorten it (checked in
-- app/privacy/retention.server.ts against the organization's default, which may change later).
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_retention_months_check" CHECK ("retention_months" BETWEEN 1 AND 120);
ALTER TABLE "events" ADD CONSTRAINT "events_retention_months_check" CHECK ("retention_months" IS NULL OR "retention_months" BETWEEN 1 AND 120);
