/**
 * End to end, data protection: the privacy notice once, `/sparring meine-daten`, erasure (own,
 * by a lead, refused for others) that keeps the unit counts, and logs without questions or secrets.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { erasedName } from "../../src/db/personal-data.ts";
import * as ids from "../../src/slack/ids.ts";
import { insertRequests } from "../support/fixtures.ts";
import { botToken, signingSecret } from "../support/start-app.ts";
import { buttonsOf, eventually, mutableClock, startFlow, textOf, type Flow } from "../slack/flow-helpers.ts";
import { heldSums, uploadedFiles } from "./lead-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
const noticeStart = "Für die Sparrings speichern wir Ihre Slack-ID, Ihren Namen, Ihre Kommune";

describe("data protection through Slack", () => {
  let flow: Flow;
  let p: Record<string, string>;
  beforeAll(async () => {
    flow = await startFlow({ clock, backend: "postgres" });
    p = Object.fromEntries(
      await Promise.all(["U01CONTACT1", "U01CONTACT2", "U01CONTACT4", "U01CONTACT5", "U01PARTNER4"].map(async (s) => [s, await flow.personId(s)] as const)),
    );
  });
  afterAll(async () => flow?.stop());
  beforeEach(async () => {
    clock.set("2026-06-15T08:00:00Z");
    await flow.reset();
  });

  const bookingModal = () => flow.slack.waitFor("views.open", (c) => c.args.view?.callback_id === ids.BOOKING_MODAL);

  it("a contact's first /sparring shows the programme's privacy notice in the booking modal, recorded once; the second does not", async () => {
    expect(await flow.db.prisma.privacyNoticeShown.findUnique({ where: { personId: p.U01CONTACT5! } })).toBeNull();
    expect((await flow.slackApi.slashCommand({ user: "U01CONTACT5", text: "" })).status).toBe(200);
    const first = await bookingModal();
    expect(textOf(first.args.view.blocks)).toContain(noticeStart);
    expect(textOf(first.args.view.blocks)).toContain("Ihre Fragen löschen wir 90 Tage nach Programmende");
    const shown = await flow.db.prisma.privacyNoticeShown.findUniqueOrThrow({ where: { personId: p.U01CONTACT5! } });
    expect(shown.shownAt).toEqual(clock());

    flow.slack.reset();
    clock.set("2026-06-15T09:00:00Z");
    await flow.slackApi.slashCommand({ user: "U01CONTACT5", text: "" });
    const second = await bookingModal();
    expect(textOf(second.args.view.blocks)).not.toContain(noticeStart);
    expect(flow.slack.calls("respond")).toHaveLength(0);
    expect((await flow.db.prisma.privacyNoticeShown.findUniqueOrThrow({ where: { personId: p.U01CONTACT5! } })).shownAt).toEqual(shown.shownAt);
  });

  it("meine-daten sends a JSON file to the DM; löschen erases after the confirm button and keeps the units; leads erase others, contacts may not", async () => {
    const prisma = flow.db.prisma;
    await insertRequests(prisma, {
      municipalityKey: "musterstadt", requesterId: p.U01CONTACT1!, partnerId: p.U01PARTNER4!, count: 2, state: "held", createdAt: new Date("2026-02-16T09:00:00Z"),
    });
    const id = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "MEINE-FRAGE-123", times: "montags" });
    await flow.settle();
    const status = async () => textOf((await flow.command("U01CONTACT2", "status")).args.blocks);
    expect(await status()).toContain("Noch 9 von 12 Einheiten");
    const exportSums = async () => {
      flow.slack.reset();
      await flow.command("U01LEAD0001", "export 01.01.2026 31.12.2026");
      return heldSums(await uploadedFiles(flow.slack, "DU01LEAD0001", 4));
    };
    const sumsBefore = await exportSums();
    expect(sumsBefore).toEqual({ sessions: 2, partners: 2, municipalities: 2, partnerRows: 2 });

    // Art. 15: everything about them, as a file in their DM.
    flow.slack.reset();
    const sent = await flow.command("U01CONTACT1", "meine-daten");
    expect(sent.args.text).toBe("Ihre Daten sind als Datei in Ihrer Direktnachricht mit der App.");
    const [file] = [...(await uploadedFiles(flow.slack, "DU01CONTACT1", 1)).values()];
    expect(file!.title).toBe("sparring-meine-daten.json");
    const data = JSON.parse(file!.text);
    expect(data.person).toMatchObject({ slackId: "U01CONTACT1", name: "Erika Mustermann" });
    expect(data.roles.contactOf).toEqual({ key: "musterstadt", name: "Stadt Musterstadt" });
    expect(data.requestsMade.find((r: { id: string }) => r.id === id)).toMatchObject({ question: "MEINE-FRAGE-123", state: "requested" });

    // Art. 17: asks first; the button (with Slack's confirm dialog) erases.
    const ask = await flow.command("U01CONTACT1", "löschen");
    const erase = buttonsOf(ask.args.blocks).find((b) => b.action_id === ids.ERASE_PERSON) as { value?: string; confirm?: unknown } | undefined;
    expect(erase?.value).toBe("me");
    expect(erase?.confirm).toBeDefined();
    expect(await flow.db.prisma.person.findUniqueOrThrow({ where: { id: p.U01CONTACT1! } })).toMatchObject({ slackId: "U01CONTACT1" }); // nothing yet
    expect(await flow.press("U01CONTACT1", ask, ids.ERASE_PERSON, { responseId: "erase-me" })).toBe(200);
    expect((await flow.responded("erase-me")).args.text).toBe("Ihre Daten sind gelöscht. Die Einheiten Ihrer Kommune bleiben für die Abrechnung erhalten.");
    expect(await prisma.person.findUniqueOrThrow({ where: { id: p.U01CONTACT1! } })).toMatchObject({ slackId: null, name: erasedName, contactOfKey: null });
    const requests = await prisma.sessionRequest.findMany({ where: { requesterId: p.U01CONTACT1! } });
    expect(requests).toHaveLength(3);
    for (const r of requests) expect(r).toMatchObject({ question: null, preferredTimes: "" });
    expect(await status()).toContain("Noch 9 von 12 Einheiten"); // the municipality's units are unchanged
    expect(await exportSums()).toEqual(sumsBefore);
    // Known no more: the erased Slack user is a stranger now.
    expect((await flow.command("U01CONTACT1", "meine-daten")).args.text).toContain("Sie sind noch nicht für das Programm freigeschaltet.");
    expect(flow.slack.calls("files.completeUploadExternal").filter((c) => c.args.channel_id === "DU01CONTACT1")).toHaveLength(0);

    // A contact may not erase someone else: neither by command nor by a forged button.
    flow.slack.reset();
    const refused = await flow.command("U01CONTACT3", "löschen <@U01CONTACT4|juergen>");
    expect(refused.args.text).toBe("Nur die Projektleitung kann die Daten anderer Personen löschen.");
    expect(buttonsOf(refused.args.blocks)).toEqual([]);
    await flow.click("U01CONTACT3", ids.ERASE_PERSON, p.U01CONTACT4!, { responseId: "forged-erase" });
    expect((await flow.responded("forged-erase")).args.text).toBe("Nur die Projektleitung kann die Daten anderer Personen löschen.");
    expect(await prisma.person.findUniqueOrThrow({ where: { id: p.U01CONTACT4! } })).toMatchObject({ slackId: "U01CONTACT4", name: "Jürgen Tannhäuser", erasedAt: null });

    // A lead erases another person by mention.
    const leadAsk = await flow.command("U01LEAD0001", "löschen <@U01CONTACT2|max>");
    expect(leadAsk.args.text).toContain("Daten von Max Mustermann löschen?");
    expect(buttonsOf(leadAsk.args.blocks).find((b) => b.action_id === ids.ERASE_PERSON)?.value).toBe(p.U01CONTACT2);
    await flow.press("U01LEAD0001", leadAsk, ids.ERASE_PERSON, { responseId: "lead-erase" });
    expect((await flow.responded("lead-erase")).args.text).toBe("Max Mustermann ist gelöscht (0 Anfragen anonymisiert).");
    expect(await prisma.person.findUniqueOrThrow({ where: { id: p.U01CONTACT2! } })).toMatchObject({ slackId: null, name: erasedName });
    expect(await prisma.person.findUniqueOrThrow({ where: { slackId: "U01LEAD0001" } })).toMatchObject({ erasedAt: null });
    expect(await exportSums()).toEqual(sumsBefore);
    const left = await prisma.sessionRequest.groupBy({ by: ["state"], where: { municipalityKey: "musterstadt" }, _sum: { units: true } });
    expect(Object.fromEntries(left.map((g) => [g.state, g._sum.units]))).toEqual({ held: 2, requested: 1 });
  });

  it("logs never contain the questions, the reasons, the bot token or the signing secret (debug level, with failures)", async () => {
    const startLog = flow.logs.length;
    const question = "GEHEIM-FRAGE-4711 <!channel>";
    const first = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question, times: "GEHEIM-ZEIT-4711" });
    await flow.settle();
    const dm = flow.slack.calls("chat.postMessage").find((c) => c.args.channel === "DU01PARTNER4")!;
    // A failing views.open (the listener logs the failure) before the real accept.
    flow.slack.failNext("views.open", { error: "expired_trigger_id" });
    await flow.press("U01PARTNER4", dm, ids.ACCEPT_REQUEST);
    await eventually(() => expect(flow.logs.slice(startLog).join("")).toContain("listener failed"));
    await flow.accept("U01PARTNER4", first, { start: new Date("2026-06-17T08:00:00Z"), format: "video", link: "https://meet.example.org/GEHEIM-LINK" });
    await flow.settle();
    await flow.click("U01CONTACT3", ids.CANCEL_REQUEST, first, { responseId: "cancel-1" });
    await eventually(async () => expect((await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: first } })).state).toBe("cancelled"));
    await flow.settle();

    const second = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: p.U01PARTNER4!, question: "GEHEIM-FRAGE-4712" });
    await flow.settle();
    // The requester's "declined" DM fails once: the outbox logs it and retries.
    flow.slack.failNext("chat.postMessage", { error: "channel_not_found" });
    await flow.decline("U01PARTNER4", second, "GEHEIM-GRUND-4713");
    await flow.settle();
    expect((await flow.db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: second } })).state).toBe("declined");

    const logs = flow.logs.slice(startLog).join("");
    expect(logs).toContain("outbox delivery failed");
    expect(logs).toContain("listener failed");
    for (const secret of ["GEHEIM", botToken, signingSecret, "meet.example.org"]) expect(logs, secret).not.toContain(secret);
    // Nor anywhere in the whole run (the earlier tests' questions and names in files).
    const all = flow.logs.join("");
    for (const secret of ["MEINE-FRAGE-123", "Wie gehen wir vor?", botToken, signingSecret]) expect(all, secret).not.toContain(secret);
  });
});
