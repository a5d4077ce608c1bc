/**
 * End to end: a lead sees a request's history (every state change, who, when, reason) with
 * `/sparring verlauf <id>` and from the correction modal, and the admin audit log in the overview.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { input } from "../support/slack-requests.ts";
import { buttonsOf, mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");

describe("request history and admin audit log", () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow({ clock });
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => flow.reset());

  it("/sparring verlauf <id>: every state change with who, when and the reason; contacts are refused", async () => {
    const partnerId = await flow.personId("U01PARTNER4");
    const requestId = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId, question: "Wie gehen wir vor?" });
    clock.set("2026-06-15T09:30:00Z");
    const cancelled = await flow.slackApi.viewSubmission({
      user: "U01LEAD0001",
      callbackId: ids.CORRECTION_MODAL,
      privateMetadata: requestId,
      values: {
        [ids.CORRECTION_ACTION_BLOCK]: { [ids.CORRECTION_ACTION]: input.radio("cancel") },
        [ids.CORRECTION_REASON_BLOCK]: { [ids.CORRECTION_REASON]: input.text("Doppelt gebucht") },
      },
    });
    expect(cancelled.status).toBe(200);

    const history = await flow.command("U01LEAD0001", `verlauf ${requestId}`);
    const text = textOf(history.args.blocks);
    expect(text).toContain(`Verlauf der Anfrage ${requestId}`);
    expect(text).toContain("• Mo., 15.06.2026, 10:00 Uhr · Erika Mustermann · angelegt: Angefragt");
    expect(text).toContain("• Mo., 15.06.2026, 11:30 Uhr · Tina Riede · Angefragt → Storniert\n   _Grund: Doppelt gebucht_");
    expect(text).not.toContain("Wie gehen wir vor?");

    expect((await flow.command("U01CONTACT1", `verlauf ${requestId}`)).args.text).toBe("Der Verlauf ist der Projektleitung vorbehalten.");
    expect((await flow.command("U01LEAD0001", "verlauf nicht-da")).args.text).toContain("/sparring verlauf <Anfrage-ID>");

    // From the correction modal: a button pushes the same history on top of it.
    await flow.slackApi.slashCommand({ user: "U01LEAD0001", text: `korrektur ${requestId}` });
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.CORRECTION_MODAL);
    expect(buttonsOf(modal.args.view.blocks)).toEqual([expect.objectContaining({ action_id: ids.CORRECTION_HISTORY, value: requestId })]);
    await flow.slackApi.blockAction({ user: "U01LEAD0001", actionId: ids.CORRECTION_HISTORY, value: requestId });
    const pushed = await flow.slack.waitFor("views.push");
    expect(textOf(pushed.args.view.blocks)).toContain("Tina Riede · Angefragt → Storniert");
    // A contact's forged click pushes nothing.
    await flow.slackApi.blockAction({ user: "U01CONTACT1", actionId: ids.CORRECTION_HISTORY, value: requestId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(flow.slack.calls("views.push")).toHaveLength(1);
  });

  it("the overview lists the newest changes of the admin audit log with who and when", async () => {
    clock.set("2026-06-15T08:00:00Z");
    const response = await flow.slackApi.viewSubmission({
      user: "U01LEAD0002",
      callbackId: ids.ADMIN_MODAL,
      privateMetadata: "retire_topic",
      values: { [ids.ADMIN_TOPIC_BLOCK]: { [ids.ADMIN_TOPIC]: input.staticSelect("random-selection") } },
    });
    expect(JSON.parse(response.body).response_action).toBe("update");
    const overview = await flow.command("U01LEAD0001", "übersicht");
    const text = textOf(overview.args.blocks);
    expect(text).toContain("Letzte Änderungen der Verwaltung");
    expect(text).toContain("• Mo., 15.06.2026, 10:00 Uhr · Dr. Paula Sommerfeld · retire_topic · random-selection");
    expect(overview.args.blocks.length).toBeLessThanOrEqual(50);
  });
});
