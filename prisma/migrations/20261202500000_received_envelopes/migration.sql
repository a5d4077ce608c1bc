-- CreateTable
CREATE TABLE "received_envelopes" (
    "key" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "received_envelopes_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "received_envelopes_received_at_idx" ON "received_envelopes"("received_at");

