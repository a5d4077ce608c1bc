-- AlterTable
ALTER TABLE "partner_profiles" ADD COLUMN     "paused_until" DATE;

-- CreateTable
CREATE TABLE "admin_changes" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" UUID,
    "source" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_kind" TEXT NOT NULL,
    "entity_key" TEXT NOT NULL,
    "details" JSONB,

    CONSTRAINT "admin_changes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pending_uploads" (
    "id" UUID NOT NULL,
    "uploader_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "applied_at" TIMESTAMPTZ(3),

    CONSTRAINT "pending_uploads_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "admin_changes_at_idx" ON "admin_changes"("at");

