-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "County" AS ENUM ('stockholm', 'uppsala', 'sodermanland', 'ostergotland', 'jonkoping', 'kronoberg', 'kalmar', 'gotland', 'blekinge', 'skane', 'halland', 'vastra_gotaland', 'varmland', 'orebro', 'vastmanland', 'dalarna', 'gavleborg', 'vasternorrland', 'jamtland', 'vasterbotten', 'norrbotten');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('sv', 'en');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('owner', 'organizer', 'viewer');

-- CreateEnum
CREATE TYPE "EventStatus" AS ENUM ('draft', 'published', 'cancelled', 'postponed');

-- CreateEnum
CREATE TYPE "EventFormat" AS ENUM ('on_site', 'online', 'hybrid');

-- CreateEnum
CREATE TYPE "RegistrationMode" AS ENUM ('open', 'invite_only', 'interest_only');

-- CreateEnum
CREATE TYPE "ProgrammeItemType" AS ENUM ('talk', 'keynote', 'panel', 'workshop', 'break', 'lunch', 'meetup');

-- CreateEnum
CREATE TYPE "SpeakerRole" AS ENUM ('speaker', 'moderator', 'panelist');

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('pending', 'accepted', 'declined', 'revoked');

-- CreateEnum
CREATE TYPE "AttendanceMode" AS ENUM ('on_site', 'online');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('confirmed', 'waitlisted', 'cancelled', 'interest');

-- CreateEnum
CREATE TYPE "Sector" AS ENUM ('municipality', 'region', 'government_agency', 'civil_society', 'academia', 'business', 'private_person', 'other');

-- CreateEnum
CREATE TYPE "QuestionKind" AS ENUM ('text', 'choice', 'multi_choice', 'yes_no');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "county" "County",
    "website" TEXT,
    "contact_email" TEXT,
    "contact_phone" TEXT,
    "about_sv" TEXT NOT NULL DEFAULT '',
    "about_en" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "locale" "Locale" NOT NULL DEFAULT 'sv',
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_tokens" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "organization_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "role" "MemberRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("organization_id","person_id")
);

-- CreateTable
CREATE TABLE "series" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "organization_id" UUID NOT NULL,
    "title_sv" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "summary_sv" TEXT NOT NULL DEFAULT '',
    "summary_en" TEXT NOT NULL DEFAULT '',
    "description_sv" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "status" "EventStatus" NOT NULL DEFAULT 'draft',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "organization_id" UUID NOT NULL,
    "series_id" UUID,
    "series_position" INTEGER,
    "title_sv" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "summary_sv" TEXT NOT NULL DEFAULT '',
    "summary_en" TEXT NOT NULL DEFAULT '',
    "description_sv" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "status" "EventStatus" NOT NULL DEFAULT 'draft',
    "format" "EventFormat" NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'Europe/Stockholm',
    "venue_name" TEXT,
    "venue_address" TEXT,
    "postal_code" TEXT,
    "city" TEXT,
    "county" "County",
    "online_url" TEXT,
    "capacity_on_site" INTEGER,
    "capacity_online" INTEGER,
    "registration_mode" "RegistrationMode" NOT NULL DEFAULT 'open',
    "registration_opens_at" TIMESTAMPTZ(3),
    "registration_closes_at" TIMESTAMPTZ(3),
    "cancellation_reason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_types" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "name_sv" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "price_ore" INTEGER NOT NULL,
    "vat_rate" INTEGER NOT NULL DEFAULT 25,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ticket_types_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rooms" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "rooms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tracks" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "name_sv" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,

    CONSTRAINT "tracks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme_items" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "type" "ProgrammeItemType" NOT NULL,
    "title_sv" TEXT NOT NULL,
    "title_en" TEXT NOT NULL,
    "description_sv" TEXT NOT NULL DEFAULT '',
    "description_en" TEXT NOT NULL DEFAULT '',
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "room_id" UUID,
    "track_id" UUID,
    "capacity" INTEGER,
    "recording_url" TEXT,
    "slides_url" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "programme_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "speaker_profiles" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "person_id" UUID,
    "name" TEXT NOT NULL,
    "title_sv" TEXT NOT NULL DEFAULT '',
    "title_en" TEXT NOT NULL DEFAULT '',
    "affiliation" TEXT NOT NULL DEFAULT '',
    "bio_sv" TEXT NOT NULL DEFAULT '',
    "bio_en" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "speaker_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme_roles" (
    "item_id" UUID NOT NULL,
    "speaker_id" UUID NOT NULL,
    "role" "SpeakerRole" NOT NULL DEFAULT 'speaker',
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "programme_roles_pkey" PRIMARY KEY ("item_id","speaker_id")
);

-- CreateTable
CREATE TABLE "speaker_invitations" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "speaker_id" UUID,
    "item_id" UUID,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "SpeakerRole" NOT NULL DEFAULT 'speaker',
    "message" TEXT NOT NULL DEFAULT '',
    "token_hash" TEXT NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'pending',
    "locale" "Locale" NOT NULL DEFAULT 'sv',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "responded_at" TIMESTAMPTZ(3),
    "invited_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "speaker_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registrations" (
    "id" UUID NOT NULL,
    "event_id" UUID,
    "series_id" UUID,
    "person_id" UUID,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_normalized" TEXT NOT NULL,
    "attendance_mode" "AttendanceMode" NOT NULL DEFAULT 'on_site',
    "status" "RegistrationStatus" NOT NULL,
    "sector" "Sector",
    "organization_name" TEXT,
    "county" "County",
    "answers" JSONB NOT NULL DEFAULT '{}',
    "locale" "Locale" NOT NULL DEFAULT 'sv',
    "manage_token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "registrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "item_signups" (
    "item_id" UUID NOT NULL,
    "registration_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "item_signups_pkey" PRIMARY KEY ("item_id","registration_id")
);

-- CreateTable
CREATE TABLE "custom_questions" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "kind" "QuestionKind" NOT NULL,
    "label_sv" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '[]',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "custom_questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" UUID NOT NULL,
    "template" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "locale" "Locale" NOT NULL DEFAULT 'sv',
    "payload" JSONB NOT NULL DEFAULT '{}',
    "message_id" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "organization_id" UUID,
    "event_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "organization_id" UUID,
    "actor_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE INDEX "organizations_county_idx" ON "organizations"("county");

-- CreateIndex
CREATE UNIQUE INDEX "people_email_key" ON "people"("email");

-- CreateIndex
CREATE INDEX "sessions_person_id_idx" ON "sessions"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "login_tokens_token_hash_key" ON "login_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "login_tokens_email_created_at_idx" ON "login_tokens"("email", "created_at");

-- CreateIndex
CREATE INDEX "login_tokens_ip_created_at_idx" ON "login_tokens"("ip", "created_at");

-- CreateIndex
CREATE INDEX "memberships_person_id_idx" ON "memberships"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "series_slug_key" ON "series"("slug");

-- CreateIndex
CREATE INDEX "series_organization_id_idx" ON "series"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "events_slug_key" ON "events"("slug");

-- CreateIndex
CREATE INDEX "events_status_starts_at_idx" ON "events"("status", "starts_at");

-- CreateIndex
CREATE INDEX "events_status_ends_at_idx" ON "events"("status", "ends_at");

-- CreateIndex
CREATE INDEX "events_organization_id_starts_at_idx" ON "events"("organization_id", "starts_at");

-- CreateIndex
CREATE INDEX "events_series_id_series_position_idx" ON "events"("series_id", "series_position");

-- CreateIndex
CREATE INDEX "events_county_starts_at_idx" ON "events"("county", "starts_at");

-- CreateIndex
CREATE INDEX "events_format_starts_at_idx" ON "events"("format", "starts_at");

-- CreateIndex
CREATE INDEX "ticket_types_event_id_position_idx" ON "ticket_types"("event_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "rooms_event_id_name_key" ON "rooms"("event_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "tracks_event_id_name_sv_key" ON "tracks"("event_id", "name_sv");

-- CreateIndex
CREATE INDEX "programme_items_event_id_starts_at_idx" ON "programme_items"("event_id", "starts_at");

-- CreateIndex
CREATE INDEX "programme_items_room_id_starts_at_idx" ON "programme_items"("room_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "speaker_profiles_slug_key" ON "speaker_profiles"("slug");

-- CreateIndex
CREATE INDEX "speaker_profiles_person_id_idx" ON "speaker_profiles"("person_id");

-- CreateIndex
CREATE INDEX "programme_roles_speaker_id_idx" ON "programme_roles"("speaker_id");

-- CreateIndex
CREATE UNIQUE INDEX "speaker_invitations_token_hash_key" ON "speaker_invitations"("token_hash");

-- CreateIndex
CREATE INDEX "speaker_invitations_event_id_status_idx" ON "speaker_invitations"("event_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "registrations_manage_token_hash_key" ON "registrations"("manage_token_hash");

-- CreateIndex
CREATE INDEX "registrations_event_id_status_attendance_mode_created_at_idx" ON "registrations"("event_id", "status", "attendance_mode", "created_at");

-- CreateIndex
CREATE INDEX "registrations_email_normalized_idx" ON "registrations"("email_normalized");

-- CreateIndex
CREATE UNIQUE INDEX "registrations_event_id_email_normalized_key" ON "registrations"("event_id", "email_normalized");

-- CreateIndex
CREATE UNIQUE INDEX "registrations_series_id_email_normalized_key" ON "registrations"("series_id", "email_normalized");

-- CreateIndex
CREATE INDEX "custom_questions_event_id_position_idx" ON "custom_questions"("event_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_message_id_key" ON "outbox_messages"("message_id");

-- CreateIndex
CREATE INDEX "outbox_messages_status_next_attempt_at_idx" ON "outbox_messages"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbox_messages_organization_id_status_idx" ON "outbox_messages"("organization_id", "status");

-- CreateIndex
CREATE INDEX "audit_log_organization_id_created_at_idx" ON "audit_log"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_idx" ON "audit_log"("entity_type", "entity_id");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "series" ADD CONSTRAINT "series_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_items" ADD CONSTRAINT "programme_items_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_items" ADD CONSTRAINT "programme_items_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_items" ADD CONSTRAINT "programme_items_track_id_fkey" FOREIGN KEY ("track_id") REFERENCES "tracks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_profiles" ADD CONSTRAINT "speaker_profiles_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_roles" ADD CONSTRAINT "programme_roles_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_roles" ADD CONSTRAINT "programme_roles_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speaker_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_invitations" ADD CONSTRAINT "speaker_invitations_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_invitations" ADD CONSTRAINT "speaker_invitations_speaker_id_fkey" FOREIGN KEY ("speaker_id") REFERENCES "speaker_profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaker_invitations" ADD CONSTRAINT "speaker_invitations_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_series_id_fkey" FOREIGN KEY ("series_id") REFERENCES "series"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "item_signups" ADD CONSTRAINT "item_signups_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "programme_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "item_signups" ADD CONSTRAINT "item_signups_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custom_questions" ADD CONSTRAINT "custom_questions_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot express (kept by hand; see docs/decisions/0002-migrations.md).
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "series" ADD CONSTRAINT "series_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "events" ADD CONSTRAINT "events_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "speaker_profiles" ADD CONSTRAINT "speaker_profiles_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "people" ADD CONSTRAINT "people_email_normalized" CHECK ("email" = lower(btrim("email")));
ALTER TABLE "events" ADD CONSTRAINT "events_ends_after_start" CHECK ("ends_at" >= "starts_at");
ALTER TABLE "events" ADD CONSTRAINT "events_capacity_on_site_nonnegative" CHECK ("capacity_on_site" IS NULL OR "capacity_on_site" >= 0);
ALTER TABLE "events" ADD CONSTRAINT "events_capacity_online_nonnegative" CHECK ("capacity_online" IS NULL OR "capacity_online" >= 0);
ALTER TABLE "events" ADD CONSTRAINT "events_registration_window" CHECK ("registration_opens_at" IS NULL OR "registration_closes_at" IS NULL OR "registration_closes_at" >= "registration_opens_at");
ALTER TABLE "events" ADD CONSTRAINT "events_series_position_positive" CHECK ("series_position" IS NULL OR "series_position" >= 1);
ALTER TABLE "events" ADD CONSTRAINT "events_cancelled_has_reason" CHECK ("status" <> 'cancelled' OR "cancellation_reason" IS NOT NULL);
ALTER TABLE "events" ADD CONSTRAINT "events_revision_nonnegative" CHECK ("revision" >= 0);
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_price_nonnegative" CHECK ("price_ore" >= 0);
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_vat_rate" CHECK ("vat_rate" IN (0, 6, 12, 25));
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_capacity_nonnegative" CHECK ("capacity" IS NULL OR "capacity" >= 0);
ALTER TABLE "programme_items" ADD CONSTRAINT "programme_items_ends_after_start" CHECK ("ends_at" >= "starts_at");
ALTER TABLE "programme_items" ADD CONSTRAINT "programme_items_capacity_nonnegative" CHECK ("capacity" IS NULL OR "capacity" >= 0);
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_event_xor_series" CHECK (("event_id" IS NULL) <> ("series_id" IS NULL));
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_email_normalized" CHECK ("email_normalized" = lower(btrim("email")));
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_attempts_nonnegative" CHECK ("attempts" >= 0);

-- Free-text search on the public listing (title, city) without loading every event.
CREATE INDEX "events_published_starts_at_idx" ON "events" ("starts_at") WHERE "status" IN ('published', 'cancelled', 'postponed');
