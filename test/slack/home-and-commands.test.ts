/**
 * End to end: the App Home per role (and Slack's re-sent events), the partner directory, status,
 * help, the booking modal from /sparring, and the health check.
 */
import { beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { insertRequests } from "../support/fixtures.ts";
import { buttonsOf, mutableClock, sharedFlow, textOf } from "./flow-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("App Home and /sparring subcommands", () => {
  const { flow, people: p } = sharedFlow(clock, { people: ["U01CONTACT1", "U01PARTNER1", "U01PARTNER2", "U01PARTNER3", "U01PARTNER4", "U01LEAD0002"] });

  const partnerButtons = (call: { args: Record<string, any> }) =>
    buttonsOf(call.args.blocks).filter((b) => b.action_id === ids.OPEN_BOOKING).map((b) => b.value).sort();

  describe("App Home", () => {
    let open: string;
    beforeEach(async () => {
      await insertRequests(flow.db.prisma, { municipalityKey: "musterstadt", requesterId: p.U01CONTACT1!, partnerId: p.U01PARTNER4!, count: 3, state: "held", topics: ["surveys"] });
      open = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "Home?" });
      await flow.settle();
      flow.slack.reset();
    });

    async function home(user: string, eventId?: string) {
      const response = await flow.slackApi.appHomeOpened({ user, ...(eventId ? { eventId } : {}) });
      expect(response.status).toBe(200);
      return flow.slack.waitFor("views.publish", (c) => c.args.user_id === user);
    }

    it("a contact sees the municipality's remaining units, requests and a booking button", async () => {
      const published = await home("U01CONTACT1");
      expect(published.args.view.type).toBe("home");
      const text = textOf(published.args.view.blocks);
      expect(text).toContain("Ihre Kommune");
      expect(text).toContain("*Stadt Musterstadt*: Noch 8 von 12 Einheiten (0 vereinbart, 1 angefragt, 3 durchgeführt)");
      // Musterstadt works with Dr. Jana Beispiel already: the Home names her with the sub-quota.
      expect(text).toMatch(/\nMit bereits zugeordneten Prozessbegleiterinnen und Prozessbegleitern noch \d von 5\nIhrer Kommune bereits zugeordnet: Dr\. Jana Beispiel/);
      expect(text).not.toContain("Ihre Anfragen als Sparring-Partner/-in");
      expect(text).not.toContain("Programmübersicht");
      const buttons = buttonsOf(published.args.view.blocks);
      expect(buttons).toContainEqual(expect.objectContaining({ action_id: ids.OPEN_BOOKING }));
      expect(buttons).toContainEqual(expect.objectContaining({ action_id: ids.CANCEL_REQUEST, value: open }));
    });

    it("a partner sees open requests with Accept/Decline and units held", async () => {
      const published = await home("U01PARTNER4");
      const text = textOf(published.args.view.blocks);
      expect(text).toContain("Ihre Anfragen als Sparring-Partner/-in");
      expect(text).toContain("Bisher durchgeführt: 3 Einheiten");
      expect(text).toContain("Stadt Musterstadt (Erika Mustermann)");
      expect(text).not.toContain("Ihre Kommune");
      expect(buttonsOf(published.args.view.blocks).map((b) => [b.action_id, b.value])).toEqual([
        [ids.PARTNER_EDIT_PROFILE, "me"],
        [ids.ACCEPT_REQUEST, open],
        [ids.DECLINE_REQUEST, open],
      ]);

      // Another partner sees none of it.
      const other = await home("U01PARTNER2");
      expect(textOf(other.args.view.blocks)).toContain("Keine offenen Anfragen.");
      // Nothing to answer: only the partner's own profile button.
      expect(buttonsOf(other.args.view.blocks).map((b) => b.action_id)).toEqual([ids.PARTNER_EDIT_PROFILE]);
    });

    it("a lead sees the programme overview; a lead who is also a partner sees both", async () => {
      const lead = textOf((await home("U01LEAD0001")).args.view.blocks);
      expect(lead).toContain("Programmübersicht");
      expect(lead).toContain("Durchgeführt: *3* · Vereinbart: *0* · Angefragt: *1*");
      // The other three eligible ones (not Hügelland: a Landkreis of 2020/21, whose round admits only Kommunen).
      expect(lead).toMatch(/Kommunen ohne Anfrage: \*3\* von \d+/);
      expect(lead).not.toContain("Ihre Anfragen als Sparring-Partner/-in");
      const both = textOf((await home("U01LEAD0002")).args.view.blocks);
      expect(both).toContain("Programmübersicht");
      expect(both).toContain("Ihre Anfragen als Sparring-Partner/-in");
    });

    it("someone without a role gets a polite Home", async () => {
      const published = await home("U0STRANGER");
      expect(textOf(published.args.view.blocks)).toContain("noch keine Rolle");
    });

    it("the same event re-sent (same event_id, with and without retry headers) publishes once", async () => {
      const eventId = "Ev0SAMEEVENT1";
      await home("U01CONTACT1", eventId);
      expect((await flow.slackApi.appHomeOpened({ user: "U01CONTACT1", eventId })).status).toBe(200);
      expect((await flow.slackApi.appHomeOpened({ user: "U01CONTACT1", eventId }, { retryNum: 1, retryReason: "http_timeout" })).status).toBe(200);
      await pause(300);
      expect(flow.slack.calls("views.publish")).toHaveLength(1);
      // The Messages tab publishes nothing; a new event (a new visit) to Home publishes again.
      await flow.slackApi.appHomeOpened({ user: "U01CONTACT1", tab: "messages" });
      await flow.slackApi.appHomeOpened({ user: "U01CONTACT1", eventId: "Ev0SAMEEVENT2" });
      await pause(300);
      expect(flow.slack.calls("views.publish")).toHaveLength(2);
    });

    it("the Home follows changes: after a booking the contact's Home is republished", async () => {
      await flow.bookOk("U01CONTACT2", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "Zweite" });
      await flow.settle();
      const republished = flow.slack.calls("views.publish").filter((c) => c.args.user_id === "U01CONTACT1").at(-1);
      expect(textOf(republished!.args.view.blocks)).toContain("Noch 7 von 12 Einheiten");
    });
  });

  describe("/sparring partner <Thema>", () => {
    it("German label fragment, English label, accent-insensitive, no topic, unknown topic", async () => {
      const german = await flow.command("U01CONTACT1", "partner Umfragen");
      expect(german.args.response_type).toBe("ephemeral");
      expect(textOf(german.args.blocks)).toContain("Sparring-Partner/-innen: Beratung zur Durchführung von Umfragen");
      expect(partnerButtons(german)).toEqual([p.U01PARTNER4]);

      const english = await flow.command("U01CONTACT1", "partners conducting surveys");
      expect(partnerButtons(english)).toEqual([p.U01PARTNER4]);

      for (const query of ["grossgruppen", "Großgruppen", "GROSSGRUPPENVERFAHREN"]) {
        const large = await flow.command("U01CONTACT1", `partner ${query}`);
        expect(textOf(large.args.blocks), query).toContain("Planung und Durchführung von Großgruppenverfahren");
        expect(partnerButtons(large), query).toEqual([p.U01PARTNER2]);
      }

      const silent = await flow.command("U01CONTACT1", "partner stille gruppen");
      expect(partnerButtons(silent)).toEqual([p.U01PARTNER1, p.U01PARTNER3].sort());

      const all = await flow.command("U01CONTACT1", "partner");
      const everyone = [p.U01PARTNER1, p.U01PARTNER2, p.U01PARTNER3, p.U01PARTNER4, p.U01LEAD0002].sort();
      expect(partnerButtons(all)).toEqual(everyone);
      expect(textOf(all.args.blocks)).not.toContain("Ute Friedrichs"); // inactive

      const unknown = await flow.command("U01CONTACT1", "partner Quantenphysik <!channel>");
      expect(textOf(unknown.args.blocks)).toContain("Ein Thema „Quantenphysik &lt;!channel&gt;“ gibt es nicht");
      expect(partnerButtons(unknown)).toEqual(everyone);
    });

    it("a contact's partner list marks the facilitators assigned to their municipality", async () => {
      const own = textOf((await flow.command("U01CONTACT1", "partner")).args.blocks);
      expect(own).toContain("*Dr. Jana Beispiel* – Beteiligung &amp; Dialog GbR\n:pushpin: _Ihrer Kommune bereits zugeordnet: Einheiten zählen zum Teilkontingent_");
      expect(own.match(/bereits zugeordnet/g)).toHaveLength(1);
      // Waldtal works with Tobias Brückner and Aylin Demir.
      const waldtal = textOf((await flow.command("U01CONTACT4", "partner")).args.blocks);
      expect(waldtal.match(/bereits zugeordnet/g)).toHaveLength(2);
      expect(waldtal).toContain("*Tobias Brückner* – Brückner Prozessbegleitung\n:pushpin:");
      const none = textOf((await flow.command("U01CONTACT3", "partner")).args.blocks);
      expect(none).not.toContain("zugeordnet");
    });

    it("the directory's Anfragen button opens the booking modal with that partner", async () => {
      const list = await flow.command("U01CONTACT1", "partner Umfragen");
      await flow.press("U01CONTACT1", list, ids.OPEN_BOOKING);
      const modal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.BOOKING_MODAL);
      const partnerInput = modal.args.view.blocks.find((b: { block_id?: string }) => b.block_id === ids.BOOKING_PARTNER_BLOCK);
      expect(partnerInput.element.initial_option.value).toBe(p.U01PARTNER4);
    });
  });

  describe("/sparring status, kontingent, hilfe and the booking modal", () => {
    it("status and its alias kontingent show units left (total and with assigned partners)", async () => {
      await insertRequests(flow.db.prisma, { municipalityKey: "musterstadt", requesterId: p.U01CONTACT1!, partnerId: p.U01PARTNER1!, count: 2, state: "held", countsAssigned: true });
      for (const sub of ["status", "kontingent", "STATUS"]) {
        const answer = await flow.command("U01CONTACT1", sub);
        const text = textOf(answer.args.blocks);
        expect(text, sub).toContain("*Stadt Musterstadt*: Noch 10 von 12 Einheiten");
        expect(text, sub).toContain("Mit bereits zugeordneten Prozessbegleiterinnen und Prozessbegleitern noch 3 von 5");
        expect(text, sub).toContain("Ihrer Kommune bereits zugeordnet: Dr. Jana Beispiel");
        expect(answer.args.text, sub).toBe("Noch 10 von 12 Einheiten verfügbar");
      }
      // Beispielheim has no assigned facilitators: the sub-quota line does not concern it.
      const other = textOf((await flow.command("U01CONTACT3", "status")).args.blocks);
      expect(other).toContain("*Gemeinde Beispielheim*: Noch 12 von 12 Einheiten");
      expect(other).not.toContain("von 5");
      expect(other).not.toContain("zugeordnet");
      const partner = await flow.command("U01PARTNER4", "status");
      expect(partner.args.text).toContain("Nur Ansprechpersonen einer teilnehmenden Kommune");
    });

    it("/sparring opens the booking modal for a contact and refuses others", async () => {
      const answer = await flow.slackApi.slashCommand({ user: "U01CONTACT4", text: "" });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe("");
      const modal = await flow.slack.waitFor("views.open");
      expect(modal.args.view.callback_id).toBe(ids.BOOKING_MODAL);
      expect(textOf(modal.args.view.blocks)).toContain("Noch 12 von 12 Einheiten");
      // The programme's theme frames the request; each partner shows the formats offered, assigned ones are marked.
      expect(textOf(modal.args.view.blocks)).toContain("Thema des Programms ist die Teilhabe von Menschen mit Migrationserfahrung am bürgerschaftlichen Engagement.");
      const options = modal.args.view.blocks.find((b: { block_id?: string }) => b.block_id === ids.BOOKING_PARTNER_BLOCK).element.options.map((o: { text: { text: string } }) => o.text.text);
      expect(options).toContain("Tobias Brückner – Brückner Prozessbegleitung (Videokonferenz) · zugeordnet");
      // Too long for Slack's 75 characters: the organisation gives way, the formats stay.
      expect(options).toContain("Dr. Henrik Lautenschläger – Institut für Umfragen und Bet… (Videokonferenz)");

      const partner = await flow.command("U01PARTNER4", "");
      expect(partner.args.text).toContain("Nur Ansprechpersonen einer teilnehmenden Kommune");
      expect(flow.slack.calls("views.open")).toHaveLength(1);
    });

    it("hilfe and unknown words give the help", async () => {
      const help = await flow.command("U01PARTNER4", "hilfe");
      expect(help.args.text).toBe("So nutzen Sie Sparring");
      expect(textOf(help.args.blocks)).toContain("Als Sparring-Partner/-in erhalten Sie Anfragen");
      expect(textOf(help.args.blocks)).toContain("Thema des Programms ist die Teilhabe von Menschen mit Migrationserfahrung am bürgerschaftlichen Engagement.");
      const other = await flow.command("U01CONTACT1", "wasauchimmer");
      expect(other.args.text).toBe("So nutzen Sie Sparring");
    });
  });

  it("GET /healthz answers 200", async () => {
    const response = await fetch(`${flow.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
  });
});
