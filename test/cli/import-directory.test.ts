import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleRaw, toYaml } from "../support/example-programme.ts";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "sparring-import-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI the way `npm run import -- <file>` does, against a PGlite folder in the temp dir. */
function runImport(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: path.join(dir, "data"), DATABASE_URL: "" };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "src/cli/import-directory.ts", ...args], { cwd: projectRoot, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("npm run import", () => {
  it("imports the example file, refuses a broken one without writing, and prints usage without a file", async () => {
    const first = await runImport("examples/programme.yaml");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Imported examples/programme.yaml into PGlite");
    expect(first.stdout).toMatch(/^people: +15 created, 0 updated, 0 deactivated$/m);
    expect(first.stdout).toMatch(/^topics: +11 created, 0 updated, 0 retired$/m);
    expect(first.stdout).toMatch(/^assignments: +4 created, 0 updated, 0 removed$/m);

    // --dry-run lists what a changed file would do and writes nothing.
    const edited = exampleRaw();
    edited.people[0].name = "Erika Probelauf";
    const editedPath = path.join(dir, "edited.yaml");
    await writeFile(editedPath, toYaml(edited));
    const dry = await runImport(editedPath, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Dry run of ${editedPath}, nothing was written`);
    expect(dry.stdout).toMatch(/^updated: 1\n  people\[0\] \(U01CONTACT1\)$/m);
    expect(dry.stdout).toMatch(/^created: 0$/m);

    // A valid change next to an invalid entry: the whole file is refused.
    const raw = exampleRaw();
    raw.people[0].name = "Erika Geändert";
    raw.people[9].partner.formats = ["fax"];
    const broken = path.join(dir, "broken.yaml");
    await writeFile(broken, toYaml(raw));
    const refused = await runImport(broken);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.split("\n")).toContain("people[9] (U01PARTNER2): partner.formats[0]: expected phone | video");
    expect(refused.stderr).toContain("nothing was imported");

    // Had the refused run written the new name, this run would report it as an update.
    const again = await runImport("examples/programme.yaml");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^people: +0 created, 0 updated, 0 deactivated$/m);

    const usage = await runImport();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage: npm run import -- <programme.yaml>/);
  }, 180_000);
});
