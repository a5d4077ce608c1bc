/**
 * A lead's move racing the old partner's accept or a contact's cancel, on the real PostgreSQL
 * server. The compare-and-swap of `transitionRequest` must match the partner and municipality the
 * decision was taken on: otherwise an accept decided for the old partner commits a scheduled
 * session for the new partner with the old partner's link, and a contact of the old municipality
 * cancels a request that another municipality owns now.
 *
 * "Gated" rounds force the dangerous interleaving every time: the test holds the request's row
 * lock, lets both transactions read the request and queue on the row in a chosen order, then
 * releases it (PostgreSQL hands a row lock to its waiters in queue order). "Free" rounds start
 * both at once and check the same invariants for whatever interleaving happens.
 */
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { moveRequest } from "../../src/db/move-request.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { Result } from "../../src/domain/refusals.ts";
import type { SessionRequest } from "../../src/domain/types.ts";
import type { SparringService } from "../../src/domain/service.ts";
import { clearRequests, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";

const now = new Date("2026-03-09T10:00:00+01:00");
const clock = () => now;
const oldLink = "https://meet.example/old-partner";
const rounds = 12;
// Each round waits for transactions to queue on a lock: generous on a loaded 2-core machine.
const raceTimeout = 180_000;

let db: Database;
let url: string;
let drop: () => Promise<void>;
let seed: SeededProgramme;
let service: SparringService;
let counter = 0;
const key = () => `move-race-${++counter}`;

beforeAll(async () => {
  ({ url, drop } = await createThrowawayDatabase("sparring_move_race"));
  db = await openDatabase({ databaseUrl: url, poolSize: 8 });
  seed = await seedProgramme(db.prisma);
  service = createSparringService(db, clock);
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});
beforeEach(() => clearRequests(db.prisma));

async function freshRequest(): Promise<SessionRequest> {
  const result = await service.requestSession(seed.people.contact.slackId, {
    partnerId: seed.people.partner.id, topics: ["online-events"], question: "Wie planen wir?", preferredFormat: "video", preferredTimes: "",
  }, key());
  if (!result.ok) throw new Error(result.code);
  return result.value;
}

const accept = (requestId: string) => () =>
  service.acceptRequest(seed.people.partner.slackId, requestId, { start: new Date("2026-03-12T14:00:00+01:00"), format: "video", meetingLink: oldLink }, key());
const moveToOtherPartner = (requestId: string) => () =>
  moveRequest(db.prisma, clock, seed.people.lead.slackId, requestId, { partnerId: seed.people.assignedPartner.id, reason: "Vertretung" }, key());
const moveToOtherMunicipality = (requestId: string) => () =>
  moveRequest(db.prisma, clock, seed.people.lead.slackId, requestId, { municipalityKey: seed.municipalities.eligible2, reason: "falsche Kommune" }, key());
const cancelByOldContact = (requestId: string) => () => service.cancelRequest(seed.people.contact2.slackId, requestId, {}, key());

/** Backends of the test database waiting for a lock on an UPDATE of session_requests. */
async function waitingUpdates(admin: pg.Client): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE '%UPDATE%session_requests%'`,
  );
  return rows[0]!.n;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs `first` and `second` so that both have read the request before either writes it, and
 * `first` gets the row first: the gate holds the row lock until both queue behind it.
 */
async function gated<A, B>(requestId: string, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  const gate = new pg.Client({ connectionString: url });
  const watcher = new pg.Client({ connectionString: url });
  await Promise.all([gate.connect(), watcher.connect()]);
  try {
    await gate.query("BEGIN");
    await gate.query("SELECT 1 FROM session_requests WHERE id = $1 FOR UPDATE", [requestId]);
    const a = first();
    await until(async () => (await waitingUpdates(watcher)) >= 1, "the first transaction to queue on the row");
    const b = second();
    await until(async () => (await waitingUpdates(watcher)) >= 2, "the second transaction to queue on the row");
    await gate.query("COMMIT");
    return [await a, await b];
  } finally {
    await gate.query("ROLLBACK").catch(() => undefined);
    await Promise.all([gate.end(), watcher.end()]);
  }
}

const codeOf = (r: Result<unknown>) => (r.ok ? "ok" : r.code);
const row = (id: string) => db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } });
const eventsOf = (id: string) => db.prisma.requestEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });

/** Move vs accept: exactly one wins, and no session ever pairs the new partner with the old partner's link. */
async function checkMoveVsAccept(requestId: string, moved: Result<SessionRequest>, accepted: Result<SessionRequest>): Promise<void> {
  expect([codeOf(moved), codeOf(accepted)].filter((c) => c === "ok")).toHaveLength(1);
  const final = await row(requestId);
  const events = await eventsOf(requestId);
  expect(events).toHaveLength(2);
  if (moved.ok) {
    // The accept was decided for the old partner: the request is no longer theirs.
    expect(accepted).toEqual({ ok: false, code: "forbidden", action: "accept" });
    expect(final).toMatchObject({ state: "requested", partnerId: seed.people.assignedPartner.id, meetingLink: null, scheduledStart: null });
    expect(events[1]).toMatchObject({ fromState: "requested", toState: "requested", reason: "Vertretung" });
  } else {
    expect(moved).toEqual({ ok: false, code: "illegal_transition", from: "scheduled", action: "move" });
    expect(final).toMatchObject({ state: "scheduled", partnerId: seed.people.partner.id, meetingLink: oldLink });
    expect(events[1]).toMatchObject({ fromState: "requested", toState: "scheduled" });
  }
  expect(final.partnerId === seed.people.assignedPartner.id && final.meetingLink === oldLink).toBe(false);
  // One notice per change: the booking and the winner.
  expect(await db.prisma.outboxMessage.count({ where: { payload: { path: ["requestId"], equals: requestId } } })).toBe(2);
}

/** Move to another municipality vs a cancel by a contact of the old one: never both. */
async function checkMoveVsCancel(requestId: string, moved: Result<SessionRequest>, cancelled: Result<SessionRequest>): Promise<void> {
  expect([codeOf(moved), codeOf(cancelled)].filter((c) => c === "ok")).toHaveLength(1);
  const final = await row(requestId);
  expect(await eventsOf(requestId)).toHaveLength(2);
  if (moved.ok) {
    // Ulm's contact decided on an Ulm request; it belongs to Konstanz now, whose contacts may cancel it.
    expect(cancelled).toEqual({ ok: false, code: "forbidden", action: "cancel" });
    expect(final).toMatchObject({ state: "requested", municipalityKey: seed.municipalities.eligible2 });
  } else {
    expect(moved).toEqual({ ok: false, code: "illegal_transition", from: "cancelled", action: "move" });
    expect(final).toMatchObject({ state: "cancelled", municipalityKey: seed.municipalities.eligible });
  }
  expect(await service.quotaOf(seed.municipalities.eligible2)).toMatchObject({ used: moved.ok ? 1 : 0 });
}

describe("a lead's move racing the old partner's accept (PostgreSQL)", () => {
  it(`move first, accept queued behind it: the accept is refused, ${rounds} times`, async () => {
    for (let round = 0; round < rounds; round++) {
      await clearRequests(db.prisma);
      const request = await freshRequest();
      const [moved, accepted] = await gated(request.id, moveToOtherPartner(request.id), accept(request.id));
      expect(moved.ok).toBe(true);
      await checkMoveVsAccept(request.id, moved, accepted);
    }
  }, raceTimeout);

  it(`accept first, move queued behind it: the move is refused, ${rounds} times`, async () => {
    for (let round = 0; round < rounds; round++) {
      await clearRequests(db.prisma);
      const request = await freshRequest();
      const [accepted, moved] = await gated(request.id, accept(request.id), moveToOtherPartner(request.id));
      expect(accepted.ok).toBe(true);
      await checkMoveVsAccept(request.id, moved, accepted);
    }
  }, raceTimeout);

  it(`started at once, whatever the order: exactly one wins, ${rounds * 2} times`, async () => {
    for (let round = 0; round < rounds * 2; round++) {
      await clearRequests(db.prisma);
      const request = await freshRequest();
      const [moved, accepted] = await Promise.all([moveToOtherPartner(request.id)(), accept(request.id)()]);
      await checkMoveVsAccept(request.id, moved, accepted);
    }
  }, raceTimeout);
});

describe("a lead's move to another municipality racing a cancel by the old municipality's contact (PostgreSQL)", () => {
  it(`move first, cancel queued behind it: the cancel is refused, ${rounds} times`, async () => {
    for (let round = 0; round < rounds; round++) {
      await clearRequests(db.prisma);
      const request = await freshRequest();
      const [moved, cancelled] = await gated(request.id, moveToOtherMunicipality(request.id), cancelByOldContact(request.id));
      expect(moved.ok).toBe(true);
      await checkMoveVsCancel(request.id, moved, cancelled);
    }
  }, raceTimeout);

  it(`cancel first, move queued behind it: the move is refused, ${rounds} times`, async () => {
    for (let round = 0; round < rounds; round++) {
      await clearRequests(db.prisma);
      const request = await freshRequest();
      const [cancelled, moved] = await gated(request.id, cancelByOldContact(request.id), moveToOtherMunicipality(request.id));
      expect(cancelled.ok).toBe(true);
      await checkMoveVsCancel(request.id, moved, cancelled);
    }
  }, raceTimeout);

  it(`started at once, whatever the order: exactly one wins, ${rounds * 2} times`, async () => {
    for (let round = 0; round < rounds * 2; round++) {
      await clearRequests(db.prisma);
      const request = await freshRequest();
      const [moved, cancelled] = await Promise.all([moveToOtherMunicipality(request.id)(), cancelByOldContact(request.id)()]);
      await checkMoveVsCancel(request.id, moved, cancelled);
    }
  }, raceTimeout);
});
