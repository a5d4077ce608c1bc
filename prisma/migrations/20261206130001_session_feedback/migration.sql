-- The requester's feedback after a held session: one row per request.
CREATE TABLE "session_feedback" (
    "request_id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "usefulness" INTEGER NOT NULL,
    "would_recommend" BOOLEAN NOT NULL,
    "comment" TEXT,
    "first_answered_at" TIMESTAMPTZ(3) NOT NULL,
    "answered_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "session_feedback_pkey" PRIMARY KEY ("request_id")
);

CREATE INDEX "session_feedback_person_id_idx" ON "session_feedback"("person_id");

ALTER TABLE "session_feedback" ADD CONSTRAINT "session_feedback_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "session_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
