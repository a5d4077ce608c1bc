/**
 * The real entry point as a child process: SIGTERM lets a request in flight finish and exits 0
 * without a stack trace; a missing token stops the start with one line naming the variable.
 * With the outbox busy: SIGTERM hands unstarted rows back and nothing is posted twice; SIGKILL
 * right after Slack took a post leaves a row that the next instance finds in the DM's history.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import * as ids from "../../src/slack/ids.ts";
import { bookingValues } from "../slack/flow-helpers.ts";
import { botToken, signingSecret } from "../support/start-app.ts";
import { startInstance, waitUntil } from "./harness.ts";
import { exampleDatabase, exitWithin, stackTrace, startChildApp, startMain } from "../support/child-app.ts";

describe("the process", () => {
  let slack: FakeSlack;
  let database: { url: string; drop: () => Promise<void> };
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    slack = await startFakeSlack();
    database = await exampleDatabase("sparring_sigterm");
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await slack?.close();
    await database?.drop();
  });

  it("SIGTERM: the request in flight completes, exit code 0 within 10 s, no stack trace", async () => {
    const { child, api } = await startChildApp(slack, database.url);
    children.push(child.process);

    // Slack takes a second to open the modal: SIGTERM arrives while the command is being handled.
    slack.failNext("views.open", { delayMs: 1_000 });
    const ack = await api.slashCommand({ user: "U01CONTACT1", text: "" });
    expect(ack.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.calls("views.open")).toHaveLength(0); // still in flight
    const signalled = Date.now();
    child.process.kill("SIGTERM");
    const exit = await exitWithin(child, 10_000);

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

  /** The entry point on the test database, healthy; `book` submits a booking through its signed endpoint. */
  async function startHealthy() {
    const { child, api } = await startChildApp(slack, database.url);
    children.push(child.process);
    let views = 0;
    async function book(user: string, partnerSlackId: string, topic: string, question: string) {
      const db = await helperDb();
      const partner = await db.prisma.person.findUniqueOrThrow({ where: { slackId: partnerSlackId } });
      const viewId = `VPROC${process.pid}x${++views}x${Date.now()}`;
      // A fresh process answers its first submissions slowly ("try again" after the ack budget);
      // the same view again is the same booking (idempotency key).
      for (let attempt = 1; ; attempt++) {
        const answer = await api.viewSubmission({
          user,
          callbackId: ids.BOOKING_MODAL,
          values: bookingValues({ topics: [topic], partnerId: partner.id, question, times: "" }),
          viewId,
        });
        expect(answer.status).toBe(200);
        if (JSON.parse(answer.body).view?.callback_id === ids.BOOKING_SENT_MODAL) break;
        if (attempt === 4) throw new Error(`booking not sent: ${answer.body}\n${child.stdout().slice(-3000)}`);
      }
      return (await db.prisma.sessionRequest.findFirstOrThrow({ where: { question } })).id;
    }
    return { child, book };
  }

  let helper: Database | undefined;
  async function helperDb(): Promise<Database> {
    helper ??= await openDatabase({ databaseUrl: database.url, poolSize: 2 });
    return helper;
  }
  afterAll(async () => {
    await helper?.close();
  });
  const storedWith = (channel: string, requestId: string) => slack.messages(channel).filter((m) => JSON.stringify(m.blocks ?? "").includes(requestId));

  it("SIGKILL after Slack took a post but before it was recorded: the next instance finds it in the DM's history and does not post again", async () => {
    slack.reset();
    const { child, book } = await startHealthy();
    // Slack takes the post at once but answers late: the process dies while waiting for the answer.
    slack.failNext("chat.postMessage", { delayMs: 60_000 });
    const requestId = await book("U01CONTACT1", "U01PARTNER4", "surveys", "Wie fragen wir 2.000 Haushalte?");
    await slack.waitForArrival("chat.postMessage", (c) => c.args.channel === "DU01PARTNER4", 30_000);
    child.process.kill("SIGKILL");
    await child.exited;
    expect(storedWith("DU01PARTNER4", requestId)).toHaveLength(1);

    const db = await helperDb();
    const rows = await db.prisma.$queryRaw<Array<{ attempts: number; leased: boolean }>>`
      SELECT attempts, claim_token IS NOT NULL AS leased FROM outbox
      WHERE sent_at IS NULL AND payload->>'op' = 'partner_request' AND payload->>'requestId' = ${requestId}`;
    // The dead process still holds the row: sent by Slack, not recorded.
    expect(rows).toEqual([{ attempts: 1, leased: true }]);
    expect(await db.prisma.slackMessage.count({ where: { requestId } })).toBe(0);
    // Its 60-second lease runs out (played here instead of waited for).
    await db.prisma.$executeRaw`UPDATE outbox SET available_at = now() WHERE sent_at IS NULL AND claim_token IS NOT NULL`;

    const next = await startInstance({ slack, databaseUrl: database.url, importExample: false });
    try {
      await waitUntil(async () => (await db.prisma.outboxMessage.count({ where: { sentAt: null } })) === 0, 30_000, "the outbox delivered");
      await next.app.worker.drain();
      expect(slack.calls("conversations.history").filter((c) => c.args.channel === "DU01PARTNER4" && c.status === 200).length).toBeGreaterThan(0);
      expect(slack.arrivals("chat.postMessage").filter((c) => c.args.channel === "DU01PARTNER4")).toHaveLength(1);
      const stored = storedWith("DU01PARTNER4", requestId);
      expect(stored).toHaveLength(1);
      // Recorded with the found message's ts, so the accept/decline later updates that very message.
      expect((await db.prisma.slackMessage.findFirstOrThrow({ where: { requestId, purpose: "partner_request" } })).ts).toBe(stored[0]!.ts);
      expect(next.logs.join("")).toContain("found in the DM's history");
    } finally {
      await next.stop();
    }
  }, 120_000);

  it("SIGTERM while a post hangs: exit 0 within 10 s, the claimed rows not started handed back at once, the half-sent one not posted twice", async () => {
    slack.reset();
    const { child, book } = await startHealthy();
    // The first partner DM reaches Slack but its answer never comes back in time: it is in hand
    // when SIGTERM arrives, for longer than the grace period.
    slack.failNext("chat.postMessage", { delayMs: 30_000 });
    const bookings: Array<[string, string, string]> = [
      ["U01PARTNER2", "large-group-methods", "U01CONTACT1"],
      ["U01PARTNER3", "networking", "U01CONTACT2"],
      ["U01PARTNER4", "surveys", "U01CONTACT1"],
      ["U01PARTNER2", "random-selection", "U01CONTACT2"],
    ];
    const requests = await Promise.all(bookings.map(([partner, topic, user], i) => book(user, partner, topic, `Abschied ${i}: wie weiter?`)));
    const hanging = await slack.waitForArrival("chat.postMessage", () => true, 30_000);
    const db = await helperDb();
    // The hanging post's batch holds more rows (the Home republishes of its booking, maybe more
    // DMs) that the worker has not started.
    const claimedBefore = await db.prisma.outboxMessage.count({ where: { sentAt: null, claimToken: { not: null } } });
    expect(claimedBefore).toBeGreaterThan(1);
    const signalled = Date.now();
    child.process.kill("SIGTERM");
    const exit = await exitWithin(child, 10_000);
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(10_000);

    const left = await db.prisma.outboxMessage.findMany({ where: { sentAt: null } });
    const leased = left.filter((row) => row.claimToken !== null);
    // Only the half-sent row keeps its lease (its next holder must look for it first); every other
    // claimed row was handed back and is due at once.
    expect(leased.map((row) => String(row.id))).toEqual([String(hanging.args.metadata?.event_payload?.outbox_id)]);
    expect(left.length).toBeGreaterThan(1);
    expect(left.filter((row) => row.claimToken === null && row.availableAt.getTime() > Date.now())).toEqual([]);

    const next = await startInstance({ slack, databaseUrl: database.url, importExample: false });
    try {
      // Well inside the 60-second lease: everything but the half-sent row is delivered now.
      await waitUntil(async () => (await db.prisma.outboxMessage.count({ where: { sentAt: null } })) === 1, 30_000, "the handed-back rows delivered");
      // The half-sent row's lease runs out (played here instead of waited for).
      await db.prisma.$executeRaw`UPDATE outbox SET available_at = now() WHERE sent_at IS NULL`;
      next.app.worker.poke();
      await waitUntil(async () => (await db.prisma.outboxMessage.count({ where: { sentAt: null } })) === 0, 30_000, "the half-sent row settled");
      await next.app.worker.drain();
      for (const [i, requestId] of requests.entries()) {
        const partner = `D${bookings[i]![0]}`;
        expect(storedWith(partner, requestId), `request ${i}`).toHaveLength(1);
        expect(slack.arrivals("chat.postMessage").filter((c) => c.args.channel === partner && JSON.stringify(c.args.blocks).includes(requestId)), `request ${i}`).toHaveLength(1);
      }
      expect(next.logs.join("")).toContain("found in the DM's history");
      console.info(
        `[sigterm] post hanging: exit 0 after ${exit.at - signalled} ms; ${claimedBefore - 1} claimed rows handed back (${left.length - 1} left in all), ` +
          `the half-sent one kept its lease and was found in the DM later`,
      );
    } finally {
      await next.stop();
    }
  }, 120_000);

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
