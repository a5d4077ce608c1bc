/**
 * The operator's data-protection tools as a person runs them: `npm run my-data -- <SlackID>`,
 * `npm run erase -- <SlackID>` (also for people an import deactivated), and `npm run import`
 * that skips erased people unless `--restore-erased` is given.
 */
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
  dir = await mkdtemp(path.join(tmpdir(), "sparring-erase-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a CLI the way `npm run <script> -- …` does, against a PGlite folder in the temp dir. */
function run(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATA_DIR: path.join(dir, "data"), DATABASE_URL: "", ERASURE_SECRET: "" };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", script, ...args], { cwd: projectRoot, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("npm run my-data / npm run erase / npm run import after an erasure", () => {
  it("exports and erases a person an import deactivated; a re-import skips them; --restore-erased brings them back", async () => {
    // Fatma (people[2]) is left out of the second import: deactivated, still stored.
    const raw = exampleRaw();
    expect(raw.people[2].slack_id).toBe("U01CONTACT3");
    raw.people.splice(2, 1);
    const without = path.join(dir, "without-fatma.yaml");
    await writeFile(without, toYaml(raw));
    expect((await run("src/cli/import-directory.ts", "examples/programme.yaml")).code).toBe(0);
    const deactivating = await run("src/cli/import-directory.ts", "--", without);
    expect(deactivating.stdout).toMatch(/^people: +0 created, 0 updated, 1 deactivated$/m);

    const data = await run("src/cli/my-data.ts", "--", "U01CONTACT3");
    expect(data.stderr).toBe("");
    expect(data.code).toBe(0);
    expect(JSON.parse(data.stdout).person).toMatchObject({ slackId: "U01CONTACT3", name: "Fatma Yilmaz", active: false });
    expect((await run("src/cli/my-data.ts")).code).toBe(2);

    const erased = await run("src/cli/erase-person.ts", "--", "U01CONTACT3");
    expect(erased.stderr).toBe("");
    expect(erased.code).toBe(0);
    expect(erased.stdout).toMatch(/^Erased U01CONTACT3: 0 request\(s\) anonymised, \d+ Slack message\(s\)\/file\(s\) queued/);
    expect((await run("src/cli/erase-person.ts", "not-an-id")).code).toBe(2);
    // (A second erasure of the same id answers exit 1 "U01CONTACT3 is not stored (never, or already erased)".)

    // The file still lists her: skipped and reported, nothing written for her.
    const reimport = await run("src/cli/import-directory.ts", "examples/programme.yaml");
    expect(reimport.code).toBe(0);
    expect(reimport.stdout.split("\n")).toContain("people[2] matches an erased person; skipped");
    expect(reimport.stdout).toMatch(/^people: +0 created, 0 updated, 0 deactivated$/m);

    // Only an explicit --restore-erased imports her again (as a new person).
    const restored = await run("src/cli/import-directory.ts", "examples/programme.yaml", "--restore-erased");
    expect(restored.code).toBe(0);
    expect(restored.stdout.split("\n")).toContain("people[2] matches an erased person; restored (--restore-erased)");
    expect(restored.stdout).toMatch(/^people: +1 created, 0 updated, 0 deactivated$/m);
  }, 480_000);
});
