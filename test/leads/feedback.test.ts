/**
 * End to end, feedback after a session: marking it held DMs the requester a button; the form is
 * validated inline; one answer per request, changeable for 7 days; only the requester may answer.
 * The overview and the digest show figures per partner and topic, never a comment.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRules } from "../../src/db/queries.ts";
import { removeExpiredQuestions } from "../../src/db/retention.ts";
import { formatDate } from "../../src/i18n/index.ts";
import * as ids from "../../src/slack/ids.ts";
import { csvRecords, fileNamed, uploadedFiles } from "./lead-helpers.ts";
import { input } from "../support/slack-requests.ts";
import { buttonsOf, eventually, mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
const comment = "GEHEIMER-KOMMENTAR: sehr konkret, danke";

export function feedbackValues(values: { usefulness: string | null; recommend: string | null; comment?: string }) {
  return {
    [ids.FEEDBACK_USEFULNESS_BLOCK]: { [ids.FEEDBACK_USEFULNESS]: input.radio(values.usefulness) },
    [ids.FEEDBACK_RECOMMEND_BLOCK]: { [ids.FEEDBACK_RECOMMEND]: input.radio(values.recommend) },
    [ids.FEEDBACK_COMMENT_BLOCK]: { [ids.FEEDBACK_COMMENT]: input.text(values.comment ?? "") },
  };
}

/** Books as `contact`, has `partner` accept, and marks it held through the partner's button; returns the request id. */
export async function heldSession(flow: Flow, contact: string, partnerSlackId: string, topics: string[]): Promise<string> {
  const partnerId = await flow.personId(partnerSlackId);
  const id = await flow.bookOk(contact, { topics, partnerId, question: "Wie gehen wir vor?" });
  const accepted = await flow.accept(partnerSlackId, id, { start: new Date(clock().getTime() + 2 * 3_600_000), format: "video", link: "https://meet.example.org/f" });
  expect(accepted.status).toBe(200);
  clock.advance(4 * 3_600_000);
  expect(await flow.click(partnerSlackId, ids.MARK_HELD, id)).toBe(200);
  await eventually(async () => expect((await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } })).state).toBe("held"));
  await flow.settle();
  return id;
}

describe("feedback after a held session", () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow({ clock });
  });
  afterAll(async () => flow?.stop());

  const submit = (user: string, requestId: string, values: Parameters<typeof feedbackValues>[0], viewId = `VFB${Math.random()}`) =>
    flow.slackApi.viewSubmission({ user, callbackId: ids.FEEDBACK_MODAL, values: feedbackValues(values), privateMetadata: requestId, viewId })
      .then((r) => ({ status: r.status, json: r.body ? JSON.parse(r.body) : null }));

  it("the requester gets a button, answers once with inline validation, may change it for 7 days; nobody else may answer", async () => {
    const id = await heldSession(flow, "U01CONTACT3", "U01PARTNER4", ["surveys"]);
    const ask = flow.slack.calls("chat.postMessage").find((c) => c.args.channel === "DU01CONTACT3" && buttonsOf(c.args.blocks).some((b) => b.action_id === ids.FEEDBACK_OPEN));
    expect(ask).toBeDefined();
    expect(buttonsOf(ask!.args.blocks)).toEqual([expect.objectContaining({ action_id: ids.FEEDBACK_OPEN, value: id })]);
    expect(textOf(ask!.args.blocks)).toContain("Dr. Henrik Lautenschläger");
    // Recorded: erasure and retention reach it.
    expect(await flow.db.prisma.slackMessage.count({ where: { requestId: id, purpose: { startsWith: "feedback_ask:" } } })).toBe(1);

    // The button opens the form.
    expect(await flow.press("U01CONTACT3", ask!, ids.FEEDBACK_OPEN)).toBe(200);
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.FEEDBACK_MODAL);
    expect(modal.args.view.private_metadata).toBe(id);

    // Nothing chosen: both required fields say so, inline; nothing stored.
    const empty = await submit("U01CONTACT3", id, { usefulness: null, recommend: null });
    expect(empty.json).toEqual({
      response_action: "errors",
      errors: { [ids.FEEDBACK_USEFULNESS_BLOCK]: expect.any(String), [ids.FEEDBACK_RECOMMEND_BLOCK]: expect.any(String) },
    });
    // A forged rating outside 1–5 is refused too.
    expect((await submit("U01CONTACT3", id, { usefulness: "9", recommend: "yes" })).json.response_action).toBe("errors");
    expect(await flow.db.prisma.sessionFeedback.count()).toBe(0);

    const first = await submit("U01CONTACT3", id, { usefulness: "4", recommend: "yes", comment });
    expect(first.json.response_action).toBe("update");
    expect(textOf(first.json.view.blocks)).toContain("Danke für Ihre Rückmeldung");
    const stored = await flow.db.prisma.sessionFeedback.findUniqueOrThrow({ where: { requestId: id } });
    expect(stored).toMatchObject({ usefulness: 4, wouldRecommend: true, comment, firstAnsweredAt: clock() });

    // Another contact and the partner are refused (from the data, not the button).
    expect((await submit("U01CONTACT4", id, { usefulness: "1", recommend: "no" })).json.errors[ids.FEEDBACK_USEFULNESS_BLOCK]).toContain("angefragt hat");
    expect((await submit("U01PARTNER4", id, { usefulness: "5", recommend: "yes" })).json.response_action).toBe("errors");
    await flow.click("U01PARTNER4", ids.FEEDBACK_OPEN, id, { responseId: "fb-forged" });
    expect((await flow.responded("fb-forged")).args.text).toContain("angefragt hat");

    // Changed three days later: one row, the first-answer time kept; the form shows the earlier answer.
    const firstAt = clock();
    clock.advance(3 * 86_400_000);
    await flow.click("U01CONTACT3", ids.FEEDBACK_OPEN, id);
    const again = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.FEEDBACK_MODAL && JSON.stringify(c.args.view).includes("GEHEIMER"));
    expect(JSON.stringify(again.args.view)).toContain('"value":"4"');
    expect((await submit("U01CONTACT3", id, { usefulness: "2", recommend: "no" })).json.response_action).toBe("update");
    expect(await flow.db.prisma.sessionFeedback.findMany()).toEqual([expect.objectContaining({ usefulness: 2, wouldRecommend: false, comment: null, firstAnsweredAt: firstAt })]);

    // After 7 days it is closed.
    clock.set(new Date(firstAt.getTime() + 7 * 86_400_000));
    const late = await submit("U01CONTACT3", id, { usefulness: "5", recommend: "yes" });
    // The date in the programme's zone, carried by the refusal (no second read for the answer).
    expect(late.json.errors[ids.FEEDBACK_USEFULNESS_BLOCK]).toBe(`Ihre Rückmeldung kann seit ${formatDate(clock(), "Europe/Berlin", "de")} nicht mehr geändert werden.`);
    expect((await flow.db.prisma.sessionFeedback.findUniqueOrThrow({ where: { requestId: id } })).usefulness).toBe(2);
  });

  it("overview and digest show figures per partner and topic without comments; the lead's feedback.csv has the comment until erasure or retention", async () => {
    clock.set("2026-06-29T08:00:00Z"); // Monday 10:00 in Berlin: this week's digest is due
    const id = await heldSession(flow, "U01CONTACT1", "U01PARTNER1", ["online-events"]);
    expect((await submit("U01CONTACT1", id, { usefulness: "5", recommend: "yes", comment })).json.response_action).toBe("update");

    const overview = textOf((await flow.command("U01LEAD0001", "übersicht")).args.blocks);
    expect(overview).toContain("Rückmeldungen (Ø Nützlichkeit 1–5, Empfehlung ja / nein)");
    expect(overview).toContain("• Dr. Henrik Lautenschläger: Ø 2,0 aus 1 · 0 / 1");
    expect(overview).toContain("• Dr. Jana Beispiel: Ø 5,0 aus 1 · 1 / 0");
    expect(overview).toContain("• Beratung zur Durchführung von Umfragen: Ø 2,0 aus 1 · 0 / 1");
    expect(overview).toContain("• Planung und Durchführung von Online-Veranstaltungen: Ø 5,0 aus 1 · 1 / 0");
    expect(overview).not.toContain("GEHEIMER");

    await flow.app.jobs.runDue();
    await flow.settle();
    const digest = flow.slack.calls("chat.postMessage").filter((c) => c.args.channel === "C0DIGEST01").at(-1);
    expect(textOf(digest!.args.blocks)).toContain("• Dr. Jana Beispiel: Ø 5,0 aus 1 · 1 / 0");
    expect(JSON.stringify(digest!.args)).not.toContain("GEHEIMER");

    const exportFeedback = async () => {
      flow.slack.reset();
      await flow.command("U01LEAD0001", "export");
      return csvRecords(fileNamed(await uploadedFiles(flow.slack, "DU01LEAD0001", 4), "sparring-feedback_"));
    };
    const rows = await exportFeedback();
    expect(rows.filter((r) => r.Art === "Sparring-Partner/-in").map((r) => [r.Name, r["Rückmeldungen"], r["Ø Nützlichkeit (1–5)"], r["Empfehlung ja"], r["Empfehlung nein"]])).toEqual([
      ["Dr. Henrik Lautenschläger", "1", "2", "0", "1"],
      ["Dr. Jana Beispiel", "1", "5", "1", "0"],
    ]);
    expect(rows.filter((r) => r.Art === "Kommentar")).toEqual([expect.objectContaining({ Name: "Dr. Jana Beispiel", Kommentar: comment, Termin: "29.06.2026" })]);
    expect(JSON.stringify(rows)).not.toContain("Erika Mustermann"); // never the requester

    // The retention after the programme removes every comment; the figures stay.
    const rules = (await loadRules(flow.db.prisma))!;
    await removeExpiredQuestions(flow.db.prisma, rules, new Date("2029-01-01T00:00:00Z"));
    expect(await flow.db.prisma.sessionFeedback.count({ where: { comment: { not: null } } })).toBe(0);
    expect(await flow.db.prisma.sessionFeedback.count()).toBe(2);

    // Erasure removes the person's comment (given again for the test), keeps the rating.
    clock.advance(86_400_000);
    expect((await submit("U01CONTACT1", id, { usefulness: "5", recommend: "yes", comment })).json.response_action).toBe("update");
    expect((await exportFeedback()).some((r) => r.Kommentar === comment)).toBe(true);
    const ask = await flow.command("U01CONTACT1", "löschen");
    await flow.press("U01CONTACT1", ask, ids.ERASE_PERSON, { responseId: "erase-fb" });
    await flow.responded("erase-fb");
    expect(await flow.db.prisma.sessionFeedback.findUniqueOrThrow({ where: { requestId: id } })).toMatchObject({ usefulness: 5, comment: null });
    await flow.settle();
    // The feedback DM (it names the partner) and the export files are reached by the erasure.
    expect(flow.slack.calls("files.delete").length).toBeGreaterThan(0);
  });
});
