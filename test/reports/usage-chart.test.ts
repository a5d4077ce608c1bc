/**
 * The weekly digest's chart, end to end: the job posts the text and a PNG through the external
 * upload flow; the PNG is of sensible size, its figures (alt text) are the digest text's, and its
 * labels rendered with the shipped font (dark text pixels left of the plot where the axis labels are).
 */
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRequests } from "../support/fixtures.ts";
import * as ids from "../../src/slack/ids.ts";
import { buttonsOf, mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";

const clock = mutableClock("2026-06-15T06:05:00Z"); // Monday 08:05 in Berlin: the digest is due

describe("usage chart in the weekly digest", () => {
  let flow: Flow;
  beforeAll(async () => {
    flow = await startFlow({ clock });
    const prisma = flow.db.prisma;
    const contact = await flow.personId("U01CONTACT1");
    const partner = await flow.personId("U01PARTNER4");
    const base = { municipalityKey: "musterstadt", requesterId: contact, partnerId: partner };
    await insertRequests(prisma, { ...base, count: 3, state: "held", topics: ["surveys"], createdAt: new Date("2026-02-02T09:00:00Z"), scheduledStart: new Date("2026-02-10T09:00:00Z") });
    await insertRequests(prisma, { ...base, count: 2, state: "scheduled", topics: ["online-events"], createdAt: new Date("2026-06-08T09:00:00Z"), scheduledStart: new Date("2026-06-18T09:00:00Z") });
    await insertRequests(prisma, { ...base, count: 1, state: "requested", topics: ["online-events"], createdAt: new Date("2026-06-12T09:00:00Z") });
  });
  afterAll(async () => flow?.stop());

  it("posts a phone-readable PNG with alt text whose figures are the digest text's and whose labels rendered", async () => {
    await flow.app.jobs.runDue();
    await flow.settle();
    const digest = flow.slack.calls("chat.postMessage").find((c) => c.args.channel === "C0DIGEST01");
    expect(textOf(digest!.args.blocks)).toContain("Einheiten gesamt – durchgeführt: *3* · vereinbart: *2* · angefragt: *1*");

    const completion = await flow.slack.waitFor("files.completeUploadExternal", (c) => c.args.channel_id === "C0DIGEST01");
    const [file] = completion.args.files as Array<{ id: string; title: string }>;
    expect(file!.title).toBe("Sparring: Einheiten je Woche und Thema");
    const requested = flow.slack.calls("files.getUploadURLExternal").find((c) => c.args.filename === "sparring-nutzung.png");
    expect(requested!.args.alt_text).toContain("insgesamt 3 durchgeführt, 2 vereinbart, 1 angefragt");
    expect(requested!.args.alt_text).toContain("Planung und Durchführung von Online-Veranstaltungen (3)");
    expect(requested!.args.alt_text).toMatch(/vom 29\.12\.2025 bis 27\.12\.2027/); // the programme period's weeks

    const upload = flow.slack.uploads().find((u) => u.fileId === file!.id)!;
    const png = PNG.sync.read(upload.bytes);
    expect(png.width).toBeGreaterThanOrEqual(800);
    expect(png.width).toBeLessThanOrEqual(2000);
    expect(png.height).toBeGreaterThanOrEqual(500);
    expect(png.height).toBeLessThanOrEqual(2000);
    expect(upload.bytes.length).toBeLessThan(500_000);

    // Text is near-black; bars are coloured and grid lines grey. Left of the plots are only the
    // axis labels and titles: without a font they would be blank.
    const darkIn = (x0: number, x1: number, y0: number, y1: number) => {
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
        const i = (png.width * y + x) * 4;
        if (png.data[i]! < 70 && png.data[i + 1]! < 70 && png.data[i + 2]! < 70) n++;
      }
      return n;
    };
    const left = Math.floor(png.width * 0.3);
    expect(darkIn(0, left, 0, png.height)).toBeGreaterThan(300);
    // The lower half holds the topic axis labels, the upper the week axis: both have text.
    expect(darkIn(0, left, Math.floor(png.height * 0.75), png.height)).toBeGreaterThan(100);
    expect(darkIn(0, png.width, 0, Math.floor(png.height * 0.75))).toBeGreaterThan(300);

    // Once per slot: a second tick uploads nothing more.
    await flow.app.jobs.runDue();
    await flow.settle();
    expect(flow.slack.calls("files.completeUploadExternal").filter((c) => c.args.channel_id === "C0DIGEST01")).toHaveLength(1);
  });

  it("the overview's 'Diagramm senden' sends the same chart to the lead's DM; a contact's forged click is refused", async () => {
    const overview = await flow.command("U01LEAD0001", "übersicht");
    expect(buttonsOf(overview.args.blocks).map((b) => b.action_id)).toContain(ids.CHART_SEND);
    expect(await flow.press("U01LEAD0001", overview, ids.CHART_SEND, { responseId: "chart" })).toBe(200);
    expect((await flow.responded("chart")).args.text).toContain("Direktnachricht");
    const completion = await flow.slack.waitFor("files.completeUploadExternal", (c) => c.args.channel_id === "DU01LEAD0001");
    const upload = flow.slack.uploads().find((u) => u.fileId === (completion.args.files as Array<{ id: string }>)[0]!.id)!;
    expect(PNG.sync.read(upload.bytes).width).toBeGreaterThanOrEqual(800);
    const altTexts = flow.slack.calls("files.getUploadURLExternal").map((c) => c.args.alt_text);
    expect(new Set(altTexts).size).toBe(1); // digest and overview: the same figures

    await flow.click("U01CONTACT1", ids.CHART_SEND, undefined, { responseId: "chart-forged" });
    expect((await flow.responded("chart-forged")).args.text).toBe("Die Übersicht ist der Projektleitung vorbehalten.");
    expect(flow.slack.calls("files.completeUploadExternal").filter((c) => c.args.channel_id === "DU01CONTACT1")).toHaveLength(0);
  });
});
