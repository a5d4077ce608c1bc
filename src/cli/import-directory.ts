import { readFile } from "node:fs/promises";
import { parseDirectory } from "../directory/directory-schema.ts";
import { importDirectory, type ImportSummary, type KindSummary } from "../db/import-directory.ts";
import { openCliDatabase } from "./open-cli-database.ts";

/**
 * `npm run import -- <file.yaml> [--restore-erased]`: loads the programme file into the database
 * named by DATABASE_URL (or the PGlite folder DATA_DIR). People of the file who were erased are
 * skipped and reported, unless the lead passes --restore-erased. Exit codes: 0 imported, 1 invalid
 * file or failed import (nothing written), 2 usage.
 */
const usage = "usage: npm run import -- <programme.yaml> [--restore-erased]   (database: DATABASE_URL, or DATA_DIR, default ./data)";

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

async function main(args: string[]): Promise<number> {
  const words = args.filter((a) => a !== "--");
  const restoreErased = words.includes("--restore-erased");
  const positional = words.filter((a) => a !== "--restore-erased");
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
    const summary = await importDirectory(db.prisma, parsed.directory, new Date(), { restoreErased });
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
