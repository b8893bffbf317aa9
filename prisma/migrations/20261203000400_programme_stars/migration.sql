-- CreateTable
CREATE TABLE "programme_stars" (
    "registration_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "programme_stars_pkey" PRIMARY KEY ("registration_id","item_id")
);

-- CreateIndex
CREATE INDEX "programme_stars_item_id_idx" ON "programme_stars"("item_id");

-- AddForeignKey
ALTER TABLE "programme_stars" ADD CONSTRAINT "programme_stars_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_stars" ADD CONSTRAINT "programme_stars_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;
