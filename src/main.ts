import { createApp } from "./app.ts";
import { parseConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { createLogger } from "./logger.ts";
import { checkAppToken, checkBotToken } from "./slack/check-token.ts";

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  // One clear line per variable, no stack trace: this is what the person setting up the app reads.
  for (const problem of parsed.problems) console.error(`Configuration error: ${problem} (see README, "Configuration")`);
  process.exit(1);
}
let config = parsed.config;
const logger = createLogger({ level: config.LOG_LEVEL });

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

const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
logger.info({ database: db.kind }, "database ready");
// The booking modal's reads are reused for 5 s: /sparring then costs no database round trip on the
// event loop that acks everyone (README, "Performance").
const app = createApp({ config, db, logger, modalCacheMs: 5_000 });
const port = await app.start().catch((error: unknown) => {
  // E.g. the app-level token was revoked between the check above and the connection.
  const e = error as { data?: { error?: string }; message?: string };
  console.error(`Start-up error: the connection to Slack failed (${e.data?.error ?? e.message ?? "error"})`);
  process.exit(1);
});
logger.info({ mode: config.SLACK_APP_TOKEN ? "socket" : "http", port }, "sparring is running");

let stopping = false;
async function shutdown(signal: string): Promise<void> {
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
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
