/**
 * Production runs compiled JavaScript: `npm run build` (run by `npm test` before vitest) turns src/
 * into dist/, and `node dist/main.js`
 * (what `npm start` and the Docker image run) starts, migrates, answers a signed `/sparring` with
 * the booking modal and stops cleanly. Without this, a change that only works under tsx would
 * pass every other test and break the deployment.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleDatabase, projectRoot, startChildApp, type Child } from "./support/child-app.ts";
import { startFakeSlack, type FakeSlack } from "./support/fake-slack.ts";

describe("the compiled app (npm run build, node dist/main.js)", () => {
  let slack: FakeSlack;
  let database: { url: string; drop: () => Promise<void> };
  let child: Child | undefined;

  beforeAll(async () => {
    if (!existsSync(path.join(projectRoot, "dist/main.js"))) throw new Error("dist/main.js is missing: run `npm run build` (npm test does)");
    slack = await startFakeSlack();
    database = await exampleDatabase("sparring_build");
  }, 120_000);
  afterAll(async () => {
    if (child && child.process.exitCode === null) child.process.kill("SIGKILL");
    await slack?.close();
    await database?.drop();
  });

  it("starts without a TypeScript loader, opens the booking modal and exits 0 on SIGTERM", async () => {
    const packageJson = JSON.parse(await readFile(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(packageJson.scripts.start).toBe("node dist/main.js");

    const { child: running, api } = await startChildApp(slack, database.url, { args: ["dist/main.js"], env: { NODE_ENV: "production" } });
    child = running;
    expect((await api.slashCommand({ user: "U01CONTACT1", text: "" })).status).toBe(200);
    const until = Date.now() + 20_000;
    while (slack.calls("views.open").length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(slack.calls("views.open")).toHaveLength(1);

    child.process.kill("SIGTERM");
    expect((await child.exited).code).toBe(0);
    // The process ran compiled JavaScript only: no tsx loader was asked for.
    expect(child.process.spawnargs).toEqual([process.execPath, "dist/main.js"]);
  }, 90_000);
});
