/**
 * End to end: what the app refuses, and how it says so. Quotas with the numbers, form errors on
 * the right field (German and English), unknown people, forged buttons and modals, bad signatures.
 */
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { insertRequests } from "../support/fixtures.ts";
import { slashCommandBody, signedPost, FORM } from "../support/slack-requests.ts";
import { signingSecret } from "../support/start-app.ts";
import { buttonsOf, mutableClock, sharedFlow, textOf } from "./flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("refusals through Slack", () => {
  const { flow, people: p } = sharedFlow(clock, { people: ["U01CONTACT1", "U01CONTACT3", "U01CONTACT4", "U01PARTNER1", "U01PARTNER2", "U01PARTNER4", "U01PARTNER5"] });

  const count = () => flow.db.prisma.sessionRequest.count();
  /** Everything a refused action must leave alone: requests, audit rows, notices. */
  const snapshot = async () => ({
    requests: await flow.db.prisma.sessionRequest.findMany({ orderBy: { id: "asc" } }),
    events: await flow.db.prisma.requestEvent.count(),
    outbox: await flow.db.prisma.outboxMessage.count(),
  });

  describe("quotas", () => {
    it("12 of 12 units reserved: the modal says so with the numbers, no request", async () => {
      await insertRequests(flow.db.prisma, { municipalityKey: "beispielheim", requesterId: p.U01CONTACT3!, partnerId: p.U01PARTNER4!, count: 10, state: "requested", topics: ["surveys"] });
      await insertRequests(flow.db.prisma, { municipalityKey: "beispielheim", requesterId: p.U01CONTACT3!, partnerId: p.U01PARTNER4!, count: 2, state: "held", topics: ["surveys"] });
      const answer = await flow.book("U01CONTACT3", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "Noch eine?" });
      expect(answer.json).toMatchObject({ response_action: "update", view: { callback_id: ids.REFUSAL_MODAL } });
      expect(textOf(answer.json.view.blocks)).toContain("12 von 12 Einheiten");
      expect(await count()).toBe(12);
    });

    it("5 of 5 units with assigned partners: error on the partner field; another partner still bookable", async () => {
      await insertRequests(flow.db.prisma, { municipalityKey: "musterstadt", requesterId: p.U01CONTACT1!, partnerId: p.U01PARTNER1!, count: 5, state: "scheduled", countsAssigned: true });
      const answer = await flow.book("U01CONTACT1", { topics: ["online-events"], partnerId: p.U01PARTNER1!, question: "Mit Frau Beispiel?" });
      expect(answer.json.response_action).toBe("errors");
      expect(Object.keys(answer.json.errors)).toEqual([ids.BOOKING_PARTNER_BLOCK]);
      expect(answer.json.errors[ids.BOOKING_PARTNER_BLOCK]).toContain("5 von 5 Einheiten mit bereits zugeordneten");
      expect(await count()).toBe(5);

      const other = await flow.book("U01CONTACT1", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "Dann Umfragen" });
      expect(other.json.view.callback_id).toBe(ids.BOOKING_SENT_MODAL);
      expect(await count()).toBe(6);
    });

    it("not eligible and inactive municipalities are told why", async () => {
      const altdorf = await flow.book("U01CONTACT7", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "?" });
      expect(textOf(altdorf.json.view.blocks)).toContain("Gemeinde Altdorf am See (Projektrunde 2016/17) gehört nicht zu den Projektrunden");
      // "… und die Kommunen im jetzigen Projekt 2020/2021": a Landkreis of that round may not book.
      const huegelland = await flow.book("U01CONTACT6", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "?" });
      expect(huegelland.json).toMatchObject({ response_action: "update", view: { callback_id: ids.REFUSAL_MODAL } });
      expect(textOf(huegelland.json.view.blocks)).toContain(
        "Landkreise der Projektrunde 2020/21 können keine Sparring-Einheiten buchen; in dieser Projektrunde sind nur Kommunen berechtigt (betrifft: Landkreis Hügelland).",
      );
      // A Landkreis of 2018/19 may.
      await flow.bookOk("U01CONTACT4", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "?" });
      await flow.reset();
      const rebenau = await flow.book("U01CONTACT8", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "?" });
      expect(textOf(rebenau.json.view.blocks)).toContain("Stadt Rebenau nimmt derzeit nicht am Programm teil");
      expect(await count()).toBe(0);
    });
  });

  describe("form input", () => {
    it("missing fields: errors on each input block, in German", async () => {
      const answer = await flow.book("U01CONTACT3", { topics: [], partnerId: null, question: "", format: null });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({
        response_action: "errors",
        errors: {
          [ids.BOOKING_TOPICS_BLOCK]: "Bitte wählen Sie mindestens ein Thema.",
          [ids.BOOKING_PARTNER_BLOCK]: "Bitte wählen Sie eine Sparring-Partnerin oder einen Sparring-Partner.",
          [ids.BOOKING_QUESTION_BLOCK]: "Bitte füllen Sie dieses Feld aus.",
          [ids.BOOKING_FORMAT_BLOCK]: "Bitte wählen Sie Telefon oder Videokonferenz.",
        },
      });
      expect(await count()).toBe(0);
    });

    it("too long, partner without the topic, inactive partner: each on its field", async () => {
      const long = await flow.book("U01CONTACT3", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "x".repeat(2001) });
      expect(long.json.errors).toEqual({ [ids.BOOKING_QUESTION_BLOCK]: "Bitte höchstens 2000 Zeichen." });
      const wrongTopic = await flow.book("U01CONTACT3", { topics: ["online-events"], partnerId: p.U01PARTNER4!, question: "?" });
      expect(wrongTopic.json.errors[ids.BOOKING_PARTNER_BLOCK]).toContain("bietet das Thema „Planung und Durchführung von Online-Veranstaltungen“ nicht an");
      const inactive = await flow.book("U01CONTACT3", { topics: ["local-conflicts"], partnerId: p.U01PARTNER5!, question: "?" });
      expect(inactive.json.errors[ids.BOOKING_PARTNER_BLOCK]).toContain("Ute Friedrichs nimmt zurzeit keine Anfragen an");
      expect(await count()).toBe(0);
    });

    it("a format the partner does not offer: error on the format field, naming what the partner offers", async () => {
      // Tobias Brückner offers video only.
      const phone = await flow.book("U01CONTACT4", { topics: ["large-group-methods"], partnerId: p.U01PARTNER2!, question: "Per Telefon?", format: "phone" });
      expect(phone.json).toEqual({
        response_action: "errors",
        errors: { [ids.BOOKING_FORMAT_BLOCK]: "Tobias Brückner bietet kein Sparring per Telefon an, nur per Videokonferenz. Bitte wählen Sie ein anderes Format oder eine andere Person." },
      });
      expect(await count()).toBe(0);
      await flow.bookOk("U01CONTACT4", { topics: ["large-group-methods"], partnerId: p.U01PARTNER2!, question: "Per Video", format: "video" });
    });

    it("accept modal: https link, phone, date inside the period", async () => {
      const id = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "?" });
      const start = new Date("2026-06-17T08:00:00Z");
      const http = await flow.accept("U01PARTNER4", id, { start, format: "video", link: "http://meet.example.org/r" });
      expect(http.json).toEqual({ response_action: "errors", errors: { [ids.ACCEPT_LINK_BLOCK]: expect.stringContaining("https-Link") } });
      const noPhone = await flow.accept("U01PARTNER4", id, { start, format: "phone" });
      expect(noPhone.json.errors).toEqual({ [ids.ACCEPT_PHONE_BLOCK]: expect.stringContaining("Telefonnummer") });
      const noStart = await flow.accept("U01PARTNER4", id, { start: null, format: "video", link: "https://meet.example.org/r" });
      expect(noStart.json.errors).toEqual({ [ids.ACCEPT_START_BLOCK]: "Bitte wählen Sie Datum und Uhrzeit." });
      const after = await flow.accept("U01PARTNER4", id, { start: new Date("2028-01-10T09:00:00Z"), format: "video", link: "https://meet.example.org/r" });
      expect(after.json.errors[ids.ACCEPT_START_BLOCK]).toContain("im Programmzeitraum");
      expect((await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id } })).state).toBe("requested");
    });

    it("an English-locale user gets English errors and English help", async () => {
      // Neckarfeld's contact: nobody in this file has made the app look them up before (it caches a day).
      flow.slack.setLocale("U01CONTACT5", "en-US");
      const answer = await flow.book("U01CONTACT5", { topics: [], partnerId: null, question: "" });
      expect(answer.json.errors).toMatchObject({
        [ids.BOOKING_TOPICS_BLOCK]: "Please choose at least one topic.",
        [ids.BOOKING_PARTNER_BLOCK]: "Please choose a sparring partner.",
        [ids.BOOKING_QUESTION_BLOCK]: "Please fill in this field.",
      });
      const help = await flow.command("U01CONTACT5", "hilfe");
      expect(help.args.text).toBe("How to use Sparring");
      expect(textOf(help.args.blocks)).toContain("`/sparring status` – sessions left and your requests");
      const german = await flow.command("U01CONTACT3", "hilfe");
      expect(german.args.text).toBe("So nutzen Sie Sparring");

      // Their DMs are English too (the partner's stay German).
      const id = await flow.bookOk("U01CONTACT5", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "In English" });
      await flow.settle();
      expect(flow.slack.calls("chat.postMessage").find((c) => c.args.channel === "DU01PARTNER4")?.args.text).toContain("Neue Sparring-Anfrage");
      await flow.decline("U01PARTNER4", id, "");
      await flow.settle();
      const notice = flow.slack.calls("chat.postMessage").find((c) => c.args.channel === "DU01CONTACT5");
      expect(notice?.args.text).toBe("Dr. Henrik Lautenschläger declined your request");
    });
  });

  describe("people the programme does not know", () => {
    it("/sparring from an unknown Slack user: the contact line, no modal", async () => {
      const answer = await flow.command("U0STRANGER", "");
      expect(answer.args.response_type).toBe("ephemeral");
      expect(answer.args.text).toContain("noch nicht für das Programm freigeschaltet");
      expect(answer.args.text).toContain("Projektleitung: Dr. Christine Dörner, T 0721 926-6613");
      const status = await flow.command("U0STRANGER", "status");
      expect(status.args.text).toContain("Dr. Christine Dörner");
      await pause(100);
      expect(flow.slack.calls("views.open")).toEqual([]);
    });

    it("a booking submission from an unknown user creates nothing", async () => {
      const answer = await flow.book("U0STRANGER", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "?" });
      expect(answer.json).toMatchObject({ response_action: "update", view: { callback_id: ids.REFUSAL_MODAL } });
      expect(textOf(answer.json.view.blocks)).toContain("noch nicht für das Programm freigeschaltet");
      expect(await count()).toBe(0);
    });
  });

  describe("forged actions", () => {
    let open: string; // beispielheim → U01PARTNER4, requested
    let scheduled: string; // beispielheim → U01PARTNER4, scheduled yesterday
    beforeEach(async () => {
      // Written directly (the booking flow has its own tests): quicker, and no notices in the outbox.
      const base = { municipalityKey: "beispielheim", requesterId: p.U01CONTACT3!, partnerId: p.U01PARTNER4!, topics: ["surveys"], preferredFormat: "video" as const, countsAssigned: false };
      open = (await flow.db.prisma.sessionRequest.create({ data: { ...base, question: "offen" } })).id;
      scheduled = (
        await flow.db.prisma.sessionRequest.create({
          data: { ...base, question: "vereinbart", state: "scheduled", scheduledStart: new Date("2026-06-12T08:00:00Z"), format: "video", meetingLink: "https://x.example" },
        })
      ).id;
    });

    /** Clicks, waits for the ephemeral answer, checks nothing changed and no modal opened. */
    async function refusedClick(user: string, actionId: string, value: string | undefined, expected: string) {
      const before = await snapshot();
      const responseId = `F${randomUUID()}`;
      expect(await flow.click(user, actionId, value, { responseId })).toBe(200);
      const answer = await flow.responded(responseId);
      expect(answer.args.text).toContain(expected);
      await flow.settle();
      expect(await snapshot()).toEqual(before);
      expect(flow.slack.calls("views.open")).toEqual([]);
      expect(flow.slack.calls("chat.postMessage")).toEqual([]);
    }

    it("a contact pressing Annehmen/Ablehnen or Durchgeführt on their own request", async () => {
      await refusedClick("U01CONTACT3", ids.ACCEPT_REQUEST, open, "nicht berechtigt, diese Anfrage anzunehmen");
      await refusedClick("U01CONTACT3", ids.DECLINE_REQUEST, open, "nicht berechtigt, diese Anfrage abzulehnen");
      await refusedClick("U01CONTACT3", ids.MARK_HELD, scheduled, "nicht berechtigt, diese Einheit als durchgeführt zu melden");
    });

    it("a partner answering another partner's request", async () => {
      await refusedClick("U01PARTNER2", ids.ACCEPT_REQUEST, open, "nicht berechtigt, diese Anfrage anzunehmen");
      await refusedClick("U01PARTNER2", ids.MARK_HELD, scheduled, "nicht berechtigt, diese Einheit als durchgeführt zu melden");
      await refusedClick("U01PARTNER2", ids.MARK_NOT_HELD, scheduled, "nicht berechtigt, diese Einheit als nicht durchgeführt zu melden");
      await refusedClick("U01PARTNER2", ids.CANCEL_REQUEST, open, "nicht berechtigt, diese Anfrage zu stornieren");
    });

    it("a contact cancelling another municipality's request", async () => {
      await refusedClick("U01CONTACT4", ids.CANCEL_REQUEST, open, "nicht berechtigt, diese Anfrage zu stornieren");
      await refusedClick("U01CONTACT1", ids.CANCEL_REQUEST, scheduled, "nicht berechtigt, diese Anfrage zu stornieren");
    });

    it("from the Home tab (no response_url) the refusal opens a small modal", async () => {
      const before = await snapshot();
      await flow.click("U01PARTNER2", ids.ACCEPT_REQUEST, open, { fromHome: true });
      const modal = await flow.slack.waitFor("views.open");
      expect(modal.args.view.callback_id).toBe(ids.REFUSAL_MODAL);
      expect(textOf(modal.args.view.blocks)).toContain("nicht berechtigt, diese Anfrage anzunehmen");
      await flow.click("U01CONTACT4", ids.CANCEL_REQUEST, open, { fromHome: true });
      await flow.slack.waitFor("views.open", (c) => textOf(c.args.view.blocks).includes("diese Anfrage zu stornieren"));
      await flow.settle();
      expect(await snapshot()).toEqual(before);
      expect(flow.slack.calls("respond")).toEqual([]);
    });

    it("unknown, malformed and missing request ids", async () => {
      await refusedClick("U01PARTNER4", ids.ACCEPT_REQUEST, randomUUID(), "nicht gefunden");
      await refusedClick("U01PARTNER4", ids.ACCEPT_REQUEST, "1' OR '1'='1", "nicht gefunden");
      await refusedClick("U01CONTACT3", ids.CANCEL_REQUEST, "../../etc", "nicht gefunden");
      await refusedClick("U01PARTNER4", ids.MARK_HELD, undefined, "nicht gefunden");
      await refusedClick("U01PARTNER4", ids.DECLINE_REQUEST, `${open}x`, "nicht gefunden");
    });

    it("a button or view the app does not handle is acked at once, not left to Bolt's 404 after 3 s", async () => {
      // Unacked, Bolt would answer 404: the 200 is the ack.
      const before = await snapshot();
      expect(await flow.click("U01PARTNER4", "button_from_an_old_version", open)).toBe(200);
      const view = await flow.slackApi.viewSubmission({ user: "U01CONTACT3", callbackId: "no_such_modal", values: {} });
      expect(view.status).toBe(200);
      await flow.settle();
      expect(await snapshot()).toEqual(before);
      expect(flow.slack.calls().filter((c) => c.method !== "users.info")).toEqual([]);
    });

    it("a tampered accept/decline modal private_metadata is refused", async () => {
      const before = await snapshot();
      const form = { start: new Date("2026-06-17T08:00:00Z"), format: "video" as const, link: "https://meet.example.org/r" };
      const other = await flow.accept("U01PARTNER2", open, form);
      expect(other.json).toMatchObject({ response_action: "update", view: { callback_id: ids.REFUSAL_MODAL } });
      expect(textOf(other.json.view.blocks)).toContain("nicht berechtigt, diese Anfrage anzunehmen");
      const garbage = await flow.accept("U01PARTNER4", "not-a-request", form);
      expect(textOf(garbage.json.view.blocks)).toContain("nicht gefunden");
      const missing = await flow.accept("U01PARTNER4", randomUUID(), form);
      expect(textOf(missing.json.view.blocks)).toContain("nicht gefunden");
      const byContact = await flow.decline("U01CONTACT3", open, "nö");
      expect(textOf(byContact.json.view.blocks)).toContain("nicht berechtigt, diese Anfrage abzulehnen");
      await flow.settle();
      expect(await snapshot()).toEqual(before);
      expect(flow.slack.calls("chat.postMessage")).toEqual([]);
    });

    it("accepting twice or a decided request: told its state, nothing changes", async () => {
      const form = { start: new Date("2026-06-17T08:00:00Z"), format: "video" as const, link: "https://meet.example.org/r" };
      expect((await flow.accept("U01PARTNER4", open, form)).json).toBeNull();
      await flow.settle();
      flow.slack.reset();
      const before = await snapshot();
      const again = await flow.accept("U01PARTNER4", open, { ...form, start: new Date("2026-06-18T08:00:00Z") });
      expect(textOf(again.json.view.blocks)).toContain("ist bereits vereinbart");
      await refusedClick("U01PARTNER4", ids.ACCEPT_REQUEST, open, "ist bereits vereinbart");
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("request signing", () => {
    it("a wrong signature or a stale timestamp gets 401 and changes nothing", async () => {
      const form = { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "gefälscht" };
      const stale = Math.floor(Date.now() / 1000) - 301;
      expect((await flow.book("U01CONTACT3", form, "VSIG1", { badSignature: true })).status).toBe(401);
      expect((await flow.book("U01CONTACT3", form, "VSIG2", { timestamp: stale })).status).toBe(401);
      expect((await flow.slackApi.slashCommand({ user: "U01CONTACT3", text: "" }, { badSignature: true })).status).toBe(401);
      expect((await flow.slackApi.slashCommand({ user: "U01CONTACT3", text: "status" }, { timestamp: stale })).status).toBe(401);
      expect((await flow.slackApi.appHomeOpened({ user: "U01CONTACT3" }, { badSignature: true })).status).toBe(401);
      // The body is what is signed: a signature for another body does not pass.
      const signedFor = slashCommandBody({ user: "U01CONTACT3", text: "" });
      const response = await fetch(flow.url, {
        method: "POST",
        headers: { "content-type": FORM, "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": "v0=" + "0".repeat(64) },
        body: signedFor,
      });
      expect(response.status).toBe(401);
      await pause(150);
      expect(await count()).toBe(0);
      expect(flow.slack.calls()).toEqual([]);

      // Control: 4 minutes old is inside the window.
      const fresh = await signedPost(flow.url, slashCommandBody({ user: "U01CONTACT3", text: "" }), {
        signingSecret,
        contentType: FORM,
        timestamp: Math.floor(Date.now() / 1000) - 240,
      });
      expect(fresh.status).toBe(200);
      await flow.slack.waitFor("views.open");
    });
  });
});
