-- AlterTable
ALTER TABLE "slack_messages" ADD COLUMN     "file_id" TEXT,
ADD COLUMN     "person_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "scrubbed_at" TIMESTAMPTZ(3),
ALTER COLUMN "request_id" DROP NOT NULL,
ALTER COLUMN "ts" DROP NOT NULL;

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "erasure_suppressions" (
    "hmac" TEXT NOT NULL,
    "erased_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "erasure_suppressions_pkey" PRIMARY KEY ("hmac")
);

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

