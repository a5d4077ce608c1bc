/**
 * End to end, for the programme leads: `/sparring übersicht`, `/sparring export` (three CSV files
 * through Slack's external upload flow) and the lead actions on the Home tab (pause/resume
 * partners, deactivate/activate municipalities), each refused for others.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ids from "../../src/slack/ids.ts";
import { assertWithinSlackLimits } from "../support/block-kit-limits.ts";
import { insertRequests } from "../support/fixtures.ts";
import { input, viewPayload } from "../support/slack-requests.ts";
import { eventually, mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";
import { bulkMunicipalities, bulkPartners, csvRecords, fileNamed, heldSums, uploadedFiles } from "./lead-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z"); // a Monday inside the programme period

describe("leads: overview, export and Home actions", () => {
  let flow: Flow;
  let p: Record<string, string>;
  beforeAll(async () => {
    flow = await startFlow({ clock, backend: "postgres" });
    p = Object.fromEntries(
      await Promise.all(["U01CONTACT1", "U01CONTACT3", "U01PARTNER1", "U01PARTNER4", "U01PARTNER5"].map(async (s) => [s, await flow.personId(s)] as const)),
    );
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    clock.set("2026-06-15T08:00:00Z");
    await flow.reset();
  });

  /** Musterstadt at 12 (8 held, 2 scheduled, 2 waiting since 1 June), Beispielheim at 10 held. */
  async function seedUsage() {
    const prisma = flow.db.prisma;
    const feb = new Date("2026-02-16T09:00:00Z");
    await insertRequests(prisma, { municipalityKey: "musterstadt", requesterId: p.U01CONTACT1!, partnerId: p.U01PARTNER4!, count: 8, state: "held", topics: ["surveys"], createdAt: feb });
    await insertRequests(prisma, {
      municipalityKey: "musterstadt", requesterId: p.U01CONTACT1!, partnerId: p.U01PARTNER1!, count: 2, state: "scheduled", scheduledStart: new Date("2026-06-20T08:00:00Z"), createdAt: feb,
    });
    await insertRequests(prisma, {
      municipalityKey: "musterstadt", requesterId: p.U01CONTACT1!, partnerId: p.U01PARTNER4!, count: 2, state: "requested", createdAt: new Date("2026-06-01T08:00:00Z"),
    });
    await insertRequests(prisma, { municipalityKey: "beispielheim", requesterId: p.U01CONTACT3!, partnerId: p.U01PARTNER1!, count: 10, state: "held", topics: ["online-events"], createdAt: feb });
  }

  it("/sparring übersicht: a lead gets the figures per municipality; a contact is refused politely", async () => {
    await seedUsage();
    const answer = await flow.command("U01LEAD0001", "übersicht");
    expect(answer.method).toBe("respond");
    expect(answer.args.response_type).toBe("ephemeral");
    assertWithinSlackLimits({ text: answer.args.text, blocks: answer.args.blocks });
    const text = textOf(answer.args.blocks);
    expect(text).toContain("Programmübersicht");
    expect(text).toContain("Einheiten gesamt – durchgeführt: *18* · vereinbart: *2* · angefragt: *2*");
    expect(text).toMatch(/\*Kontingent ausgeschöpft\*\n• Stadt Musterstadt: 12 von 12/);
    expect(text).toMatch(/\*Nahe am Kontingent \(ab 10\)\*\n• Gemeinde Beispielheim: 10 von 12/);
    expect(text).toContain("Seit mehr als 3 Arbeitstagen unbeantwortet: *2*");
    expect(text).toMatch(/Stadt Musterstadt → Dr\. Henrik Lautenschläger, angefragt am <!date\^\d+\^\{date_short\}\|Mo\., 01\.06\.2026>/);
    // Eligible and active but without a request: Waldtal, Neckarfeld (not Rebenau: inactive; not Altdorf: other cohort;
    // not Hügelland: a Landkreis of 2020/21, whose round admits only Kommunen).
    expect(text).toMatch(/Kommunen ohne Anfrage: \*2\*\n• Landkreis Waldtal\n• Stadt Neckarfeld\n/);
    expect(text).toContain("• Stadt Musterstadt: 8 / 2 / 2");
    expect(text).toContain("• Gemeinde Beispielheim: 10 / 0 / 0");
    expect(text).not.toContain("Wie gehen wir vor?"); // no question
    expect(text).not.toContain("Erika Mustermann"); // no requester
    // Forecast: both booked municipalities would reach their 12 at this rate; four may book (Hügelland no longer), 48 units funded.
    expect(text).toContain("Voraussichtlich genutzt: *24* von 48 geförderten Einheiten (bisher 22)");
    expect(text).toMatch(/• Gemeinde Beispielheim: 10 → 12 von 12\n• Stadt Musterstadt: 12 → 12 von 12/);

    const english = await flow.command("U01LEAD0001", "overview");
    expect(textOf(english.args.blocks)).toContain("durchgeführt: *18*"); // same figures by the English word

    const refused = await flow.command("U01CONTACT1", "übersicht");
    expect(refused.args.response_type).toBe("ephemeral");
    expect(refused.args.text).toBe("Die Übersicht ist der Projektleitung vorbehalten.");
    expect(textOf(refused.args.blocks)).not.toContain("18");
  });

  it("/sparring export 01.01.2026 31.12.2026: four CSV files in the lead's DM that add up; contacts are refused", async () => {
    await seedUsage();
    // A held session outside the period: counted nowhere.
    await insertRequests(flow.db.prisma, {
      municipalityKey: "beispielheim", requesterId: p.U01CONTACT3!, partnerId: p.U01PARTNER1!, count: 1, state: "held", scheduledStart: new Date("2027-01-15T09:00:00Z"), createdAt: new Date("2027-01-04T09:00:00Z"),
    });
    // A name that a spreadsheet would run as a formula.
    await flow.db.prisma.municipality.update({ where: { key: "landkreis-huegelland" }, data: { name: '=HYPERLINK("https://evil.example";"klick")' } });
    try {
      const answer = await flow.command("U01LEAD0001", "export 01.01.2026 31.12.2026");
      expect(answer.args.text).toBe("Die Exporte für 01.01.2026 – 31.12.2026 sind in Ihrer Direktnachricht mit der App.");
      const files = await uploadedFiles(flow.slack, "DU01LEAD0001", 4);
      expect([...files.keys()].sort()).toEqual([
        "sparring-feedback_2026-01-01_2026-12-31.csv",
        "sparring-kommunen_2026-01-01_2026-12-31.csv",
        "sparring-partner_2026-01-01_2026-12-31.csv",
        "sparring-termine_2026-01-01_2026-12-31.csv",
      ]);
      // The external upload flow: a URL per file, the bytes, then one completion with the comment.
      expect(flow.slack.calls("files.getUploadURLExternal")).toHaveLength(4);
      expect(flow.slack.calls("upload")).toHaveLength(4);
      const completion = flow.slack.calls("files.completeUploadExternal")[0]!;
      expect(completion.args.initial_comment).toContain("Abrechnung Sparring 01.01.2026 – 31.12.2026");

      for (const file of files.values()) {
        expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
        expect(file.text.split("\r\n")[0]).toContain(";");
        expect(file.text.endsWith("\r\n")).toBe(true);
      }
      const sessions = csvRecords(fileNamed(files, "sparring-termine_"));
      expect(sessions).toHaveLength(22);
      for (const row of sessions) {
        expect(row["Angefragt am"]).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
        if (row.Status !== "Angefragt") expect(row.Termin).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
      }
      expect(sessions.filter((r) => r.Termin === "02.03.2026")).toHaveLength(18);
      expect(sessions.some((r) => Object.values(r).some((v) => v.includes("Wie gehen wir vor?")))).toBe(false);

      const sums = heldSums(files);
      expect(sums).toEqual({ sessions: 18, partners: 18, municipalities: 18, partnerRows: 18 });

      const municipalities = csvRecords(fileNamed(files, "sparring-kommunen_"));
      const evil = municipalities.find((r) => r["Schlüssel"] === "landkreis-huegelland");
      expect(evil?.Kommune).toBe(`'=HYPERLINK("https://evil.example";"klick")`);
      for (const row of [...municipalities, ...sessions]) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@]/);
      expect(municipalities.find((r) => r["Schlüssel"] === "musterstadt")).toMatchObject({ "Durchgeführte Einheiten im Zeitraum": "8", "Genutzt im Programm (von 12)": "12" });
    } finally {
      await flow.db.prisma.municipality.update({ where: { key: "landkreis-huegelland" }, data: { name: "Landkreis Hügelland" } });
    }

    flow.slack.reset();
    const refused = await flow.command("U01CONTACT1", "export 01.01.2026 31.12.2026");
    expect(refused.args.text).toBe("Exporte sind der Projektleitung vorbehalten.");
    const bad = await flow.command("U01LEAD0001", "export 31.12.2026 01.01.2026");
    expect(bad.args.text).toContain("TT.MM.JJJJ");
    expect(flow.slack.calls("files.getUploadURLExternal")).toHaveLength(0);
    expect(flow.slack.calls("files.completeUploadExternal")).toHaveLength(0);
  });

  describe("Home: pause/resume partners, deactivate/activate municipalities", () => {
    const homeView = viewPayload({ type: "home", blocks: [] }, { id: "VHOMELEAD1" });
    const suggest = async (user: string, actionId: string, value: string) => {
      const response = await flow.slackApi.blockSuggestion({ user, actionId, blockId: ids.LEAD_MANAGE_BLOCK, value, view: homeView });
      expect(response.status).toBe(200);
      return (JSON.parse(response.body || "{}") as { options?: Array<{ text: { text: string }; value: string }> }).options ?? [];
    };
    const choose = (user: string, actionId: string, value: string) =>
      flow.slackApi.blockAction({
        user,
        actionId,
        blockId: ids.LEAD_MANAGE_BLOCK,
        view: homeView,
        action: { type: "external_select", selected_option: input.externalSelect(value).selected_option, value: undefined },
      });
    const home = async (user: string) => {
      await flow.slackApi.appHomeOpened({ user });
      return flow.slack.waitFor("views.publish", (c) => c.args.user_id === user);
    };
    const partnerActive = async (personId: string) => (await flow.db.prisma.partnerProfile.findUniqueOrThrow({ where: { personId } })).active;
    const municipalityActive = async (key: string) => (await flow.db.prisma.municipality.findUniqueOrThrow({ where: { key } })).active;

    it("a lead pauses and resumes a partner and deactivates/activates a municipality; the Home is republished", async () => {
      const first = await home("U01LEAD0001");
      const selects = first.args.view.blocks.flatMap((b: { elements?: Array<Record<string, any>> }) => b.elements ?? []).filter((e: { type: string }) => e.type === "external_select");
      expect(selects.map((s: { action_id: string }) => s.action_id)).toEqual([ids.LEAD_PARTNER_TOGGLE, ids.LEAD_MUNICIPALITY_TOGGLE]);
      for (const s of selects) expect(s.confirm?.confirm.text).toBe("Ja, ändern");
      expect(textOf(first.args.view.blocks)).toContain("Pausierte Sparring-Partner/-innen: *1* · Deaktivierte Kommunen: *1*");

      // Options follow the typed query and say what choosing them does.
      const henrik = await suggest("U01LEAD0001", ids.LEAD_PARTNER_TOGGLE, "lautenschl");
      expect(henrik).toEqual([{ text: expect.objectContaining({ text: "Pausieren: Dr. Henrik Lautenschläger" }), value: `pause:${p.U01PARTNER4}` }]);
      const ute = await suggest("U01LEAD0001", ids.LEAD_PARTNER_TOGGLE, "friedrichs");
      expect(ute.map((o) => o.value)).toEqual([`resume:${p.U01PARTNER5}`]);
      expect((await suggest("U01LEAD0001", ids.LEAD_MUNICIPALITY_TOGGLE, "neckar")).map((o) => o.value)).toEqual(["deactivate:neckarfeld"]);
      expect((await suggest("U01LEAD0001", ids.LEAD_MUNICIPALITY_TOGGLE, "rebenau")).map((o) => o.value)).toEqual(["activate:rebenau"]);

      flow.slack.reset();
      expect((await choose("U01LEAD0001", ids.LEAD_PARTNER_TOGGLE, `pause:${p.U01PARTNER4}`)).status).toBe(200);
      const republished = await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01LEAD0001");
      expect(await partnerActive(p.U01PARTNER4!)).toBe(false);
      expect(textOf(republished.args.view.blocks)).toContain("Pausierte Sparring-Partner/-innen: *2*");
      // Paused: no longer offered to contacts.
      const directory = await flow.command("U01CONTACT1", "partner Umfragen");
      expect(textOf(directory.args.blocks)).not.toContain("Lautenschläger");

      flow.slack.reset();
      await choose("U01LEAD0001", ids.LEAD_PARTNER_TOGGLE, `resume:${p.U01PARTNER4}`);
      await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01LEAD0001");
      expect(await partnerActive(p.U01PARTNER4!)).toBe(true);

      flow.slack.reset();
      await choose("U01LEAD0001", ids.LEAD_MUNICIPALITY_TOGGLE, "deactivate:neckarfeld");
      const afterDeactivate = await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01LEAD0001");
      expect(await municipalityActive("neckarfeld")).toBe(false);
      expect(textOf(afterDeactivate.args.view.blocks)).toContain("Deaktivierte Kommunen: *2*");
      expect((await suggest("U01LEAD0001", ids.LEAD_MUNICIPALITY_TOGGLE, "neckar")).map((o) => o.value)).toEqual(["activate:neckarfeld"]);

      flow.slack.reset();
      await choose("U01LEAD0001", ids.LEAD_MUNICIPALITY_TOGGLE, "activate:neckarfeld");
      await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01LEAD0001");
      expect(await municipalityActive("neckarfeld")).toBe(true);
    });

    it("forged use by a contact is refused and changes nothing; they get no options", async () => {
      expect(await suggest("U01CONTACT1", ids.LEAD_PARTNER_TOGGLE, "")).toEqual([]);
      expect(await suggest("U01CONTACT1", ids.LEAD_MUNICIPALITY_TOGGLE, "")).toEqual([]);
      expect(await suggest("U0STRANGER", ids.LEAD_MUNICIPALITY_TOGGLE, "muster")).toEqual([]);

      await choose("U01CONTACT1", ids.LEAD_PARTNER_TOGGLE, `pause:${p.U01PARTNER4}`);
      const refusal = await flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.REFUSAL_MODAL);
      expect(textOf(refusal.args.view.blocks)).toContain("Das kann nur die Projektleitung.");
      await choose("U01CONTACT1", ids.LEAD_MUNICIPALITY_TOGGLE, "deactivate:musterstadt");
      await choose("U0STRANGER", ids.LEAD_MUNICIPALITY_TOGGLE, "deactivate:musterstadt");
      await eventually(() => expect(flow.slack.calls("views.open")).toHaveLength(3));
      expect(await partnerActive(p.U01PARTNER4!)).toBe(true);
      expect(await municipalityActive("musterstadt")).toBe(true);
      expect(flow.slack.calls("views.publish")).toHaveLength(0);

      // A lead with a value that names nothing: a reason, no change.
      await choose("U01LEAD0001", ids.LEAD_MUNICIPALITY_TOGGLE, "deactivate:gibt-es-nicht");
      const unknown = await flow.slack.waitFor("views.open", (c) => textOf(c.args.view?.blocks).includes("Diese Kommune ist nicht bekannt."));
      expect(unknown.args.view.callback_id).toBe(ids.REFUSAL_MODAL);
    });

    it("with 500 municipalities and 200 partners the Home stays within Slack's limits and options stop at 100", async () => {
      await bulkMunicipalities(flow.db.prisma, 500);
      await bulkPartners(flow.db.prisma, 200);
      const published = await home("U01LEAD0002"); // lead and partner: both sections
      assertWithinSlackLimits(published.args.view);
      expect(published.args.view.blocks.length).toBeLessThanOrEqual(100);
      const all = await suggest("U01LEAD0002", ids.LEAD_MUNICIPALITY_TOGGLE, "");
      expect(all).toHaveLength(100);
      for (const o of all) {
        expect(o.value.length).toBeLessThanOrEqual(75);
        expect(o.text.text.length).toBeLessThanOrEqual(75);
      }
      expect(await suggest("U01LEAD0002", ids.LEAD_MUNICIPALITY_TOGGLE, "massenhausen 49")).toHaveLength(10); // 490–499
      expect(await suggest("U01LEAD0002", ids.LEAD_PARTNER_TOGGLE, "bulk")).toHaveLength(100);
      expect((await suggest("U01LEAD0002", ids.LEAD_PARTNER_TOGGLE, "Bulk Partnerin 007")).map((o) => o.text.text)).toEqual(["Pausieren: Bulk Partnerin 007"]);
    });
  });
});
