-- Privacy notices per organization, versioned; consent recorded as the version accepted (ADR 0032).

-- CreateTable
CREATE TABLE "privacy_notices" (
    "organization_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "contact_email" TEXT NOT NULL DEFAULT '',
    "extra_sv" TEXT NOT NULL DEFAULT '',
    "extra_en" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "privacy_notices_pkey" PRIMARY KEY ("organization_id","version"),
    CONSTRAINT "privacy_notices_version_check" CHECK ("version" >= 1)
);

-- AddForeignKey
ALTER TABLE "privacy_notices" ADD CONSTRAINT "privacy_notices_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every organization has a current notice from its first moment: version 1, the standard text with
-- the organization's contact address. A trigger rather than application code, because organizations
-- are created by several paths (create-owner, the demo, tests writing rows directly).
CREATE FUNCTION "privacy_notice_v1"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "privacy_notices" ("organization_id", "version", "contact_email", "created_at")
  VALUES (NEW."id", 1, COALESCE(NEW."contact_email", ''), NEW."created_at")
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "organizations_privacy_notice_v1" AFTER INSERT ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION "privacy_notice_v1"();

-- The organizations that exist already get their version 1 now.
INSERT INTO "privacy_notices" ("organization_id", "version", "contact_email", "created_at")
SELECT "id", 1, COALESCE("contact_email", ''), "created_at" FROM "organizations";

-- AlterTable: the registration and series sign-up keep when consent was given; the site-wide text
-- version they recorded (a date) becomes version 1 of their organization's notice, the same standard text.
ALTER TABLE "registrations" ADD COLUMN "privacy_accepted_at" TIMESTAMPTZ(3), ADD COLUMN "privacy_version" INTEGER;
UPDATE "registrations" SET "privacy_version" = 1, "privacy_accepted_at" = "consented_at" WHERE "consent_version" IS NOT NULL;
ALTER TABLE "registrations" DROP COLUMN "consent_version", DROP COLUMN "consented_at";

ALTER TABLE "series_signups" ADD COLUMN "privacy_accepted_at" TIMESTAMPTZ(3), ADD COLUMN "privacy_version" INTEGER;
UPDATE "series_signups" SET "privacy_version" = 1, "privacy_accepted_at" = "consented_at" WHERE "consent_version" IS NOT NULL;
ALTER TABLE "series_signups" DROP COLUMN "consent_version", DROP COLUMN "consented_at";

ALTER TABLE "proposals" ADD COLUMN "privacy_accepted_at" TIMESTAMPTZ(3), ADD COLUMN "privacy_version" INTEGER;
UPDATE "proposals" SET "privacy_version" = 1, "privacy_accepted_at" = "created_at";
