/**
 * Forged payloads for every action and every modal, through the signed HTTP endpoint: the wrong
 * person, another municipality's request, unknown and malformed ids, tampered private_metadata,
 * people who are not (active) partners. Each is refused with a message the person can read and
 * leaves the database untouched.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import type { RecordedCall } from "../support/fake-slack.ts";
import { input, viewPayload } from "../support/slack-requests.ts";
import { bookingValues, mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";
import { dbSnapshot, pause } from "./security-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
const NOT_FOUND = "Diese Anfrage wurde nicht gefunden";
const forbidden = (what: string) => `nicht berechtigt, diese ${what}`;

describe("forged actions and modals", () => {
  let flow: Flow;
  let p: Record<string, string>;
  let open: string; // beispielheim → U01PARTNER4, requested
  let scheduled: string; // beispielheim → U01PARTNER4, scheduled (in the past)
  let before: Awaited<ReturnType<typeof dbSnapshot>>;

  beforeAll(async () => {
    flow = await startFlow({ clock });
    p = Object.fromEntries(
      await Promise.all(
        ["U01CONTACT1", "U01CONTACT3", "U01PARTNER1", "U01PARTNER2", "U01PARTNER4", "U01PARTNER5", "U01LEAD0001"].map(async (s) => [s, await flow.personId(s)] as const),
      ),
    );
    open = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "offen" });
    scheduled = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "vereinbart" });
    await flow.db.prisma.sessionRequest.update({
      where: { id: scheduled },
      data: { state: "scheduled", scheduledStart: new Date("2026-06-12T08:00:00Z"), format: "video", meetingLink: "https://meet.example.org/x" },
    });
    // Everyone who clicks below has seen the privacy notice already: their answers are the refusals.
    for (const user of ["U01CONTACT1", "U01CONTACT4", "U01PARTNER1", "U01PARTNER2", "U01PARTNER4", "U01LEAD0001"]) await flow.command(user, "hilfe");
    await flow.settle();
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    await flow.settle();
    flow.slack.reset();
    before = await dbSnapshot(flow);
  });

  async function expectUnchanged() {
    await pause(100);
    await flow.settle();
    expect(await dbSnapshot(flow)).toEqual(before);
    expect(flow.slack.calls("chat.postMessage")).toEqual([]);
  }

  /** A button press with a response_url: the refusal arrives there (ephemeral), no modal opens. */
  async function refusedClick(user: string, actionId: string, value: string | undefined, expected: string) {
    flow.slack.reset();
    const responseId = `F${randomUUID()}`;
    expect(await flow.click(user, actionId, value, { responseId })).toBe(200);
    const answer = await flow.responded(responseId, 5000);
    expect(answer.method).toBe("respond");
    expect(answer.args.response_type).toBe("ephemeral");
    expect(answer.args.text).toContain(expected);
    expect(flow.slack.calls("views.open")).toEqual([]);
  }

  /** The same from the Home tab (no response_url): the refusal is a small modal. */
  async function refusedHomeClick(user: string, actionId: string, value: string, expected: string) {
    const triggerId = `T${randomUUID()}`;
    const response = await flow.slackApi.blockAction({ user, actionId, value, triggerId, view: viewPayload({ type: "home", callback_id: "" }) });
    expect(response.status).toBe(200);
    const modal = await flow.slack.waitFor("views.open", (c) => c.args.trigger_id === triggerId, 5000);
    expect(modal.args.view.callback_id).toBe(ids.REFUSAL_MODAL);
    expect(textOf(modal.args.view.blocks)).toContain(expected);
  }

  describe("request buttons", () => {
    it("accept_request: contact, other partner, unknown user, unknown/non-uuid/missing ids", async () => {
      await refusedClick("U01CONTACT3", ids.ACCEPT_REQUEST, open, forbidden("Anfrage anzunehmen"));
      await refusedClick("U01PARTNER2", ids.ACCEPT_REQUEST, open, forbidden("Anfrage anzunehmen"));
      await refusedClick("U0STRANGER", ids.ACCEPT_REQUEST, open, forbidden("Anfrage anzunehmen"));
      await refusedClick("U01PARTNER4", ids.ACCEPT_REQUEST, randomUUID(), NOT_FOUND);
      await refusedClick("U01PARTNER4", ids.ACCEPT_REQUEST, "1' OR '1'='1", NOT_FOUND);
      await refusedClick("U01PARTNER4", ids.ACCEPT_REQUEST, undefined, NOT_FOUND);
      await refusedClick("U01PARTNER4", ids.ACCEPT_REQUEST, scheduled, "ist bereits vereinbart");
      await expectUnchanged();
    });

    it("decline_request: other partner, contact, from Home as a modal, bad ids", async () => {
      await refusedClick("U01PARTNER1", ids.DECLINE_REQUEST, open, forbidden("Anfrage abzulehnen"));
      await refusedClick("U01CONTACT3", ids.DECLINE_REQUEST, open, forbidden("Anfrage abzulehnen"));
      await refusedHomeClick("U01CONTACT3", ids.DECLINE_REQUEST, open, forbidden("Anfrage abzulehnen"));
      await refusedClick("U01PARTNER4", ids.DECLINE_REQUEST, `${open}x`, NOT_FOUND);
      await expectUnchanged();
    });

    it("cancel_request: another municipality's contact, a partner, bad ids", async () => {
      await refusedClick("U01CONTACT4", ids.CANCEL_REQUEST, open, forbidden("Anfrage zu stornieren"));
      await refusedClick("U01CONTACT1", ids.CANCEL_REQUEST, scheduled, forbidden("Anfrage zu stornieren"));
      await refusedHomeClick("U01CONTACT1", ids.CANCEL_REQUEST, open, forbidden("Anfrage zu stornieren"));
      await refusedClick("U01PARTNER2", ids.CANCEL_REQUEST, open, forbidden("Anfrage zu stornieren"));
      await refusedClick("U01CONTACT3", ids.CANCEL_REQUEST, "../../etc/passwd", NOT_FOUND);
      await expectUnchanged();
    });

    it("mark_held / mark_not_held: other partner, contact, bad ids", async () => {
      await refusedClick("U01PARTNER2", ids.MARK_HELD, scheduled, forbidden("Einheit als durchgeführt zu melden"));
      await refusedClick("U01CONTACT3", ids.MARK_HELD, scheduled, forbidden("Einheit als durchgeführt zu melden"));
      await refusedClick("U01PARTNER1", ids.MARK_NOT_HELD, scheduled, forbidden("Einheit als nicht durchgeführt zu melden"));
      await refusedClick("U01PARTNER4", ids.MARK_HELD, randomUUID(), NOT_FOUND);
      await refusedClick("U01PARTNER4", ids.MARK_NOT_HELD, "DROP TABLE", NOT_FOUND);
      await expectUnchanged();
    });

    it("erase_person: a non-lead naming someone else, a lead with unknown or malformed ids, a stranger's 'me'", async () => {
      await refusedClick("U01CONTACT1", ids.ERASE_PERSON, p.U01CONTACT3!, "Nur die Projektleitung kann die Daten anderer Personen löschen");
      await refusedClick("U01PARTNER1", ids.ERASE_PERSON, p.U01LEAD0001!, "Nur die Projektleitung");
      await refusedClick("U01LEAD0001", ids.ERASE_PERSON, randomUUID(), "nicht (mehr) gespeichert");
      await refusedClick("U01LEAD0001", ids.ERASE_PERSON, "'; DELETE FROM people; --", "nicht (mehr) gespeichert");
      await refusedClick("U01LEAD0001", ids.ERASE_PERSON, undefined, "nicht (mehr) gespeichert");
      await refusedClick("U0STRANGER", ids.ERASE_PERSON, "me", "nicht (mehr) gespeichert");
      await expectUnchanged();
    });
  });

  describe("booking buttons, selects and suggestions", () => {
    const partnerOptionValues = (call: RecordedCall): string[] => {
      const block = (call.args.view.blocks as Array<{ block_id?: string; element?: { initial_option?: { value: string } } }>).find((b) => b.block_id === ids.BOOKING_PARTNER_BLOCK);
      return block?.element?.initial_option ? [block.element.initial_option.value] : [];
    };

    it("open_booking: a stranger and a partner are told why; forged partner values preselect nobody", async () => {
      await refusedClick("U0STRANGER", ids.OPEN_BOOKING, undefined, "noch nicht für das Programm freigeschaltet");
      await refusedClick("U01PARTNER1", ids.OPEN_BOOKING, p.U01PARTNER1, "Nur Ansprechpersonen");
      for (const value of [p.U01PARTNER5!, p.U01CONTACT1!, "<script>", randomUUID()]) {
        flow.slack.reset();
        expect(await flow.click("U01CONTACT1", ids.OPEN_BOOKING, value)).toBe(200);
        const modal = await flow.slack.waitFor("views.open", () => true, 5000);
        expect(modal.args.view.callback_id).toBe(ids.BOOKING_MODAL);
        expect(partnerOptionValues(modal)).toEqual([]);
      }
      await expectUnchanged();
    });

    it("topic/partner changes: non-contacts get nothing; an inactive or made-up partner is not selected", async () => {
      const change = (user: string, actionId: string, values: Record<string, Record<string, Record<string, unknown>>>, view = true) =>
        flow.slackApi.blockAction({
          user,
          actionId,
          blockId: actionId === ids.BOOKING_TOPICS ? ids.BOOKING_TOPICS_BLOCK : ids.BOOKING_PARTNER_BLOCK,
          ...(view ? { view: viewPayload({ type: "modal", callback_id: ids.BOOKING_MODAL }, { id: `V${randomUUID().slice(0, 8)}`, values }) } : { container: { type: "view", view_id: "VX" } }),
        });
      const partner5 = bookingValues({ topics: ["local-conflicts"], partnerId: p.U01PARTNER5!, question: "" });
      expect((await change("U01PARTNER1", ids.BOOKING_PARTNER, partner5)).status).toBe(200);
      expect((await change("U0STRANGER", ids.BOOKING_TOPICS, partner5)).status).toBe(200);
      expect((await change("U01CONTACT1", ids.BOOKING_TOPICS, partner5, false)).status).toBe(200);
      await pause(500);
      expect(flow.slack.calls("views.update")).toEqual([]);

      for (const partnerId of [p.U01PARTNER5!, p.U01CONTACT3!, "not-a-uuid"]) {
        flow.slack.reset();
        const values = bookingValues({ topics: ["local-conflicts"], partnerId, question: "" });
        expect((await change("U01CONTACT1", ids.BOOKING_PARTNER, values)).status).toBe(200);
        const update = await flow.slack.waitFor("views.update", () => true, 5000);
        expect(partnerOptionValues(update)).toEqual([]);
        expect(JSON.stringify(update.args.view)).not.toContain(partnerId);
      }
      await expectUnchanged();
    });

    it("block_suggestion: only contacts get partners; huge queries answer empty", async () => {
      const suggest = async (user: string, value: string) => {
        const response = await flow.slackApi.blockSuggestion({ user, actionId: ids.BOOKING_PARTNER, blockId: ids.BOOKING_PARTNER_BLOCK, value });
        expect(response.status).toBe(200);
        return JSON.parse(response.body) as { options: Array<{ value: string }> };
      };
      expect((await suggest("U0STRANGER", "")).options).toEqual([]);
      expect((await suggest("U01PARTNER1", "Dr")).options).toEqual([]);
      expect((await suggest("U01CONTACT7", "Dr")).options.length).toBeGreaterThanOrEqual(0);
      const control = await suggest("U01CONTACT1", "Lautenschl");
      expect(control.options.map((o) => o.value)).toEqual([p.U01PARTNER4]);
      expect((await suggest("U01CONTACT1", "x".repeat(100_000))).options).toEqual([]);
      expect((await suggest("U01CONTACT1", "Friedrichs")).options).toEqual([]); // inactive partner
      await expectUnchanged();
    });
  });

  describe("modal submissions", () => {
    const refusedModal = (answer: { status: number; json: any }, expected: string) => {
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ response_action: "update", view: { callback_id: ids.REFUSAL_MODAL } });
      expect(textOf(answer.json.view.blocks)).toContain(expected);
    };
    const inlineError = (answer: { status: number; json: any }, block: string, expected: string) => {
      expect(answer.status).toBe(200);
      expect(answer.json.response_action).toBe("errors");
      expect(answer.json.errors[block]).toContain(expected);
    };

    it("booking_modal: stranger, partner, non-eligible contact; non-uuid, non-partner, inactive partner; unknown topic", async () => {
      const form = (partnerId: string | null, topics = ["surveys"]) => ({ topics, partnerId, question: "Gefälscht?" });
      refusedModal(await flow.book("U0STRANGER", form(p.U01PARTNER4!)), "noch nicht für das Programm freigeschaltet");
      refusedModal(await flow.book("U01PARTNER1", form(p.U01PARTNER4!)), "Nur Ansprechpersonen");
      refusedModal(await flow.book("U01CONTACT7", form(p.U01PARTNER4!)), "gehört nicht zu den Projektrunden");
      inlineError(await flow.book("U01CONTACT3", form("not-a-uuid")), ids.BOOKING_PARTNER_BLOCK, "Bitte wählen Sie eine Sparring-Partnerin");
      inlineError(await flow.book("U01CONTACT3", form(p.U01CONTACT1!)), ids.BOOKING_PARTNER_BLOCK, "gibt es nicht (mehr)");
      inlineError(await flow.book("U01CONTACT3", form(randomUUID())), ids.BOOKING_PARTNER_BLOCK, "gibt es nicht (mehr)");
      inlineError(await flow.book("U01CONTACT3", form(p.U01PARTNER5!, ["local-conflicts"])), ids.BOOKING_PARTNER_BLOCK, "nimmt zurzeit keine Anfragen an");
      inlineError(await flow.book("U01CONTACT3", form(p.U01PARTNER4!, ["no-such-topic"])), ids.BOOKING_TOPICS_BLOCK, "„no-such-topic“ gibt es nicht");
      await expectUnchanged();
    });

    it("booking_modal: private_metadata cannot choose the municipality", async () => {
      const answer = await flow.slackApi.viewSubmission({
        user: "U01CONTACT1",
        callbackId: ids.BOOKING_MODAL,
        values: bookingValues({ topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "Für wen?" }),
        privateMetadata: JSON.stringify({ municipality: "beispielheim", requester: p.U01CONTACT3 }),
        viewId: "VMETA1",
      });
      expect(JSON.parse(answer.body).view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
      const created = await flow.db.prisma.sessionRequest.findFirstOrThrow({ where: { question: "Für wen?" } });
      expect(created).toMatchObject({ municipalityKey: "musterstadt", requesterId: p.U01CONTACT1 });
      await flow.db.prisma.requestEvent.deleteMany({ where: { requestId: created.id } });
      await flow.db.prisma.outboxMessage.deleteMany({});
      await flow.db.prisma.sessionRequest.delete({ where: { id: created.id } });
    });

    it("accept_modal: other partner, contact, tampered/empty/unknown metadata, a decided request", async () => {
      const form = { start: new Date("2026-06-17T08:00:00Z"), format: "video" as const, link: "https://meet.example.org/r" };
      refusedModal(await flow.accept("U01PARTNER2", open, form), forbidden("Anfrage anzunehmen"));
      refusedModal(await flow.accept("U01CONTACT3", open, form), forbidden("Anfrage anzunehmen"));
      refusedModal(await flow.accept("U0STRANGER", open, form), "noch nicht für das Programm freigeschaltet");
      for (const metadata of ["", "not-a-request", `${open}'--`, JSON.stringify({ id: open }), randomUUID()]) {
        refusedModal(await flow.accept("U01PARTNER4", metadata, form), NOT_FOUND);
      }
      refusedModal(await flow.accept("U01PARTNER4", scheduled, form), "ist bereits vereinbart");
      await expectUnchanged();
    });

    it("decline_modal: other partner, contact of another municipality, tampered metadata, a decided request", async () => {
      refusedModal(await flow.decline("U01PARTNER1", open, "nein"), forbidden("Anfrage abzulehnen"));
      refusedModal(await flow.decline("U01CONTACT4", open, "nein"), forbidden("Anfrage abzulehnen"));
      for (const metadata of ["", "x".repeat(3000), randomUUID()]) refusedModal(await flow.decline("U01PARTNER4", metadata, "nein"), NOT_FOUND);
      refusedModal(await flow.decline("U01PARTNER4", scheduled, "nein"), "ist bereits vereinbart");
      await expectUnchanged();
    });

    it("unknown callback ids and state for another modal are not processed", async () => {
      const other = await flow.slackApi.viewSubmission({
        user: "U01PARTNER4",
        callbackId: ids.ACCEPT_MODAL,
        values: { [ids.DECLINE_REASON_BLOCK]: { [ids.DECLINE_REASON]: input.text("falsches Formular") } },
        privateMetadata: open,
      });
      expect(other.status).toBe(200);
      expect(JSON.parse(other.body).response_action).toBe("errors");
      await expectUnchanged();
    });
  });
});
