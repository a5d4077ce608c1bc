import type { ReceiverEvent } from "@slack/bolt";
import type { ReceivedEnvelopes } from "../domain/ports/received-envelopes.ts";
import { safeError, type Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";

export interface ReceiveOnceDeps {
  envelopes: Pick<ReceivedEnvelopes, "take" | "release">;
  metrics: Metrics;
  logger: Logger;
  /** How long the de-duplication may wait for the database before letting the request through; default 1 s. */
  takeTimeoutMs?: number;
}

type Process = (event: ReceiverEvent) => Promise<void | "malformed">;

/**
 * Wraps Bolt's processEvent, for both transports:
 * - Slack re-sends what it thinks was lost: an event after a time-out (same event_id), and in Socket
 *   Mode an envelope whose ack did not arrive before the connection dropped (same envelope_id). The
 *   first delivery takes its key in `received_envelopes`, on whichever replica it lands; a re-sent
 *   copy is acked and dropped. View submissions and options requests are not taken: Slack needs
 *   their answer again, and the idempotency keys (src/db/idempotency.ts) make their effects once.
 *   If the ack cannot be sent (the connection went first), the key is given back, so the copy
 *   Slack re-sends runs: listeners ack before they work, so nothing ran yet. A process killed
 *   between taking a key and acking loses that one delivery (Slack shows the user a time-out).
 * - Counts every request by kind and outcome and times its ack (src/metrics.ts).
 * If the database does not answer within a second the request goes through: it then meets the same
 * outage in its listener, which answers "try again", and the effects stay guarded by idempotency keys.
 */
export function receiveOnce(process: Process, { envelopes, metrics, logger, takeTimeoutMs = 1_000 }: ReceiveOnceDeps): (event: ReceiverEvent) => Promise<void> {
  return async (event) => {
    const received = performance.now();
    // Listeners that answer in their ack count Slack's 3 seconds from here (answer-submission.ts).
    const receivedAt = Date.now();
    const body = (event.body ?? {}) as Record<string, unknown>;
    const kind = requestKind(body);
    const key = deliveryKey(body, event.customProperties?.envelopeId);
    let holdsKey = false;
    const ack = event.ack;
    let acked = false;
    event.ack = async (response) => {
      if (!acked) metrics.ackLatency(kind, (performance.now() - received) / 1000);
      acked = true;
      try {
        return await ack(response);
      } catch (error) {
        // The connection went before the ack did: Slack will send the envelope again, and that copy
        // must run (listeners ack first, so nothing was done yet). Give the key back.
        if (key && holdsKey) {
          holdsKey = false;
          await envelopes.release(key).catch(() => undefined);
        }
        throw error;
      }
    };

    if (key) {
      let timer: NodeJS.Timeout | undefined;
      const taken = await Promise.race([
        envelopes.take(key, new Date()),
        new Promise<"unknown">((resolve) => {
          timer = setTimeout(resolve, takeTimeoutMs, "unknown");
        }),
      ])
        .catch((error: unknown) => {
          logger.warn({ err: safeError(error) }, "de-duplication unavailable; request let through");
          return "unknown" as const;
        })
        .finally(() => clearTimeout(timer));
      if (taken === false) {
        logger.info({ kind, retryNum: event.retryNum, retryReason: event.retryReason }, "re-sent Slack delivery acked and dropped");
        metrics.request(kind, "duplicate");
        await event.ack();
        return;
      }
      holdsKey = taken === true;
    }

    const outcome = { failed: false };
    event.customProperties = { ...event.customProperties, requestOutcome: outcome, receivedAt };
    try {
      const result = await process(event);
      metrics.request(kind, result === "malformed" ? "malformed" : outcome.failed ? "error" : "ok");
    } catch (error) {
      metrics.request(kind, "error");
      throw error;
    }
  };
}

/** A bounded label for the request: command, block_actions, view_submission, …, event, other. */
export function requestKind(body: Record<string, unknown>): string {
  if (typeof body.command === "string") return "command";
  switch (body.type) {
    case "block_actions":
    case "view_submission":
    case "view_closed":
    case "block_suggestion":
    case "shortcut":
    case "message_action":
      return body.type;
    case "event_callback":
      return "event";
    default:
      return "other";
  }
}

function deliveryKey(body: Record<string, unknown>, envelopeId: unknown): string | undefined {
  if (body.type === "event_callback" && typeof body.event_id === "string") return `event:${body.event_id}`.slice(0, 200);
  if (body.type === "view_submission" || body.type === "block_suggestion") return undefined;
  return typeof envelopeId === "string" && envelopeId ? `envelope:${envelopeId}`.slice(0, 200) : undefined;
}
