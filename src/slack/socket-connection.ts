import type { SocketModeReceiver } from "@slack/bolt";
import type { Logger } from "../logger.ts";
import type { Metrics } from "../metrics.ts";

/** The state of the Socket Mode connection, as readiness and /metrics report it. */
type SocketModeClient = SocketModeReceiver["client"];

export interface SlackConnection {
  /** How long the connection has been down (ms); 0 while it is up. Down from creation until the first `hello`. */
  downForMs(): number;
}

/**
 * Follows the Socket Mode client's life cycle. The client reconnects by itself (a `disconnect`
 * message from Slack, a dropped socket, missed pongs); this only watches, so readiness can say
 * "Slack down" after a while and /metrics can count the reconnects with the reason Slack gave.
 */
export function watchSocketConnection(client: SocketModeClient, metrics: Metrics, logger: Logger, now = () => performance.now()): SlackConnection {
  let connectedOnce = false;
  let downSince: number | undefined = now();
  let reason: string | undefined;
  metrics.slackConnected(false);

  client.on("connected", () => {
    if (connectedOnce) {
      metrics.reconnected(reason ?? "connection_lost");
      logger.info({ reason: reason ?? "connection_lost", downMs: Math.round(now() - (downSince ?? now())) }, "Slack connection re-established");
    }
    connectedOnce = true;
    downSince = undefined;
    reason = undefined;
    metrics.slackConnected(true);
  });
  // Slack announces most ends of a connection: refresh_requested, link_disabled, warning.
  client.on("ws_message", (data: unknown, isBinary: boolean) => {
    if (isBinary) return;
    try {
      const message = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer)) as { type?: string; reason?: unknown };
      if (message.type === "disconnect") reason = typeof message.reason === "string" && /^[a-z_]{1,40}$/.test(message.reason) ? message.reason : "other";
    } catch {
      // Not ours to judge: the client ignores what it cannot parse.
    }
  });
  const lost = () => {
    if (downSince !== undefined) return;
    downSince = now();
    metrics.slackConnected(false);
    logger.warn({ reason: reason ?? "connection_lost" }, "Slack connection lost; reconnecting");
  };
  client.on("close", lost);
  client.on("disconnected", lost);
  client.on("reconnecting", lost);

  return {
    downForMs: () => (downSince === undefined ? 0 : Math.max(0, now() - downSince)),
  };
}
