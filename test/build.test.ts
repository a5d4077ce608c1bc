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
import { openDatabase } from "../src/db/client.ts";
import { parseDirectory } from "../src/directory/directory-schema.ts";
import { importDirectory } from "../src/db/import-directory.ts";
import { freePort, projectRoot, startChild, waitForStatus, type Child } from "./support/child-app.ts";
import { startFakeSlack, type FakeSlack } from "./support/fake-slack.ts";
import { createThrowawayDatabase } from "./support/postgres.ts";
import { slackRequests } from "./support/slack-requests.ts";
import { botToken, signingSecret } from "./support/start-app.ts";

describe("the compiled app (npm run build, node dist/main.js)", () => {
  let slack: FakeSlack;
  let database: { url: string; drop: () => Promise<void> };
  let child: Child | undefined;

  beforeAll(async () => {
    if (!existsSync(path.join(projectRoot, "dist/main.js"))) throw new Error("dist/main.js is missing: run `npm run build` (npm test does)");
    slack = await startFakeSlack();
    database = await createThrowawayDatabase("sparring_build");
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 1 });
    const parsed = parseDirectory(await readFile(new URL("../examples/programme.yaml", import.meta.url), "utf8"));
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    await importDirectory(db.prisma, parsed.directory, new Date());
    await db.close();
  }, 120_000);
  afterAll(async () => {
    if (child && child.process.exitCode === null) child.process.kill("SIGKILL");
    await slack?.close();
    await database?.drop();
  });

  it("starts without a TypeScript loader, opens the booking modal and exits 0 on SIGTERM", async () => {
    const packageJson = JSON.parse(await readFile(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(packageJson.scripts.start).toBe("node dist/main.js");

    const port = await freePort();
    child = startChild(["dist/main.js"], {
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_ID: "B0SPARRING",
      SLACK_BOT_USER_ID: "U0SPARRING",
      PORT: String(port),
      DATABASE_URL: database.url,
      LOG_LEVEL: "info",
      NODE_ENV: "production",
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForStatus(child, `${base}/healthz`);

    const api = slackRequests({ url: `${base}/slack/events`, signingSecret, responseUrl: () => slack.responseUrl() });
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
