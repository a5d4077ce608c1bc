/**
 * The real entry point in Socket Mode, as a child process: it connects through SLACK_API_URL (the
 * fake Web API hands out the fake socket's URL) and reports ready; a wrong or revoked app-level
 * token stops it at start with one line, no stack trace.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { startFakeSocketMode, type FakeSocketMode } from "../support/fake-socket-mode.ts";
import { appToken, botToken, signingSecret } from "../support/start-app.ts";
import { freePort, stackTrace, startMain, waitForStatus } from "../support/child-app.ts";

describe("the process in Socket Mode", () => {
  let slack: FakeSlack;
  let socket: FakeSocketMode;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    slack = await startFakeSlack();
    socket = await startFakeSocketMode();
    slack.useSocketMode(socket.url);
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await socket?.close();
    await slack?.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_APP_TOKEN: appToken,
    SLACK_API_URL: slack.apiUrl,
    DATA_DIR: "memory://",
    LOG_LEVEL: "info",
    ...extra,
  });

  it("connects through SLACK_API_URL with the app-level token and reports ready; SIGTERM exits 0", async () => {
    const port = await freePort();
    const child = startMain(env({ PORT: String(port) }));
    children.push(child.process);
    try {
      // A loaded 2-core machine takes a while to start a Node process with tsx.
      const until = Date.now() + 100_000;
      for (;;) {
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }), () => null);
        // Ready as soon as it starts (the 30 s grace); connected once Slack said hello.
        if (ready?.status === 200 && ready.body.slack === "up") {
          expect(ready.body).toMatchObject({ database: "up", slack: "up" });
          break;
        }
        if (Date.now() > until || child.process.exitCode !== null) throw new Error(`not ready:\n${child.stdout()}\n${child.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Once by the start-up check, once by the receiver; both at the fake, both with the xapp- token.
      const opened = slack.calls("apps.connections.open");
      expect(opened.length).toBeGreaterThanOrEqual(2);
      expect(opened.every((c) => c.token === appToken)).toBe(true);
      expect(socket.connectionCount()).toBeGreaterThanOrEqual(1);
      expect(child.stdout()).toMatch(/"mode":"socket"/);
    } finally {
      // Stopped here whatever happened: a child left running would take the next test's faults.
      child.process.kill("SIGTERM");
    }
    expect((await child.exited).code).toBe(0);
    expect(child.stderr()).not.toMatch(stackTrace);
  }, 150_000);

  it.each(["invalid_auth", "token_revoked"])("an app-level token Slack refuses (%s): exit 1 with one line saying so", async (error) => {
    slack.failNext("apps.connections.open", { error });
    const child = startMain(env());
    children.push(child.process);
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    const lines = child.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Start-up error: Slack refused SLACK_APP_TOKEN \\(${error}\\)`));
    expect(child.stdout()).not.toMatch(stackTrace);
    expect(child.stderr()).not.toMatch(stackTrace);
  }, 120_000);

  // token_revoked: the client would retry forever; invalid_auth: its reconnect would reject unhandled (a crash with a stack trace).
  it.each(["token_revoked", "invalid_auth"])("the app-level token refused while running (%s): the reconnect stops the process with one line, exit 1", async (error) => {
    const port = await freePort();
    const child = startMain(env({ PORT: String(port) }));
    children.push(child.process);
    try {
      await waitForStatus(child, `http://127.0.0.1:${port}/readyz`, 100_000);
      await socket.waitForConnections(1, 60_000);
      // Slack revokes the token, then recycles the connection: the client's reconnect asks
      // apps.connections.open for a new URL and is refused.
      slack.failFor("apps.connections.open", 90_000, { error });
      const opensBefore = slack.calls("apps.connections.open").length;
      socket.disconnect("refresh_requested");
      const exit = await Promise.race([
        child.exited,
        new Promise<null>((resolve) => setTimeout(resolve, 60_000, null).unref()),
      ]);
      if (!exit) throw new Error(`still running 60 s after the refused reconnect:\n${child.stdout()}\n${child.stderr()}`);
      expect(exit.code).toBe(1);
      expect(slack.calls("apps.connections.open").length).toBeGreaterThan(opensBefore);
      const lines = child.stderr().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(`Slack refused SLACK_APP_TOKEN (${error}) while reconnecting: stopping`);
      expect(child.stderr()).not.toMatch(stackTrace);
      expect(child.stdout()).not.toMatch(stackTrace);
      // It went through the ordinary shutdown (stop claiming, close the database), not a bare exit.
      expect(child.stdout()).toMatch(/"signal":"SLACK_APP_TOKEN refused".*"msg":"shutting down"/);
    } finally {
      if (child.process.exitCode === null) child.process.kill("SIGKILL");
      // The refusal window must not reach another test.
      slack.reset();
    }
  }, 200_000);
});
