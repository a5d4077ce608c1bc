/**
 * The processes `npm run bench` compares, each started as it runs in production: the Sparring app
 * as `npm start` runs it (`node dist/main.js`), the bare Bolt app and PGlite's floor with plain
 * `node`. Start-up time is spawn → first answer; memory is the process's RSS from /proc.
 */
import { readFileSync } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { freePort, startChild, type Child } from "../test/support/child-app.ts";

export interface BenchProcess {
  port: number;
  url: string;
  /** Spawn → ready (app: /healthz 200; bare: its HTTP server answers; floor: PGlite open). */
  startMs: number;
  rss(): number;
  /** Warnings and errors the app logged (pino level ≥ 40), by message. */
  problems(): string[];
  stop(): Promise<void>;
}

/**
 * Extra node flags for the Sparring app (e.g. BENCH_NODE_FLAGS=--liftoff-only, to try V8 settings);
 * BENCH_CPU_PROF=1 writes a .cpuprofile of each app process to bench-profiles/ when it stops.
 */
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
const appNodeFlags = [...nodeFlags, ...(process.env.BENCH_CPU_PROF === "1" ? ["--cpu-prof", "--cpu-prof-dir=bench-profiles"] : [])];

function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb ?? NaN) * 1024;
}

/** Polls `url` every 10 ms until `accept(status)`; throws with the child's output if it exits or 60 s pass. */
async function until(child: Child, url: string, accept: (status: number) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (accept(await fetch(url).then((r) => r.status, () => 0))) return;
    if (Date.now() > deadline || child.process.exitCode !== null) throw new Error(`${url} never answered:\n${child.stdout()}\n${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function wrap(child: Child, port: number, startMs: number): BenchProcess {
  return {
    port,
    url: `http://127.0.0.1:${port}/slack/events`,
    startMs,
    rss: () => rssOf(child.process.pid!),
    problems() {
      const counts = new Map<string, number>();
      for (const line of child.stdout().split("\n")) {
        try {
          const entry = JSON.parse(line) as { level?: number; msg?: string; listener?: string; err?: { code?: string; message?: string } };
          const what = [entry.msg ?? "?", entry.listener, entry.err?.code ?? entry.err?.message].filter(Boolean).join(": ");
          if ((entry.level ?? 0) >= 40) counts.set(what, (counts.get(what) ?? 0) + 1);
        } catch {
          // not a log line
        }
      }
      return [...counts].map(([msg, n]) => `${n}× "${msg}"`);
    },
    async stop() {
      if (child.process.exitCode !== null) return;
      child.process.kill("SIGTERM");
      await child.exited;
    },
  };
}

export interface SlackEnv {
  SLACK_API_URL: string;
  SLACK_SIGNING_SECRET: string;
  SLACK_BOT_TOKEN: string;
}

/** The Sparring app on PGlite (`DATA_DIR`) or PostgreSQL (`DATABASE_URL`), production settings. */
export async function startSparring(slack: SlackEnv, database: { DATA_DIR: string } | { DATABASE_URL: string }): Promise<BenchProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = startChild([...appNodeFlags, "dist/main.js"], {
    ...slack, ...database, NODE_ENV: "production", LOG_LEVEL: "info", PORT: String(port), SLACK_BOT_ID: "B0SPARRING", SLACK_BOT_USER_ID: "U0SPARRING",
  });
  await until(child, `http://127.0.0.1:${port}/healthz`, (status) => status === 200);
  return wrap(child, port, performance.now() - started);
}

/** The bare Bolt app (bench/bare-bolt.mjs): ready when its HTTP server answers at all. */
export async function startBare(slack: SlackEnv): Promise<BenchProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = startChild(["bench/bare-bolt.mjs"], { ...slack, PORT: String(port) });
  await until(child, `http://127.0.0.1:${port}/`, (status) => status !== 0);
  return wrap(child, port, performance.now() - started);
}

/** Only PGlite, opened on `dataDir` (bench/pglite-floor.mjs, with the app's BENCH_NODE_FLAGS): ready when it prints "ready". */
export async function startPgliteFloor(dataDir: string): Promise<BenchProcess> {
  const started = performance.now();
  const child = startChild([...nodeFlags, "bench/pglite-floor.mjs"], { DATA_DIR: dataDir });
  const lines = createInterface({ input: child.process.stdout! });
  await Promise.race([
    once(lines, "line"),
    child.exited.then(() => Promise.reject(new Error(`pglite-floor.mjs exited:\n${child.stderr()}`))),
  ]);
  return wrap(child, 0, performance.now() - started);
}
