-- Speaker invitations as a flow (issue 10, docs/decisions/0020-speaker-invitations.md).
-- "pending" becomes "sent" (a rename keeps every existing row and the column default); "viewed" and
-- "expired" are new. The new values are not used in this migration, as PostgreSQL requires.
ALTER TYPE "InvitationStatus" RENAME VALUE 'pending' TO 'sent';
ALTER TYPE "InvitationStatus" ADD VALUE 'viewed' AFTER 'sent';
ALTER TYPE "InvitationStatus" ADD VALUE 'expired' AFTER 'declined';

-- The sessions an invitation covers live in speaker_invitation_items (one invitation, several items).
ALTER TABLE "speaker_invitations" DROP COLUMN "item_id";

ALTER TABLE "speaker_invitations" ADD COLUMN "viewed_at" TIMESTAMPTZ(3),
ADD COLUMN "decline_reason" TEXT,
ADD COLUMN "suggested_name" TEXT,
ADD COLUMN "suggested_email" TEXT,
ADD COLUMN "reminder_sent_at" TIMESTAMPTZ(3),
ADD COLUMN "revoked_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "speaker_invitation_items" (
    "invitation_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,

    CONSTRAINT "speaker_invitation_items_pkey" PRIMARY KEY ("invitation_id","item_id")
);

-- CreateIndex
CREATE INDEX "speaker_invitation_items_item_id_idx" ON "speaker_invitation_items"("item_id");

-- AddForeignKey
ALTER TABLE "speaker_invitation_items" ADD CONSTRAINT "speaker_invitation_items_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "speaker_invitations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_invitation_items" ADD CONSTRAINT "speaker_invitation_items_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;
