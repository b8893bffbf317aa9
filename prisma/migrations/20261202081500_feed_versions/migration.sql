-- CreateTable
CREATE TABLE "feed_versions" (
    "key" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "modified_at" TIMESTAMPTZ(0) NOT NULL,

    CONSTRAINT "feed_versions_pkey" PRIMARY KEY ("key")
);
