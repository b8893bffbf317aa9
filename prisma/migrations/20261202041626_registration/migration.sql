-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('not_applicable', 'unpaid', 'invoiced', 'paid');

-- CreateEnum
CREATE TYPE "NotificationFrequency" AS ENUM ('off', 'immediate', 'daily');

-- AlterEnum (no rows used the old sector values)
CREATE TYPE "Sector_new" AS ENUM ('public_sector', 'civil_society', 'private_sector', 'academia', 'other');
ALTER TABLE "registrations" ALTER COLUMN "sector" TYPE "Sector_new" USING ("sector"::text::"Sector_new");
ALTER TYPE "Sector" RENAME TO "Sector_old";
ALTER TYPE "Sector_new" RENAME TO "Sector";
DROP TYPE "public"."Sector_old";

-- DropForeignKey
ALTER TABLE "registrations" DROP CONSTRAINT "registrations_series_id_fkey";

-- DropIndex
DROP INDEX "registrations_event_id_status_attendance_mode_created_at_idx";

-- DropIndex
DROP INDEX "registrations_series_id_email_normalized_key";

-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "registration_digest" "NotificationFrequency" NOT NULL DEFAULT 'daily';

-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "dedup_key" TEXT,
ADD COLUMN     "registration_id" UUID;

-- AlterTable (a registration is now always for one event; series sign-ups link their parts)
ALTER TABLE "registrations" DROP CONSTRAINT IF EXISTS "registrations_event_xor_series";
ALTER TABLE "registrations" DROP COLUMN "series_id",
ADD COLUMN     "abroad" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "buyer_reference" TEXT,
ADD COLUMN     "consent_version" TEXT,
ADD COLUMN     "consented_at" TIMESTAMPTZ(3),
ADD COLUMN     "interest_notified_at" TIMESTAMPTZ(3),
ADD COLUMN     "invite_id" UUID,
ADD COLUMN     "invoice_address" TEXT,
ADD COLUMN     "invoice_e_reference" TEXT,
ADD COLUMN     "invoice_org_number" TEXT,
ADD COLUMN     "payment_status" "PaymentStatus" NOT NULL DEFAULT 'not_applicable',
ADD COLUMN     "price_ore" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "promoted_at" TIMESTAMPTZ(3),
ADD COLUMN     "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "series_signup_id" UUID,
ADD COLUMN     "ticket_type_id" UUID,
ADD COLUMN     "token_version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "vat_rate" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "event_id" SET NOT NULL;

-- CreateTable
CREATE TABLE "series_signups" (
    "id" UUID NOT NULL,
    "series_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_normalized" TEXT NOT NULL,
    "attendance_mode" "AttendanceMode" NOT NULL DEFAULT 'online',
    "sector" "Sector",
    "organization_name" TEXT,
    "county" "County",
    "abroad" BOOLEAN NOT NULL DEFAULT false,
    "locale" "Locale" NOT NULL DEFAULT 'sv',
    "consent_version" TEXT,
    "consented_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "series_signups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registration_invites" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL,
    "email_normalized" TEXT NOT NULL,
    "locale" "Locale" NOT NULL DEFAULT 'sv',
    "token_hash" TEXT NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registration_invites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_opt_outs" (
    "email_normalized" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_opt_outs_pkey" PRIMARY KEY ("email_normalized")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "series_signups_series_id_email_normalized_key" ON "series_signups"("series_id", "email_normalized");

-- CreateIndex
CREATE UNIQUE INDEX "registration_invites_token_hash_key" ON "registration_invites"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "registration_invites_event_id_email_normalized_key" ON "registration_invites"("event_id", "email_normalized");

-- CreateIndex
CREATE INDEX "rate_limits_window_start_idx" ON "rate_limits"("window_start");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_dedup_key_key" ON "outbox_messages"("dedup_key");

-- CreateIndex
CREATE INDEX "outbox_messages_registration_id_idx" ON "outbox_messages"("registration_id");

-- CreateIndex
CREATE UNIQUE INDEX "registrations_invite_id_key" ON "registrations"("invite_id");

-- CreateIndex
CREATE INDEX "registrations_event_id_status_attendance_mode_queued_at_idx" ON "registrations"("event_id", "status", "attendance_mode", "queued_at");

-- CreateIndex
CREATE INDEX "registrations_series_signup_id_idx" ON "registrations"("series_signup_id");

-- AddForeignKey
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_series_signup_id_fkey" FOREIGN KEY ("series_signup_id") REFERENCES "series_signups"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_ticket_type_id_fkey" FOREIGN KEY ("ticket_type_id") REFERENCES "ticket_types"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_invite_id_fkey" FOREIGN KEY ("invite_id") REFERENCES "registration_invites"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "series_signups" ADD CONSTRAINT "series_signups_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registration_invites" ADD CONSTRAINT "registration_invites_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot express (kept by hand; see docs/decisions/0002-migrations.md).
ALTER TABLE "series_signups" ADD CONSTRAINT "series_signups_email_normalized" CHECK ("email_normalized" = lower(btrim("email")));
ALTER TABLE "registration_invites" ADD CONSTRAINT "registration_invites_email_normalized" CHECK ("email_normalized" = lower(btrim("email")));
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_price_nonnegative" CHECK ("price_ore" >= 0);
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_vat_rate" CHECK ("vat_rate" IN (0, 6, 12, 25));
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_county_or_abroad" CHECK (NOT ("abroad" AND "county" IS NOT NULL));
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_cancelled_at" CHECK (("status" = 'cancelled') = ("cancelled_at" IS NOT NULL));
ALTER TABLE "rate_limits" ADD CONSTRAINT "rate_limits_count_nonnegative" CHECK ("count" >= 0);
