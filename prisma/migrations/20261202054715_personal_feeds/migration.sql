-- CreateTable
CREATE TABLE "personal_feeds" (
    "id" UUID NOT NULL,
    "email_normalized" TEXT NOT NULL,
    "token_hash" TEXT,
    "token_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "personal_feeds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "personal_feeds_email_normalized_key" ON "personal_feeds"("email_normalized");

-- CreateIndex
CREATE UNIQUE INDEX "personal_feeds_token_hash_key" ON "personal_feeds"("token_hash");
