/**
 * The real entry point as a child process: SIGTERM lets a request in flight finish and exits 0
 * without a stack trace; a missing token stops the start with one line naming the variable.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { parseDirectory } from "../../src/directory/directory-schema.ts";
import { importDirectory } from "../../src/directory/import-directory.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { slackRequests } from "../support/slack-requests.ts";
import { botToken, signingSecret } from "../support/start-app.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function startMain(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk) => (out += String(chunk)));
  child.stderr!.on("data", (chunk) => (err += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

const stackTrace = /^\s+at .+\(.+:\d+:\d+\)|^\s+at .+:\d+:\d+$/m;

describe("the process", () => {
  let slack: FakeSlack;
  let database: { url: string; drop: () => Promise<void> };
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    database = await createThrowawayDatabase("sparring_sigterm");
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 1 });
    const parsed = parseDirectory(await readFile(new URL("../../examples/programme.yaml", import.meta.url), "utf8"));
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    await importDirectory(db.prisma, parsed.directory, new Date());
    await db.close();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await slack?.close();
    await database?.drop();
  });

  it("SIGTERM: the request in flight completes, exit code 0 within 10 s, no stack trace", async () => {
    const port = await freePort();
    const child = startMain({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_ID: "B0SPARRING",
      SLACK_BOT_USER_ID: "U0SPARRING",
      PORT: String(port),
      DATABASE_URL: database.url,
      LOG_LEVEL: "info",
    });
    children.push(child.process);
    const base = `http://127.0.0.1:${port}`;
    const until = Date.now() + 30_000;
    for (;;) {
      const status = await fetch(`${base}/healthz`).then((r) => r.status, () => 0);
      if (status === 200) break;
      if (Date.now() > until || child.process.exitCode !== null) throw new Error(`the app did not become healthy:\n${child.stdout()}\n${child.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Slack takes a second to open the modal: SIGTERM arrives while the command is being handled.
    slack.failNext("views.open", { delayMs: 1_000 });
    const api = slackRequests({ url: `${base}/slack/events`, signingSecret, responseUrl: () => slack.responseUrl() });
    const ack = await api.slashCommand({ user: "U01CONTACT1", text: "" });
    expect(ack.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls("views.open")).toHaveLength(0); // still in flight
    const signalled = Date.now();
    child.process.kill("SIGTERM");
    const exit = await Promise.race([
      child.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit within 10 s:\n${child.stdout()}`)), 10_000)),
    ]);

    expect(exit.code).toBe(0);
    const opened = slack.calls("views.open");
    expect(opened).toHaveLength(1);
    expect(opened[0]!.status).toBe(200);
    expect(opened[0]!.at).toBeLessThanOrEqual(exit.at);
    expect(child.stdout()).toMatch(/shutting down/);
    expect(child.stdout()).not.toMatch(stackTrace);
    expect(child.stderr()).not.toMatch(stackTrace);
    console.info(`[sigterm] exit 0 after ${exit.at - signalled} ms; views.open completed ${opened[0]!.at - signalled} ms after SIGTERM`);
  });

  it("a missing SLACK_BOT_TOKEN: exit 1 with one line naming the variable", async () => {
    const child = startMain({ SLACK_SIGNING_SECRET: signingSecret, DATA_DIR: "memory://" });
    children.push(child.process);
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    const lines = child.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("SLACK_BOT_TOKEN");
    expect(child.stderr()).not.toMatch(stackTrace);
    expect(child.stdout().trim()).toBe("");
  });

  it("a bot token Slack refuses: exit 1 with one line saying so, no stack trace", async () => {
    slack.failNext("auth.test", { error: "invalid_auth" });
    const child = startMain({
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: "memory://",
    });
    children.push(child.process);
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    const lines = child.stderr().trim().split("\n");
    expect(lines).toEqual(["Start-up error: Slack refused SLACK_BOT_TOKEN (invalid_auth)"]);
    expect(child.stdout()).not.toMatch(stackTrace);
  });
});
