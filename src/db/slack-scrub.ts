import type { Prisma as P } from "./generated/client.ts";

type Db = Pick<P.TransactionClient, "$executeRaw">;

export type { ScrubDelivery } from "../domain/ports/delivery-records.ts";

/**
 * Marks the recorded Slack copies that match `condition` (SQL on slack_messages) as scrubbed and
 * queues one delivery per copy, in the caller's transaction: Slack being down delays the overwrite,
 * it does not lose it. The dedupe key queues each copy once, however often erasure or retention runs.
 */
export async function queueSlackScrubs(db: Db, condition: P.Sql, now: Date): Promise<number> {
  return db.$executeRaw`
    WITH marked AS (
      UPDATE slack_messages SET scrubbed_at = ${now} WHERE scrubbed_at IS NULL AND (${condition}) RETURNING id)
    INSERT INTO outbox (kind, payload, dedupe_key)
    SELECT 'slack', jsonb_build_object('op', 'scrub_slack', 'messageId', id::text), 'scrub:' || id FROM marked
    ON CONFLICT DO NOTHING`;
}
