/**
 * End to end: who hears what when a lead moves a request with `/sparring korrektur <id>`
 * (signed HTTP requests to the app, the fake Slack records what the outbox delivers).
 * - Another partner: the old partner's DM becomes "handed over" (no buttons, no question), the
 *   new partner gets a fresh DM with Accept/Decline, the requester is told.
 * - A scheduled session to another partner: asked again, the old date as preferred time, the old
 *   link gone.
 * - A held session: re-attributed for accounting only, no messages.
 * - Another municipality: its contacts own the request; the original requester is told and can
 *   no longer cancel it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { input } from "../support/slack-requests.ts";
import { buttonsOf, eventually, mutableClock, startFlow, textOf, type Flow, withoutCalendar } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z"); // a Monday inside the programme period

describe("leads: moving a request notifies the people concerned", () => {
  let flow: Flow;
  let p: Record<string, string>;
  let viewCounter = 0;
  beforeAll(async () => {
    flow = await startFlow({ clock });
    p = Object.fromEntries(
      await Promise.all(["U01CONTACT1", "U01CONTACT3", "U01PARTNER2", "U01PARTNER4"].map(async (s) => [s, await flow.personId(s)] as const)),
    );
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    clock.set("2026-06-15T08:00:00Z");
    await flow.reset();
  });

  const question = "Wie befragen wir die Vereine vertraulich?";
  const requestRow = (id: string) => flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } });
  const postsTo = (user: string) => withoutCalendar(flow.slack.calls("chat.postMessage")).filter((c) => c.args.channel === `D${user}`);
  const updatesIn = (user: string) => flow.slack.calls("chat.update").filter((c) => c.args.channel === `D${user}`);
  const tsOf = async (requestId: string, purpose = "partner_request") =>
    (await flow.db.prisma.slackMessage.findUniqueOrThrow({ where: { requestId_purpose: { requestId, purpose } } })).ts;
  const shown = (call: { args: Record<string, any> }) => `${call.args.text}\n${textOf(call.args.blocks)}`;

  /** Beispielheim's contact asks Dr. Henrik Lautenschläger; his DM is delivered. */
  async function booked(): Promise<string> {
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question, times: "vormittags" });
    await flow.settle();
    expect(postsTo("U01PARTNER4")).toHaveLength(1);
    return id;
  }

  /** The lead opens the correction modal with the command, then submits a move. */
  async function move(requestId: string, reason: string, target: { municipality?: string; partner?: string }) {
    await flow.slackApi.slashCommand({ user: "U01LEAD0001", text: `korrektur ${requestId}` });
    const open = await flow.slack.waitFor("views.open", (c) => c.args.view.callback_id === ids.CORRECTION_MODAL && c.args.view.private_metadata === requestId);
    const response = await flow.slackApi.viewSubmission({
      user: "U01LEAD0001",
      callbackId: ids.CORRECTION_MODAL,
      privateMetadata: open.args.view.private_metadata,
      viewId: `VMOVE${++viewCounter}`,
      values: {
        [ids.CORRECTION_ACTION_BLOCK]: { [ids.CORRECTION_ACTION]: input.radio("move") },
        [ids.CORRECTION_MUNICIPALITY_BLOCK]: { [ids.CORRECTION_MUNICIPALITY]: input.externalSelect(target.municipality ?? null) },
        [ids.CORRECTION_PARTNER_BLOCK]: { [ids.CORRECTION_PARTNER]: input.externalSelect(target.partner ?? null) },
        [ids.CORRECTION_REASON_BLOCK]: { [ids.CORRECTION_REASON]: input.text(reason) },
      },
    });
    expect(JSON.parse(response.body)).toMatchObject({ response_action: "update" });
    await flow.settle();
  }

  it("a requested request moved to another partner: old DM handed over, a fresh DM with buttons for the new partner, the requester told", async () => {
    const id = await booked();
    const oldTs = await tsOf(id);
    flow.slack.reset();

    await move(id, "Herr Lautenschläger ist verhindert", { partner: p.U01PARTNER2 });
    expect(await requestRow(id)).toMatchObject({ state: "requested", partnerId: p.U01PARTNER2 });

    // The old partner's message, updated in place: handed over, no buttons, no question, no requester name.
    const [handedOver, ...moreUpdates] = updatesIn("U01PARTNER4");
    expect(moreUpdates).toEqual([]);
    expect(handedOver!.args.ts).toBe(oldTs);
    expect(buttonsOf(handedOver!.args.blocks)).toEqual([]);
    expect(shown(handedOver!)).toContain("an eine andere Sparring-Partnerin bzw. einen anderen Sparring-Partner übergeben");
    expect(shown(handedOver!)).toContain("Gemeinde Beispielheim");
    expect(shown(handedOver!)).not.toContain("befragen");
    expect(shown(handedOver!)).not.toContain("Fatma Yilmaz");
    expect(postsTo("U01PARTNER4")).toEqual([]);

    // The new partner: a fresh DM with live buttons for this request, recorded for later updates.
    const [fresh, ...moreFresh] = postsTo("U01PARTNER2");
    expect(moreFresh).toEqual([]);
    expect(buttonsOf(fresh!.args.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [ids.ACCEPT_REQUEST, id],
      [ids.DECLINE_REQUEST, id],
    ]);
    expect(shown(fresh!)).toContain("befragen");
    const records = await flow.db.prisma.slackMessage.findMany({ where: { requestId: id }, orderBy: { id: "asc" } });
    // Every copy is recorded for erasure: the handed-over DM, the new partner's DM and the requester's notice (it names the old partner).
    expect(records.map((r) => [r.purpose.replace(/\d+$/, "N"), r.channel]).sort()).toEqual([
      ["moved_notice:N", "DU01CONTACT3"],
      ["partner_request", "DU01PARTNER2"],
      ["partner_request:handed_over:N", "DU01PARTNER4"],
    ]);

    // The requester is told who has it now.
    const [told, ...moreTold] = postsTo("U01CONTACT3");
    expect(moreTold).toEqual([]);
    expect(shown(told!)).toContain("von Dr. Henrik Lautenschläger an Tobias Brückner übergeben");

    // The new partner's buttons work; the old partner is no longer entitled.
    expect(await flow.press("U01PARTNER2", fresh!, ids.ACCEPT_REQUEST)).toBe(200);
    await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.ACCEPT_MODAL && c.args.view.private_metadata === id);
    const late = await flow.accept("U01PARTNER4", id, { start: new Date("2026-06-18T08:00:00Z"), format: "video", link: "https://meet.example.org/alt" });
    expect(JSON.stringify(late.json)).toContain("nicht berechtigt");
    const accepted = await flow.accept("U01PARTNER2", id, { start: new Date("2026-06-18T08:00:00Z"), format: "video", link: "https://meet.example.org/neu" });
    expect(accepted).toEqual({ status: 200, json: null });
    await flow.settle();
    // The acceptance updates the new partner's DM, never the handed-over one.
    expect(updatesIn("U01PARTNER2").map((c) => c.args.ts)).toContain(await tsOf(id));
    expect(updatesIn("U01PARTNER4")).toHaveLength(1);
  });

  it("a scheduled session moved to another partner goes back to 'requested': old date as preferred time, old link dropped", async () => {
    const id = await booked();
    const oldTs = await tsOf(id);
    const start = new Date("2026-06-17T08:00:00Z"); // Wednesday 10:00 in Berlin
    expect((await flow.accept("U01PARTNER4", id, { start, format: "video", link: "https://meet.example.org/henrik" })).status).toBe(200);
    await flow.settle();
    flow.slack.reset();

    await move(id, "Vertretung", { partner: p.U01PARTNER2 });
    expect(await requestRow(id)).toMatchObject({
      state: "requested", partnerId: p.U01PARTNER2, scheduledStart: null, format: null, meetingLink: null, preferredTimes: "2026-06-17 10:00", preferredFormat: "video",
    });
    const event = await flow.db.prisma.requestEvent.findFirstOrThrow({ where: { requestId: id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ fromState: "scheduled", toState: "requested", reason: "Vertretung", actorId: await flow.personId("U01LEAD0001") });

    const [handedOver] = updatesIn("U01PARTNER4");
    expect(handedOver!.args.ts).toBe(oldTs);
    expect(buttonsOf(handedOver!.args.blocks)).toEqual([]);
    expect(shown(handedOver!)).toContain("übergeben");
    expect(shown(handedOver!)).not.toContain("meet.example.org/henrik");

    const [fresh, ...more] = postsTo("U01PARTNER2");
    expect(more).toEqual([]);
    expect(buttonsOf(fresh!.args.blocks).map((b) => b.action_id)).toEqual([ids.ACCEPT_REQUEST, ids.DECLINE_REQUEST]);
    expect(shown(fresh!)).toContain("2026-06-17 10:00");
    expect(shown(fresh!)).not.toContain("meet.example.org/henrik");

    const [told] = postsTo("U01CONTACT3");
    expect(shown(told!)).toContain(
      `Sparring-Einheit am <!date^${Date.parse("2026-06-17T08:00:00Z") / 1000}^{date_long} {time}|Mi., 17.06.2026, 10:00 Uhr> von Dr. Henrik Lautenschläger an Tobias Brückner übergeben`,
    );
    expect(shown(told!)).not.toContain("meet.example.org/henrik");
    // Still one unit reserved in Beispielheim, now pending again.
    expect(await flow.db.prisma.sessionRequest.count({ where: { municipalityKey: "beispielheim", state: { in: ["requested", "scheduled", "held"] } } })).toBe(1);
  });

  it("a held session moved to another partner is only re-attributed: an audit entry, no messages", async () => {
    const id = await booked();
    await flow.db.prisma.sessionRequest.update({ where: { id }, data: { state: "held", scheduledStart: new Date("2026-06-12T08:00:00Z"), format: "video" } });
    flow.slack.reset();

    await move(id, "Abrechnung: Einheit hielt Herr Brückner", { partner: p.U01PARTNER2 });
    expect(await requestRow(id)).toMatchObject({ state: "held", partnerId: p.U01PARTNER2 });
    const event = await flow.db.prisma.requestEvent.findFirstOrThrow({ where: { requestId: id }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ fromState: "held", toState: "held", reason: "Abrechnung: Einheit hielt Herr Brückner" });
    expect(flow.slack.calls("chat.postMessage")).toEqual([]);
    expect(flow.slack.calls("chat.update")).toEqual([]);
    // Homes show the data: both partners' are refreshed.
    await eventually(() => {
      const published = flow.slack.calls("views.publish").map((c) => c.args.user_id);
      expect(published).toEqual(expect.arrayContaining(["U01PARTNER2", "U01PARTNER4"]));
    });
  });

  it("moved to another municipality: the requester is told and can no longer cancel; the new municipality's contacts can", async () => {
    const id = await booked();
    const dmTs = await tsOf(id);
    flow.slack.reset();

    await move(id, "Anfrage gehört zu Musterstadt", { municipality: "musterstadt" });
    expect(await requestRow(id)).toMatchObject({ state: "requested", municipalityKey: "musterstadt", partnerId: p.U01PARTNER4 });

    const [told, ...more] = postsTo("U01CONTACT3");
    expect(more).toEqual([]);
    expect(shown(told!)).toContain("der Kommune Stadt Musterstadt zugeordnet");
    expect(shown(told!)).toContain("nicht mehr stornieren");
    // Same partner: the DM is brought up to date in place, buttons still live; no second DM.
    expect(postsTo("U01PARTNER4")).toEqual([]);
    const [updated] = updatesIn("U01PARTNER4");
    expect(updated!.args.ts).toBe(dmTs);
    expect(shown(updated!)).toContain("Stadt Musterstadt");
    expect(buttonsOf(updated!.args.blocks).map((b) => b.action_id)).toEqual([ids.ACCEPT_REQUEST, ids.DECLINE_REQUEST]);
    // Both municipalities' Homes are refreshed.
    await eventually(() => {
      const published = flow.slack.calls("views.publish").map((c) => c.args.user_id);
      expect(published).toEqual(expect.arrayContaining(["U01CONTACT1", "U01CONTACT3"]));
    });

    // The original requester's cancel is refused from the data; nothing changes.
    await flow.click("U01CONTACT3", ids.CANCEL_REQUEST, id, { responseId: "oldcancel" });
    expect((await flow.responded("oldcancel")).args.text).toContain("nicht berechtigt");
    expect((await requestRow(id)).state).toBe("requested");
    const oldStatus = await flow.command("U01CONTACT3", "status");
    expect(buttonsOf(oldStatus.args.blocks).filter((b) => b.value === id)).toEqual([]);

    // Musterstadt's contact owns it now.
    const status = await flow.command("U01CONTACT1", "status");
    expect(buttonsOf(status.args.blocks)).toEqual([expect.objectContaining({ action_id: ids.CANCEL_REQUEST, value: id })]);
    await flow.click("U01CONTACT1", ids.CANCEL_REQUEST, id, { responseId: "newcancel" });
    expect((await flow.responded("newcancel")).args.text).toContain("Erika Mustermann (Stadt Musterstadt) hat die Sparring-Anfrage von Stadt Musterstadt");
    expect((await requestRow(id)).state).toBe("cancelled");
  });

  it("after a move to another municipality, its contacts hear what the requester would have heard; the original requester no more", async () => {
    const id = await booked();
    await move(id, "Anfrage gehört zu Musterstadt", { municipality: "musterstadt" });
    flow.slack.reset();

    const accepted = await flow.accept("U01PARTNER4", id, { start: new Date("2026-06-18T08:00:00Z"), format: "video", link: "https://meet.example.org/muster" });
    expect(accepted).toEqual({ status: 200, json: null });
    await flow.settle();
    for (const contact of ["U01CONTACT1", "U01CONTACT2"]) {
      const [notice, ...more] = postsTo(contact);
      expect(more).toEqual([]);
      expect(shown(notice!)).toContain("hat Ihre Anfrage angenommen");
      expect(shown(notice!)).toContain("https://meet.example.org/muster");
    }
    expect(postsTo("U01CONTACT3")).toEqual([]);

    // A Musterstadt contact cancels: the colleague is told, the canceller and the original requester get no DM.
    flow.slack.reset();
    await flow.click("U01CONTACT1", ids.CANCEL_REQUEST, id, { responseId: "cancel-muster" });
    expect((await flow.responded("cancel-muster")).args.text).toContain("Erika Mustermann (Stadt Musterstadt) hat die Sparring-Einheit von Stadt Musterstadt mit Dr. Henrik Lautenschläger am Do., 18.06.2026, 10:00 Uhr storniert");
    await flow.settle();
    expect(postsTo("U01CONTACT2").map((c) => c.args.text)).toEqual([expect.stringContaining("Erika Mustermann (Stadt Musterstadt) hat die Sparring-Einheit")]);
    expect(postsTo("U01CONTACT1")).toEqual([]);
    expect(postsTo("U01CONTACT3")).toEqual([]);
  });
});
