import { openDatabase, type Database } from "../src/db/client.ts";
import { loadRules } from "../src/db/queries.ts";
import { buildAccountingExports } from "../src/reports/accounting-exports.ts";
import { buildOverview } from "../src/reports/overview.ts";
import { seedProgramme } from "../test/support/fixtures.ts";

const municipalities = 500;
const partners = 40;
const requests = 100_000;
const now = new Date("2026-11-18T12:00:00+01:00");

/** 500 municipalities, 40 partners, 100 000 requests over 2026 in mixed states, written by SQL in bulk. */
export async function generate(db: Database, count: number = requests): Promise<void> {
  const { prisma } = db;
  await seedProgramme(prisma);
  await prisma.$executeRawUnsafe(`
    INSERT INTO municipalities (key, name, kind, cohort, active)
    SELECT 'm' || i, 'Gemeinde ' || i, (CASE WHEN i % 7 = 0 THEN 'Landkreis' ELSE 'Kommune' END)::"MunicipalityKind",
           CASE WHEN i % 2 = 0 THEN '2018/19' ELSE '2020/21' END, i % 50 <> 0
    FROM generate_series(1, ${municipalities}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO people (id, slack_id, name, contact_of)
    SELECT gen_random_uuid(), 'UBENCHC' || i, 'Kontakt ' || i, 'm' || i FROM generate_series(1, ${municipalities}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO people (id, slack_id, name) SELECT gen_random_uuid(), 'UBENCHP' || i, 'Partner ' || i FROM generate_series(1, ${partners}) AS i`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO partner_profiles (person_id, organisation, topics, formats)
    SELECT id, 'Büro ' || name, ARRAY['online-events', 'conflicts'], ARRAY['video']::"SessionFormat"[] FROM people WHERE slack_id LIKE 'UBENCHP%'`);
  await prisma.$executeRawUnsafe(`
    WITH c AS (SELECT array_agg(id ORDER BY slack_id) AS ids FROM people WHERE slack_id LIKE 'UBENCHC%'),
         p AS (SELECT array_agg(id ORDER BY slack_id) AS ids FROM people WHERE slack_id LIKE 'UBENCHP%'),
         g AS (SELECT i, (ARRAY['requested','scheduled','held','held','held','declined','cancelled','expired'])[1 + i % 8] AS state,
                      timestamptz '2026-01-02 08:00+01' + (i % 320) * interval '1 day' + (i % 9) * interval '1 hour' AS created
               FROM generate_series(1, ${count}) AS i)
    INSERT INTO session_requests (id, municipality_key, requester_id, partner_id, topics, question, preferred_format,
                                  preferred_times, units, counts_assigned, state, scheduled_start, format, created_at, updated_at)
    SELECT gen_random_uuid(), 'm' || (1 + g.i % ${municipalities}), c.ids[1 + g.i % ${municipalities}], p.ids[1 + g.i % ${partners}],
           CASE WHEN g.i % 3 = 0 THEN ARRAY['online-events', 'conflicts'] ELSE ARRAY['online-events'] END,
           'Frage Nummer ' || g.i, 'video', 'vormittags', 1, g.i % 5 = 0, g.state::"RequestState",
           CASE WHEN g.state IN ('scheduled', 'held') THEN g.created + interval '9 days' END,
           CASE WHEN g.state IN ('scheduled', 'held') THEN 'video'::"SessionFormat" END, g.created, g.created
    FROM g, c, p`);
  await prisma.$executeRawUnsafe("ANALYZE");
}

/** Runs `work` while sampling RSS and heap every 5 ms; returns its time and the peaks above the start. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; line: string }> {
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const start = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - start;
    const after = process.memoryUsage();
    peakRss = Math.max(peakRss, after.rss);
    peakHeap = Math.max(peakHeap, after.heapUsed);
    const mb = (n: number) => `${(n / 1_048_576).toFixed(0)} MB`;
    return {
      value, ms,
      line: `${ms.toFixed(0)} ms; RSS ${mb(before.rss)} → peak ${mb(peakRss)} (+${mb(peakRss - before.rss)}), heap ${mb(before.heapUsed)} → peak ${mb(peakHeap)} (+${mb(peakHeap - before.heapUsed)})`,
    };
  } finally {
    clearInterval(timer);
  }
}

export async function benchReports(): Promise<string[]> {
  const db = await openDatabase({ dataDir: "memory://" });
  try {
    const generated = await measure(() => generate(db));
    const rules = await loadRules(db.prisma);
    if (!rules) throw new Error("bench programme missing");
    const lines = [`reports on PGlite (memory): ${municipalities} municipalities, ${partners} partners, ${requests.toLocaleString("en")} requests (generated in ${generated.ms.toFixed(0)} ms)`];
    // The first run pays for query planning and JIT warm-up; the second shows the steady state.
    for (const run of ["first", "second"]) {
      const overview = await measure(() => buildOverview(db.prisma, rules, now));
      lines.push(`  buildOverview (${run}): ${overview.line}; ${overview.value.byMunicipality.length} municipalities, waiting ${overview.value.waiting.count}`);
    }
    for (const run of ["first", "second"]) {
      const exports = await measure(() => buildAccountingExports(db.prisma, rules, { from: rules.periodStart, to: rules.periodEnd }));
      const size = (s: string) => `${(Buffer.byteLength(s) / 1_048_576).toFixed(1)} MB`;
      const rows = exports.value.sessions.split("\r\n").length - 2;
      lines.push(`  buildAccountingExports (${run}): ${exports.line}; sessions.csv ${rows} rows ${size(exports.value.sessions)}, partners.csv ${size(exports.value.partners)}, municipalities.csv ${size(exports.value.municipalities)}`);
    }
    return lines;
  } finally {
    await db.close();
  }
}

// `node --import tsx bench/reports.ts` runs it alone; bench/run.ts imports the function.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchReports()) console.log(line);
}
