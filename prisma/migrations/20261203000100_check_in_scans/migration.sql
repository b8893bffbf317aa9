-- CreateEnum
CREATE TYPE "CheckInOutcome" AS ENUM ('checked_in', 'already_checked_in', 'other_event', 'invalid', 'not_confirmed');

-- CreateTable
CREATE TABLE "check_in_scans" (
    "event_id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "registration_id" UUID,
    "outcome" "CheckInOutcome" NOT NULL,
    "checked_in_at" TIMESTAMPTZ(3),
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "check_in_scans_pkey" PRIMARY KEY ("event_id","client_id")
);

-- CreateIndex
CREATE INDEX "check_in_scans_registration_id_idx" ON "check_in_scans"("registration_id");

-- AddForeignKey
ALTER TABLE "check_in_scans" ADD CONSTRAINT "check_in_scans_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in_scans" ADD CONSTRAINT "check_in_scans_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A phone's scan id is a uuid it made; anything long is not one of ours.
ALTER TABLE "check_in_scans" ADD CONSTRAINT "check_in_scans_client_id_check" CHECK (char_length("client_id") BETWEEN 1 AND 64);
