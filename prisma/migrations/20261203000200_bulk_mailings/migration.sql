-- CreateEnum
CREATE TYPE "mailing_state" AS ENUM ('draft', 'scheduled', 'sending', 'sent', 'cancelled');

-- CreateTable
CREATE TABLE "mailings" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "state" "mailing_state" NOT NULL DEFAULT 'draft',
    "subject_sv" TEXT NOT NULL DEFAULT '',
    "body_sv" TEXT NOT NULL DEFAULT '',
    "subject_en" TEXT NOT NULL DEFAULT '',
    "body_en" TEXT NOT NULL DEFAULT '',
    "filter" JSONB NOT NULL DEFAULT '{}',
    "scheduled_at" TIMESTAMPTZ(3),
    "queued_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "recipient_count" INTEGER NOT NULL DEFAULT 0,
    "skipped_unsubscribed" INTEGER NOT NULL DEFAULT 0,
    "skipped_bounced" INTEGER NOT NULL DEFAULT 0,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mailings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mailing_recipients" (
    "mailing_id" UUID NOT NULL,
    "registration_id" UUID NOT NULL,
    "outbox_message_id" UUID,
    "skipped" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mailing_recipients_pkey" PRIMARY KEY ("mailing_id","registration_id")
);

-- CreateTable
CREATE TABLE "organization_mail_opt_outs" (
    "organization_id" UUID NOT NULL,
    "email_normalized" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_mail_opt_outs_pkey" PRIMARY KEY ("organization_id","email_normalized")
);

-- CreateTable
CREATE TABLE "bounced_addresses" (
    "email_normalized" TEXT NOT NULL,
    "first_bounced_at" TIMESTAMPTZ(3) NOT NULL,
    "last_bounced_at" TIMESTAMPTZ(3) NOT NULL,
    "bounces" INTEGER NOT NULL DEFAULT 1,
    "last_response" TEXT NOT NULL,

    CONSTRAINT "bounced_addresses_pkey" PRIMARY KEY ("email_normalized")
);

-- CreateIndex
CREATE INDEX "mailings_event_id_created_at_idx" ON "mailings"("event_id", "created_at");

-- CreateIndex
CREATE INDEX "mailings_organization_id_idx" ON "mailings"("organization_id");

-- CreateIndex
CREATE INDEX "mailings_state_scheduled_at_idx" ON "mailings"("state", "scheduled_at");

-- CreateIndex
CREATE UNIQUE INDEX "mailing_recipients_outbox_message_id_key" ON "mailing_recipients"("outbox_message_id");

-- CreateIndex
CREATE INDEX "mailing_recipients_registration_id_idx" ON "mailing_recipients"("registration_id");

-- CreateIndex
CREATE INDEX "organization_mail_opt_outs_email_normalized_idx" ON "organization_mail_opt_outs"("email_normalized");

-- AddForeignKey
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_mailing_id_fkey" FOREIGN KEY ("mailing_id") REFERENCES "mailings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_outbox_message_id_fkey" FOREIGN KEY ("outbox_message_id") REFERENCES "outbox_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A recipient row is either queued (a message) or skipped for a named reason.
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_skipped_check" CHECK ("skipped" IS NULL OR "skipped" IN ('unsubscribed', 'bounced'));
-- A scheduled mailing has its time.
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_scheduled_at_check" CHECK ("state" <> 'scheduled' OR "scheduled_at" IS NOT NULL);
