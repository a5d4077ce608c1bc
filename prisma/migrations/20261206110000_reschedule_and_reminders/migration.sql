-- AlterTable
ALTER TABLE "programme" ADD COLUMN     "expiry_warning_working_days" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "partner_unanswered_working_days" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "reminder_before_minutes" INTEGER NOT NULL DEFAULT 60;

-- AlterTable
ALTER TABLE "session_requests" ADD COLUMN     "expiry_warned_at" TIMESTAMPTZ(3),
ADD COLUMN     "partner_nudged_at" TIMESTAMPTZ(3),
ADD COLUMN     "soon_reminder_sent_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "reschedule_proposals" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "proposed_by" UUID,
    "start" TIMESTAMPTZ(3),
    "format" "SessionFormat",
    "meeting_link" TEXT,
    "meeting_phone" TEXT,
    "state" TEXT NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "reschedule_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reschedule_proposals_request_id_idx" ON "reschedule_proposals"("request_id");

-- AddForeignKey
ALTER TABLE "reschedule_proposals" ADD CONSTRAINT "reschedule_proposals_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "session_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- At most one open proposal (or ask) per request: a second one supersedes the first in the same transaction.
CREATE UNIQUE INDEX "reschedule_proposals_one_open" ON "reschedule_proposals"("request_id") WHERE "state" = 'open';
