-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('submitted', 'accepted', 'declined', 'withdrawn');

-- CreateTable
CREATE TABLE "proposal_calls" (
    "event_id" UUID NOT NULL,
    "is_open" BOOLEAN NOT NULL DEFAULT false,
    "closes_at" TIMESTAMPTZ(3),
    "intro_sv" TEXT NOT NULL DEFAULT '',
    "intro_en" TEXT NOT NULL DEFAULT '',
    "formats" "ProgrammeItemType"[] DEFAULT ARRAY['talk']::"ProgrammeItemType"[],
    "lengths" INTEGER[] DEFAULT ARRAY[30]::INTEGER[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "proposal_calls_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "proposals" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'submitted',
    "title" TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    "format" "ProgrammeItemType" NOT NULL,
    "length_minutes" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "speaker_title" TEXT NOT NULL DEFAULT '',
    "affiliation" TEXT NOT NULL DEFAULT '',
    "bio" TEXT NOT NULL DEFAULT '',
    "locale" "Locale" NOT NULL DEFAULT 'sv',
    "token_hash" TEXT NOT NULL,
    "decision_message" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "withdrawn_at" TIMESTAMPTZ(3),
    "item_id" UUID,
    "speaker_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proposals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proposal_ratings" (
    "proposal_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "proposal_ratings_pkey" PRIMARY KEY ("proposal_id","person_id")
);

-- CreateTable
CREATE TABLE "proposal_comments" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "author_id" UUID,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proposal_comments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "proposals_token_hash_key" ON "proposals"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "proposals_item_id_key" ON "proposals"("item_id");

-- CreateIndex
CREATE INDEX "proposals_event_id_status_created_at_idx" ON "proposals"("event_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "proposal_comments_proposal_id_created_at_idx" ON "proposal_comments"("proposal_id", "created_at");

-- AddForeignKey
ALTER TABLE "proposal_calls" ADD CONSTRAINT "proposal_calls_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speaker_profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_ratings" ADD CONSTRAINT "proposal_ratings_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_ratings" ADD CONSTRAINT "proposal_ratings_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proposal_comments" ADD CONSTRAINT "proposal_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A rating is 1–5; a proposed length between 5 minutes and a whole day.
ALTER TABLE "proposal_ratings" ADD CONSTRAINT "proposal_ratings_score_range" CHECK ("score" BETWEEN 1 AND 5);
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_length_range" CHECK ("length_minutes" BETWEEN 5 AND 480);
