/**
 * `npm run bench`: every figure beside its baseline from the same run, with the targets.
 * The app runs in child processes (bench/app-server.ts); see README, "Performance".
 */
import { existsSync } from "node:fs";
import { benchBooking } from "./booking.ts";
import { benchSlack, bookingLoad, commandLoad, rateLimit, type Percentiles } from "./slack.ts";

// `npm run bench -- --scale national`: the national-scale figures only (bench/national.ts).
const scale = process.argv.indexOf("--scale");
if (scale !== -1 && process.argv[scale + 1] === "national") {
  await (await import("./national.ts")).runNational();
  process.exit(0);
}

const started = performance.now();
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : "–");
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const pair = (p: Percentiles) => `${ms(p.p50)} / ${ms(p.p99)}${p.failed ? ` (${p.failed} failed)` : ""}`;
const verdict = (ok: boolean) => (ok ? "met" : "MISSED");

const slack = await benchSlack();
const booking = await benchBooking();

const rows: Array<[string, string, string, string, string]> = [];
const { app, bare } = slack;
rows.push([
  `/sparring ack p50 / p99 (${commandLoad.total} cmds, ${commandLoad.concurrency} in flight)`,
  pair(app.ack), `bare Bolt: ${pair(bare.ack)}`, `p99 ≤ 1.5 × bare = ${ms(1.5 * bare.ack.p99)}`,
  verdict(app.ack.p99 <= 1.5 * bare.ack.p99 && app.ack.failed === 0),
]);
rows.push([
  `command → views.open p50 / p99 (${commandLoad.concurrency} in flight)`,
  pair(app.open), `bare Bolt: ${pair(bare.open)}`, "p99 < 300 ms", verdict(app.open.p99 < 300 && app.open.failed === 0),
]);
rows.push([
  `command → views.open p50 / p99 (${commandLoad.single}, one at a time)`,
  pair(app.singleOpen), `bare Bolt: ${pair(bare.singleOpen)}`, "p99 < 300 ms", verdict(app.singleOpen.p99 < 300 && app.singleOpen.failed === 0),
]);
rows.push([
  `command → views.open p50 / p99 (${commandLoad.duringRateLimit}, one at a time, ${rateLimit.method} answered 429 Retry-After ${rateLimit.retryAfter} s)`,
  pair(app.rateLimitedOpen), `no 429: ${pair(app.singleOpen)}`, "p99 < 300 ms, none expired",
  verdict(app.rateLimitedOpen.p99 < 300 && app.rateLimitedOpen.failed === 0),
]);
const pg = slack.booking.postgres;
rows.push([
  `booking → partner DM p50 / p99 (${bookingLoad.measured}, one at a time)`,
  `PGlite: ${pair(slack.booking.pglite)}`, typeof pg === "string" ? `PostgreSQL: ${pg}` : `PostgreSQL: ${pair(pg)}`, "–", "–",
]);
const st = booking.statements;
const constant = (a: number[], b: number[]) => new Set([...a, ...b]).size === 1;
rows.push([
  "SQL statements per booking, empty / +20 000 requests",
  `PGlite: ${[...new Set(st.pglite.empty)].join("/")} / ${[...new Set(st.pglite.history)].join("/")}`,
  st.postgres ? `PostgreSQL: ${st.postgres.empty} / ${st.postgres.history}` : "PostgreSQL: skipped",
  "constant",
  verdict(constant(st.pglite.empty, st.pglite.history) && (!st.postgres || st.postgres.empty === st.postgres.history)),
]);
rows.push([
  "app RSS idle / peak under load (child process)",
  `${mb(app.idleRss)} / ${mb(app.loadedRss)}`, `bare Bolt: ${mb(bare.idleRss)} / ${mb(bare.loadedRss)}`, "–", "–",
]);

const header: [string, string, string, string, string] = ["figure", "Sparring", "baseline (same run)", "target", ""];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(" | ").trimEnd();
console.log(`Sparring bench, ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}`);
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const r of rows) console.log(line(r));
if (slack.problems.length > 0) console.log(`app log warnings/errors: ${slack.problems.join("; ")}`);

console.log("\nBooking transaction (service call, no Slack):");
for (const l of booking.lines) console.log(`  ${l}`);

// bench/reports.ts (digest and exports at scale) is written separately; run it when present.
if (existsSync(new URL("./reports.ts", import.meta.url))) {
  const { benchReports } = (await import("./reports.ts")) as { benchReports: () => Promise<string[]> };
  console.log("\nReports:");
  for (const l of await benchReports()) console.log(`  ${l}`);
}
console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
