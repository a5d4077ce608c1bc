-- Monthly nudges: the programme setting, the sent log per municipality and month, and opt-outs.
ALTER TABLE "programme" ADD COLUMN     "nudges_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "nudges_weeks_before_end" INTEGER NOT NULL DEFAULT 8;

CREATE TABLE "nudges_sent" (
    "municipality_key" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "nudges_sent_pkey" PRIMARY KEY ("municipality_key","month")
);

CREATE TABLE "nudge_opt_outs" (
    "person_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "nudge_opt_outs_pkey" PRIMARY KEY ("person_id")
);
