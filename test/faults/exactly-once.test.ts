/**
 * Exactly-once delivery with two app instances on one PostgreSQL database and a Slack that is slow
 * and fails: leases with a fencing token, and a post that timed out (Slack posted it, the app never
 * saw the answer) found again in the DM's history instead of being posted twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { outboxEventType } from "../../src/slack/notifications/posted-lookup.ts";
import { startFakeSlack, type FakeSlack } from "../support/fake-slack.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { settleAll } from "../support/start-app.ts";
import { startInstance, waitUntil, type Instance, type InstanceOptions } from "./harness.ts";

/** The three partners the bookings go to, with a topic each offers. */
const partners = [
  { slackId: "U01PARTNER4", topic: "surveys" },
  { slackId: "U01PARTNER2", topic: "large-group-methods" },
  { slackId: "U01PARTNER3", topic: "networking" },
] as const;

interface Setup {
  slack: FakeSlack;
  database: { url: string; drop: () => Promise<void> };
  a: Instance;
  b: Instance;
  personId: Record<string, string>;
}

async function twoInstances(prefix: string, app: InstanceOptions["app"], appB: InstanceOptions["app"] = app): Promise<Setup> {
  const slack = await startFakeSlack();
  const database = await createThrowawayDatabase(prefix);
  const a = await startInstance({ slack, databaseUrl: database.url, app });
  const b = await startInstance({ slack, databaseUrl: database.url, app: appB, importExample: false });
  // Enough units for every booking: this is about delivery, not quotas.
  await a.db.prisma.programme.updateMany({ data: { quotaUnits: 10_000, assignedQuotaUnits: 10_000 } });
  const personId: Record<string, string> = {};
  for (const p of await a.db.prisma.person.findMany({ where: { slackId: { not: null } } })) personId[p.slackId!] = p.id;
  return { slack, database, a, b, personId };
}

async function tearDown(setup: Setup | undefined): Promise<void> {
  if (!setup) return;
  await setup.a.stop();
  await setup.b.stop();
  await setup.slack.close();
  await setup.database.drop();
}

/**
 * Books `count` requests through the signed endpoint, alternating instances, `parallel` at a time.
 * A booking that was not acked in time (a loaded machine) is submitted again with the same view:
 * the idempotency key makes that the same booking.
 */
async function book(setup: Setup, count: number, parallel: number, via?: "a"): Promise<void> {
  let next = 0;
  const one = async (i: number) => {
    const partner = partners[i % partners.length]!;
    const user = i % 2 === 0 ? "U01CONTACT1" : "U01CONTACT2";
    const viewId = `VONCE${i}x${Date.now()}`;
    for (let attempt = 0; ; attempt++) {
      const answer = await (i % 2 === 0 || via === "a" ? setup.a : setup.b).book(
        user,
        { topics: [partner.topic], partnerId: setup.personId[partner.slackId]!, question: `Frage Nummer ${i}`, times: "" },
        viewId,
      );
      if (answer.json?.view?.callback_id === ids.BOOKING_SENT_MODAL) return;
      if (attempt >= 3) throw new Error(`booking ${i} not sent: ${answer.status} ${JSON.stringify(answer.json)}`);
    }
  };
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) await one(next++);
    }),
  );
}

/** Per request: the messages Slack holds in its partner's DM, and the posts Slack answered 200. */
async function partnerDms(setup: Setup) {
  const requests = await setup.a.db.prisma.sessionRequest.findMany({ include: { partner: true } });
  return requests.map((request) => {
    const channel = `D${request.partner.slackId}`;
    const names = (blocks: unknown) => JSON.stringify(blocks ?? "").includes(request.id);
    return {
      id: request.id,
      stored: setup.slack.messages(channel).filter((m) => names(m.blocks)),
      answered: setup.slack.calls("chat.postMessage").filter((c) => c.status === 200 && c.args.channel === channel && names(c.args.blocks)),
    };
  });
}

const logged = (setup: Setup, message: string) => [...setup.a.logs, ...setup.b.logs].filter((line) => line.includes(message)).length;

describe("exactly once: 200 bookings, two instances, Slack with latency and faults", () => {
  let setup: Setup | undefined;
  // Short leases (the default is 60 s) so that batches outlast them and the instances take rows
  // over from each other all the time; the time-out stays below the lease.
  const app = { outboxLeaseMs: 3_000, slackTimeoutMs: 600, outboxBackoffBaseMs: 50 };

  beforeAll(async () => {
    setup = await twoInstances("sparring_once", app);
  });
  afterAll(() => tearDown(setup));

  it("every partner DM exactly once, also for posts Slack made but the app timed out on", async () => {
    const s = setup!;
    s.slack.setLatency("*", [1, 15]);
    s.slack.setLatency("chat.postMessage", [10, 60]);
    // The first partner DMs: posted but answered after the time-out (the ambiguous case), refused
    // with 500 and 429 + Retry-After, and one failing history look-up.
    for (const fault of [{ delayMs: 900 }, { status: 500 }, { delayMs: 900 }, { status: 429, retryAfter: 1 }, { delayMs: 900 }, { status: 503 }]) {
      s.slack.failNext("chat.postMessage", fault);
    }
    s.slack.failNext("conversations.history", { status: 500 });
    s.slack.failNext("views.publish", { status: 429, retryAfter: 1 });

    const started = Date.now();
    await book(s, 200, 4);
    const booked = Date.now() - started;
    await settleAll([s.a, s.b], 180_000);
    const settled = Date.now() - started;

    const dms = await partnerDms(s);
    expect(dms).toHaveLength(200);
    expect(dms.filter((d) => d.stored.length !== 1).map((d) => `${d.id}: ${d.stored.length}`)).toEqual([]);
    expect(dms.filter((d) => d.answered.length !== 1).map((d) => `${d.id}: ${d.answered.length}`)).toEqual([]);
    // Each stored DM names its outbox row in the message metadata.
    for (const d of dms) expect(d.stored[0]!.metadata?.event_type).toBe(outboxEventType);
    // The time-outs really happened, and their retries found the post in the history.
    expect(s.slack.calls("conversations.history").length).toBeGreaterThan(0);
    expect(logged(s, "found in the DM's history")).toBeGreaterThanOrEqual(3);
    // Every partner_request row is recorded with the ts of the one message (later updates edit it).
    const records = await s.a.db.prisma.slackMessage.findMany({ where: { purpose: "partner_request" } });
    expect(records).toHaveLength(200);
    for (const d of dms) expect(records.find((r) => r.requestId === d.id)?.ts).toBe(d.stored[0]!.ts);
    console.info(
      `[exactly-once] 200 bookings in ${booked} ms, all delivered after ${settled} ms; ` +
        `${s.slack.arrivals("chat.postMessage").length} posts reached Slack (200 DMs + refused ones), ` +
        `${s.slack.calls("conversations.history").length} history look-ups, ${logged(s, "found in the DM's history")} found, ` +
        `${logged(s, "taken over by another worker")} rows taken over before they were started, ${logged(s, "outbox lease lost")} in hand`,
    );
  }, 300_000);
});

describe("exactly once: Slack answers every post in 3.3 s, the lease is shorter than a batch", () => {
  let setup: Setup | undefined;
  // The situation, scaled: a batch of rows sent one by one at 3.3 s each outlasts a 5 s
  // lease (in production: 20 rows × 3.3 s against 60 s). The time-out stays below the lease.
  // One lane per instance: with parallel lanes a batch no longer outlasts its lease, and the
  // take-over this test is about would not arise.
  const app = { outboxLeaseMs: 5_000, slackTimeoutMs: 4_500, outboxBackoffBaseMs: 50, outboxLanes: 1 };

  beforeAll(async () => {
    // B's worker runs only when the test pokes it (no timer, no bookings through B): it is poked
    // once A holds rows whose lease has lapsed, so the take-over happens on every run.
    setup = await twoInstances("sparring_slow", app, { ...app, outboxIntervalMs: 3_600_000 });
  });
  afterAll(() => tearDown(setup));

  it("two workers take lapsed rows over from each other and deliver no row twice", async () => {
    const s = setup!;
    s.slack.setLatency("chat.postMessage", 3_300);
    // Twelve bookings at once: while the first posts take 3.3 s the others commit, and each
    // worker's next claim takes several partner DMs in one batch.
    await book(s, 12, 12, "a");
    // A (one lane) claims notices in batches of 5 and sends their posts at 3.3 s each: the rows of
    // a batch it has not started lapse after 5 s. Once two have, B claims them.
    const lapsed = async () =>
      Number((await s.a.db.prisma.$queryRaw<Array<{ n: bigint }>>`
        SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND claim_token IS NOT NULL AND available_at < now()`)[0]!.n);
    await waitUntil(async () => (await lapsed()) >= 2, 60_000, "rows A holds past their lease");
    s.b.app.worker.poke();
    await settleAll([s.a, s.b], 150_000);
    const dms = await partnerDms(s);
    expect(dms).toHaveLength(12);
    expect(dms.filter((d) => d.stored.length !== 1).map((d) => `${d.id}: ${d.stored.length}`)).toEqual([]);
    expect(dms.filter((d) => d.answered.length !== 1).map((d) => `${d.id}: ${d.answered.length}`)).toEqual([]);
    // Every post arrived once: no second worker re-sent a row in flight.
    expect(s.slack.arrivals("chat.postMessage")).toHaveLength(12);
    // The situation really arose: rows whose lease lapsed while earlier ones were sent went to the other worker.
    expect(logged(s, "taken over by another worker")).toBeGreaterThan(0);
    console.info(
      `[exactly-once] 3.3 s posts: ${logged(s, "taken over by another worker")} rows taken over before they were started, ` +
        `${logged(s, "outbox lease lost")} in hand, ${s.slack.calls("conversations.history").length} history look-ups`,
    );
  }, 180_000);
});
