import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Prisma } from "./db/client.ts";

/**
 * What `GET /metrics` reports (Prometheus text format), one registry per app instance. The alerts
 * an operator should set on these are in docs/operations.md; keep the two in step.
 */
export interface Metrics {
  registry: Registry;
  /** One Slack request (command, interaction, event) and how it ended. */
  request(kind: string, outcome: RequestOutcome): void;
  /** Seconds from receiving a request to its ack (HTTP answer or Socket Mode ack). */
  ackLatency(kind: string, seconds: number): void;
  /** A scheduled job ran (or failed) in this process. */
  jobRun(job: string, ok: boolean, at: Date): void;
  databaseError(kind: string): void;
  /** Socket Mode: the connection came back after `reason` (a `disconnect` reason or "connection_lost"). */
  reconnected(reason: string): void;
  slackConnected(up: boolean): void;
  /** A fetch for the Web API clients that counts failed calls by method and code (429s included). */
  countingFetch(inner?: typeof fetch): typeof fetch;
}

export type RequestOutcome = "ok" | "error" | "duplicate" | "malformed";

export interface MetricsSources {
  prisma: Prisma;
  /** Failed database calls by kind, counted at the driver adapter (src/db/count-errors.ts). */
  databaseErrors?: Map<string, number> | undefined;
}

export function createMetrics({ prisma, databaseErrors }: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "sparring_" });

  const requests = new Counter({
    name: "sparring_slack_requests_total",
    help: "Slack requests received (commands, interactions, events) by kind and outcome",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const ack = new Histogram({
    name: "sparring_ack_latency_seconds",
    help: "Time from receiving a Slack request to acknowledging it (Slack gives up after 3 s)",
    labelNames: ["kind"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const apiErrors = new Counter({
    name: "sparring_slack_api_errors_total",
    help: "Failed Slack Web API calls by method and code (ratelimited = HTTP 429, http_5xx, request_failed, or Slack's error code)",
    labelNames: ["method", "code"] as const,
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: "sparring_job_runs_total",
    help: "Scheduled job runs in this process by job and outcome",
    labelNames: ["job", "outcome"] as const,
    registers: [registry],
  });
  const lastSuccessHere = new Map<string, number>();
  const lastSuccess = new Gauge({
    name: "sparring_job_last_success_timestamp_seconds",
    help: "Unix time of the last successful run of each job (any replica, from job_runs, or this process)",
    labelNames: ["job"] as const,
    registers: [registry],
    async collect() {
      for (const [job, at] of lastSuccessHere) this.set({ job }, at);
      const rows = await fromDatabase(() =>
        prisma.$queryRaw<Array<{ name: string; at: number | null }>>`
          SELECT name, EXTRACT(EPOCH FROM max(finished_at))::float8 AS at FROM job_runs GROUP BY name`,
      );
      for (const row of rows ?? []) {
        if (row.at !== null) this.set({ job: row.name }, Math.max(row.at, lastSuccessHere.get(row.name) ?? 0));
      }
    },
  });
  // Both outbox gauges come from one query per scrape (prom-client collects metrics in parallel).
  let outboxRead: { at: number; figures: Promise<{ backlog: number; oldest: number } | undefined> } | undefined;
  // Shared only while the query runs: both gauges' collect() start in the same scrape.
  const outboxFigures = () => {
    if (!outboxRead) {
      const read = {
        at: Date.now(),
        figures: fromDatabase(() =>
          prisma.$queryRaw<Array<{ backlog: number; oldest: number | null }>>`
            SELECT count(*)::int AS backlog, EXTRACT(EPOCH FROM (now() - min(created_at)))::float8 AS oldest
            FROM outbox WHERE sent_at IS NULL`,
        )
          .then((rows) => (rows?.[0] ? { backlog: Number(rows[0].backlog), oldest: Math.max(0, rows[0].oldest ?? 0) } : undefined))
          .finally(() => {
            if (outboxRead === read) outboxRead = undefined; // the next scrape reads afresh
          }),
      };
      outboxRead = read;
    }
    return outboxRead.figures;
  };
  // Database unreachable: the gauges keep their last figures, and sparring_database_errors_total rises.
  new Gauge({
    name: "sparring_outbox_backlog",
    help: "Notifications in the outbox not yet delivered",
    registers: [registry],
    async collect() {
      const figures = await outboxFigures();
      if (figures) this.set(figures.backlog);
    },
  });
  new Gauge({
    name: "sparring_outbox_oldest_undelivered_age_seconds",
    help: "Age of the oldest undelivered outbox row (0 when none)",
    registers: [registry],
    async collect() {
      const figures = await outboxFigures();
      if (figures) this.set(figures.oldest);
    },
  });
  const dbErrors = new Counter({
    name: "sparring_database_errors_total",
    help: "Failed database calls (queries, transactions, connections, health pings) by kind",
    labelNames: ["kind"] as const,
    registers: [registry],
    collect() {
      // The adapter counts into a plain map; carry its growth into the counter.
      for (const [kind, count] of databaseErrors ?? []) {
        const seen = adapterSeen.get(kind) ?? 0;
        if (count > seen) this.inc({ kind }, count - seen);
        adapterSeen.set(kind, count);
      }
    },
  });
  const adapterSeen = new Map<string, number>();
  const reconnects = new Counter({
    name: "sparring_slack_socket_reconnects_total",
    help: "Socket Mode connections re-established, by the reason the previous one ended",
    labelNames: ["reason"] as const,
    registers: [registry],
  });
  const connected = new Gauge({
    name: "sparring_slack_socket_connected",
    help: "1 while the Socket Mode connection to Slack is open, 0 while it is down (absent in HTTP mode)",
    // Registered on first use: HTTP mode has no connection to report.
    registers: [],
  });
  let connectedRegistered = false;

  async function fromDatabase<T>(read: () => Promise<T>): Promise<T | undefined> {
    // A scrape must not hang on a hanging database: no answer within 2 s counts as an error.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, 2_000, undefined);
    });
    try {
      const result = await Promise.race([read(), timeout]);
      if (result === undefined) dbErrors.inc({ kind: "timeout" });
      return result;
    } catch {
      return undefined; // counted by the adapter
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    registry,
    request: (kind, outcome) => requests.inc({ kind, outcome }),
    ackLatency: (kind, seconds) => ack.observe({ kind }, seconds),
    jobRun(job, ok, at) {
      jobRuns.inc({ job, outcome: ok ? "ok" : "error" });
      if (ok) lastSuccessHere.set(job, at.getTime() / 1000);
    },
    databaseError: (kind) => dbErrors.inc({ kind }),
    reconnected: (reason) => reconnects.inc({ reason }),
    slackConnected(up) {
      if (!connectedRegistered) registry.registerMetric(connected);
      connectedRegistered = true;
      connected.set(up ? 1 : 0);
    },
    countingFetch(inner = globalThis.fetch) {
      return async (input, init) => {
        const method = apiMethod(input);
        let response: Response;
        try {
          response = await inner(input, init);
        } catch (error) {
          if (method) apiErrors.inc({ method, code: "request_failed" });
          throw error;
        }
        if (!method) return response;
        if (response.status === 429) apiErrors.inc({ method, code: "ratelimited" });
        else if (response.status >= 400) apiErrors.inc({ method, code: `http_${response.status}` });
        else if ((response.headers.get("content-type") ?? "").includes("json")) {
          // Slack answers most failures with 200 and ok:false. The body is read once here and handed on
          // as a new Response: response.clone() tees the stream, and parsing every answer (views.open
          // echoes the whole view) was a large part of a /sparring command's CPU (bench, issue #14).
          const text = await response.text();
          if (/"ok"\s*:\s*false/.test(text)) {
            const body = safeParse(text);
            if (body && body.ok === false) apiErrors.inc({ method, code: errorCode(body.error) });
          }
          return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
        }
        return response;
      };
    },
  };
}

/** "chat.postMessage" from https://…/api/chat.postMessage; undefined for response_url and upload posts. */
function apiMethod(input: Parameters<typeof fetch>[0]): string | undefined {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const match = /\/api\/([a-zA-Z]+(?:\.[a-zA-Z]+)+)(?:[?#]|$)/.exec(url);
  return match?.[1];
}

function safeParse(text: string): { ok?: boolean; error?: string } | null {
  try {
    return JSON.parse(text) as { ok?: boolean; error?: string } | null;
  } catch {
    return null;
  }
}

function errorCode(code: string | undefined): string {
  return code && /^[a-z0-9_]{1,60}$/.test(code) ? code : "unknown";
}
