import { setFlagsFromString } from "node:v8";
import { createApp } from "./app.ts";
import { parseConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { createLogger, safeError } from "./logger.ts";
import { checkAppToken, checkBotToken } from "./slack/check-token.ts";

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  // One clear line per variable, no stack trace: this is what the person setting up the app reads.
  for (const problem of parsed.problems) console.error(`Configuration error: ${problem} (see README, "Configuration")`);
  process.exit(1);
}
let config = parsed.config;
const logger = createLogger({ level: config.LOG_LEVEL });

if (config.DATABASE_URL) {
  // On a server, the only WebAssembly of note is Prisma's query compiler. V8's optimising tier
  // recompiles its hot functions in background threads and keeps ~15 MB of code and compiler memory
  // for a step the baseline compiler runs as fast (README, "Performance"). Read when a module is
  // compiled, so it holds from here on: no WebAssembly has been compiled yet. Not for PGlite, whose
  // database itself runs in WebAssembly and needs the optimised code.
  setFlagsFromString("--liftoff-only");
}

if (!config.SLACK_BOT_ID || !config.SLACK_BOT_USER_ID) {
  const bot = await checkBotToken(config.SLACK_BOT_TOKEN, config.SLACK_API_URL);
  if (!bot.ok) {
    console.error(`Start-up error: ${bot.problem}`);
    process.exit(1);
  }
  config = { ...config, SLACK_BOT_ID: bot.botId, SLACK_BOT_USER_ID: bot.botUserId };
}

if (config.SLACK_APP_TOKEN) {
  const socket = await checkAppToken(config.SLACK_APP_TOKEN, config.SLACK_API_URL);
  if (!socket.ok) {
    console.error(`Start-up error: ${socket.problem}`);
    process.exit(1);
  }
}

let started = false;
let stopping = false;
/** What Slack answered when it refused the app-level token, once it did (see onAppTokenRefused). */
let appTokenRefused: string | undefined;

process.on("unhandledRejection", (reason) => {
  // The Socket Mode client's reconnect runs from a timer nobody awaits: after Slack refused the token
  // (invalid_auth…) it rejects with that refusal, which onAppTokenRefused has already reported.
  if (appTokenRefused !== undefined && (reason as { data?: { error?: unknown } } | null)?.data?.error === appTokenRefused) return;
  // Anything else: one log line with the error's kind and codes only (safeError: no payloads, no
  // personal data), and the app keeps running. Such a rejection comes from a promise nobody awaited,
  // so no request or transaction is waiting on it; crashing would drop every request and outbox row
  // in flight for an error that did no harm of its own. Real damage shows where it matters: /readyz
  // (database, Slack connection) answers 503 and the platform restarts the app.
  logger.error({ err: safeError(reason) }, "unhandled promise rejection");
});

const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
logger.info({ database: db.kind }, "database ready");
const app = createApp({
  config,
  db,
  logger,
  // The booking modal's reads are reused for 5 s: /sparring then costs no database round trip on the
  // event loop that acks everyone (README, "Performance").
  modalCacheMs: 5_000,
  // A revoked or deleted app-level token: the Socket Mode client cannot reconnect, ever. One line for
  // whoever runs the app (as for a wrong token at start), then the ordinary shutdown and exit 1, so
  // the platform reports the failure instead of an app that looks alive and receives nothing.
  onAppTokenRefused: (error) => {
    if (appTokenRefused !== undefined || stopping) return;
    appTokenRefused = error;
    if (!started) {
      // Revoked between the check above and the receiver's own connection: nothing runs yet.
      console.error(`Start-up error: Slack refused SLACK_APP_TOKEN (${error})`);
      process.exit(1);
    }
    console.error(`Slack refused SLACK_APP_TOKEN (${error}) while reconnecting: stopping`);
    void shutdown("SLACK_APP_TOKEN refused", 1);
  },
});
const port = await app.start().catch((error: unknown) => {
  if (appTokenRefused !== undefined) process.exit(1);
  // E.g. the app-level token was revoked between the check above and the connection.
  const e = error as { data?: { error?: string }; message?: string };
  console.error(`Start-up error: the connection to Slack failed (${e.data?.error ?? e.message ?? "error"})`);
  process.exit(1);
});
started = true;
logger.info({ mode: config.SLACK_APP_TOKEN ? "socket" : "http", port }, "sparring is running");

async function shutdown(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  // The platform kills the process 10 s after SIGTERM (docs/operations-delivery.md). app.stop() stops
  // claiming, hands back outbox rows not started and waits at most 7 s for requests and the row in
  // hand; closing the database follows. A hard exit just before the platform's kill at the latest.
  const deadline = setTimeout(() => process.exit(1), 9_500);
  deadline.unref();
  try {
    await app.stop();
    await db.close();
  } finally {
    process.exit(exitCode);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
