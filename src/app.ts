import type { Server } from "node:http";
import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { createSparringService } from "./db/sparring-service.ts";
import type { Clock } from "./domain/types.ts";
import { safeError, type Logger } from "./logger.ts";
import { boltLogger } from "./slack/bolt-logger.ts";
import { malformedPayload } from "./slack/payload-guard.ts";
import { registerListeners } from "./slack/listeners/index.ts";
import { createModalReads } from "./slack/listeners/modal-reads.ts";
import { createNotificationHandlers } from "./slack/notifications/notification-handlers.ts";
import { startOutboxWorker, type OutboxWorker } from "./slack/notifications/outbox-worker.ts";
import { createLocaleResolver } from "./slack/user-locale.ts";
import { startJobs, type Jobs } from "./jobs/scheduler.ts";

export interface SparringApp {
  /** Starts receiving from Slack; resolves with the HTTP port (HTTP mode) or 0 (Socket Mode). */
  start(): Promise<number>;
  stop(): Promise<void>;
  worker: OutboxWorker;
  jobs: Jobs;
}

export interface AppDependencies {
  config: Config;
  db: Database;
  logger: Logger;
  clock?: Clock;
  /** Outbox poll interval; tests shorten it. */
  outboxIntervalMs?: number;
  /** Job scheduler tick; tests and the bench switch the timer off (0) and run jobs by hand. */
  jobsIntervalMs?: number;
  /** Time-out of the background Web API client (outbox, Home publishing); default 10 s. */
  slackTimeoutMs?: number;
  /** First step of the outbox's exponential backoff after a failed delivery; default 250 ms. */
  outboxBackoffBaseMs?: number;
  /** Term of an outbox row's lease (renewed per row and before each post); default 60 s. Tests shorten it. */
  outboxLeaseMs?: number;
  /** After this long an unfinished job claim (a killed process) is taken over; default 10 min. */
  jobClaimTimeoutMs?: number;
  /**
   * How long stop() waits for listeners still working after their ack and for the outbox row in
   * hand; default 7 s, so that closing the database still fits in the 10 s the platform grants after
   * SIGTERM (docs/operations-delivery.md).
   */
  drainTimeoutMs?: number;
  /**
   * How long the booking modal's reads (person, programme, topics, partners, quota) are reused;
   * 0 (default, tests) reads every time. src/main.ts uses 5 s: see slack/listeners/modal-reads.ts.
   */
  modalCacheMs?: number;
}

export function createApp({
  config,
  db,
  logger,
  clock = () => new Date(),
  outboxIntervalMs,
  jobsIntervalMs,
  slackTimeoutMs,
  outboxBackoffBaseMs,
  outboxLeaseMs,
  jobClaimTimeoutMs,
  drainTimeoutMs = 7_000,
  modalCacheMs = 0,
}: AppDependencies): SparringApp {
  const service = createSparringService(db, clock);
  const slackApiUrl = config.SLACK_API_URL ? config.SLACK_API_URL.replace(/\/?$/, "/") : undefined;
  // Background sending gets its own client: a 429 pauses a client's whole queue, and a rate-limited
  // DM must never eat into a trigger_id's 3 seconds (docs/slack.md §10).
  const background = new WebClient(config.SLACK_BOT_TOKEN, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: slackTimeoutMs ?? 10_000,
    logger: boltLogger(logger),
  });
  const localeOf = createLocaleResolver(background, service, logger, clock);

  const healthRoute: CustomRoute = {
    path: "/healthz",
    method: ["GET"],
    handler: (_req, res) => {
      // A hanging database must not hang the probe: no answer within 2 s counts as down.
      const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, 2_000, false).unref());
      void Promise.race([db.ping(), timeout]).then((up) => {
        res.writeHead(up ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: up ? "ok" : "database unreachable" }));
      });
    },
  };
  const receiver = config.SLACK_APP_TOKEN
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        customRoutes: [healthRoute],
        // Socket Mode needs no public endpoint; this small server only answers /healthz on PORT.
        installerOptions: { port: config.PORT },
        logger: boltLogger(logger),
      })
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET,
        customRoutes: [healthRoute],
        logger: boltLogger(logger),
        // Listeners ack first and do their work afterwards; the response never waits on the database.
        processBeforeResponse: false,
      });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    logger: boltLogger(logger),
    ...(config.SLACK_BOT_ID && config.SLACK_BOT_USER_ID ? { botId: config.SLACK_BOT_ID, botUserId: config.SLACK_BOT_USER_ID } : {}),
    clientOptions: {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      // Interactive calls (views.open with a 3-second trigger_id) are useless when retried late.
      retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
      timeout: 5_000,
    },
  });

  // Bolt reads body.user.id and friends before any middleware: malformed payloads stop here (payload-guard.ts).
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const malformed = malformedPayload(event.body);
    if (!malformed) return processEvent(event);
    logger.warn({ field: malformed }, "malformed Slack payload dropped");
    await event.ack();
  };

  const worker = startOutboxWorker(
    db.prisma,
    createNotificationHandlers({ prisma: db.prisma, service, client: background, localeOf, logger, clock }),
    logger.child({ component: "outbox" }),
    {
      intervalMs: outboxIntervalMs ?? 1_000,
      ...(outboxBackoffBaseMs !== undefined ? { backoffBaseMs: outboxBackoffBaseMs } : {}),
      ...(outboxLeaseMs !== undefined ? { leaseMs: outboxLeaseMs } : {}),
    },
  );
  // Listeners ack first and keep working afterwards (processBeforeResponse: false): count them, so
  // stop() lets an opened modal or a reply finish instead of cutting it off on SIGTERM.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    try {
      await work;
    } finally {
      inFlight.delete(tracked);
    }
  });
  const reads = createModalReads(service, db.prisma, clock, modalCacheMs);
  // A change committed here: the cached modal reads may be stale, and the outbox has work.
  const notify = () => {
    reads.clear();
    worker.poke();
  };
  registerListeners(app, { service, localeOf, logger, clock, notify, db, background, reads });
  const jobs = startJobs({
    prisma: db.prisma,
    service,
    clock,
    logger,
    notify,
    intervalMs: jobsIntervalMs ?? 60_000,
    ...(jobClaimTimeoutMs !== undefined ? { claimTimeoutMs: jobClaimTimeoutMs } : {}),
  });

  app.error(async (error) => {
    logger.error({ err: safeError(error) }, "unhandled listener error");
  });

  return {
    worker,
    jobs,
    async start() {
      if (config.SLACK_APP_TOKEN) {
        await app.start();
        return 0;
      }
      const server = (await app.start(config.PORT)) as Server;
      const address = server.address();
      return typeof address === "object" && address ? address.port : config.PORT;
    },
    async stop() {
      // Stop claiming at once: no new job slot, no new outbox rows; claimed rows not started yet go
      // back to the queue now. Then wait, within one budget, for the listeners still working and for
      // the outbox row in hand. A row still in hand at the deadline keeps its lease: its next holder
      // looks for it in the DM before posting, so nothing half-sent is posted twice.
      const jobsStopped = jobs.stop();
      const workerStopped = worker.stop();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<"late">((resolve) => {
        timer = setTimeout(resolve, drainTimeoutMs, "late");
      });
      const stopped = (async () => {
        await app.stop();
        await Promise.all([...inFlight, jobsStopped, workerStopped]);
      })();
      if ((await Promise.race([stopped, deadline])) === "late") {
        logger.warn({ listeners: inFlight.size }, "stop: work still in hand after the drain time-out; leases return it");
      }
      clearTimeout(timer);
    },
  };
}
