/**
 * End to end, Slack against the running app: a request's life from the booking modal to "held",
 * declined with suggestions, cancelled from /sparring status, and Slack's retries and double clicks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueHeldQuestions } from "../../src/db/due-sessions.ts";
import { storedDmChannel } from "../../src/db/dm-channels.ts";
import * as ids from "../../src/slack/ids.ts";
import { buttonsOf, eventually, mutableClock, startFlow, textOf, type Flow, withoutCalendar } from "./flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z"); // a Monday inside the programme period

describe("request lifecycle through Slack", () => {
  let flow: Flow;
  let p: Record<string, string>;
  beforeAll(async () => {
    flow = await startFlow({ clock });
    p = {
      partner2: await flow.personId("U01PARTNER2"),
      partner4: await flow.personId("U01PARTNER4"),
      lead2: await flow.personId("U01LEAD0002"),
    };
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    clock.set("2026-06-15T08:00:00Z");
    await flow.reset();
  });

  const requestRow = (id: string) => flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } });
  const eventsOf = async (id: string) =>
    (await flow.db.prisma.requestEvent.findMany({ where: { requestId: id }, orderBy: { id: "asc" } })).map((e) => `${e.fromState ?? "-"}>${e.toState}`);
  const postsTo = (user: string) => withoutCalendar(flow.slack.calls("chat.postMessage")).filter((c) => c.args.channel === `D${user}`);
  const savedMessage = (requestId: string, purpose: string) =>
    flow.db.prisma.slackMessage.findUniqueOrThrow({ where: { requestId_purpose: { requestId, purpose } } });

  it("request → accept → held: DMs, escaped question, in-place updates, audit trail", async () => {
    const question = "Wie erreichen wir alle? <!channel> und <https://evil.example|click> & mehr";
    const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.partner4!, question, times: "dienstags" });
    expect(await requestRow(id)).toMatchObject({ state: "requested", municipalityKey: "beispielheim", partnerId: p.partner4, question });
    await flow.settle();

    // The partner's DM: posted to the user id (no conversations.open round trip), the DM channel
    // Slack answered with is stored; buttons carry the request id, question inert.
    expect(flow.slack.calls("conversations.open")).toEqual([]);
    expect(postsTo("U01PARTNER4").map((c) => c.args.posted_to)).toEqual(["U01PARTNER4"]);
    expect(await storedDmChannel(flow.db.prisma, "U01PARTNER4")).toBe("DU01PARTNER4");
    const [dm, ...more] = postsTo("U01PARTNER4");
    expect(more).toHaveLength(0);
    expect(buttonsOf(dm!.args.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [ids.ACCEPT_REQUEST, id],
      [ids.DECLINE_REQUEST, id],
    ]);
    const shown = textOf(dm!.args.blocks) + dm!.args.text;
    expect(shown).toContain("&lt;!channel&gt;");
    expect(shown).toContain("&lt;https://evil.example|click&gt; &amp; mehr");
    expect(shown).not.toContain("<!channel>");
    expect(shown).not.toContain("<https://evil");
    const posted = await savedMessage(id, "partner_request");
    expect(posted.channel).toBe("DU01PARTNER4");

    // Annehmen opens the accept modal for this request.
    expect(await flow.press("U01PARTNER4", dm!, ids.ACCEPT_REQUEST)).toBe(200);
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.ACCEPT_MODAL);
    expect(modal.args.view.private_metadata).toBe(id);

    // A start in the past is refused on the date field; nothing changes.
    const past = await flow.accept("U01PARTNER4", id, { start: new Date("2026-06-14T08:00:00Z"), format: "video", link: "https://meet.example.org/r1" });
    expect(past.json).toMatchObject({ response_action: "errors", errors: { [ids.ACCEPT_START_BLOCK]: expect.stringContaining("Vergangenheit") } });
    expect((await requestRow(id)).state).toBe("requested");

    const start = new Date("2026-06-17T08:00:00Z");
    const accepted = await flow.accept("U01PARTNER4", id, { start, format: "video", link: "https://meet.example.org/r1" });
    expect(accepted).toEqual({ status: 200, json: null }); // closes the modal
    expect(await requestRow(id)).toMatchObject({ state: "scheduled", scheduledStart: start, format: "video", meetingLink: "https://meet.example.org/r1" });
    await flow.settle();

    // The partner's DM is updated in place: no Accept/Decline, only a new date or a cancel; the requester hears about it.
    const update = flow.slack.calls("chat.update").find((c) => c.args.ts === posted.ts);
    expect(update?.args.channel).toBe("DU01PARTNER4");
    expect(buttonsOf(update!.args.blocks).map((b) => [b.action_id, b.value])).toEqual([[ids.PROPOSE_NEW_DATE, id], [ids.PARTNER_CANCEL, id]]);
    expect(textOf(update!.args.blocks)).toContain("Vereinbart");
    expect(postsTo("U01PARTNER4")).toHaveLength(1);
    const notice = postsTo("U01CONTACT3").at(-1);
    expect(notice?.args.text).toContain("Dr. Henrik Lautenschläger hat Ihre Anfrage angenommen");
    expect(textOf(notice!.args.blocks)).toContain("https://meet.example.org/r1");

    // Before the session "held" is refused: the app's clock decides.
    flow.slack.reset();
    await flow.click("U01PARTNER4", ids.MARK_HELD, id, { responseId: "early" });
    expect((await flow.responded("early")).args.text).toContain("noch nicht begonnen");
    expect((await requestRow(id)).state).toBe("scheduled");

    // After the session: the held question is asked, the partner answers yes.
    clock.set("2026-06-17T09:30:00Z");
    expect(await enqueueHeldQuestions(flow.db.prisma, { unitMinutes: 60 }, clock())).toEqual([{ requestId: id, ask: 1 }]);
    await flow.settle();
    const heldQuestion = postsTo("U01PARTNER4").find((c) => buttonsOf(c.args.blocks).some((b) => b.action_id === ids.MARK_HELD));
    expect(heldQuestion).toBeDefined();
    expect(await flow.press("U01PARTNER4", heldQuestion!, ids.MARK_HELD)).toBe(200);
    await eventually(async () => expect((await requestRow(id)).state).toBe("held"));
    expect(await eventsOf(id)).toEqual(["->requested", "requested>scheduled", "scheduled>held"]);
    const heldEvent = await flow.db.prisma.requestEvent.findFirstOrThrow({ where: { requestId: id, toState: "held" } });
    expect(heldEvent.actorId).toBe(p.partner4);
    expect(heldEvent.at).toEqual(clock());
    await flow.settle();
    const asked = await savedMessage(id, "held_question");
    const answered = flow.slack.calls("chat.update").find((c) => c.args.ts === asked.ts);
    expect(buttonsOf(answered!.args.blocks)).toEqual([]);
    expect(answered!.args.text).toContain("als durchgeführt erfasst");
  });

  it("decline with a reason: requester DM'd with other active partners for the same topics", async () => {
    const id = await flow.bookOk("U01CONTACT3", { topics: ["random-selection"], partnerId: p.partner2!, question: "Losverfahren?" });
    await flow.settle();
    const dm = postsTo("U01PARTNER2")[0]!;
    expect(await flow.press("U01PARTNER2", dm, ids.DECLINE_REQUEST)).toBe(200);
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.DECLINE_MODAL);
    expect(modal.args.view.private_metadata).toBe(id);

    const declined = await flow.decline("U01PARTNER2", id, "Keine Kapazität <!here>");
    expect(declined).toEqual({ status: 200, json: null });
    expect(await requestRow(id)).toMatchObject({ state: "declined", declineReason: "Keine Kapazität <!here>" });
    expect((await flow.db.prisma.requestEvent.findFirstOrThrow({ where: { requestId: id, toState: "declined" } })).actorId).toBe(p.partner2);
    await flow.settle();

    const posted = await savedMessage(id, "partner_request");
    const update = flow.slack.calls("chat.update").find((c) => c.args.ts === posted.ts);
    expect(buttonsOf(update!.args.blocks)).toEqual([]);
    expect(textOf(update!.args.blocks)).toContain("Abgelehnt");

    const notice = postsTo("U01CONTACT3").at(-1)!;
    const text = textOf(notice.args.blocks);
    expect(text).toContain("Tobias Brückner kann Ihre Sparring-Anfrage leider nicht übernehmen");
    expect(text).toContain("Keine Kapazität &lt;!here&gt;");
    // U01PARTNER4 is the only other active partner offering random selection.
    expect(buttonsOf(notice.args.blocks)).toEqual([expect.objectContaining({ action_id: ids.OPEN_BOOKING, value: p.partner4 })]);
    expect(text).toContain("Dr. Henrik Lautenschläger");

    // The suggestion's button opens the booking modal with that partner preselected.
    await flow.press("U01CONTACT3", notice, ids.OPEN_BOOKING);
    const booking = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.BOOKING_MODAL);
    expect(JSON.stringify(booking.args.view)).toContain(p.partner4);
  });

  it("decline: inactive partners are never suggested", async () => {
    // Role reflection: only U01PARTNER5 (inactive) and U01LEAD0002 offer it.
    const id = await flow.bookOk("U01CONTACT3", { topics: ["role-reflection"], partnerId: p.lead2!, question: "Rolle?" });
    await flow.settle();
    expect((await flow.decline("U01LEAD0002", id, "")).status).toBe(200);
    expect((await requestRow(id)).state).toBe("declined");
    await flow.settle();
    const notice = postsTo("U01CONTACT3").at(-1)!;
    expect(textOf(notice.args.blocks)).toContain("Dr. Paula Sommerfeld kann Ihre Sparring-Anfrage leider nicht übernehmen");
    expect(buttonsOf(notice.args.blocks)).toEqual([]);
    expect(textOf(notice.args.blocks)).not.toContain("Ute Friedrichs");
  });

  it("cancel from /sparring status: cancelled, unit released, partner informed", async () => {
    const id = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: p.partner4!, question: "Umfrage?" });
    await flow.settle();
    const status = await flow.command("U01CONTACT1", "status");
    expect(status.args.response_type).toBe("ephemeral");
    expect(textOf(status.args.blocks)).toContain("Noch 11 von 12 Einheiten");
    expect(buttonsOf(status.args.blocks)).toEqual([expect.objectContaining({ action_id: ids.CANCEL_REQUEST, value: id })]);
    flow.slack.reset();

    expect(await flow.press("U01CONTACT1", status, ids.CANCEL_REQUEST, { responseId: "cancel1" })).toBe(200);
    // The person who pressed it is told, where they pressed it.
    // Named like every cancel message: who cancelled, never "the request to you".
    expect((await flow.responded("cancel1")).args.text).toContain("Erika Mustermann (Stadt Musterstadt) hat die Sparring-Anfrage von Stadt Musterstadt an Dr. Henrik Lautenschläger storniert");
    expect((await requestRow(id)).state).toBe("cancelled");
    const event = await flow.db.prisma.requestEvent.findFirstOrThrow({ where: { requestId: id, toState: "cancelled" } });
    expect(event.actorId).toBe(await flow.personId("U01CONTACT1"));
    await flow.settle();

    // Partner: a notice and the request DM updated; the requester (who cancelled) gets no DM.
    expect(postsTo("U01PARTNER4").map((c) => c.args.text)).toEqual([expect.stringContaining("Erika Mustermann (Stadt Musterstadt) hat die Sparring-Anfrage")]);
    const posted = await savedMessage(id, "partner_request");
    const update = flow.slack.calls("chat.update").find((c) => c.args.ts === posted.ts);
    expect(buttonsOf(update!.args.blocks)).toEqual([]);
    // The request DM's outcome names the canceller too.
    expect(textOf(update!.args.blocks)).toContain("Erika Mustermann (Stadt Musterstadt) hat die Sparring-Anfrage");
    expect(textOf(update!.args.blocks)).not.toContain("wurde storniert");
    expect(postsTo("U01CONTACT1")).toEqual([]);

    const after = await flow.command("U01CONTACT1", "status");
    expect(textOf(after.args.blocks)).toContain("Noch 12 von 12 Einheiten");
    expect(buttonsOf(after.args.blocks)).toEqual([]);
  });

  it("a lead's cancel names the programme lead to the lead, the requester and the partner", async () => {
    const id = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: p.partner4!, question: "Durch die Leitung storniert" });
    await flow.settle();
    flow.slack.reset();
    await flow.click("U01LEAD0001", ids.CANCEL_REQUEST, id, { responseId: "leadcancel" });
    const said = "Die Projektleitung (Tina Riede) hat die Sparring-Anfrage von Stadt Musterstadt an Dr. Henrik Lautenschläger storniert";
    expect((await flow.responded("leadcancel")).args.text).toContain(said);
    expect((await requestRow(id)).state).toBe("cancelled");
    await flow.settle();
    for (const who of ["U01CONTACT1", "U01PARTNER4"]) expect(postsTo(who).map((c) => c.args.text)).toEqual([expect.stringContaining(said)]);
    const posted = await savedMessage(id, "partner_request");
    const update = flow.slack.calls("chat.update").find((c) => c.args.ts === posted.ts);
    expect(textOf(update!.args.blocks)).toContain(said);
  });

  it("after the session's start, cancel from /sparring status is refused; the partner reports it, a lead may still correct it", async () => {
    const id = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: p.partner4!, question: "Umfrage?" });
    const start = new Date("2026-06-17T08:00:00Z");
    expect((await flow.accept("U01PARTNER4", id, { start, format: "video", link: "https://meet.example.org/r" })).status).toBe(200);
    expect((await requestRow(id)).state).toBe("scheduled");
    await flow.settle();

    // Before the start the status offers the cancel button; the contact may still hold that message later.
    clock.set("2026-06-17T07:30:00Z");
    const status = await flow.command("U01CONTACT1", "status");
    expect(buttonsOf(status.args.blocks)).toEqual([expect.objectContaining({ action_id: ids.CANCEL_REQUEST, value: id })]);
    // Half an hour into the session a fresh status offers no cancel button any more…
    clock.set("2026-06-17T08:30:00Z");
    expect(buttonsOf((await flow.command("U01CONTACT1", "status")).args.blocks)).toEqual([]);
    // …and the button on the older message is refused by the server.
    const before = {
      events: await flow.db.prisma.requestEvent.count({ where: { requestId: id } }),
      outbox: await flow.db.prisma.outboxMessage.count(),
    };
    flow.slack.reset();
    expect(await flow.press("U01CONTACT1", status, ids.CANCEL_REQUEST, { responseId: "lateCancel" })).toBe(200);
    const refusal = await flow.responded("lateCancel");
    expect(refusal.args.response_type).toBe("ephemeral");
    expect(textOf(refusal.args.blocks)).toContain("Dieser Termin hat bereits begonnen und kann nicht mehr storniert werden");
    expect(refusal.args.text).not.toContain("hat die Sparring-Einheit");
    // Nothing changed: still scheduled, the unit still used, no audit row, no notice.
    expect((await requestRow(id)).state).toBe("scheduled");
    expect(await flow.db.prisma.requestEvent.count({ where: { requestId: id } })).toBe(before.events);
    expect(await flow.db.prisma.outboxMessage.count()).toBe(before.outbox);
    expect(textOf((await flow.command("U01CONTACT1", "status")).args.blocks)).toContain("Noch 11 von 12 Einheiten");

    // English users read it in English.
    flow.slack.setLocale("U01CONTACT2", "en-US");
    expect(await flow.press("U01CONTACT2", status, ids.CANCEL_REQUEST, { responseId: "lateCancelEn" })).toBe(200);
    expect(textOf((await flow.responded("lateCancelEn")).args.blocks)).toContain("This session has already started and can no longer be cancelled");
    expect((await requestRow(id)).state).toBe("scheduled");

    // A lead's correction (with its reason) may still cancel it.
    const correction = await flow.slackApi.viewSubmission({
      user: "U01LEAD0002",
      callbackId: ids.CORRECTION_MODAL,
      privateMetadata: id,
      values: {
        [ids.CORRECTION_ACTION_BLOCK]: { [ids.CORRECTION_ACTION]: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "cancel" }, value: "cancel" } } },
        [ids.CORRECTION_REASON_BLOCK]: { [ids.CORRECTION_REASON]: { type: "plain_text_input", value: "Kommune hat vorab abgesagt" } },
      },
    });
    expect(correction.status).toBe(200);
    expect(JSON.parse(correction.body)).toMatchObject({ response_action: "update" });
    expect((await requestRow(id)).state).toBe("cancelled");
  });

  it("after the session's start the partner still reports it held", async () => {
    const id = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: p.partner4!, question: "Umfrage?" });
    await flow.accept("U01PARTNER4", id, { start: new Date("2026-06-17T08:00:00Z"), format: "video", link: "https://meet.example.org/r" });
    const status = await flow.command("U01CONTACT1", "status"); // before the start: with its cancel button
    clock.set("2026-06-17T09:30:00Z");
    expect(await flow.press("U01CONTACT1", status, ids.CANCEL_REQUEST, { responseId: "lateCancel2" })).toBe(200);
    expect(textOf((await flow.responded("lateCancel2")).args.blocks)).toContain("bereits begonnen");
    expect(await flow.click("U01PARTNER4", ids.MARK_HELD, id, { responseId: "held2" })).toBe(200);
    await eventually(async () => expect((await requestRow(id)).state).toBe("held"));
  });

  it("a Slack retry and a double click of the booking submit make exactly one request", async () => {
    const form = { topics: ["surveys"], partnerId: p.partner4!, question: "Einmal bitte" };
    const first = await flow.book("U01CONTACT3", form, "VRETRY1");
    const retry = await flow.book("U01CONTACT3", form, "VRETRY1", { retryNum: 1 });
    expect(first.json.view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
    expect(retry.json.view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
    expect(await flow.db.prisma.sessionRequest.count()).toBe(1);

    const twice = await Promise.all([flow.book("U01CONTACT3", { ...form, question: "Doppelklick" }, "VDOUBLE1"), flow.book("U01CONTACT3", { ...form, question: "Doppelklick" }, "VDOUBLE1")]);
    expect(twice.map((a) => a.json?.view?.callback_id)).toEqual([ids.BOOKING_SENT_MODAL, ids.BOOKING_SENT_MODAL]);
    expect(await flow.db.prisma.sessionRequest.count({ where: { question: "Doppelklick" } })).toBe(1);
    expect(await flow.db.prisma.sessionRequest.count()).toBe(2);
    await flow.settle();
    expect(postsTo("U01PARTNER4")).toHaveLength(2); // one DM per request, not per submission
  });

  it("a retried cancel click (same action_ts) cancels once; a second click is told it is already cancelled", async () => {
    const id = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: p.partner4!, question: "Storno" });
    await flow.settle();
    const actionTs = "1781510400.000200";
    await flow.click("U01CONTACT1", ids.CANCEL_REQUEST, id, { actionTs, responseId: "c1" });
    await flow.click("U01CONTACT1", ids.CANCEL_REQUEST, id, { actionTs, responseId: "c2", sign: { retryNum: 1 } });
    await eventually(async () => expect((await requestRow(id)).state).toBe("cancelled"));
    await flow.click("U01CONTACT1", ids.CANCEL_REQUEST, id, { responseId: "c3" });
    expect((await flow.responded("c3")).args.text).toContain("bereits storniert und kann nicht mehr");
    await flow.settle();
    expect(await eventsOf(id)).toEqual(["->requested", "requested>cancelled"]);
    // The retry is answered like the first delivery (a confirmation), never with "already cancelled".
    for (const responseId of ["c1", "c2"]) expect((await flow.responded(responseId)).args.text).toContain("Erika Mustermann (Stadt Musterstadt) hat die Sparring-Anfrage");
    expect(flow.slack.calls("respond").filter((c) => c.id === "c1" || c.id === "c2")).toHaveLength(2);
  });
});
