/**
 * Slack fails (500, 429 + Retry-After, time-outs) for a while and recovers: every notification
 * arrives, none twice; across a restart too. The booking never depends on Slack.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pendingOutboxCount } from "../../src/db/outbox-queue.ts";
import * as ids from "../../src/slack/ids.ts";
import { clearRequests } from "../support/fixtures.ts";
import { startFakeSlack, type FakeSlack, type Fault, type RecordedCall } from "../support/fake-slack.ts";
import { isCalendarPost } from "../slack/flow-helpers.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { deliveredCounts, startInstance, waitUntil, type Instance } from "./harness.ts";

const methods = ["chat.postMessage", "conversations.open", "views.publish", "chat.update"] as const;
/** The calendar file's upload (filesUploadV2): a failure at either end retries the whole upload. */
const fileMethods = ["files.getUploadURLExternal", "files.completeUploadExternal"] as const;
/** What a booking calls: DMs go to the user id or the stored DM channel, no conversations.open. */
const bookingMethods = ["chat.postMessage", "views.publish"] as const;
const appOptions = { slackTimeoutMs: 300, outboxBackoffBaseMs: 50 };
const survey = { question: "Wie befragen wir die Bürgerschaft?", times: "vormittags" };

describe("Slack fails, then recovers", () => {
  let slack: FakeSlack;
  let database: { url: string; drop: () => Promise<void> };
  let app: Instance;
  const partnerIds: Record<string, string> = {};

  beforeAll(async () => {
    slack = await startFakeSlack();
    database = await createThrowawayDatabase("sparring_faults");
    app = await startInstance({ slack, databaseUrl: database.url, app: appOptions });
    for (const slackId of ["U01PARTNER2", "U01PARTNER3", "U01PARTNER4"]) {
      partnerIds[slackId] = (await app.db.prisma.person.findUniqueOrThrow({ where: { slackId } })).id;
    }
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await app.app.worker.drain();
    await clearRequests(app.db.prisma);
    slack.reset();
  });

  /** Every method: `fault` for the window [from, to) ms from now (the fake takes the first live window). */
  function failAll(windows: Array<{ ms: number; fault: Fault }>, only: readonly string[] = methods) {
    for (const { ms, fault } of windows) for (const method of only) slack.failFor(method, ms, fault);
  }
  /** Each method: the next call answers 500, the one after 429 with Retry-After: 1. */
  function failFirst(only: readonly string[]) {
    for (const method of only) {
      slack.failNext(method, { status: 500 });
      slack.failNext(method, { status: 429, retryAfter: 1 });
    }
  }
  const delivered = (method: string, match: (args: Record<string, any>) => boolean) =>
    slack.calls(method).filter((c) => c.status === 200 && match(c.args));
  const settled = () => pendingOutboxCount(app.db.prisma).then((n) => n === 0);

  // Each test books a different partner: the first post to each goes to the user id.
  const topicOf: Record<string, string> = { U01PARTNER2: "large-group-methods", U01PARTNER3: "networking", U01PARTNER4: "surveys" };
  async function bookAndWait(user: string, partner: string) {
    const answer = await app.book(user, { ...survey, topics: [topicOf[partner]!], partnerId: partnerIds[partner]! });
    // The request is stored and the modal answered although Slack is failing.
    expect(answer.status).toBe(200);
    expect(answer.json?.view?.callback_id).toBe(ids.BOOKING_SENT_MODAL);
    const request = await app.db.prisma.sessionRequest.findFirstOrThrow({ where: { requester: { slackId: user } } });
    expect(request.state).toBe("requested");
    return request.id;
  }

  function expectExactlyOnce(keys: string[]) {
    const counts = deliveredCounts(slack.calls());
    const twice = [...counts].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    for (const key of keys) expect(counts.get(key), key).toBe(1);
  }

  it("500s and 429 + Retry-After on every method: each DM, update and Home publish arrives exactly once", async () => {
    // Every method's first calls fail, whenever they come (the machine may be slow), plus a window
    // in which everything fails.
    failFirst(methods);
    failAll([{ ms: 1_000, fault: { status: 500 } }]);
    const started = Date.now();
    const requestId = await bookAndWait("U01CONTACT1", "U01PARTNER4");
    const recovered = await waitUntil(
      async () =>
        delivered("chat.postMessage", (a) => a.channel === "DU01PARTNER4").length > 0 &&
        ["U01CONTACT1", "U01CONTACT2", "U01PARTNER4"].every((u) => delivered("views.publish", (a) => a.user_id === u).length > 0) &&
        (await settled()),
      20_000,
      "the booking's notifications",
    );
    // The faults really happened, on the methods the booking uses.
    for (const method of bookingMethods) {
      expect(slack.calls(method).map((c) => c.status), method).toEqual(expect.arrayContaining([500, 429, 200]));
    }
    const partnerDm = delivered("chat.postMessage", (a) => a.channel === "DU01PARTNER4");
    expect(partnerDm).toHaveLength(1);
    expect(JSON.stringify(partnerDm[0]!.args.blocks)).toContain(requestId);
    expectExactlyOnce([`publish U01CONTACT1`, `publish U01CONTACT2`, `publish U01PARTNER4`]);
    console.info(`[faults] 500/429: all booking notifications delivered ${recovered} ms after the booking's ack (${Date.now() - started} ms in all)`);

    // The partner accepts while Slack fails again: the DM is updated in place, the requester hears once,
    // and each side gets its calendar file (and the DM that comes with it) once.
    slack.reset();
    failFirst([...methods, ...fileMethods]);
    failAll([{ ms: 1_000, fault: { status: 500 } }]);
    const accepted = await app.accept("U01PARTNER4", requestId, { start: new Date(Date.now() + 3 * 86_400_000), format: "video", link: "https://meet.example.org/x" });
    expect(accepted.status).toBe(200);
    expect((await app.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("scheduled");
    await waitUntil(
      async () =>
        delivered("chat.update", (a) => a.channel === "DU01PARTNER4").length > 0 &&
        delivered("chat.postMessage", (a) => a.channel === "DU01CONTACT1").length > 0 &&
        ["DU01CONTACT1", "DU01PARTNER4"].every((c) => delivered("files.completeUploadExternal", (a) => a.channel_id === c).length > 0) &&
        (await settled()),
      20_000,
      "the acceptance's notifications",
    );
    for (const method of fileMethods) expect(slack.calls(method).map((c) => c.status), method).toEqual(expect.arrayContaining([500, 429, 200]));
    expect(slack.calls("chat.update").map((c) => c.status)).toEqual(expect.arrayContaining([500, 429, 200]));
    expect(delivered("chat.update", (a) => a.channel === "DU01PARTNER4")).toHaveLength(1);
    const calendar = (args: Record<string, any>) => isCalendarPost({ args } as RecordedCall);
    expect(delivered("chat.postMessage", (a) => a.channel === "DU01CONTACT1" && !calendar(a))).toHaveLength(1);
    expect(delivered("chat.postMessage", (a) => a.channel === "DU01PARTNER4" && !calendar(a))).toHaveLength(0); // updated, not re-posted
    for (const channel of ["DU01CONTACT1", "DU01PARTNER4"]) {
      expect(delivered("chat.postMessage", (a) => a.channel === channel && calendar(a)), channel).toHaveLength(1);
      expect(delivered("files.completeUploadExternal", (a) => a.channel_id === channel), channel).toHaveLength(1);
    }
    expectExactlyOnce([`publish U01CONTACT1`, `publish U01CONTACT2`, `publish U01PARTNER4`]);
  });

  it("time-outs: every notification arrives; Slack sees a repeat only of a call the app had given up on", async () => {
    // Slack answers after 1 s, the background client gives up after 300 ms: ambiguous failures.
    const windowMs = 1_500;
    failAll([{ ms: windowMs, fault: { delayMs: 1_000 } }]);
    const windowEnds = Date.now() + windowMs;
    await bookAndWait("U01CONTACT2", "U01PARTNER2");
    await waitUntil(
      async () =>
        delivered("chat.postMessage", (a) => a.channel === "DU01PARTNER2").length > 0 &&
        ["U01CONTACT1", "U01CONTACT2", "U01PARTNER2"].every((u) => delivered("views.publish", (a) => a.user_id === u).length > 0) &&
        (await settled()),
      20_000,
      "the booking's notifications",
    );
    // Give late answers to timed-out calls time to land, then count.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const calls = slack.calls().filter((c) => c.status === 200 && (methods as readonly string[]).includes(c.method));
    const slow = calls.filter((c) => c.at - 1_000 < windowEnds); // arrived inside the window: the app timed out
    const afterWindow = deliveredCounts(calls.filter((c) => c.at - 1_000 >= windowEnds));
    // Once Slack answers in time, each delivery is made exactly once.
    expect([...afterWindow].filter(([, n]) => n > 1)).toEqual([]);
    const all = deliveredCounts(calls);
    const partnerPosts = [...all].filter(([key]) => key.startsWith("post DU01PARTNER2")).reduce((s, [, n]) => s + n, 0);
    console.info(
      `[faults] time-outs: ${slow.length} calls reached Slack but timed out in the app; partner DM posted ${partnerPosts}x; ` +
        `per key: ${JSON.stringify(Object.fromEntries(all))}`,
    );
    expect(partnerPosts).toBeGreaterThanOrEqual(1);
    // A repeat happens only for a call whose answer the app never saw (at-least-once for ambiguous time-outs).
    for (const [key, n] of all) {
      const timedOut = slow.filter((c) => deliveredCounts([c]).has(key)).length;
      expect(n, key).toBeLessThanOrEqual(timedOut + 1);
    }
  });

  it("restart while deliveries are pending: the next instance delivers each of them exactly once", async () => {
    // The DM post fails slowly (past the time-out, refused: nothing is posted), so the stop lands
    // mid-pass; the rest answers 500: nothing can be delivered.
    slack.setLatency("chat.postMessage", 600);
    for (const method of ["chat.postMessage", "views.publish", "chat.update"]) slack.failFor(method, 60_000, { status: 500 });
    const requestId = await bookAndWait("U01CONTACT1", "U01PARTNER3");
    await waitUntil(() => slack.calls("views.publish").length >= 3 && slack.arrivals("chat.postMessage").length >= 1, 10_000, "failing attempts").catch((e) => {
      console.info(slack.calls().map((c) => `${c.method} ${c.status}`), app.logs.slice(-20).join(""));
      throw e;
    });
    await app.stop();
    const pending = await (async () => {
      const db = await (await import("../../src/db/client.ts")).openDatabase({ databaseUrl: database.url, poolSize: 1 });
      try {
        return await pendingOutboxCount(db.prisma);
      } finally {
        await db.close();
      }
    })();
    expect(pending).toBeGreaterThan(0);

    slack.reset(); // Slack works again; forget the failed attempts
    const restarted = Date.now();
    app = await startInstance({ slack, databaseUrl: database.url, importExample: false, app: appOptions });
    const took = await waitUntil(
      async () =>
        delivered("chat.postMessage", (a) => a.channel === "DU01PARTNER3").length > 0 &&
        ["U01CONTACT1", "U01CONTACT2", "U01PARTNER3"].every((u) => delivered("views.publish", (a) => a.user_id === u).length > 0) &&
        (await settled()),
      15_000,
      "delivery after the restart",
    );
    await app.app.worker.drain();
    // Late answers of the first instance's abandoned calls are refusals (500): deliveredCounts skips them.
    const counts = deliveredCounts(slack.calls());
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(delivered("chat.postMessage", (a) => a.channel === "DU01PARTNER3" && JSON.stringify(a.blocks).includes(requestId))).toHaveLength(1);
    for (const user of ["U01CONTACT1", "U01CONTACT2", "U01PARTNER3"]) expect(counts.get(`publish ${user}`), user).toBe(1);
    console.info(`[faults] restart: ${pending} pending deliveries made by the new instance ${took} ms after it started (${Date.now() - restarted} ms incl. start)`);
  });
});
