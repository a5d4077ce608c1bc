import type { WebClient } from "@slack/web-api";
import type { OutboxRow } from "../../domain/ports/outbox-queue.ts";

/** The metadata event type that marks a message as the delivery of one outbox row. */
export const outboxEventType = "sparring_outbox";

/** Message metadata naming the outbox row a post delivers (visible to the app in conversations.history). */
export function outboxMetadata(row: Pick<OutboxRow, "id">): { event_type: string; event_payload: { outbox_id: string } } {
  return { event_type: outboxEventType, event_payload: { outbox_id: String(row.id) } };
}

/** Pages read at most (15 messages each, the most Slack allows apps outside the Marketplace since 2025): a DM gets a handful of the app's messages per day. */
const maxPages = 10;

/**
 * Looks for the message an earlier holder of this row posted but did not record (it was killed
 * between Slack's answer and marking the row done). Reads the DM's history since shortly before the
 * row was written (needs the im:history scope); Slack errors propagate, so the row is retried
 * later instead of being posted blind.
 */
export async function findPostedDelivery(
  client: WebClient,
  channel: string,
  row: Pick<OutboxRow, "id" | "createdAt">,
): Promise<{ ts: string } | null> {
  const wanted = String(row.id);
  // Clocks of Slack and the database differ a little: start a minute earlier.
  const oldest = String(Math.floor(row.createdAt.getTime() / 1000) - 60);
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await client.conversations.history({
      channel,
      oldest,
      limit: 15,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of answer.messages ?? []) {
      const metadata = message.metadata as { event_type?: string; event_payload?: Record<string, unknown> } | undefined;
      if (metadata?.event_type === outboxEventType && String(metadata.event_payload?.outbox_id) === wanted && message.ts) return { ts: message.ts };
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) break;
  }
  return null;
}
