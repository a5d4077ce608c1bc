import type { Prisma as P } from "./generated/client.ts";

type Db = Pick<P.TransactionClient, "$executeRaw">;

/** The outbox delivery that overwrites (chat.update), deletes (files.delete) or blanks (Home) one recorded Slack copy. */
export interface ScrubDelivery {
  op: "scrub_slack";
  /** slack_messages.id; the payload holds no channel, user or text, so the outbox keeps no copy. */
  messageId: string;
}

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
