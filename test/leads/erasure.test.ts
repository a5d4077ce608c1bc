/**
 * End to end, erasure that reaches every copy (DSGVO Art. 17, 5(1)(e)): people deactivated by an
 * import export and erase their data (themselves, or by a lead); afterwards no table holds their
 * Slack id, name or question, every Slack message that named them is overwritten (chat.update),
 * every file with their data deleted (files.delete), and a re-import skips them. The retention
 * job clears every free text and overwrites the messages; keys and delivered outbox rows are pruned.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Prisma } from "../../src/db/client.ts";
import { erasedName } from "../../src/db/personal-data.ts";
import { loadRules } from "../../src/db/queries.ts";
import { questionsExpireAt } from "../../src/db/retention.ts";
import { importDirectory } from "../../src/db/import-directory.ts";
import { messages } from "../../src/i18n/index.ts";
import * as ids from "../../src/slack/ids.ts";
import { directoryOf, exampleRaw } from "../support/example-programme.ts";
import { buttonsOf, mutableClock, sharedFlow, textOf } from "../slack/flow-helpers.ts";
import { uploadedFiles } from "./lead-helpers.ts";

const clock = mutableClock("2026-06-15T08:00:00Z");
const removed = messages("de").privacy.removedForPrivacy;

/** Every row of every table as text, and which of the needles it contains. */
async function rowsContaining(prisma: Prisma, needles: string[]): Promise<string[]> {
  const tables = await prisma.$queryRaw<Array<{ name: string }>>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["people", "outbox", "idempotency_keys", "slack_messages", "request_events", "erasure_suppressions"]));
  const hits: string[] = [];
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<Array<{ row: string }>>(`SELECT t::text AS row FROM "${name}" t`);
    for (const { row } of rows) for (const needle of needles) if (row.includes(needle)) hits.push(`${name}: ${needle} in ${row.slice(0, 300)}`);
  }
  return hits;
}

describe("erasure reaches every copy", () => {
  const { flow, people } = sharedFlow(clock, { people: ["U01PARTNER4"] });
  beforeEach(async () => {
    // Everyone in the file again (restoring the people erased by an earlier test).
    await importDirectory(flow.db.prisma, directoryOf(exampleRaw()), clock(), { restoreErased: true });
  });

  /** Imports the example file without these people: they stay stored, deactivated. */
  const deactivateByImport = async (...slackIds: string[]) => {
    const raw = exampleRaw();
    raw.people = raw.people.filter((p: { slack_id: string }) => !slackIds.includes(p.slack_id));
    const summary = await importDirectory(flow.db.prisma, directoryOf(raw), clock());
    expect(summary.people.deactivated).toBe(slackIds.length);
  };

  it("a contact deactivated by an import gets their data and erases it: no table keeps them, Slack messages overwritten, the file deleted", async () => {
    const prisma = flow.db.prisma;
    const question = "FRAGE-ERIKA-4711";
    const accepted = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: people.U01PARTNER4, question, times: "ZEIT-ERIKA" });
    await flow.settle();
    expect((await flow.accept("U01PARTNER4", accepted, { start: new Date("2026-06-17T08:00:00Z"), format: "phone", phone: "0711 4711990" })).json).toBeNull();
    // A minute later: her data lists requests by when they were made (equal times have no order).
    clock.advance(60_000);
    const declined = await flow.bookOk("U01CONTACT1", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: `${question}-B` });
    await flow.settle();
    await flow.decline("U01PARTNER4", declined, "GRUND-FÜR-ERIKA");
    await flow.settle();
    expect((await prisma.sessionRequest.findUniqueOrThrow({ where: { id: accepted } })).state).toBe("scheduled");
    expect((await prisma.sessionRequest.findUniqueOrThrow({ where: { id: declined } })).state).toBe("declined");

    await deactivateByImport("U01CONTACT1");
    expect(await prisma.person.findUniqueOrThrow({ where: { slackId: "U01CONTACT1" } })).toMatchObject({ active: false });

    // Art. 15 for a deactivated person: the JSON file arrives in their DM.
    const sent = await flow.command("U01CONTACT1", "meine-daten");
    expect(sent.args.text).toBe(messages("de").privacy.myDataSent);
    // Two files in her DM: the calendar file of the accepted session and her data.
    const file = (await uploadedFiles(flow.slack, "DU01CONTACT1", 2)).get("sparring-meine-daten.json");
    // Both were booked at the same (frozen) time: their order is the ids', so compare them as a set.
    expect(JSON.parse(file!.text).requestsMade.map((r: { question: string }) => r.question).sort()).toEqual([question, `${question}-B`]);
    const fileIds = flow.slack.calls("files.completeUploadExternal").flatMap((c) => (c.args.files as Array<{ id: string }>).map((f) => f.id));
    // Hers (the calendar file and the data) and the partner's calendar file, which names her.
    expect(fileIds).toHaveLength(3);

    // Everything the app posted that names Erika or shows her question, before the erasure.
    const tsOf = async () =>
      (await prisma.slackMessage.findMany({ where: { ts: { not: null } }, select: { channel: true, ts: true } })).map((m) => `${m.channel}/${m.ts}`);
    const recorded = await tsOf();
    // The partner's request DMs, both requester notices (accepted, declined) and each side's calendar DM are recorded.
    expect(recorded.filter((r) => r.startsWith("DU01PARTNER4/"))).toHaveLength(3);
    expect(recorded.filter((r) => r.startsWith("DU01CONTACT1/"))).toHaveLength(3);

    // Art. 17 as themselves, though deactivated.
    const ask = await flow.command("U01CONTACT1", "löschen");
    expect(buttonsOf(ask.args.blocks).find((b) => b.action_id === ids.ERASE_PERSON)?.value).toBe("me");
    const publishesBefore = flow.slack.calls("views.publish").length;
    await flow.press("U01CONTACT1", ask, ids.ERASE_PERSON, { responseId: "erase-deactivated" });
    expect((await flow.responded("erase-deactivated")).args.text).toBe(messages("de").privacy.erased);
    await flow.settle();

    // Slack: every recorded message overwritten with a text that shows neither question nor name, the file deleted, the Home blanked.
    for (const key of recorded) {
      const [channel, ts] = key.split("/");
      const updates = flow.slack.calls("chat.update").filter((u) => u.args.channel === channel && u.args.ts === ts && u.status === 200);
      expect(updates.length, key).toBeGreaterThan(0);
      const last = updates.at(-1)!;
      expect(last.args.text).toContain(removed);
      expect(JSON.stringify([last.args.text, last.args.blocks])).not.toMatch(/FRAGE-ERIKA|Erika|U01CONTACT1/);
    }
    expect(flow.slack.calls("files.delete").map((c) => c.args.file).sort()).toEqual([...fileIds].sort());
    const homes = flow.slack.calls("views.publish").filter((c) => c.args.user_id === "U01CONTACT1" && c.status === 200);
    expect(flow.slack.calls("views.publish").length).toBeGreaterThan(publishesBefore);
    expect(JSON.stringify(homes.at(-1)!.args.view)).not.toMatch(/Erika|FRAGE-ERIKA|Henrik/);

    // The database: no row of any table holds her Slack id, name, question, times, phone or the reason about her.
    expect(await rowsContaining(prisma, ["U01CONTACT1", "Erika Mustermann", "FRAGE-ERIKA", "ZEIT-ERIKA", "4711990", "GRUND-FÜR-ERIKA"])).toEqual([]);
    expect(await prisma.slackMessage.count()).toBe(0);
    // The units stay: the scheduled session still counts for Musterstadt.
    expect(await prisma.sessionRequest.findUniqueOrThrow({ where: { id: accepted } })).toMatchObject({ state: "scheduled", units: 1, question: null, meetingPhone: null });
    expect(await prisma.erasureSuppression.count()).toBe(1);

    // A re-import of the file that still lists her does not bring her back.
    const summary = await importDirectory(prisma, directoryOf(exampleRaw()), clock());
    expect(summary.erased.skipped).toEqual(["people[0] matches an erased person; skipped"]);
    expect(summary.people.created).toBe(0);
    expect(await prisma.person.findUnique({ where: { slackId: "U01CONTACT1" } })).toBeNull();
    expect((await flow.command("U01CONTACT1", "meine-daten")).args.text).toContain("Sie sind noch nicht für das Programm freigeschaltet.");
    // Only on the lead's explicit wish.
    const restored = await importDirectory(prisma, directoryOf(exampleRaw()), clock(), { restoreErased: true });
    expect(restored.erased.restored).toEqual(["people[0] matches an erased person; restored (--restore-erased)"]);
    expect(await prisma.person.findUniqueOrThrow({ where: { slackId: "U01CONTACT1" } })).toMatchObject({ name: "Erika Mustermann", active: true });
    expect(await prisma.erasureSuppression.count()).toBe(0);
  });

  it("a lead erases a person an import deactivated; the co-contact's Home and the partner's DM no longer show them", async () => {
    const prisma = flow.db.prisma;
    const id = await flow.bookOk("U01CONTACT2", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "FRAGE-MAX-0815" });
    await flow.settle();
    const partnerDm = flow.slack.calls("chat.postMessage").find((c) => c.args.channel === "DU01PARTNER4" && c.status === 200)!;
    expect(textOf(partnerDm.args.blocks)).toContain("FRAGE-MAX-0815");
    const record = await prisma.slackMessage.findFirstOrThrow({ where: { requestId: id, purpose: "partner_request" } });
    await deactivateByImport("U01CONTACT2");

    // A contact may not; the lead may, although Max is deactivated.
    expect((await flow.command("U01CONTACT1", "löschen <@U01CONTACT2|max>")).args.text).toBe(messages("de").privacy.leadsOnlyErase);
    const ask = await flow.command("U01LEAD0001", "löschen <@U01CONTACT2|max>");
    expect(ask.args.text).toContain("Daten von Max Mustermann löschen?");
    flow.slack.reset();
    await flow.press("U01LEAD0001", ask, ids.ERASE_PERSON, { responseId: "lead-erase-deactivated" });
    expect((await flow.responded("lead-erase-deactivated")).args.text).toBe("Max Mustermann ist gelöscht (1 Anfrage anonymisiert).");
    await flow.settle();

    const update = await flow.slack.waitFor("chat.update", (c) => c.args.channel === record.channel && c.args.ts === record.ts);
    expect(update.args.text).toContain(removed);
    expect(JSON.stringify(update.args)).not.toMatch(/FRAGE-MAX|Max Mustermann/);
    // Erika's Home (same municipality) is published again, without Max's question.
    const coHome = await flow.slack.waitFor("views.publish", (c) => c.args.user_id === "U01CONTACT1");
    expect(JSON.stringify(coHome.args.view)).not.toContain("FRAGE-MAX");
    expect(await rowsContaining(prisma, ["U01CONTACT2", "Max Mustermann", "FRAGE-MAX"])).toEqual([]);
    expect(await prisma.sessionRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "requested", units: 1, question: null });
    expect(await prisma.person.findFirstOrThrow({ where: { requested: { some: { id } } } })).toMatchObject({ name: erasedName, slackId: null });
  });

  it("a partner's erasure overwrites the digest that named them and deletes the accounting export that lists them", async () => {
    const prisma = flow.db.prisma;
    await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: people.U01PARTNER4, question: "FRAGE-AN-HENRIK" });
    await flow.settle();
    await flow.command("U01LEAD0001", "export 01.01.2026 31.12.2026");
    await uploadedFiles(flow.slack, "DU01LEAD0001", 4);
    const exportIds = flow.slack.calls("files.completeUploadExternal").flatMap((c) => (c.args.files as Array<{ id: string }>).map((f) => f.id));
    expect(exportIds).toHaveLength(4);
    // Monday 10:00 in Berlin: the weekly digest (it lists every partner by name) is due.
    expect(await flow.app.jobs.runDue()).toEqual(expect.arrayContaining([expect.stringMatching(/^weekly-digest:/)]));
    await flow.settle();
    const digest = await prisma.slackMessage.findFirstOrThrow({ where: { channel: "C0DIGEST01" } });
    expect(textOf(flow.slack.calls("chat.postMessage").find((c) => c.args.channel === "C0DIGEST01")!.args.blocks)).toContain("Henrik Lautenschläger");
    const ask = await flow.command("U01LEAD0001", "löschen <@U01PARTNER4|henrik>");
    await flow.press("U01LEAD0001", ask, ids.ERASE_PERSON, { responseId: "erase-partner" });
    await flow.responded("erase-partner");
    await flow.settle();
    expect(flow.slack.calls("files.delete").map((c) => c.args.file).sort()).toEqual([...exportIds].sort());
    const overwritten = flow.slack.calls("chat.update").filter((c) => c.args.channel === "C0DIGEST01" && c.args.ts === digest.ts).at(-1);
    expect(overwritten?.args.text).toContain(removed);
    expect(await rowsContaining(prisma, ["U01PARTNER4", "Henrik Lautenschläger"])).toEqual([]);
    // The requester's question is theirs: it stays (only what names or was written by the partner goes).
    expect(await prisma.sessionRequest.count({ where: { question: "FRAGE-AN-HENRIK" } })).toBe(1);
  });
});

describe("the retention job", () => {
  const { flow } = sharedFlow(clock);

  it("after the retention period clears questions, decline reasons, links and phones and overwrites the messages; prunes old keys and delivered outbox rows", async () => {
    clock.set("2026-06-15T08:00:00Z");
    const prisma = flow.db.prisma;
    const partner = await flow.personId("U01PARTNER4");
    const a = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: partner, question: "FRAGE-RET-1" });
    const b = await flow.bookOk("U01CONTACT3", { topics: ["surveys"], partnerId: partner, question: "FRAGE-RET-2" });
    await flow.settle();
    await flow.accept("U01PARTNER4", a, { start: new Date("2026-06-17T08:00:00Z"), format: "video", link: "https://meet.example.org/RET-LINK" });
    await flow.decline("U01PARTNER4", b, "GRUND-RET");
    await flow.settle();
    const recorded = await prisma.slackMessage.findMany({ where: { ts: { not: null } } });
    expect(recorded.length).toBeGreaterThanOrEqual(4); // two partner DMs, the accepted and the declined notice

    // Keys and delivered rows of today stay; a day-old key and a week-old delivered row go.
    const keysNow = await prisma.idempotencyKey.count();
    expect(keysNow).toBeGreaterThan(0);
    await prisma.$executeRaw`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = (SELECT key FROM idempotency_keys LIMIT 1)`;
    await prisma.$executeRaw`UPDATE outbox SET sent_at = now() - interval '8 days' WHERE id = (SELECT min(id) FROM outbox WHERE sent_at IS NOT NULL)`;
    const delivered = await prisma.outboxMessage.count({ where: { sentAt: { not: null } } });
    await flow.app.jobs.runDue();
    expect(await prisma.idempotencyKey.count()).toBe(keysNow - 1);
    expect(await prisma.outboxMessage.count({ where: { sentAt: { not: null } } })).toBe(delivered - 1);
    // Before the retention deadline the free text stays.
    expect(await prisma.sessionRequest.findUniqueOrThrow({ where: { id: b } })).toMatchObject({ declineReason: "GRUND-RET" });

    clock.set(questionsExpireAt((await loadRules(prisma))!));
    flow.slack.reset();
    expect(await flow.app.jobs.runDue()).toEqual(expect.arrayContaining([expect.stringMatching(/^question-retention:/)]));
    await flow.settle();
    for (const id of [a, b]) {
      expect(await prisma.sessionRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({
        question: null, preferredTimes: "", declineReason: null, meetingLink: null, meetingPhone: null,
      });
    }
    expect(await prisma.requestEvent.count({ where: { reason: { not: null } } })).toBe(0);
    for (const m of recorded) {
      const update = flow.slack.calls("chat.update").filter((u) => u.args.channel === m.channel && u.args.ts === m.ts).at(-1);
      expect(update?.args.text, `${m.channel}/${m.ts}`).toContain(removed);
    }
    expect(await rowsContaining(prisma, ["FRAGE-RET", "GRUND-RET", "RET-LINK"])).toEqual([]);
  });
});
