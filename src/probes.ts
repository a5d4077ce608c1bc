import type { CustomRoute } from "@slack/bolt";
import type { Database } from "./db/client.ts";
import type { Metrics } from "./metrics.ts";
import type { SlackConnection } from "./slack/socket-connection.ts";

export interface ProbeSources {
  db: Database;
  metrics: Metrics;
  /** Socket Mode only: the connection to Slack (read per probe). HTTP mode has none to watch: Slack calls us. */
  slack?: () => SlackConnection | undefined;
  /** How long the Slack connection may be down before readiness fails (default 30 s: a reconnect takes a few). */
  slackDownGraceMs?: number;
}

/**
 * The operator's endpoints (docs/operations.md):
 * - `/livez`: the process runs and answers (the Docker HEALTHCHECK). Nothing outside the process is
 *   asked, so a Slack or database outage does not restart every replica.
 * - `/readyz` (alias `/healthz`): the database answers within 2 s, and in Socket Mode the Slack
 *   connection has not been down for longer than the grace; 503 names the part that is down.
 * - `/metrics`: Prometheus text format (src/metrics.ts).
 */
export function probeRoutes({ db, metrics, slack: slackConnection = () => undefined, slackDownGraceMs = 30_000 }: ProbeSources): CustomRoute[] {
  const json = (res: Parameters<CustomRoute["handler"]>[1], status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  const ready: CustomRoute["handler"] = (_req, res) => {
    void (async () => {
      // A hanging database must not hang the probe: no answer within 2 s counts as down.
      const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, 2_000, false).unref());
      const databaseUp = await Promise.race([db.ping(), timeout]);
      if (!databaseUp) metrics.databaseError("ping");
      const slack = slackConnection();
      const slackDownMs = slack ? slack.downForMs() : 0;
      // Within the grace the client is still reconnecting on its own: ready, but said so.
      const slackUp = slackDownMs <= slackDownGraceMs;
      const down = [...(databaseUp ? [] : ["database"]), ...(slackUp ? [] : ["slack"])];
      json(res, down.length === 0 ? 200 : 503, {
        status: down.length === 0 ? "ok" : `${down.join(" and ")} unreachable`,
        database: databaseUp ? "up" : "down",
        ...(slack ? { slack: slackDownMs === 0 ? "up" : slackUp ? "reconnecting" : "down", slackDownSeconds: Math.floor(slackDownMs / 1000) } : {}),
      });
    })();
  };
  return [
    { path: "/livez", method: ["GET"], handler: (_req, res) => json(res, 200, { status: "ok" }) },
    { path: "/readyz", method: ["GET"], handler: ready },
    { path: "/healthz", method: ["GET"], handler: ready },
    {
      path: "/metrics",
      method: ["GET"],
      handler: (_req, res) => {
        metrics.registry.metrics().then(
          (text) => {
            res.writeHead(200, { "content-type": metrics.registry.contentType });
            res.end(text);
          },
          () => {
            res.writeHead(500, { "content-type": "text/plain" });
            res.end("metrics unavailable\n");
          },
        );
      },
    },
  ];
}
