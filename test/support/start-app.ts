import { readFile } from "node:fs/promises";
import { Writable } from "node:stream";
import { createApp, type AppDependencies, type SparringApp } from "../../src/app.ts";
import type { Config } from "../../src/config.ts";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { parseDirectory } from "../../src/directory/parse-directory.ts";
import { importDirectory } from "../../src/db/import-directory.ts";
import type { Clock } from "../../src/domain/types.ts";
import { createLogger } from "../../src/logger.ts";
import { startFakeSlack, type FakeSlack } from "./fake-slack.ts";
import { startFakeSocketMode, type FakeSocketMode } from "./fake-socket-mode.ts";
import { createThrowawayDatabase } from "./postgres.ts";

export const signingSecret = "test-signing-secret-0123456789";
export const botToken = "xoxb-test-token-not-secret";
export const appToken = "xapp-1-A0001-test-token-not-secret";

export interface RunningApp {
  app: SparringApp;
  db: Database;
  slack: FakeSlack;
  /** Socket Mode only: the fake Socket Mode server the app is connected to. */
  socket?: FakeSocketMode;
  /** The app's Slack endpoint, e.g. http://127.0.0.1:PORT/slack/events */
  url: string;
  base: string;
  /** Every log line the app wrote (JSON), to check that nothing personal leaks. */
  logs: string[];
  /** Delivers every pending outbox notification now. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  backend?: "pglite" | "postgres";
  /** A running fake Slack to share (two app instances); otherwise one is started. */
  slack?: FakeSlack;
  /** An existing database URL (two app instances on one PostgreSQL). */
  databaseUrl?: string;
  clock?: Clock;
  /** Import examples/programme.yaml first (default true). */
  importExample?: boolean;
  /** Server pool settings (fault tests shorten the connect time-out). */
  poolSize?: number;
  connectTimeoutMs?: number;
  /** App knobs the fault tests turn (Slack time-out, outbox backoff, …). */
  app?: Partial<
    Pick<
      AppDependencies,
      | "slackTimeoutMs" | "outboxBackoffBaseMs" | "outboxIntervalMs" | "outboxLeaseMs" | "outboxLanes" | "jobsIntervalMs" | "jobClaimTimeoutMs"
      | "drainTimeoutMs" | "slackDownGraceMs" | "socketPingTimeoutMs"
    >
  >;
  /** "socket": Socket Mode against a fake Socket Mode server (SLACK_APP_TOKEN set); default "http". */
  transport?: "http" | "socket";
  /** Socket Mode: a running fake Socket Mode server to share (two replicas); otherwise one is started. */
  socket?: FakeSocketMode;
}

/**
 * Several instances on one database: a row may be leased by any of them, so one instance's drain
 * can return while another still sends. Waits for the data (no undelivered row left that is due),
 * not for a time, so a loaded machine only makes it slower.
 */
export async function settleAll(apps: RunningApp[], timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await Promise.all(apps.map((running) => running.settle()));
    const pending = await apps[0]!.db.prisma.outboxMessage.count({ where: { sentAt: null, availableAt: { lte: new Date(Date.now() + 60_000) } } });
    if (pending === 0) return;
    if (Date.now() > until) throw new Error(`settleAll: ${pending} outbox rows still undelivered after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Imports examples/programme.yaml as the lead would (`npm run import`). */
export async function importExampleProgramme(prisma: Database["prisma"]): Promise<void> {
  const parsed = parseDirectory(await readFile(new URL("../../examples/programme.yaml", import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  await importDirectory(prisma, parsed.directory, new Date());
}

/** Starts the real app (HTTP receiver on a free port) against the fake Slack and a fresh database. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const slack = options.slack ?? (await startFakeSlack());
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl && options.backend === "postgres") {
    const throwaway = await createThrowawayDatabase("sparring_e2e");
    databaseUrl = throwaway.url;
    dropDatabase = throwaway.drop;
  }
  const db = await openDatabase(
    databaseUrl
      ? { databaseUrl, poolSize: options.poolSize ?? 5, ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}) }
      : { dataDir: "memory://" },
  );
  if (options.importExample ?? true) await importExampleProgramme(db.prisma);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  let socket: FakeSocketMode | undefined;
  if (options.transport === "socket") {
    socket = options.socket ?? (await startFakeSocketMode());
    slack.useSocketMode(socket.url);
  }
  const config: Config = {
    NODE_ENV: "test",
    LOG_LEVEL: "debug",
    PORT: 0,
    DATA_DIR: "memory://",
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: `${slack.url}/api/`,
    SLACK_BOT_ID: "B0SPARRING",
    SLACK_BOT_USER_ID: "U0SPARRING",
    ...(socket ? { SLACK_APP_TOKEN: appToken } : {}),
  };
  const app = createApp({
    config,
    db,
    logger: createLogger({ level: "debug", destination: sink }),
    ...(options.clock ? { clock: options.clock } : {}),
    outboxIntervalMs: 50,
    jobsIntervalMs: 0,
    // A reconnect waits one ping time-out: 3 s instead of Slack's SDK default of 5 s.
    ...(socket ? { socketPingTimeoutMs: 3_000 } : {}),
    ...options.app,
  });
  const port = await app.start();
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    db,
    slack,
    ...(socket ? { socket } : {}),
    base,
    url: `${base}/slack/events`,
    logs,
    settle: () => app.worker.drain(),
    async stop() {
      await app.stop();
      await db.close();
      if (socket && !options.socket) await socket.close();
      if (!options.slack) await slack.close();
      if (dropDatabase) await dropDatabase();
    },
  };
}
