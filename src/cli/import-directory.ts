import { readFile } from "node:fs/promises";
import { parseDirectory } from "../directory/parse-directory.ts";
import { importDirectory, type ImportSummary, type KindSummary } from "../db/import-directory.ts";
import { planImport, type ImportPlan } from "../directory/plan-import.ts";
import { openCliDatabase } from "./open-cli-database.ts";

/**
 * `npm run import -- <file.yaml> [--restore-erased] [--dry-run]`: loads the programme file into the database
 * named by DATABASE_URL (or the PGlite folder DATA_DIR). People of the file who were erased are
 * skipped and reported, unless the lead passes --restore-erased. --dry-run lists what would change
 * (entries changed in Slack since the last import first) and writes nothing. Exit codes: 0 imported, 1 invalid
 * file or failed import (nothing written), 2 usage.
 */
const usage = "usage: npm run import -- <programme.yaml> [--restore-erased] [--dry-run]   (database: DATABASE_URL, or DATA_DIR, default ./data)";

/** What `deactivated` means differs per kind; the words make the summary readable for leads. */
const kinds: { kind: Exclude<keyof ImportSummary, "erased">; gone: string }[] = [
  { kind: "programme", gone: "deactivated" },
  { kind: "topics", gone: "retired" },
  { kind: "municipalities", gone: "deactivated" },
  { kind: "people", gone: "deactivated" },
  { kind: "partners", gone: "deactivated" },
  { kind: "assignments", gone: "removed" },
];

function formatSummary(summary: ImportSummary): string[] {
  return kinds.map(({ kind, gone }) => {
    const s: KindSummary = summary[kind];
    return `${`${kind}:`.padEnd(16)}${s.created} created, ${s.updated} updated, ${s.deactivated} ${gone}`;
  });
}

/** Entries changed in Slack since the last import come first: the file would undo or alter those changes. */
function formatPlan(plan: ImportPlan): string[] {
  const lines: string[] = [];
  if (plan.conflicts.length > 0) {
    lines.push(`Changed in Slack since the last import, and the file would ${"change or deactivate"} them (${plan.conflicts.length}):`);
    for (const c of plan.conflicts) lines.push(`  ${c.position}: ${c.change} (in Slack: ${c.slackActions.join(", ")})`);
  }
  for (const change of ["created", "updated", "deactivated"] as const) {
    const entries = plan.changes.filter((c) => c.change === change);
    lines.push(`${change}: ${entries.length}`);
    for (const c of entries) lines.push(`  ${c.position}`);
  }
  for (const position of plan.erasedSkipped) lines.push(`${position} matches an erased person; would be skipped`);
  return lines;
}

async function main(args: string[]): Promise<number> {
  const words = args.filter((a) => a !== "--");
  const restoreErased = words.includes("--restore-erased");
  const dryRun = words.includes("--dry-run");
  const positional = words.filter((a) => a !== "--restore-erased" && a !== "--dry-run");
  const file = positional[0];
  if (!file || file === "--help" || file === "-h" || positional.length > 1 || file.startsWith("--")) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n${usage}\n`);
    return 2;
  }

  const parsed = parseDirectory(text);
  if (!parsed.ok) {
    for (const line of parsed.errors) process.stderr.write(`${line}\n`);
    process.stderr.write(`${file}: ${parsed.errors.length} problem(s); nothing was imported.\n`);
    return 1;
  }

  const opened = await openCliDatabase();
  if (!opened) return 1;
  const { db, dataDir } = opened;
  try {
    if (dryRun) {
      process.stdout.write(`Dry run of ${file}, nothing was written\n${formatPlan(await planImport(db.prisma, parsed.directory)).join("\n")}\n`);
      return 0;
    }
    const summary = await importDirectory(db.prisma, parsed.directory, new Date(), { restoreErased, fileName: file.split("/").pop() ?? file });
    const target = db.kind === "postgres" ? "PostgreSQL" : `PGlite ${dataDir}`;
    const erased = [...summary.erased.skipped, ...summary.erased.restored];
    process.stdout.write(`Imported ${file} into ${target}\n${[...formatSummary(summary), ...erased].join("\n")}\n`);
    return 0;
  } catch (error) {
    // The transaction rolled back: the database is as it was before.
    process.stderr.write(`import failed, nothing was written: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
