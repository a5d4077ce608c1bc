import type { Server } from "node:http";
import { once } from "node:events";
import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { createAdminService } from "./db/admin-service.ts";
import { deliveryRecords } from "./db/delivery-records.ts";
import { outboxQueue } from "./db/outbox-queue.ts";
import { receivedEnvelopes } from "./db/received-envelopes.ts";
import { scheduledWork } from "./db/scheduled-work.ts";
import { createInsightsService } from "./db/insights-service.ts";
import { createSparringService } from "./db/sparring-service.ts";
import type { Clock } from "./domain/types.ts";
import { safeError, type Logger } from "./logger.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { probeRoutes } from "./probes.ts";
import { boltLogger } from "./slack/bolt-logger.ts";
import { receiveOnce } from "./slack/receive-once.ts";
import { malformedPayload } from "./slack/payload-guard.ts";
import { registerListeners } from "./slack/listeners/index.ts";
import { createModalReads } from "./slack/listeners/modal-reads.ts";
import { createNotificationHandlers } from "./slack/notifications/notification-handlers.ts";
import { startOutboxWorker, type OutboxWorker } from "./slack/notifications/outbox-worker.ts";
import { watchAppTokenRefusal } from "./slack/app-token-refusal.ts";
import { watchSocketConnection, type SlackConnection } from "./slack/socket-connection.ts";
import { createLocaleResolver } from "./slack/user-locale.ts";
import { startJobs, type Jobs } from "./jobs/scheduler.ts";

export interface SparringApp {
  /** Starts receiving from Slack; resolves with the HTTP port (HTTP mode) or 0 (Socket Mode). */
  start(): Promise<number>;
  stop(): Promise<void>;
  worker: OutboxWorker;
  jobs: Jobs;
  metrics: Metrics;
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
  /** Outbox rows delivered in parallel; default 32. One lane sends a claimed batch row by row. */
  outboxLanes?: number;
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
  /** Socket Mode: how long the Slack connection may be down before /readyz answers 503; default 30 s. */
  slackDownGraceMs?: number;
  /**
   * Socket Mode: the client's ping time-out, which is also its wait before a reconnect; default 5 s
   * (Slack's SDK default). Tests shorten it.
   */
  socketPingTimeoutMs?: number;
  /**
   * Socket Mode: Slack refused the app-level token on a (re)connect (token_revoked, invalid_auth…).
   * The client would otherwise retry forever or crash the process: src/slack/app-token-refusal.ts.
   */
  onAppTokenRefused?: (error: string) => void;
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
  outboxLanes,
  jobClaimTimeoutMs,
  drainTimeoutMs = 7_000,
  modalCacheMs = 0,
  slackDownGraceMs,
  socketPingTimeoutMs,
  onAppTokenRefused,
}: AppDependencies): SparringApp {
  const service = createSparringService(db, clock);
  const deliveries = deliveryRecords(db.prisma);
  const envelopes = receivedEnvelopes(db.prisma);
  const insights = createInsightsService(db, clock);
  const slackApiUrl = config.SLACK_API_URL ? config.SLACK_API_URL.replace(/\/?$/, "/") : undefined;
  const metrics = createMetrics({ prisma: db.prisma, databaseErrors: db.errorCounts });
  // Background sending gets its own client: a 429 pauses a client's whole queue, and a rate-limited
  // DM must never eat into a trigger_id's 3 seconds (Slack rate-limits per method and workspace; a 429 pauses the whole client).
  const background = new WebClient(config.SLACK_BOT_TOKEN, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: slackTimeoutMs ?? 10_000,
    logger: boltLogger(logger),
    fetch: metrics.countingFetch(),
  });
  const localeOf = createLocaleResolver(background, service, logger, clock);

  let slackConnection: SlackConnection | undefined;
  // The routes go into the receiver, whose client the connection watcher needs: read it per probe.
  const routes = probeRoutes({ db, metrics, slack: () => slackConnection, ...(slackDownGraceMs !== undefined ? { slackDownGraceMs } : {}) });
  const socketReceiver = config.SLACK_APP_TOKEN
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        customRoutes: routes,
        // Socket Mode needs no public endpoint; this small server only answers the probes and /metrics on
        // PORT. clientOptions is where the receiver takes its Web API options from: without it,
        // apps.connections.open would go to slack.com whatever SLACK_API_URL says (GovSlack, proxies).
        // Every apps.connections.open answer passes watchAppTokenRefusal: a refused token stops the app.
        installerOptions: {
          port: config.PORT,
          clientOptions: {
            ...(slackApiUrl ? { slackApiUrl } : {}),
            fetch: watchAppTokenRefusal((error) => onAppTokenRefused?.(error), metrics.countingFetch()),
          },
        },
        ...(socketPingTimeoutMs !== undefined ? { clientPingTimeout: socketPingTimeoutMs } : {}),
        // The envelope id is what Slack re-sends after a reconnect: receive-once.ts de-duplicates on it.
        customPropertiesExtractor: (args: { envelope_id?: unknown }) => (typeof args.envelope_id === "string" ? { envelopeId: args.envelope_id } : {}),
        logger: boltLogger(logger),
      })
    : undefined;
  if (socketReceiver) slackConnection = watchSocketConnection(socketReceiver.client, metrics, logger.child({ component: "socket-mode" }));
  const receiver =
    socketReceiver ??
    new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET,
      customRoutes: routes,
      logger: boltLogger(logger),
      // Listeners ack first and do their work afterwards; the response never waits on the database.
      processBeforeResponse: false,
    });
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    logger: boltLogger(logger),
    // No listener reads context.conversation: without the store, Bolt no longer looks every request's
    // channel up in memory (a thrown "Conversation not found" per command; bench, issue #14).
    convoStore: false,
    ...(config.SLACK_BOT_ID && config.SLACK_BOT_USER_ID ? { botId: config.SLACK_BOT_ID, botUserId: config.SLACK_BOT_USER_ID } : {}),
    clientOptions: {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      fetch: metrics.countingFetch(),
      // Interactive calls (views.open with a 3-second trigger_id) are useless when retried late.
      retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
      timeout: 5_000,
    },
  });

  // Bolt reads body.user.id and friends before any middleware: malformed payloads stop here (payload-guard.ts).
  // Then every request is counted, timed to its ack, and taken once (receive-once.ts).
  const processEvent = app.processEvent.bind(app);
  app.processEvent = receiveOnce(async (event) => {
    const malformed = malformedPayload(event.body);
    if (!malformed) return processEvent(event);
    logger.warn({ field: malformed }, "malformed Slack payload dropped");
    await event.ack();
    return "malformed";
  }, { envelopes, metrics, logger });
  const pruneTimer = setInterval(() => {
    envelopes.prune(new Date()).catch((error: unknown) => logger.warn({ err: safeError(error) }, "pruning received envelopes failed"));
  }, 10 * 60_000);
  pruneTimer.unref();

  const worker = startOutboxWorker(
    outboxQueue(db.prisma),
    createNotificationHandlers({ deliveries, service, client: background, localeOf, logger, clock }),
    logger.child({ component: "outbox" }),
    {
      intervalMs: outboxIntervalMs ?? 1_000,
      ...(outboxBackoffBaseMs !== undefined ? { backoffBaseMs: outboxBackoffBaseMs } : {}),
      ...(outboxLeaseMs !== undefined ? { leaseMs: outboxLeaseMs } : {}),
      ...(outboxLanes !== undefined ? { lanes: outboxLanes, batchSize: 5 } : {}),
    },
  );
  // Listeners ack first and keep working afterwards (processBeforeResponse: false): count them, so
  // stop() lets an opened modal or a reply finish instead of cutting it off on SIGTERM.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next, context }) => {
    const work = next();
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    try {
      await work;
    } catch (error) {
      // Bolt hands the error to app.error and resolves processEvent: tell receive-once.ts it failed.
      const outcome = (context as { requestOutcome?: { failed: boolean } }).requestOutcome;
      if (outcome) outcome.failed = true;
      throw error;
    } finally {
      inFlight.delete(tracked);
    }
  });
  const reads = createModalReads(service, modalCacheMs);
  // A change committed here: the cached modal reads may be stale, and the outbox has work.
  const notify = () => {
    reads.clear();
    worker.poke();
  };
  registerListeners(app, { service, insights, admin: createAdminService(db, clock), localeOf, logger, clock, notify, deliveries, background, reads });
  const jobs = startJobs({
    work: scheduledWork(db, clock),
    service,
    clock,
    logger,
    notify,
    intervalMs: jobsIntervalMs ?? 60_000,
    ...(jobClaimTimeoutMs !== undefined ? { claimTimeoutMs: jobClaimTimeoutMs } : {}),
    onRun: (job, ok) => metrics.jobRun(job, ok, new Date()),
  });

  app.error(async (error) => {
    logger.error({ err: safeError(error) }, "unhandled listener error");
  });

  return {
    worker,
    jobs,
    metrics,
    async start() {
      if (socketReceiver) {
        await app.start();
        // The probe server is Bolt's; its address tells the port (PORT=0 in tests).
        const server = (socketReceiver as unknown as { httpServer?: Server }).httpServer;
        if (!server) return config.PORT;
        if (!server.listening) await once(server, "listening");
        const address = server.address();
        return typeof address === "object" && address ? address.port : config.PORT;
      }
      const server = (await app.start(config.PORT)) as Server;
      const address = server.address();
      return typeof address === "object" && address ? address.port : config.PORT;
    },
    async stop() {
      clearInterval(pruneTimer);
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
