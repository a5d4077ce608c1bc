/**
 * End to end through the signed endpoint and the fake Slack: a partner proposes a new date, the
 * requester asks for another or accepts it (the old date stands until then), the requester asks
 * for a new date, the partner cancels with a reason; refusals for stale, forged and late clicks.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { input } from "../support/slack-requests.ts";
import type { RecordedCall } from "../support/fake-slack.ts";
import { acceptValues, buttonsOf, mutableClock, sharedFlow, textOf, withoutCalendar, type AcceptFormValues } from "./flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z"); // Monday, 10:00 in Berlin

describe("rescheduling and cancelling, both sides", () => {
  const { flow, people } = sharedFlow(clock, { people: ["U01PARTNER4"] });

  const row = (id: string) => flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } });
  const postsTo = (user: string) => withoutCalendar(flow.slack.calls("chat.postMessage")).filter((c) => c.args.channel === `D${user}`);
  const shown = (c: RecordedCall) => `${c.args.text}\n${textOf(c.args.blocks)}`;
  const withButton = (user: string, actionId: string) => postsTo(user).filter((c) => buttonsOf(c.args.blocks).some((b) => b.action_id === actionId));
  const propose = (requestId: string, form: AcceptFormValues, viewId = `VRES${randomUUID()}`) =>
    flow.slackApi.viewSubmission({ user: "U01PARTNER4", callbackId: ids.RESCHEDULE_MODAL, values: acceptValues(form), privateMetadata: requestId, viewId })
      .then((r) => ({ status: r.status, json: r.body ? JSON.parse(r.body) : null }));
  const oldStart = new Date("2026-06-17T08:00:00Z");

  async function scheduled(): Promise<string> {
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "Umfrage planen" });
    await flow.settle(); // the partner's request DM is posted, then updated by the accept
    expect((await flow.accept("U01PARTNER4", id, { start: oldStart, format: "video", link: "https://meet.example.org/alt" })).json).toBeNull();
    await flow.settle();
    return id;
  }

  async function clickAndRead(user: string, actionId: string, value: string): Promise<string> {
    const responseId = `R${randomUUID()}`;
    expect(await flow.click(user, actionId, value, { responseId })).toBe(200);
    const answer = await flow.responded(responseId);
    return `${answer.args.text}\n${textOf(answer.args.blocks)}`;
  }

  it("partner proposes, requester asks for another, partner proposes again, requester accepts once: the old date stands until then", async () => {
    const id = await scheduled();
    // The partner's DM, updated to "scheduled", offers a new date and a cancel.
    const partnerDm = await flow.db.prisma.slackMessage.findUniqueOrThrow({ where: { requestId_purpose: { requestId: id, purpose: "partner_request" } } });
    const updated = flow.slack.calls("chat.update").filter((c) => c.args.ts === partnerDm.ts).at(-1)!;
    expect(buttonsOf(updated.args.blocks).map((b) => b.action_id)).toEqual(expect.arrayContaining([ids.PROPOSE_NEW_DATE, ids.PARTNER_CANCEL]));
    // The requester's accepted notice offers to ask for a new date.
    expect(withButton("U01CONTACT3", ids.ASK_NEW_DATE)).toHaveLength(1);

    expect(await flow.press("U01PARTNER4", updated, ids.PROPOSE_NEW_DATE)).toBe(200);
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.RESCHEDULE_MODAL);
    expect(modal.args.view.private_metadata).toBe(id);
    flow.slack.reset();

    // A date in the past is refused on the field.
    const past = await propose(id, { start: new Date("2026-06-14T08:00:00Z"), format: "video", link: "https://meet.example.org/neu" });
    expect(past.json).toMatchObject({ response_action: "errors", errors: { [ids.ACCEPT_START_BLOCK]: expect.stringContaining("Vergangenheit") } });

    const first = new Date("2026-06-18T12:00:00Z");
    expect((await propose(id, { start: first, format: "video", link: "https://meet.example.org/neu1" })).json).toBeNull();
    await flow.settle();
    expect(await row(id)).toMatchObject({ scheduledStart: oldStart, meetingLink: "https://meet.example.org/alt" });
    const [proposal1] = withButton("U01CONTACT3", ids.ACCEPT_PROPOSAL);
    expect(shown(proposal1!)).toContain("Dr. Henrik Lautenschläger schlägt einen neuen Termin");
    expect(shown(proposal1!)).toContain(`<!date^${first.getTime() / 1000}^{date_long_pretty} {time}|Do., 18.06.2026, 14:00 Uhr>`);
    expect(shown(proposal1!)).toContain("Mi., 17.06.2026, 10:00 Uhr"); // the old date, which stands

    // Asks for another date: the partner is told, with the button to propose again.
    const asked = await clickAndRead("U01CONTACT3", ids.REJECT_PROPOSAL, buttonsOf(proposal1!.args.blocks).find((b) => b.action_id === ids.REJECT_PROPOSAL)!.value!);
    expect(asked).toContain("Dr. Henrik Lautenschläger wird gebeten, einen anderen Termin vorzuschlagen");
    await flow.settle();
    const rejected = withButton("U01PARTNER4", ids.PROPOSE_NEW_DATE);
    expect(rejected).toHaveLength(1);
    expect(shown(rejected[0]!)).toContain("Fatma Yilmaz (Gemeinde Beispielheim) kann am vorgeschlagenen Termin");
    // The rejected proposal can no longer be accepted.
    const proposal1Id = buttonsOf(proposal1!.args.blocks).find((b) => b.action_id === ids.ACCEPT_PROPOSAL)!.value!;
    expect(await clickAndRead("U01CONTACT3", ids.ACCEPT_PROPOSAL, proposal1Id)).toContain("Dieser Terminvorschlag gilt nicht mehr");

    const second = new Date("2026-06-19T07:00:00Z");
    expect((await propose(id, { start: second, format: "phone", phone: "0711 123456" })).json).toBeNull();
    await flow.settle();
    const proposal2 = withButton("U01CONTACT3", ids.ACCEPT_PROPOSAL).at(-1)!;
    const proposal2Id = buttonsOf(proposal2.args.blocks).find((b) => b.action_id === ids.ACCEPT_PROPOSAL)!.value!;
    expect(proposal2Id).not.toBe(proposal1Id);

    // Somebody of another municipality cannot accept it (permissions from the data).
    expect(await clickAndRead("U01CONTACT4", ids.ACCEPT_PROPOSAL, proposal2Id)).toContain("nicht berechtigt");

    // A double click: one change, one audit row, the second click is told it no longer applies.
    flow.slack.reset();
    expect(await clickAndRead("U01CONTACT3", ids.ACCEPT_PROPOSAL, proposal2Id)).toContain("Sie haben den neuen Termin angenommen: Fr., 19.06.2026, 09:00 Uhr");
    expect(await clickAndRead("U01CONTACT3", ids.ACCEPT_PROPOSAL, proposal2Id)).toContain("Dieser Terminvorschlag gilt nicht mehr");
    await flow.settle();
    expect(await row(id)).toMatchObject({ state: "scheduled", scheduledStart: second, format: "phone", meetingPhone: "0711 123456", meetingLink: null });
    const events = await flow.db.prisma.requestEvent.findMany({ where: { requestId: id, fromState: "scheduled", toState: "scheduled" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ kind: "rescheduled", from: oldStart.toISOString(), to: second.toISOString() });
    const told = postsTo("U01CONTACT3").filter((c) => shown(c).includes("ist verschoben"));
    expect(told).toHaveLength(1);
    expect(shown(told[0]!)).toContain(`<!date^${second.getTime() / 1000}^`);
    expect(postsTo("U01PARTNER4").filter((c) => shown(c).includes("hat den neuen Termin angenommen"))).toHaveLength(1);
    // The partner's request DM shows the new date in place.
    const dm = flow.slack.calls("chat.update").filter((c) => c.args.ts === partnerDm.ts).at(-1)!;
    expect(shown(dm)).toContain("19.06.2026");
  });

  it("the requester asks for a new date; the partner answers with one", async () => {
    const id = await scheduled();
    flow.slack.reset();
    expect(await clickAndRead("U01CONTACT3", ids.ASK_NEW_DATE, id)).toContain("wird gebeten, einen neuen Termin vorzuschlagen");
    await flow.settle();
    const ask = withButton("U01PARTNER4", ids.PROPOSE_NEW_DATE);
    expect(ask).toHaveLength(1);
    expect(shown(ask[0]!)).toContain("Fatma Yilmaz (Gemeinde Beispielheim) bittet um einen neuen Termin");
    // Only the request's side may ask: the partner and an outsider are refused.
    expect(await clickAndRead("U01CONTACT4", ids.ASK_NEW_DATE, id)).toContain("nicht berechtigt");
    expect((await propose(id, { start: new Date("2026-06-22T08:00:00Z"), format: "video", link: "https://meet.example.org/x" })).json).toBeNull();
    await flow.settle();
    expect(withButton("U01CONTACT3", ids.ACCEPT_PROPOSAL)).toHaveLength(1);
    const proposals = await flow.db.prisma.rescheduleProposal.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });
    expect(proposals.map((p) => [p.kind, p.state])).toEqual([["ask", "superseded"], ["date", "open"]]);
  });

  it("the partner cancels with a reason: the requester is told who and why, the unit returns; after the start it is too late", async () => {
    const id = await scheduled();
    const partnerDm = await flow.db.prisma.slackMessage.findUniqueOrThrow({ where: { requestId_purpose: { requestId: id, purpose: "partner_request" } } });
    const updated = flow.slack.calls("chat.update").filter((c) => c.args.ts === partnerDm.ts).at(-1)!;
    expect(await flow.press("U01PARTNER4", updated, ids.PARTNER_CANCEL)).toBe(200);
    await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.PARTNER_CANCEL_MODAL);
    flow.slack.reset();
    const cancel = (reason: string) =>
      flow.slackApi.viewSubmission({
        user: "U01PARTNER4", callbackId: ids.PARTNER_CANCEL_MODAL, privateMetadata: id, viewId: `VPC${randomUUID()}`,
        values: { [ids.PARTNER_CANCEL_REASON_BLOCK]: { [ids.PARTNER_CANCEL_REASON]: input.text(reason) } },
      }).then((r) => (r.body ? JSON.parse(r.body) : null));
    expect(await cancel("  ")).toMatchObject({ response_action: "errors", errors: { [ids.PARTNER_CANCEL_REASON_BLOCK]: expect.any(String) } });
    expect((await row(id)).state).toBe("scheduled");
    expect(await cancel("Ich bin leider krank.")).toBeNull();
    await flow.settle();
    expect((await row(id)).state).toBe("cancelled");
    const told = postsTo("U01CONTACT3");
    expect(told).toHaveLength(1);
    expect(shown(told[0]!)).toContain("Dr. Henrik Lautenschläger hat die Sparring-Einheit von Gemeinde Beispielheim mit Dr. Henrik Lautenschläger am");
    expect(shown(told[0]!)).toContain("abgesagt");
    expect(shown(told[0]!)).toContain("*Grund:* Ich bin leider krank.");
    expect(postsTo("U01PARTNER4")).toHaveLength(0); // the canceller gets no DM
    expect(textOf((await flow.command("U01CONTACT3", "status")).args.blocks)).toContain("Noch 12 von 12 Einheiten");

    // Another session: once it has started, neither a new date nor a cancel.
    const late = await scheduled();
    clock.set("2026-06-17T08:00:00Z");
    expect(await clickAndRead("U01PARTNER4", ids.PROPOSE_NEW_DATE, late)).toContain("hat bereits begonnen");
    expect(await clickAndRead("U01PARTNER4", ids.PARTNER_CANCEL, late)).toContain("hat bereits begonnen");
    expect(await clickAndRead("U01CONTACT3", ids.ASK_NEW_DATE, late)).toContain("hat bereits begonnen");
    expect((await propose(late, { start: new Date("2026-06-25T08:00:00Z"), format: "video", link: "https://meet.example.org/y" })).json)
      .toMatchObject({ response_action: "update" });
    expect((await row(late)).scheduledStart).toEqual(oldStart);
  });
});
