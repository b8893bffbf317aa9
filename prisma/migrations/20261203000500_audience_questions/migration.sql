-- CreateEnum
CREATE TYPE "audience_question_state" AS ENUM ('new', 'selected', 'answered', 'hidden');

-- CreateTable
CREATE TABLE "audience_questions" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "item_id" UUID,
    "registration_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "is_anonymous" BOOLEAN NOT NULL DEFAULT false,
    "state" "audience_question_state" NOT NULL DEFAULT 'new',
    "state_changed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audience_questions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audience_questions_event_id_item_id_state_created_at_idx" ON "audience_questions"("event_id", "item_id", "state", "created_at");

-- CreateIndex
CREATE INDEX "audience_questions_registration_id_created_at_idx" ON "audience_questions"("registration_id", "created_at");

-- AddForeignKey
ALTER TABLE "audience_questions" ADD CONSTRAINT "audience_questions_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audience_questions" ADD CONSTRAINT "audience_questions_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audience_questions" ADD CONSTRAINT "audience_questions_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A question is 1 to 500 characters (ADR 0029); the form says so first, this keeps every other writer honest.
ALTER TABLE "audience_questions" ADD CONSTRAINT "audience_questions_text_length" CHECK (char_length("text") BETWEEN 1 AND 500);
