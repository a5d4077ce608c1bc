/**
 * The app under load, in its own process (forked by bench/slack.ts), so the load generator and the
 * fake Slack do not share its event loop and its RSS is its own.
 *
 * BENCH_MODE=real: the Sparring app as src/main.ts builds it (createApp, HTTP receiver, outbox worker,
 *   pino at info to stdout), on PGlite on disk (BENCH_DATA_DIR) or PostgreSQL (DATABASE_URL), with
 *   examples/programme.yaml imported and BENCH_CONTACTS extra contacts (UBENCH0…) of eligible municipalities.
 * BENCH_MODE=bare: a bare Bolt App with an HTTPReceiver that acks /sparring and calls views.open.
 *
 * IPC: sends {type:"ready", port, partnerId?}; answers {type:"memory"} with {type:"memory", rss, peakRss};
 * {type:"stop"} stops the app and exits.
 */
import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import { App, HTTPReceiver } from "@slack/bolt";
import { createApp } from "../src/app.ts";
import type { Config } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { parseDirectory } from "../src/directory/directory-schema.ts";
import { importDirectory } from "../src/db/import-directory.ts";
import { createLogger } from "../src/logger.ts";

const benchSigningSecret = process.env.BENCH_SIGNING_SECRET ?? "";
const botToken = "xoxb-bench-token-not-secret";

const mode = process.env.BENCH_MODE ?? "real";
const slackApiUrl = process.env.BENCH_SLACK_API_URL;
if (!slackApiUrl || !process.send) throw new Error("bench/app-server.ts is forked by bench/slack.ts");
const send = (message: Record<string, unknown>) => process.send?.(message);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
sampler.unref();

let stop: () => Promise<void>;
let ready: Record<string, unknown>;

if (mode === "bare") {
  const receiver = new HTTPReceiver({ signingSecret: benchSigningSecret });
  const app = new App({
    token: botToken,
    receiver,
    botId: "B0SPARRING",
    botUserId: "U0SPARRING",
    clientOptions: { slackApiUrl, retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 }, timeout: 5_000 },
  });
  app.command("/sparring", async ({ ack, command, client }) => {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: {
        type: "modal",
        callback_id: "booking_modal",
        title: { type: "plain_text", text: "Sparring" },
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "Hallo" } }],
      },
    });
  });
  const server = (await app.start(0)) as Server;
  const address = server.address();
  ready = { type: "ready", port: typeof address === "object" && address ? address.port : 0 };
  stop = () => app.stop().then(() => undefined);
} else {
  const databaseUrl = process.env.DATABASE_URL;
  const db = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 10 } : { dataDir: process.env.BENCH_DATA_DIR ?? "memory://" });
  const parsed = parseDirectory(await readFile(new URL("../examples/programme.yaml", import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  await importDirectory(db.prisma, parsed.directory, new Date());
  const contacts = Number(process.env.BENCH_CONTACTS ?? "100");
  await db.prisma.municipality.createMany({
    data: Array.from({ length: contacts }, (_, i) => ({ key: `bench-${i}`, name: `Gemeinde ${i}`, kind: "Kommune" as const, cohort: "2018/19" })),
  });
  await db.prisma.person.createMany({
    data: Array.from({ length: contacts }, (_, i) => ({ slackId: `UBENCH${i}`, name: `Kontakt ${i}`, contactOfKey: `bench-${i}` })),
  });
  const partner = await db.prisma.person.findUniqueOrThrow({ where: { slackId: "U01PARTNER1" } });
  const config: Config = {
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    PORT: 0,
    DATA_DIR: process.env.BENCH_DATA_DIR ?? "memory://",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: benchSigningSecret,
    SLACK_API_URL: slackApiUrl,
    SLACK_BOT_ID: "B0SPARRING",
    SLACK_BOT_USER_ID: "U0SPARRING",
  };
  // As in production (src/main.ts): JSON logs to stdout, the default outbox interval, the 5 s modal
  // cache; the job timer off.
  const app = createApp({ config, db, logger: createLogger({ level: "info", pretty: false }), jobsIntervalMs: 0, modalCacheMs: 5_000 });
  const port = await app.start();
  ready = { type: "ready", port, partnerId: partner.id, database: db.kind };
  stop = async () => {
    await app.stop();
    await db.close();
  };
}

process.on("message", (message: { type?: string }) => {
  if (message.type === "memory") {
    const rss = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    send({ type: "memory", rss, peakRss: Math.max(peakRss, rss), cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (message.type === "stop") {
    void stop().finally(() => process.exit(0));
  }
});
send(ready);
