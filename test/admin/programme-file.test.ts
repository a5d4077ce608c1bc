/**
 * The programme file and Slack as one truth: the export round-trips through the import, a lead's
 * change in Slack is checked by the import's rules and logged, and a dry run names exactly the
 * entries the file would change that Slack changed since the last import.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { changeProgramme } from "../../src/db/change-programme.ts";
import { parseDirectory } from "../../src/directory/parse-directory.ts";
import { directoryToYaml } from "../../src/directory/export-directory.ts";
import { loadDirectory } from "../../src/db/load-directory.ts";
import { importDirectory } from "../../src/db/import-directory.ts";
import { planImport } from "../../src/directory/plan-import.ts";
import { erasePerson } from "../../src/db/personal-data.ts";
import { openTestDatabase } from "../support/fixtures.ts";
import { directoryOf, exampleRaw, exampleYaml } from "../support/example-programme.ts";

const now = new Date("2026-06-15T08:00:00Z");
const clock = () => now;
let db: Database;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
});
afterAll(async () => cleanup?.());
beforeEach(async () => {
  await db.prisma.$executeRawUnsafe("TRUNCATE programme, topics, municipalities, people, partner_profiles, assignments, admin_changes, pending_uploads CASCADE");
  await importDirectory(db.prisma, directoryOf(exampleRaw()), now, { fileName: "programme.yaml" });
});

async function exportedYaml(): Promise<string> {
  const directory = await loadDirectory(db.prisma);
  return directoryToYaml(directory!, "Programmdatei");
}

describe("programme file export", () => {
  it("round-trips: the exported file parses, imports with no change and lists no difference", async () => {
    const yaml = await exportedYaml();
    expect(yaml.startsWith("# Programmdatei\n")).toBe(true);
    const parsed = parseDirectory(yaml);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    expect((await planImport(db.prisma, parsed.directory)).changes).toEqual([]);
    const summary = await importDirectory(db.prisma, parsed.directory, now);
    for (const kind of ["programme", "topics", "municipalities", "people", "partners", "assignments"] as const) {
      expect(summary[kind], kind).toEqual({ created: 0, updated: 0, deactivated: 0 });
    }
    // The example's paused partner and inactive municipality keep their state in the file.
    expect(yaml).toMatch(/key: rebenau\n(?:.*\n){3}\s+active: false/);
    expect(parsed.directory.people.find((p) => p.slack_id === "U01PARTNER5")?.partner?.active).toBe(false);
  });

  it("includes what Slack changed, and logs the change with who and when", async () => {
    const result = await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "add_topic", key: "climate", de: "Klima", en: "Climate" });
    expect(result).toEqual({ ok: true, entry: { entityKind: "topic", entityKey: "climate" } });
    expect(await exportedYaml()).toContain("key: climate\n    de: Klima\n    en: Climate");
    const lead = await db.prisma.person.findUniqueOrThrow({ where: { slackId: "U01LEAD0001" } });
    const log = await db.prisma.adminChange.findMany({ where: { source: "slack" } });
    expect(log).toMatchObject([{ actorId: lead.id, action: "add_topic", entityKind: "topic", entityKey: "climate", at: now }]);
  });
});

describe("a lead's change in Slack", () => {
  it("is refused for someone who is not a lead, and when it would break a rule of the file", async () => {
    expect(await changeProgramme(db.prisma, clock, "U01CONTACT1", { kind: "retire_topic", key: "surveys" })).toEqual({ ok: false, code: "not_a_lead" });
    expect(await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "add_contact", slackId: "U09NEW0001", name: "Neu", municipalityKey: "gibt-es-nicht" }))
      .toEqual({ ok: false, code: "municipality_unknown", key: "gibt-es-nicht" });
    const invalid = await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "add_topic", key: "Nicht Gültig", de: "x", en: "x" });
    expect(invalid).toMatchObject({ ok: false, code: "invalid" });
    expect(invalid.ok ? [] : "errors" in invalid ? invalid.errors : []).toEqual([expect.stringContaining("topics[11] (Nicht Gültig): key: expected a lowercase slug")]);
    expect(await db.prisma.topic.count()).toBe(11);
    expect(await db.prisma.adminChange.count({ where: { source: "slack" } })).toBe(0);
  });

  it("retires a topic that open requests use (never deletes it), adds a contact and assigns a partner", async () => {
    expect((await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "retire_topic", key: "surveys" })).ok).toBe(true);
    expect(await db.prisma.topic.findUniqueOrThrow({ where: { key: "surveys" } })).toMatchObject({ retired: true });
    expect((await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "add_contact", slackId: "U09NEW0001", name: "Nina Neu", municipalityKey: "neckarfeld" })).ok).toBe(true);
    expect(await db.prisma.person.findUniqueOrThrow({ where: { slackId: "U09NEW0001" } })).toMatchObject({ contactOfKey: "neckarfeld", active: true });
    expect((await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "assign_partner", municipalityKey: "neckarfeld", partnerSlackId: "U01PARTNER4" })).ok).toBe(true);
    expect(await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "assign_partner", municipalityKey: "neckarfeld", partnerSlackId: "U01PARTNER4" }))
      .toMatchObject({ ok: false, code: "already_assigned" });
    expect(await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "assign_partner", municipalityKey: "neckarfeld", partnerSlackId: "U01CONTACT1" }))
      .toMatchObject({ ok: false, code: "not_a_partner" });
    expect((await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "deactivate_contact", slackId: "U09NEW0001" })).ok).toBe(true);
    expect(await db.prisma.person.findUniqueOrThrow({ where: { slackId: "U09NEW0001" } })).toMatchObject({ active: false });
  });
});

describe("import dry run", () => {
  it("lists the entries the old file would undo that Slack changed since the last import, and writes nothing", async () => {
    await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "retire_topic", key: "surveys" });
    await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "assign_partner", municipalityKey: "neckarfeld", partnerSlackId: "U01PARTNER4" });
    await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "add_topic", key: "climate", de: "Klima", en: "Climate" });
    // The old file again, with one unrelated edit.
    const raw = exampleRaw();
    raw.people[0].name = "Erika Geändert";
    const plan = await planImport(db.prisma, directoryOf(raw));
    expect(plan.conflicts.map((c) => [c.position, c.change, c.slackActions])).toEqual([
      ["topics[6] (surveys)", "updated", ["retire_topic"]],
      ["topics: climate (not in the file)", "deactivated", ["add_topic"]],
      ["municipalities[3] (neckarfeld)", "updated", ["assign_partner"]],
    ]);
    // Only what differs: the example's assignment lists in another order than stored are no change.
    expect(plan.changes.filter((c) => c.change === "updated").map((c) => c.position)).toEqual(["topics[6] (surveys)", "municipalities[3] (neckarfeld)", "people[0] (U01CONTACT1)"]);
    expect(await db.prisma.topic.findUniqueOrThrow({ where: { key: "surveys" } })).toMatchObject({ retired: true });

    // After an import, the earlier Slack changes are no longer "since the last import".
    await importDirectory(db.prisma, directoryOf(raw), now);
    expect((await planImport(db.prisma, directoryOf(exampleRaw()))).conflicts).toEqual([]);
    expect(exampleYaml).toContain("key: surveys");
  });
});

describe("erasure", () => {
  it("keeps the admin audit log's entry without the erased person's Slack id and drops programme files waiting that name them", async () => {
    await changeProgramme(db.prisma, clock, "U01LEAD0001", { kind: "add_contact", slackId: "U09ERASE01", name: "Erna Weg", municipalityKey: "neckarfeld" });
    const lead = await db.prisma.person.findUniqueOrThrow({ where: { slackId: "U01LEAD0001" } });
    await db.prisma.pendingUpload.create({ data: { uploaderId: lead.id, fileName: "p.yaml", content: "slack_id: U09ERASE01\nname: Erna Weg", createdAt: now, expiresAt: now } });
    await db.prisma.pendingUpload.create({ data: { uploaderId: lead.id, fileName: "other.yaml", content: "slack_id: U01CONTACT1", createdAt: now, expiresAt: now } });
    expect((await erasePerson(db.prisma, { slackId: "U09ERASE01" }, null, now)).erased).toBe(true);
    expect(await db.prisma.adminChange.findMany({ where: { action: "add_contact" }, select: { entityKey: true, actorId: true } })).toEqual([{ entityKey: "(gelöscht)", actorId: lead.id }]);
    expect((await db.prisma.pendingUpload.findMany()).map((u) => u.fileName)).toEqual(["other.yaml"]);
  });
});
