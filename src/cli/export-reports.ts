import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openCliDatabase } from "./open-cli-database.ts";
import { loadRules } from "../db/queries.ts";
import { writeAccountingExports, type AccountingExportFile } from "../reports/accounting-exports.ts";
import { fileSink } from "../reports/file-sink.ts";

/**
 * `npm run export -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out dir]`: writes sessions.csv,
 * partners.csv, municipalities.csv and feedback.csv (with the comments still stored) for accounting. from/to default to the programme period.
 * Exit codes: 0 written, 1 database or programme missing, 2 usage.
 */
const usage = "usage: npm run export -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out dir]   (default: the programme period, ./export)";

const calendarDay = z.string().superRefine((value, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be a date as YYYY-MM-DD" });
  } else if (Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || !new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "is not a calendar date" });
  }
});

const argsSchema = z
  .object({ from: calendarDay.optional(), to: calendarDay.optional(), out: z.string().min(1).default("export") })
  .refine((a) => !a.from || !a.to || a.from <= a.to, { message: "must not be after --to", path: ["from"] });

export function parseExportArgs(args: string[]): { ok: true; value: z.infer<typeof argsSchema> } | { ok: false; problems: string[] } {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: args.filter((a) => a !== "--"),
      options: { from: { type: "string" }, to: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (values.help) return { ok: false, problems: [] };
  const parsed = argsSchema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `--${i.path.join(".")} ${i.message}`) };
}

async function main(args: string[]): Promise<number> {
  const parsed = parseExportArgs(args);
  if (!parsed.ok) {
    for (const line of parsed.problems) process.stderr.write(`${line}\n`);
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const opened = await openCliDatabase();
  if (!opened) return 1;
  const { db } = opened;
  try {
    const rules = await loadRules(db.prisma);
    if (!rules) {
      process.stderr.write("no programme in the database: import the programme file first (npm run import)\n");
      return 1;
    }
    const period = { from: parsed.value.from ?? rules.periodStart, to: parsed.value.to ?? rules.periodEnd };
    if (period.from > period.to) {
      process.stderr.write(`--from ${period.from} is after --to ${period.to}\n${usage}\n`);
      return 2;
    }
    await mkdir(parsed.value.out, { recursive: true });
    const names: Record<AccountingExportFile, string> = { sessions: "sessions.csv", partners: "partners.csv", municipalities: "municipalities.csv", feedback: "feedback.csv" };
    const written: string[] = [];
    // Each file is written as the rows arrive, so 100 000 requests never sit in memory as one text.
    await writeAccountingExports(db.prisma, rules, period, (name) => {
      const file = path.join(parsed.value.out, names[name]);
      written.push(file);
      return fileSink(file);
    });
    process.stdout.write(`Exported ${period.from} – ${period.to}:\n${written.join("\n")}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`export failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

// Run only as a program, so tests can import parseExportArgs.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
