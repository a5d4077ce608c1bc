import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseExportArgs } from "../../src/cli/export-reports.ts";
import { csvRecords } from "../reports/parse-csv.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sparring-export-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: path.join(dir, "data"), DATABASE_URL: "" };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", script, ...args], { cwd: projectRoot, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("export arguments", () => {
  it("accepts dates and an output folder, defaults the folder", () => {
    expect(parseExportArgs(["--", "--from", "2026-01-01", "--to", "2026-12-31", "--out", "x/"]))
      .toEqual({ ok: true, value: { from: "2026-01-01", to: "2026-12-31", out: "x/" } });
    expect(parseExportArgs([])).toEqual({ ok: true, value: { out: "export" } });
  });

  it("refuses bad dates, a reversed period and unknown options with a clear line", () => {
    expect(parseExportArgs(["--from", "2026-02-30"])).toEqual({ ok: false, problems: ["--from is not a calendar date"] });
    expect(parseExportArgs(["--to", "31.12.2026"])).toEqual({ ok: false, problems: ["--to must be a date as YYYY-MM-DD"] });
    expect(parseExportArgs(["--from", "2026-05-01", "--to", "2026-04-30"])).toEqual({ ok: false, problems: ["--from must not be after --to"] });
    expect(parseExportArgs(["--format", "xlsx"])).toMatchObject({ ok: false, problems: [expect.stringContaining("--format")] });
    expect(parseExportArgs(["extra"])).toMatchObject({ ok: false });
  });
});

describe("npm run export", () => {
  it("writes the four files for the programme period and exits 2 on bad arguments", async () => {
    expect((await run("src/cli/import-directory.ts", "examples/programme.yaml")).code).toBe(0);
    const out = path.join(dir, "out");
    const result = await run("src/cli/export-reports.ts", "--out", out);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const files = ["sessions.csv", "partners.csv", "municipalities.csv", "feedback.csv"].map((f) => path.join(out, f));
    expect(result.stdout).toBe(`Exported 2026-01-01 – 2027-12-31:\n${files.join("\n")}\n`);
    const municipalities = csvRecords(await readFile(files[2]!, "utf8"));
    expect(municipalities.records.map((r) => r["Schlüssel"])).toContain("musterstadt");
    expect(municipalities.records.map((r) => r["Schlüssel"])).not.toContain("rebenau");

    const bad = await run("src/cli/export-reports.ts", "--from", "gestern");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--from must be a date as YYYY-MM-DD\nusage: npm run export/);
  }, 120_000);
});
