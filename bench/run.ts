/**
 * `npm run bench`: every figure of issue 14 beside its baseline from the same run, with its target
 * and met/MISSED (README, "Performance"). The Sparring app runs as `npm start` runs it (compiled,
 * `node dist/main.js`, built first if src/ changed); the baseline is a bare Bolt app with plain node.
 *
 * BENCH_QUICK=1: fewer commands, one round, smaller data (for development; not the figures).
 * `npm run bench -- --scale national`: the national-scale figures (bench/national.ts).
 * BENCH_ONLY=sparring,booking,burst,throughput,exports: only those parts.
 * BENCH_NODE_FLAGS="--flag …": extra node flags for the Sparring app (e.g. to try V8 settings).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startFakeSlack } from "../test/support/fake-slack.ts";
import { projectRoot } from "../test/support/child-app.ts";
import { backendName, type Backend } from "./app-database.ts";
import { benchBooking } from "./booking.ts";
import { benchBurst } from "./burst.ts";
import { sideBySide } from "./side-by-side.ts";
import { benchSigningSecret, median } from "./slack-load.ts";
import { failedRow, mb, ms, printTable, times, type Row } from "./table.ts";
import { benchThroughput, throughputScenario } from "./throughput.ts";

const quick = process.env.BENCH_QUICK === "1";
const load = quick
  ? { commands: { warmup: 100, total: 100, concurrency: 50, rounds: 1, starts: 1 }, booking: { warmup: 5, measured: 30, history: 2_000 }, burst: { bookings: 100, partners: 25 }, throughput: 600, exports: 10_000 }
  : { commands: { warmup: 200, total: 500, concurrency: 50, rounds: 3, starts: 3 }, booking: { warmup: 20, measured: 200, history: 20_000 }, burst: { bookings: 200, partners: 50 }, throughput: 6_000, exports: 100_000 };
const backends: Backend[] = ["pglite", "postgres"];
const started = performance.now();
const load1 = () => loadavg().map((l) => l.toFixed(1)).join(" ");
console.log(`Sparring bench${quick ? " (BENCH_QUICK: not the figures)" : ""}, ${new Date().toISOString().slice(0, 16)}Z, Node ${process.versions.node}, ${cpus().length} cores, load average ${load1()}`);

const { values: args } = parseArgs({ options: { scale: { type: "string" }, explain: { type: "boolean" } }, allowPositionals: true });
if (args.scale === "national") {
  // The national-scale figures (11 000 municipalities, 1 000 000 requests) are their own run;
  // --explain adds the query plans of the overview, the Home, the export and a booking.
  const { benchNational } = (await import(new URL("./national.ts", import.meta.url).href)) as { benchNational: (options: { quick: boolean; explain?: boolean }) => Promise<Row[]> };
  printTable(await benchNational({ quick, explain: args.explain ?? false }));
  process.exit(0);
}

/** Builds dist/ when it is missing or older than a file in src/ (the app runs as `npm start` runs it). */
function ensureBuilt(): void {
  const main = path.join(projectRoot, "dist/main.js");
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs)));
  if (existsSync(main) && statSync(main).mtimeMs >= newest(path.join(projectRoot, "src"))) return;
  console.log("building dist/ (npm run build) …");
  if (spawnSync("npm", ["run", "build"], { cwd: projectRoot, stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
}
ensureBuilt();

const rows: Row[] = [];
const notes: string[] = [];
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",")) : null;
type Part = "sparring" | "booking" | "burst" | "throughput" | "exports";
/** Runs one part (unless BENCH_ONLY leaves it out); if it fails, its figures are shown as failed and the rest still runs. */
async function part(key: Part, figure: string, run: () => Promise<Row[]>): Promise<void> {
  if (only && !only.has(key)) return;
  try {
    rows.push(...(await run()));
  } catch (error) {
    rows.push(failedRow(figure, error));
  }
}
const ratioRow = (figure: string, app: number, bare: number, ratio: number, target: number, format: (v: number) => string, atMost = true): Row => ({
  figure, app: format(app), baseline: `bare Bolt: ${format(bare)}`, ratio: times(ratio), target: `${atMost ? "≤" : "≥"} ${target}×`,
  met: atMost ? ratio <= target : ratio >= target,
});

/** Commands that failed (no ack, no views.open, or one after Slack's 3 s) count against the app; the bare app's are shown. */
const withFailures = (row: Row, failed: { app: number; bare: number }): Row => ({
  ...row,
  app: failed.app ? `${row.app}, ${failed.app} failed` : row.app,
  baseline: failed.bare ? `${row.baseline}, ${failed.bare} failed` : row.baseline,
  met: row.met === true && failed.app === 0,
});

const slack = await startFakeSlack();
const slackEnv = { SLACK_API_URL: slack.apiUrl, SLACK_SIGNING_SECRET: benchSigningSecret, SLACK_BOT_TOKEN: "xoxb-bench-token-not-secret" };
try {
  const c = load.commands;
  const idle: Partial<Record<Backend, { app: number; bare: number; floor: number }>> = {};
  for (const backend of backends) {
    const name = backendName(backend);
    await part("sparring", `/sparring on ${name}`, async () => {
      const r = await sideBySide(slack, slackEnv, backend, c);
      const per = (pick: (x: (typeof r.rounds)[number]) => number) => median(r.rounds.map(pick));
      const failed = { app: r.rounds.reduce((n, x) => n + x.app.failed, 0), bare: r.rounds.reduce((n, x) => n + x.bare.failed, 0) };
      const label = `${c.total} commands, ${c.concurrency} in flight, median of ${c.rounds}`;
      idle[backend] = { app: median(r.idleRss.app), bare: median(r.idleRss.bare), floor: median(r.idleRss.floor) };
      notes.push(...r.problems.map((p) => `${name} ${p}`));
      const coldApp = median(r.startMs.app);
      const coldBare = median(r.startMs.bare);
      return [
        ratioRow(`/sparring ack p99, ${name} (${label})`, per((x) => x.app.ack.p99), per((x) => x.bare.ack.p99), per((x) => x.app.ack.p99 / x.bare.ack.p99), 1.2, ms),
        withFailures(ratioRow(`command → views.open p99, ${name}`, per((x) => x.app.open.p99), per((x) => x.bare.open.p99), per((x) => x.app.open.p99 / x.bare.open.p99), 1.3, ms), failed),
        ratioRow(`commands per second, ${name}`, per((x) => x.app.perSecond), per((x) => x.bare.perSecond), per((x) => x.app.perSecond / x.bare.perSecond), 0.8, (v) => v.toFixed(0), false),
        ratioRow(`cold start to /healthz 200, ${name} (median of ${c.starts})`, coldApp, coldBare, coldApp / coldBare, 2, ms),
      ];
    });
  }
  if (idle.pglite) {
    const { app, bare, floor } = idle.pglite;
    rows.push({
      figure: "idle RSS, PGlite", app: mb(app), baseline: `bare Bolt ${mb(bare)} + PGlite floor ${mb(floor)}`, ratio: `${app >= bare + floor ? "+" : "−"}${mb(Math.abs(app - bare - floor))}`,
      target: `≤ bare + floor + 60 MB (${mb(bare + floor + 60 * 1_048_576)})`, met: app <= bare + floor + 60 * 1_048_576,
    });
  }
  if (idle.postgres) rows.push(ratioRow("idle RSS, PostgreSQL", idle.postgres.app, idle.postgres.bare, idle.postgres.app / idle.postgres.bare, 1.6, mb));

  for (const backend of backends) {
    const name = backendName(backend);
    await part("booking", `booking transaction, ${name}`, async () => {
      const b = await benchBooking(backend, load.booking);
      const { empty, history } = b.statements;
      return [
        {
          figure: `booking transaction median, ${name} (service call, ${load.booking.measured} bookings)`, app: ms(b.bookingMs),
          baseline: `one-row INSERT tx: ${ms(b.insertMs)}`, ratio: times(b.bookingMs / b.insertMs), target: "≤ 3×", met: b.bookingMs <= 3 * b.insertMs,
        },
        {
          figure: `SQL statements per booking, ${name}, empty / +${load.booking.history.toLocaleString("en")} requests`, app: `${empty} / ${history}`,
          baseline: "–", ratio: "–", target: "≤ 6, constant", met: empty <= 6 && history === empty,
        },
      ];
    });
  }

  for (const backend of backends) {
    const name = backendName(backend);
    const { bookings, partners } = load.burst;
    await part("burst", `notification burst, ${name}`, async () => {
      const b = await benchBurst(slack, slackEnv, backend, bookings, partners);
      const all = b.failed === 0 && b.delivered === b.bookings;
      return [{
        figure: `last partner DM after its booking, ${name} (${bookings} bookings, ${partners} partners, Slack 100 ms)`,
        app: `${ms(b.lastMs)} (median ${ms(b.medianMs)})${all ? "" : `, ${b.delivered} of ${b.bookings} sent, ${b.failed} bookings failed`}`,
        baseline: "–", ratio: "–", target: "≤ 10 s", met: all && b.lastMs <= 10_000,
      }];
    });
  }

  await part("throughput", "booking throughput, PostgreSQL", async () => {
    const t = await benchThroughput(slack, slackEnv, load.throughput);
    const { municipalities, concurrency } = throughputScenario;
    return [{
      figure: `booking submissions, PostgreSQL (${t.submissions.toLocaleString("en")} over ${municipalities.toLocaleString("en")} municipalities, ${concurrency} at once)`,
      app: `${t.perSecond.toFixed(0)} stored/s, ${t.errors} errors, ${t.overbooked} overbooked (${t.stored} stored, ${t.refused} refused: quota)`,
      baseline: "–", ratio: "–", target: "≥ 150/s, 0 errors, 0 overbooked", met: t.perSecond >= 150 && t.errors === 0 && t.overbooked === 0,
    }];
  });
} finally {
  await slack.close();
}

await part("exports", "CSV exports", async () => {
  // In its own process, so the RSS growth is the export's alone.
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/exports.ts", "--requests", String(load.exports), "--json"], { cwd: projectRoot, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr || "bench/exports.ts failed");
  const { runs } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { runs: Array<{ ms: number; extraBytes: number }> };
  const first = runs[0]!;
  return [{
    figure: `three CSV exports, ${load.exports.toLocaleString("en")} requests, PostgreSQL (first run)`, app: `${ms(first.ms)}, +${mb(first.extraBytes)} RSS`,
    baseline: "–", ratio: "–", target: "< 1 s, < +50 MB", met: first.ms < 1_000 && first.extraBytes < 50 * 1_048_576,
  }];
});

printTable(rows);
for (const note of notes) console.log(`log: ${note}`);
console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s; load average now ${load1()}`);
