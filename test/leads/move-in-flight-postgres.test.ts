/**
 * End to end on PostgreSQL: a lead moves a request to another partner while the old partner's DM
 * has been posted but not yet recorded in slack_messages (the move re-keys only recorded DMs).
 * The test holds the recording back deterministically: an uncommitted row with the same key
 * makes the worker's insert wait, while the move (which cannot see that row) commits.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { input } from "../support/slack-requests.ts";
import { buttonsOf, eventually, mutableClock, startFlow, textOf, type Flow, withoutCalendar } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");

describe("leads: a move while the old partner's DM is on its way (PostgreSQL)", () => {
  let flow: Flow;
  let throwaway: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    throwaway = await createThrowawayDatabase("sparring_move_e2e");
    flow = await startFlow({ clock, databaseUrl: throwaway.url });
  });
  afterAll(async () => {
    await flow?.stop();
    await throwaway?.drop();
  });

  const postsTo = (user: string) => withoutCalendar(flow.slack.calls("chat.postMessage")).filter((c) => c.args.channel === `D${user}`);
  const shown = (call: { args: Record<string, any> }) => `${call.args.text}\n${textOf(call.args.blocks)}`;

  it("the DM recorded after the move is handed over too; the new partner gets a fresh DM with buttons", async () => {
    const [requester, oldPartner, newPartner] = (await Promise.all(["U01CONTACT3", "U01PARTNER4", "U01PARTNER2"].map((s) => flow.personId(s)))) as [string, string, string];
    const request = await flow.db.prisma.sessionRequest.create({
      data: {
        municipalityKey: "beispielheim", requesterId: requester, partnerId: oldPartner, topics: ["surveys"], question: "Wie befragen wir?",
        preferredFormat: "video", countsAssigned: false, state: "requested",
      },
    });
    const gate = new pg.Client({ connectionString: throwaway.url });
    await gate.connect();
    try {
      await gate.query("BEGIN");
      await gate.query("INSERT INTO slack_messages (request_id, purpose, channel, ts) VALUES ($1, 'partner_request', 'GATE', '0')", [request.id]);
      // The booking's notice: the worker posts the old partner's DM, then waits to record it.
      await flow.db.prisma.outboxMessage.create({ data: { kind: "request", payload: { kind: "request", event: "requested", requestId: request.id, actorId: requester } } });
      await flow.slack.waitFor("chat.postMessage", (c) => c.args.channel === "DU01PARTNER4", 20_000);

      await flow.slackApi.slashCommand({ user: "U01LEAD0001", text: `korrektur ${request.id}` });
      await flow.slack.waitFor("views.open", (c) => c.args.view.callback_id === ids.CORRECTION_MODAL);
      const response = await flow.slackApi.viewSubmission({
        user: "U01LEAD0001",
        callbackId: ids.CORRECTION_MODAL,
        privateMetadata: request.id,
        viewId: "VINFLIGHT1",
        values: {
          [ids.CORRECTION_ACTION_BLOCK]: { [ids.CORRECTION_ACTION]: input.radio("move") },
          [ids.CORRECTION_MUNICIPALITY_BLOCK]: { [ids.CORRECTION_MUNICIPALITY]: input.externalSelect(null) },
          [ids.CORRECTION_PARTNER_BLOCK]: { [ids.CORRECTION_PARTNER]: input.externalSelect(newPartner) },
          [ids.CORRECTION_REASON_BLOCK]: { [ids.CORRECTION_REASON]: input.text("Vertretung") },
        },
      });
      expect(JSON.parse(response.body)).toMatchObject({ response_action: "update" });
      expect(await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ partnerId: newPartner });
    } finally {
      await gate.query("ROLLBACK");
      await gate.end();
    }
    await flow.settle();
    await eventually(async () => expect(await flow.db.prisma.outboxMessage.count({ where: { sentAt: null } })).toBe(0), 20_000);

    // The old partner's DM was recorded after the move: it is handed over all the same, no buttons left.
    const oldRecord = await flow.db.prisma.slackMessage.findFirstOrThrow({ where: { requestId: request.id, channel: "DU01PARTNER4" } });
    expect(oldRecord.purpose).toMatch(/^partner_request:handed_over:\d+$/);
    const last = flow.slack.calls("chat.update").filter((c) => c.args.ts === oldRecord.ts).at(-1);
    expect(buttonsOf(last!.args.blocks)).toEqual([]);
    expect(shown(last!)).toContain("übergeben");
    expect(postsTo("U01PARTNER4")).toHaveLength(1);
    // The new partner: one fresh DM with live buttons, which is the one kept current from now on.
    const [fresh, ...more] = postsTo("U01PARTNER2");
    expect(more).toEqual([]);
    expect(buttonsOf(fresh!.args.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [ids.ACCEPT_REQUEST, request.id],
      [ids.DECLINE_REQUEST, request.id],
    ]);
    const current = await flow.db.prisma.slackMessage.findUniqueOrThrow({ where: { requestId_purpose: { requestId: request.id, purpose: "partner_request" } } });
    expect(current.channel).toBe("DU01PARTNER2");
  }, 120_000);
});
