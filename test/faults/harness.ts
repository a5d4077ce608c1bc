/**
 * App instances for the fault and scale-out tests: like test/support/start-app.ts, but with the
 * knobs these tests turn (Slack time-out, outbox backoff, pool time-outs) and always on a given
 * PostgreSQL URL, so several instances can share one database.
 */
import { readFile } from "node:fs/promises";
import { Writable } from "node:stream";
import { createApp, type AppDependencies, type SparringApp } from "../../src/app.ts";
import type { Config } from "../../src/config.ts";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { parseDirectory } from "../../src/directory/directory-schema.ts";
import { importDirectory } from "../../src/directory/import-directory.ts";
import type { Clock } from "../../src/domain/types.ts";
import { createLogger } from "../../src/logger.ts";
import * as ids from "../../src/slack/ids.ts";
import { acceptValues, bookingValues, type AcceptFormValues, type BookingFormValues } from "../slack/flow-helpers.ts";
import type { FakeSlack, RecordedCall } from "../support/fake-slack.ts";
import { slackRequests, type SlackRequests } from "../support/slack-requests.ts";
import { botToken, signingSecret } from "../support/start-app.ts";

export interface Instance {
  app: SparringApp;
  db: Database;
  base: string;
  url: string;
  logs: string[];
  api: SlackRequests;
  book(user: string, form: BookingFormValues, viewId?: string): Promise<{ status: number; json: any; ms: number }>;
  accept(user: string, requestId: string, form: AcceptFormValues): Promise<{ status: number; json: any }>;
  stop(): Promise<void>;
}

export interface InstanceOptions {
  slack: FakeSlack;
  databaseUrl: string;
  clock?: Clock;
  importExample?: boolean;
  connectTimeoutMs?: number;
  poolSize?: number;
  app?: Partial<Pick<AppDependencies, "slackTimeoutMs" | "outboxBackoffBaseMs" | "outboxIntervalMs" | "jobsIntervalMs" | "drainTimeoutMs">>;
}

let viewSequence = 0;

export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    poolSize: options.poolSize ?? 5,
    ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
  });
  if (options.importExample ?? true) {
    const parsed = parseDirectory(await readFile(new URL("../../examples/programme.yaml", import.meta.url), "utf8"));
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    await importDirectory(db.prisma, parsed.directory, new Date());
  }
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config: Config = {
    NODE_ENV: "test",
    LOG_LEVEL: "debug",
    PORT: 0,
    DATA_DIR: "memory://",
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: options.slack.apiUrl,
    SLACK_BOT_ID: "B0SPARRING",
    SLACK_BOT_USER_ID: "U0SPARRING",
  };
  const app = createApp({
    config,
    db,
    logger: createLogger({ level: "debug", destination: sink }),
    ...(options.clock ? { clock: options.clock } : {}),
    outboxIntervalMs: 50,
    jobsIntervalMs: 0,
    ...options.app,
  });
  const port = await app.start();
  const base = `http://127.0.0.1:${port}`;
  const url = `${base}/slack/events`;
  const api = slackRequests({ url, signingSecret, responseUrl: () => options.slack.responseUrl() });
  const parse = (response: { status: number; body: string }) => ({ status: response.status, json: response.body ? JSON.parse(response.body) : null });
  let stopped = false;
  return {
    app,
    db,
    base,
    url,
    logs,
    api,
    async book(user, form, viewId = `VFAULT${++viewSequence}`) {
      const started = Date.now();
      const answer = parse(await api.viewSubmission({ user, callbackId: ids.BOOKING_MODAL, values: bookingValues(form), viewId }));
      return { ...answer, ms: Date.now() - started };
    },
    async accept(user, requestId, form) {
      return parse(
        await api.viewSubmission({ user, callbackId: ids.ACCEPT_MODAL, values: acceptValues(form), privateMetadata: requestId, viewId: `VACC${++viewSequence}` }),
      );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Teardown after a played outage must not hang the suite: a connection the proxy left
      // half-open can keep the pool waiting. Bounded, and said out loud when it happens.
      const bounded = async (what: string, work: Promise<void>) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            console.warn(`[stop] ${what} still busy after 15 s; moving on`);
            resolve();
          }, 15_000);
        });
        await Promise.race([work, late]).finally(() => clearTimeout(timer));
      };
      await bounded("app.stop", app.stop());
      await bounded("db.close", db.close());
    },
  };
}

/** Calls Slack completed (status 200), grouped by (method, channel/user, request id found in the args). */
export function deliveredCounts(calls: RecordedCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    if (call.status !== 200) continue;
    const key = deliveryKey(call);
    if (!key) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

export function deliveryKey(call: RecordedCall): string | undefined {
  const a = call.args;
  switch (call.method) {
    case "chat.postMessage":
      // A DM names its request in the buttons or the text; the kind of message by its first words.
      return `post ${a.channel} ${requestIdIn(a) ?? "-"} ${String(a.text ?? "").slice(0, 30)}`;
    case "chat.update":
      return `update ${a.channel} ${a.ts} ${requestIdIn(a) ?? "-"}`;
    case "views.publish":
      return `publish ${a.user_id}`;
    case "conversations.open":
      return `open ${a.users}`;
    default:
      return undefined;
  }
}

function requestIdIn(args: Record<string, any>): string | undefined {
  return uuid.exec(JSON.stringify(args.blocks ?? ""))?.[0];
}

/** Polls until `check` passes. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
