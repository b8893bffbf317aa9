-- AlterTable
ALTER TABLE "memberships" ADD COLUMN     "speaker_answer_mail" "NotificationFrequency" NOT NULL DEFAULT 'immediate';

-- AlterTable
ALTER TABLE "speaker_invitations" ADD COLUMN     "expired_at" TIMESTAMPTZ(3);

-- Until now speaker answers followed the registration choice: whoever had turned registration mail off
-- got no answers either, and keeps getting none.
UPDATE "memberships" SET "speaker_answer_mail" = 'off' WHERE "registration_digest" = 'off';
