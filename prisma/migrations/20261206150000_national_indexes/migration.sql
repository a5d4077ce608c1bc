-- National scale (issue 14): 11 000 municipalities and a million requests, most of them declined,
-- cancelled or expired. Reads that walk a period or a window use these instead of the whole table.

-- The sessions export reads its batches by keyset (ORDER BY created_at, id); "requested in the
-- last two weeks" (overview, digest) is a range on created_at.
CREATE INDEX "session_requests_created_at_id_idx" ON "session_requests"("created_at", "id");

-- Sessions by their date: held in the last two weeks, the exports' period, the reminders' window.
CREATE INDEX "session_requests_scheduled_start_idx" ON "session_requests"("scheduled_start");
