-- The reserving requests (at most 12 units per municipality: ~130 000 at national scale, however
-- long the history of declined, cancelled and expired ones grows), with every column the overview,
-- the lead's Home, the digest and a booking's usage sum over: their figures come from this index
-- alone (an index-only scan) instead of from rows scattered over the whole table. The states are
-- the domain's reservingStates (src/domain/types.ts), written as src/db/reserving-states.ts writes
-- them in the queries, so the planner can prove the queries are covered by it.
CREATE INDEX "session_requests_reserving_idx" ON "session_requests"("municipality_key")
  INCLUDE ("state", "units", "counts_assigned", "partner_id", "scheduled_start", "created_at", "topics")
  WHERE "state" IN ('requested', 'scheduled', 'held');
