-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "MunicipalityKind" AS ENUM ('Kommune', 'Landkreis');

-- CreateEnum
CREATE TYPE "SessionFormat" AS ENUM ('phone', 'video');

-- CreateEnum
CREATE TYPE "RequestState" AS ENUM ('requested', 'scheduled', 'held', 'declined', 'cancelled', 'expired');

-- CreateTable
CREATE TABLE "programme" (
    "id" TEXT NOT NULL DEFAULT 'programme',
    "name" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "timezone" TEXT NOT NULL,
    "holiday_region" TEXT NOT NULL,
    "cohorts" TEXT[],
    "quota_units" INTEGER NOT NULL,
    "assigned_quota_units" INTEGER NOT NULL,
    "unit_minutes" INTEGER NOT NULL,
    "max_units_per_request" INTEGER NOT NULL,
    "request_expiry_working_days" INTEGER NOT NULL,
    "question_retention_days" INTEGER NOT NULL,
    "digest_channel" TEXT,
    "digest_weekday" INTEGER NOT NULL DEFAULT 1,
    "digest_time" TEXT NOT NULL DEFAULT '08:00',
    "contact_line" TEXT NOT NULL,
    "privacy_notice_de" TEXT NOT NULL,
    "privacy_notice_en" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "topics" (
    "key" TEXT NOT NULL,
    "label_de" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "topics_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "municipalities" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "MunicipalityKind" NOT NULL,
    "cohort" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "municipalities_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "people" (
    "id" UUID NOT NULL,
    "slack_id" TEXT,
    "name" TEXT NOT NULL,
    "locale" TEXT,
    "locale_checked_at" TIMESTAMPTZ(3),
    "contact_of" TEXT,
    "is_lead" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "erased_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_profiles" (
    "person_id" UUID NOT NULL,
    "organisation" TEXT NOT NULL DEFAULT '',
    "topics" TEXT[],
    "methods" TEXT[],
    "formats" "SessionFormat"[],
    "bio" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "partner_profiles_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "municipality_key" TEXT NOT NULL,
    "partner_id" UUID NOT NULL,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("municipality_key","partner_id")
);

-- CreateTable
CREATE TABLE "session_requests" (
    "id" UUID NOT NULL,
    "municipality_key" TEXT NOT NULL,
    "requester_id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "topics" TEXT[],
    "question" TEXT,
    "preferred_format" "SessionFormat" NOT NULL,
    "preferred_times" TEXT NOT NULL DEFAULT '',
    "units" INTEGER NOT NULL DEFAULT 1,
    "counts_assigned" BOOLEAN NOT NULL,
    "state" "RequestState" NOT NULL DEFAULT 'requested',
    "scheduled_start" TIMESTAMPTZ(3),
    "format" "SessionFormat",
    "meeting_link" TEXT,
    "meeting_phone" TEXT,
    "decline_reason" TEXT,
    "reminder_sent_at" TIMESTAMPTZ(3),
    "held_ask_count" INTEGER NOT NULL DEFAULT 0,
    "held_asked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_events" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "from_state" "RequestState",
    "to_state" "RequestState" NOT NULL,
    "reason" TEXT,
    "details" JSONB,

    CONSTRAINT "request_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "privacy_notices_shown" (
    "person_id" UUID NOT NULL,
    "shown_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "privacy_notices_shown_pkey" PRIMARY KEY ("person_id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupe_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "available_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "name" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("name","slot")
);

-- CreateTable
CREATE TABLE "slack_messages" (
    "id" BIGSERIAL NOT NULL,
    "request_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slack_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "people_slack_id_key" ON "people"("slack_id");

-- CreateIndex
CREATE INDEX "session_requests_municipality_key_state_idx" ON "session_requests"("municipality_key", "state");

-- CreateIndex
CREATE INDEX "session_requests_partner_id_state_idx" ON "session_requests"("partner_id", "state");

-- CreateIndex
CREATE INDEX "session_requests_state_created_at_idx" ON "session_requests"("state", "created_at");

-- CreateIndex
CREATE INDEX "request_events_request_id_idx" ON "request_events"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_dedupe_key_key" ON "outbox"("dedupe_key");

-- CreateIndex
CREATE INDEX "outbox_sent_at_available_at_idx" ON "outbox"("sent_at", "available_at");

-- CreateIndex
CREATE UNIQUE INDEX "slack_messages_request_id_purpose_key" ON "slack_messages"("request_id", "purpose");

-- AddForeignKey
ALTER TABLE "people" ADD CONSTRAINT "people_contact_of_fkey" FOREIGN KEY ("contact_of") REFERENCES "municipalities"("key") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partner_profiles" ADD CONSTRAINT "partner_profiles_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_municipality_key_fkey" FOREIGN KEY ("municipality_key") REFERENCES "municipalities"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_requests" ADD CONSTRAINT "session_requests_municipality_key_fkey" FOREIGN KEY ("municipality_key") REFERENCES "municipalities"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_requests" ADD CONSTRAINT "session_requests_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_requests" ADD CONSTRAINT "session_requests_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_events" ADD CONSTRAINT "request_events_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "session_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "privacy_notices_shown" ADD CONSTRAINT "privacy_notices_shown_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

