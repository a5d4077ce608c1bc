import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadRules } from "../src/db/queries.ts";
import { writeAccountingExports } from "../src/reports/accounting-exports.ts";
import { fileSink } from "../src/reports/file-sink.ts";
import { openTestDatabase } from "../test/support/fixtures.ts";
import { generate } from "./reports.ts";

/**
 * `node --import tsx bench/exports.ts [--requests N] [--pglite] [--json]`: seeds N requests (default 100 000)
 * on a throw-away PostgreSQL database (one INSERT … SELECT generate_series, bench/reports.ts), then
 * writes the four CSV files to a temporary folder as the CLI does, and prints time and RSS growth
 * beside the target (issue 14: < 1 s and < 50 MB extra for 100 000 requests). With --json, the last
 * line is the runs' figures as JSON, for `npm run bench` (which runs this in its own process, so the
 * RSS growth is the export's alone).
 */
const { values } = parseArgs({ options: { requests: { type: "string" }, pglite: { type: "boolean" }, json: { type: "boolean" } } });
const requests = Number(values.requests ?? 100_000);
const kind = values.pglite ? "pglite" : "postgres";
const { db, cleanup } = await openTestDatabase(kind);
const out = await mkdtemp(path.join(tmpdir(), "sparring-exports-"));
const mb = (n: number) => `${(n / 1_048_576).toFixed(0)} MB`;
try {
  const seeded = performance.now();
  await generate(db, requests);
  const rules = await loadRules(db.prisma);
  if (!rules) throw new Error("bench programme missing");
  console.log(`exports on ${kind}: ${requests.toLocaleString("en")} requests seeded in ${(performance.now() - seeded).toFixed(0)} ms`);
  // The first run pays for query planning; the second shows the steady state.
  const runs: Array<{ ms: number; extraBytes: number }> = [];
  for (const run of ["first", "second"]) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const start = performance.now();
    await writeAccountingExports(db.prisma, rules, { from: rules.periodStart, to: rules.periodEnd }, (file) => fileSink(path.join(out, `${file}.csv`)));
    const ms = performance.now() - start;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const sizes = await Promise.all(["sessions", "partners", "municipalities", "feedback"].map(async (f) => `${f}.csv ${mb((await stat(path.join(out, `${f}.csv`))).size)}`));
    const target = requests <= 100_000 ? { ms: 1000, mb: 50 } : { ms: 10_000, mb: 50 };
    const met = ms < target.ms && peak - before < target.mb * 1_048_576;
    runs.push({ ms, extraBytes: peak - before });
    console.log(`  ${run}: ${ms.toFixed(0)} ms, RSS ${mb(before)} → peak ${mb(peak)} (+${mb(peak - before)}); target < ${target.ms} ms, + < ${target.mb} MB: ${met ? "met" : "missed"}; ${sizes.join(", ")}`);
  }
  if (values.json) console.log(JSON.stringify({ requests, runs }));
} finally {
  await rm(out, { recursive: true, force: true });
  await cleanup();
}
