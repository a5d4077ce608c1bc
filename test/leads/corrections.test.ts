/**
 * End to end: a lead corrects a request from Slack (`/sparring korrektur <id>`): move it to
 * another municipality (quota re-checked), record it as held after the fact, cancel it — each
 * with a reason in the audit trail; others are refused and nothing changes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { insertRequests } from "../support/fixtures.ts";
import { input } from "../support/slack-requests.ts";
import { mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");

describe("leads: corrections", () => {
  let flow: Flow;
  let p: Record<string, string>;
  let requestId: string;
  beforeAll(async () => {
    flow = await startFlow({ clock });
    p = Object.fromEntries(
      await Promise.all(["U01CONTACT1", "U01CONTACT3", "U01PARTNER4"].map(async (s) => [s, await flow.personId(s)] as const)),
    );
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    await flow.reset();
    const request = await flow.db.prisma.sessionRequest.create({
      data: {
        municipalityKey: "musterstadt", requesterId: p.U01CONTACT1!, partnerId: p.U01PARTNER4!, topics: ["surveys"], question: "Frage",
        preferredFormat: "video", countsAssigned: false, state: "scheduled", scheduledStart: new Date("2026-06-10T08:00:00Z"), format: "video",
        meetingLink: "https://meet.example.org/a",
      },
    });
    requestId = request.id;
  });

  const submit = async (user: string, action: string, reason: string, target: { municipality?: string; partner?: string } = {}) => {
    const response = await flow.slackApi.viewSubmission({
      user,
      callbackId: ids.CORRECTION_MODAL,
      privateMetadata: requestId,
      values: {
        [ids.CORRECTION_ACTION_BLOCK]: { [ids.CORRECTION_ACTION]: input.radio(action) },
        [ids.CORRECTION_MUNICIPALITY_BLOCK]: { [ids.CORRECTION_MUNICIPALITY]: input.externalSelect(target.municipality ?? null) },
        [ids.CORRECTION_PARTNER_BLOCK]: { [ids.CORRECTION_PARTNER]: input.externalSelect(target.partner ?? null) },
        [ids.CORRECTION_REASON_BLOCK]: { [ids.CORRECTION_REASON]: input.text(reason) },
      },
    });
    return response.body ? JSON.parse(response.body) : null;
  };
  const events = () => flow.db.prisma.requestEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });

  it("a lead opens the correction modal with /sparring korrektur <id>; a contact is refused", async () => {
    expect((await flow.slackApi.slashCommand({ user: "U01LEAD0001", text: `korrektur ${requestId}` })).status).toBe(200);
    const open = await flow.slack.waitFor("views.open", (c) => c.args.view.callback_id === ids.CORRECTION_MODAL);
    expect(open.args.view.private_metadata).toBe(requestId);
    expect(textOf(open.args.view.blocks)).toContain("Stadt Musterstadt");
    expect(textOf(open.args.view.blocks)).not.toContain("Frage"); // the question is not needed to correct

    const refused = await flow.command("U01CONTACT1", `korrektur ${requestId}`);
    expect(refused.args.text).toContain("Projektleitung vorbehalten");
    // A forged submission: moves and after-the-fact records are the leads' (cancel stays what a contact may do anyway).
    expect(await submit("U01CONTACT1", "move", "weil", { municipality: "beispielheim" })).toMatchObject({ response_action: "update" });
    expect(await submit("U01CONTACT1", "mark_held", "weil")).toMatchObject({ response_action: "update" });
    const unchanged = await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect([unchanged.state, unchanged.municipalityKey]).toEqual(["scheduled", "musterstadt"]);
    expect(await events()).toEqual([]);
  });

  it("a reason is required, and a move needs a target", async () => {
    expect(await submit("U01LEAD0001", "cancel", "")).toMatchObject({ response_action: "errors", errors: { [ids.CORRECTION_REASON_BLOCK]: expect.any(String) } });
    expect(await submit("U01LEAD0001", "move", "falsch gebucht")).toMatchObject({
      response_action: "errors",
      errors: { [ids.CORRECTION_MUNICIPALITY_BLOCK]: expect.stringContaining("neue Kommune") },
    });
    expect(await events()).toEqual([]);
  });

  it("move to another municipality with a reason: units move, the audit trail says why", async () => {
    expect(await submit("U01LEAD0001", "move", "Anfrage kam eigentlich aus Beispielheim", { municipality: "beispielheim" })).toMatchObject({
      response_action: "update",
    });
    const moved = await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(moved.municipalityKey).toBe("beispielheim");
    expect((await events()).map((e) => e.reason)).toEqual(["Anfrage kam eigentlich aus Beispielheim"]);
  });

  it("a move to a municipality at its quota is refused on the field with the numbers", async () => {
    await insertRequests(flow.db.prisma, { municipalityKey: "beispielheim", requesterId: p.U01CONTACT3!, partnerId: p.U01PARTNER4!, count: 12, state: "held" });
    const answer = await submit("U01LEAD0001", "move", "Umbuchung", { municipality: "beispielheim" });
    expect(answer.errors[ids.CORRECTION_MUNICIPALITY_BLOCK]).toContain("12 von 12");
    expect((await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: requestId } })).municipalityKey).toBe("musterstadt");
  });

  it("a move to a Landkreis of 2020/21 is refused on the field, naming the rule; the search does not offer it", async () => {
    const answer = await submit("U01LEAD0001", "move", "Umbuchung", { municipality: "landkreis-huegelland" });
    expect(answer.errors[ids.CORRECTION_MUNICIPALITY_BLOCK]).toBe(
      "Landkreise der Projektrunde 2020/21 können keine Sparring-Einheiten buchen; in dieser Projektrunde sind nur Kommunen berechtigt (betrifft: Landkreis Hügelland).",
    );
    expect((await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: requestId } })).municipalityKey).toBe("musterstadt");
    const search = await flow.slackApi.blockSuggestion({ user: "U01LEAD0001", actionId: ids.CORRECTION_MUNICIPALITY, blockId: ids.CORRECTION_MUNICIPALITY_BLOCK, value: "landkreis" });
    // Waldtal is a Landkreis of 2018/19: that round admits Landkreise.
    expect(JSON.parse(search.body).options.map((o: { value: string }) => o.value)).toEqual(["landkreis-waldtal"]);
    const moved = await submit("U01LEAD0001", "move", "Umbuchung", { municipality: "landkreis-waldtal" });
    expect(moved).toMatchObject({ response_action: "update" });
  });

  it("held after the fact, then cancel refused as already held; each with its reason", async () => {
    expect(await submit("U01LEAD0001", "mark_held", "Telefonisch bestätigt")).toMatchObject({ response_action: "update" });
    expect((await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: requestId } })).state).toBe("held");
    expect((await events()).map((e) => [e.fromState, e.toState, e.reason])).toEqual([["scheduled", "held", "Telefonisch bestätigt"]]);
    const again = await submit("U01LEAD0001", "cancel", "doch nicht");
    expect(again.errors[ids.CORRECTION_ACTION_BLOCK]).toContain("ist bereits durchgeführt");
  });

  it("the municipality search offers names to leads only", async () => {
    const asLead = await flow.slackApi.blockSuggestion({ user: "U01LEAD0001", actionId: ids.CORRECTION_MUNICIPALITY, blockId: ids.CORRECTION_MUNICIPALITY_BLOCK, value: "beisp" });
    expect(JSON.parse(asLead.body).options.map((o: { value: string }) => o.value)).toEqual(["beispielheim"]);
    const asContact = await flow.slackApi.blockSuggestion({ user: "U01CONTACT1", actionId: ids.CORRECTION_MUNICIPALITY, blockId: ids.CORRECTION_MUNICIPALITY_BLOCK, value: "" });
    expect(JSON.parse(asContact.body).options).toEqual([]);
  });
});
