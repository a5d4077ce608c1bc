/**
 * The app as Slack sees it: signed requests over HTTP to the app's endpoint, the fake Slack
 * (test/support/fake-slack.ts) recording what the app sends back. The app runs in a child process
 * (bench/app-server.ts); this process is Slack: load generator plus fake Web API.
 */
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { startFakeSlack, type FakeSlack, type RecordedCall } from "../test/support/fake-slack.ts";
import { createThrowawayDatabase } from "../test/support/postgres.ts";
import { appHomeOpenedEnvelope, FORM, JSON_TYPE, slackSignature, slashCommandBody, triggerId, viewSubmissionPayload } from "../test/support/slack-requests.ts";
import { bookingValues } from "../test/slack/flow-helpers.ts";
import * as ids from "../src/slack/ids.ts";

const benchSigningSecret = "bench-signing-secret-0123456789";

export const commandLoad = { warmup: 200, total: 1_000, concurrency: 50, single: 200, duringRateLimit: 30 };
/** Slack's answer to the Home publish while the commands above run (issue 9, §3). */
export const rateLimit = { method: "views.publish", retryAfter: 6 };
export const bookingLoad = { warmup: 20, measured: 200 };
const contacts = 100;

export interface Percentiles {
  p50: number;
  p99: number;
  n: number;
  failed: number;
}

export function percentiles(values: number[], failed = 0): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), n: values.length, failed };
}

interface Child {
  url: string;
  partnerId?: string;
  /** Warnings and errors the app logged (level ≥ 40), by message. */
  problems: Map<string, number>;
  memory(): Promise<{ rss: number; peakRss: number; cpuMs: number }>;
  stop(): Promise<void>;
}

/** Forks bench/app-server.ts. BENCH_CPU_PROF=1 writes a .cpuprofile of each app process to ./bench-profiles. */
export async function startChild(env: Record<string, string>): Promise<Child> {
  const execArgv = ["--import", "tsx"];
  if (process.env.BENCH_CPU_PROF) execArgv.push("--cpu-prof", "--cpu-prof-dir=bench-profiles");
  const child: ChildProcess = fork(new URL("./app-server.ts", import.meta.url).pathname, [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const problems = new Map<string, number>();
  createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) >= 40) problems.set(entry.msg ?? "?", (problems.get(entry.msg ?? "?") ?? 0) + 1);
    } catch {
      // not a log line
    }
  });
  const [ready] = (await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => Promise.reject(new Error(`bench app exited with ${String(code)} before it was ready`))),
  ])) as [{ port: number; partnerId?: string }];
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (message: { type?: string }) => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        resolve(message as T);
      };
      child.on("message", onMessage);
      child.send({ type });
    });
  return {
    url: `http://127.0.0.1:${ready.port}/slack/events`,
    ...(ready.partnerId ? { partnerId: ready.partnerId } : {}),
    problems,
    memory: () => ask("memory"),
    async stop() {
      const exited = once(child, "exit");
      child.send({ type: "stop" });
      await exited;
    },
  };
}

async function signedPost(url: string, body: string, contentType = FORM): Promise<{ status: number; body: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, "x-slack-request-timestamp": String(timestamp), "x-slack-signature": slackSignature(benchSigningSecret, timestamp, body) },
    body,
  });
  return { status: response.status, body: await response.text() };
}

export interface CommandRun {
  ack: number[];
  open: number[];
  failedAcks: number;
  missingOpens: number;
  /** views.open calls the fake answered `expired_trigger_id` (later than Slack's 3 s). */
  expired: number;
}

/**
 * `total` /sparring commands, `concurrency` in flight, from `contacts` different people. Ack latency is
 * send → HTTP response here; command → views.open is send → the fake's record of the call with that trigger_id.
 */
export async function commands(slack: FakeSlack, url: string, total: number, concurrency: number, setup?: () => Promise<void>): Promise<CommandRun> {
  slack.reset();
  await setup?.();
  const sentAt = new Map<string, number>();
  const ack: number[] = [];
  let failedAcks = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const trigger = triggerId();
      const body = slashCommandBody({ user: `UBENCH${i % contacts}`, triggerId: trigger, responseUrl: slack.responseUrl() });
      const start = performance.now();
      sentAt.set(trigger, Date.now());
      const response = await signedPost(url, body).catch(() => ({ status: 0, body: "" }));
      if (response.status === 200) ack.push(performance.now() - start);
      else failedAcks += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // Every views.open (or the 3 s trigger_id lifetime plus a margin).
  const until = Date.now() + 5_000;
  // Only this run's trigger_ids count: a late views.open of the previous run may arrive after the reset.
  const ours = () => new Set(slack.calls("views.open").map((c) => String(c.args.trigger_id)).filter((t) => sentAt.has(t))).size;
  while (ours() < total && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  // The first call per trigger_id (a time-out retry sends it again).
  const opened = new Map<string, number>();
  for (const call of slack.calls("views.open")) {
    const trigger = String(call.args.trigger_id);
    const sent = sentAt.get(trigger);
    if (sent !== undefined && !opened.has(trigger)) opened.set(trigger, call.at - sent);
  }
  const open = [...opened.values()];
  const expired = slack.calls("views.open").filter((c) => c.error === "expired_trigger_id" && sentAt.has(String(c.args.trigger_id))).length;
  return { ack, open, failedAcks, missingOpens: total - open.length, expired };
}

/**
 * Sets Slack up the way issue 9 (§3) found it: a person opens their Home and Slack answers the
 * views.publish with 429 Retry-After 6 s for the next 6 s. Resolves once the 429 was answered.
 */
async function homeRateLimited(slack: FakeSlack, url: string): Promise<void> {
  slack.failFor(rateLimit.method, rateLimit.retryAfter * 1_000, { status: 429, retryAfter: rateLimit.retryAfter });
  await signedPost(url, JSON.stringify(appHomeOpenedEnvelope({ user: "UBENCH0" })), JSON_TYPE);
  await slack.waitFor(rateLimit.method, (c) => c.status === 429, 5_000);
}

function acceptedRequestId(call: RecordedCall): string | undefined {
  const blocks = (call.args.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>;
  return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ids.ACCEPT_REQUEST)?.value;
}

/**
 * One booking at a time: view submission sent → the partner's DM (chat.postMessage with the new
 * request's buttons) recorded by the fake. The outbox worker sends it after the commit.
 */
async function bookings(slack: FakeSlack, child: Child, offset: number, count: number): Promise<{ times: number[]; failed: number }> {
  slack.reset();
  const seen = new Set<string>();
  const times: number[] = [];
  let failed = 0;
  for (let i = offset; i < offset + count; i++) {
    const payload = viewSubmissionPayload({
      user: `UBENCH${i % contacts}`,
      callbackId: ids.BOOKING_MODAL,
      viewId: `VBENCH${i}`,
      values: bookingValues({ topics: ["online-events"], partnerId: child.partnerId ?? null, question: `Wie planen wir Veranstaltung ${i}?`, format: "video" }),
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const start = Date.now();
    const response = await signedPost(child.url, body);
    const answer = response.body ? (JSON.parse(response.body) as { view?: { callback_id?: string } }) : null;
    if (response.status !== 200 || answer?.view?.callback_id !== ids.BOOKING_SENT_MODAL) {
      failed += 1;
      continue;
    }
    try {
      const dm = await slack.waitFor("chat.postMessage", (c) => c.at >= start && !!acceptedRequestId(c) && !seen.has(acceptedRequestId(c)!), 5_000);
      seen.add(acceptedRequestId(dm)!);
      times.push(dm.at - start);
    } catch {
      failed += 1;
    }
  }
  return { times, failed };
}

export interface SlackBench {
  bare: { ack: Percentiles; open: Percentiles; singleOpen: Percentiles; idleRss: number; loadedRss: number };
  app: {
    ack: Percentiles; open: Percentiles; singleOpen: Percentiles; idleRss: number; loadedRss: number;
    /** command → views.open, one at a time, while views.publish is rate-limited; `failed` counts expired trigger_ids. */
    rateLimitedOpen: Percentiles;
  };
  booking: { pglite: Percentiles; postgres: Percentiles | string };
  problems: string[];
}

/**
 * Bare app and Sparring run side by side; the measured commands alternate between them in rounds
 * of 250, so a noisy neighbour on the machine hits both alike.
 */
export async function benchSlack(): Promise<SlackBench> {
  const slack = await startFakeSlack();
  const dir = await mkdtemp(path.join(tmpdir(), "sparring-bench-app-"));
  const base = { BENCH_SLACK_API_URL: slack.apiUrl, BENCH_CONTACTS: String(contacts), BENCH_SIGNING_SECRET: benchSigningSecret };
  const children: Child[] = [];
  const problems: string[] = [];
  const noteProblems = (label: string, child: Child) => problems.push(...[...child.problems].map(([msg, n]) => `${label}: ${n}× "${msg}"`));
  try {
    const bare = await startChild({ ...base, BENCH_MODE: "bare" });
    children.push(bare);
    const app = await startChild({ ...base, BENCH_MODE: "real", BENCH_DATA_DIR: path.join(dir, "pgdata") });
    children.push(app);
    await new Promise((r) => setTimeout(r, 500));
    const idle = { bare: (await bare.memory()).rss, app: (await app.memory()).rss };

    // Warm-up: JIT, connections, each contact's locale (users.info, then cached) and privacy notice.
    for (const child of [bare, app]) await commands(slack, child.url, commandLoad.warmup, commandLoad.concurrency);
    const runs: Record<"bare" | "app", CommandRun[]> = { bare: [], app: [] };
    const rounds = 4;
    for (let round = 0; round < rounds; round++) {
      runs.bare.push(await commands(slack, bare.url, commandLoad.total / rounds, commandLoad.concurrency));
      runs.app.push(await commands(slack, app.url, commandLoad.total / rounds, commandLoad.concurrency));
    }
    const pooled = (list: CommandRun[]) => ({
      ack: percentiles(list.flatMap((r) => r.ack), list.reduce((n, r) => n + r.failedAcks, 0)),
      open: percentiles(list.flatMap((r) => r.open), list.reduce((n, r) => n + r.missingOpens, 0)),
    });

    // The same commands one at a time: the latency of a single user when the app is not saturated.
    const single = { bare: await commands(slack, bare.url, commandLoad.single, 1), app: await commands(slack, app.url, commandLoad.single, 1) };
    // The same again while Slack rate-limits the Home publish of someone else.
    const duringRateLimit = await commands(slack, app.url, commandLoad.duringRateLimit, 1, () => homeRateLimited(slack, app.url));

    await bookings(slack, app, 0, bookingLoad.warmup);
    const pgliteBookings = await bookings(slack, app, bookingLoad.warmup, bookingLoad.measured);
    const loaded = { bare: (await bare.memory()).peakRss, app: (await app.memory()).peakRss };

    let postgres: Percentiles | string;
    try {
      const throwaway = await createThrowawayDatabase("sparring_bench_app");
      try {
        const pgApp = await startChild({ ...base, BENCH_MODE: "real", DATABASE_URL: throwaway.url });
        children.push(pgApp);
        await bookings(slack, pgApp, 0, bookingLoad.warmup);
        const timed = await bookings(slack, pgApp, bookingLoad.warmup, bookingLoad.measured);
        postgres = percentiles(timed.times, timed.failed);
        noteProblems("app (PostgreSQL)", pgApp);
        await pgApp.stop();
        children.pop();
      } finally {
        await throwaway.drop();
      }
    } catch (error) {
      postgres = `skipped: ${String(error)}`;
    }

    noteProblems("bare", bare);
    noteProblems("app (PGlite)", app);
    return {
      bare: { ...pooled(runs.bare), singleOpen: percentiles(single.bare.open, single.bare.missingOpens), idleRss: idle.bare, loadedRss: loaded.bare },
      app: {
        ...pooled(runs.app),
        singleOpen: percentiles(single.app.open, single.app.missingOpens),
        rateLimitedOpen: percentiles(duringRateLimit.open, duringRateLimit.missingOpens + duringRateLimit.expired),
        idleRss: idle.app,
        loadedRss: loaded.app,
      },
      booking: { pglite: percentiles(pgliteBookings.times, pgliteBookings.failed), postgres },
      problems,
    };
  } finally {
    for (const child of children.reverse()) await child.stop().catch(() => undefined);
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  }
}
