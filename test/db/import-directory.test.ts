import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database, type Prisma } from "../../src/db/client.ts";
import type { Directory } from "../../src/directory/directory-schema.ts";
import { importDirectory } from "../../src/db/import-directory.ts";
import { directoryOf, exampleRaw, type RawDirectory } from "../support/example-programme.ts";

const now = new Date("2026-11-25T09:00:00Z");
let db: Database;

// One in-memory database for the file (starting PGlite costs about a second); emptied before each test.
beforeAll(async () => {
  db = await openDatabase({ dataDir: "memory://" });
});
beforeEach(async () => {
  await db.prisma.$executeRawUnsafe(
    "TRUNCATE programme, topics, municipalities, people, partner_profiles, assignments CASCADE",
  );
});
afterAll(async () => {
  await db.close();
});

/** Everything the import writes, in a stable order, to compare before and after. */
async function snapshot(prisma: Prisma) {
  return {
    programme: await prisma.programme.findMany({ omit: { updatedAt: true } }),
    topics: await prisma.topic.findMany({ orderBy: { key: "asc" } }),
    municipalities: await prisma.municipality.findMany({ orderBy: { key: "asc" } }),
    people: await prisma.person.findMany({ orderBy: { slackId: "asc" } }),
    partners: await prisma.partnerProfile.findMany({ orderBy: { personId: "asc" } }),
    assignments: await prisma.assignment.findMany({ orderBy: [{ municipalityKey: "asc" }, { partnerId: "asc" }] }),
  };
}

async function assignedSlackIds(prisma: Prisma, municipalityKey: string): Promise<string[]> {
  const rows = await prisma.assignment.findMany({ where: { municipalityKey }, include: { partner: true } });
  return rows.map((a) => a.partner.slackId!).sort();
}

const personBy = (slackId: string) => db.prisma.person.findUniqueOrThrow({ where: { slackId }, include: { partner: true } });
const without = (raw: RawDirectory, section: string, field: string, value: string) => {
  raw[section] = raw[section].filter((entry: Record<string, unknown>) => entry[field] !== value);
};

describe("importDirectory", () => {
  it("imports the example programme file with the expected rows", async () => {
    const summary = await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    expect(summary).toEqual({
      programme: { created: 1, updated: 0, deactivated: 0 },
      topics: { created: 11, updated: 0, deactivated: 0 },
      municipalities: { created: 7, updated: 0, deactivated: 0 },
      people: { created: 15, updated: 0, deactivated: 0 },
      partners: { created: 6, updated: 0, deactivated: 0 },
      assignments: { created: 4, updated: 0, deactivated: 0 },
      erased: { skipped: [], restored: [] },
    });
    const programme = await db.prisma.programme.findUniqueOrThrow({ where: { id: "programme" } });
    expect(programme).toMatchObject({
      periodStart: new Date("2026-01-01T00:00:00Z"),
      periodEnd: new Date("2027-12-31T00:00:00Z"),
      holidayRegion: "BW",
      cohorts: ["2018/19", "2020/21"],
      cohortKinds: { "2018/19": ["Kommune", "Landkreis"], "2020/21": ["Kommune"] },
      language: "de",
      quotaUnits: 12,
      assignedQuotaUnits: 5,
      digestChannel: "C0DIGEST01",
      digestWeekday: 1,
      digestTime: "08:00",
    });
    const topics = await db.prisma.topic.findMany({ orderBy: { sortOrder: "asc" } });
    expect(topics.map((t) => t.sortOrder)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(topics[0]).toMatchObject({ key: "online-events", labelDe: "Planung und Durchführung von Online-Veranstaltungen" });
    expect(await db.prisma.municipality.count({ where: { active: false } })).toBe(1);
    expect(await db.prisma.person.count({ where: { contactOfKey: "musterstadt" } })).toBe(2);
    expect(await db.prisma.person.count({ where: { isLead: true } })).toBe(2);
    expect(await db.prisma.partnerProfile.count({ where: { active: true } })).toBe(5);
    expect((await personBy("U01LEAD0002")).partner?.formats).toEqual(["phone", "video"]);
    expect((await personBy("U01PARTNER1")).createdAt).toEqual(now);
    expect(await assignedSlackIds(db.prisma, "landkreis-waldtal")).toEqual(["U01PARTNER2", "U01PARTNER3"]);
  });

  it("re-importing the same file changes nothing and duplicates nothing", async () => {
    await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    const before = await snapshot(db.prisma);
    const { erased, ...kinds } = await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    expect(Object.values(kinds).every((s) => s.created + s.updated + s.deactivated === 0)).toBe(true);
    expect(erased).toEqual({ skipped: [], restored: [] });
    expect(await snapshot(db.prisma)).toEqual(before);
  });

  it("updates changed entries in place by key and Slack id", async () => {
    await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    const id = (await personBy("U01PARTNER1")).id;
    const raw = exampleRaw();
    raw.people.find((p: { slack_id: string }) => p.slack_id === "U01PARTNER1").name = "Dr. Jana Beispiel-Neu";
    raw.topics[0].en = "Online events";
    raw.programme.digest.weekday = "sunday";

    const summary = await importDirectory(db.prisma, directoryOf(raw), now);
    expect(summary.people).toEqual({ created: 0, updated: 1, deactivated: 0 });
    expect(summary.topics).toEqual({ created: 0, updated: 1, deactivated: 0 });
    expect(summary.programme).toEqual({ created: 0, updated: 1, deactivated: 0 });
    expect(await db.prisma.person.count()).toBe(15);
    expect(await personBy("U01PARTNER1")).toMatchObject({ id, name: "Dr. Jana Beispiel-Neu" });
    expect((await db.prisma.programme.findFirstOrThrow()).digestWeekday).toBe(7);
  });

  it("deactivates municipalities, people and topics the file no longer names, and brings them back", async () => {
    await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    const raw = exampleRaw();
    without(raw, "municipalities", "key", "neckarfeld");
    without(raw, "people", "slack_id", "U01CONTACT5"); // neckarfeld's contact
    without(raw, "people", "slack_id", "U01PARTNER4");
    without(raw, "topics", "key", "surveys"); // only U01PARTNER4 offered it

    const summary = await importDirectory(db.prisma, directoryOf(raw), now);
    expect(summary.municipalities.deactivated).toBe(1);
    expect(summary.people.deactivated).toBe(2);
    expect(summary.partners).toEqual({ created: 0, updated: 0, deactivated: 1 });
    expect(summary.topics.deactivated).toBe(1);
    expect(await db.prisma.municipality.findUnique({ where: { key: "neckarfeld" } })).toMatchObject({ active: false });
    expect(await personBy("U01CONTACT5")).toMatchObject({ active: false, contactOfKey: "neckarfeld" });
    expect(await personBy("U01PARTNER4")).toMatchObject({ active: false, partner: { active: false } });
    expect(await db.prisma.topic.findUnique({ where: { key: "surveys" } })).toMatchObject({ retired: true });
    expect(await db.prisma.person.count()).toBe(15);

    const back = await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    expect(back.people).toEqual({ created: 0, updated: 2, deactivated: 0 });
    expect(await personBy("U01PARTNER4")).toMatchObject({ active: true, partner: { active: true } });
    expect(await db.prisma.topic.findUnique({ where: { key: "surveys" } })).toMatchObject({ retired: false });
  });

  it("deactivates the profile of a person who is no longer a partner, keeping the person", async () => {
    await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    const raw = exampleRaw();
    const lead = raw.people.find((p: { slack_id: string }) => p.slack_id === "U01LEAD0002");
    delete lead.partner;
    for (const m of raw.municipalities) m.assigned_partners = (m.assigned_partners ?? []).filter((s: string) => s !== "U01LEAD0002");

    const summary = await importDirectory(db.prisma, directoryOf(raw), now);
    expect(summary.partners.deactivated).toBe(1);
    expect(summary.assignments).toEqual({ created: 0, updated: 0, deactivated: 1 });
    expect(await personBy("U01LEAD0002")).toMatchObject({ active: true, isLead: true, partner: { active: false } });
  });

  it("replaces the assignments of a municipality whose list changed", async () => {
    await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    const raw = exampleRaw();
    raw.municipalities[0].assigned_partners = ["U01PARTNER4", "U01PARTNER2"]; // musterstadt had U01PARTNER1
    raw.municipalities[1].assigned_partners = ["U01PARTNER3"]; // beispielheim had none

    const summary = await importDirectory(db.prisma, directoryOf(raw), now);
    expect(summary.assignments).toEqual({ created: 3, updated: 0, deactivated: 1 });
    expect(await assignedSlackIds(db.prisma, "musterstadt")).toEqual(["U01PARTNER2", "U01PARTNER4"]);
    expect(await assignedSlackIds(db.prisma, "beispielheim")).toEqual(["U01PARTNER3"]);
    expect(await assignedSlackIds(db.prisma, "landkreis-waldtal")).toEqual(["U01PARTNER2", "U01PARTNER3"]);
    expect(await db.prisma.assignment.count()).toBe(6);
  });

  it("writes nothing when any statement of the import fails", async () => {
    await importDirectory(db.prisma, directoryOf(exampleRaw()), now);
    const before = await snapshot(db.prisma);
    const raw = exampleRaw();
    raw.programme.name = "Neuer Name";
    raw.people[0].name = "Erika Neu";
    raw.people.push({ slack_id: "U01NEW0001", name: "Neu" });
    const directory: Directory = directoryOf(raw);
    // Bypasses validation: the foreign key fails late, after most rows were written.
    directory.people.at(-1)!.contact_of = "gibt-es-nicht";

    await expect(importDirectory(db.prisma, directory, now)).rejects.toThrow();
    expect(await snapshot(db.prisma)).toEqual(before);
  });

  it("imports a few hundred people quickly, and again with every name changed", async () => {
    const raw = exampleRaw();
    for (let m = 0; m < 60; m++) {
      raw.municipalities.push({ key: `gemeinde-${m}`, name: `Gemeinde ${m}`, kind: "Kommune", cohort: "2020/21", assigned_partners: [`U0P${m % 40}`] });
      for (let c = 0; c < 4; c++) raw.people.push({ slack_id: `U0C${m}X${c}`, name: `Kontakt ${m}/${c}`, contact_of: `gemeinde-${m}` });
    }
    for (let p = 0; p < 40; p++) {
      raw.people.push({ slack_id: `U0P${p}`, name: `Partner ${p}`, partner: { topics: ["surveys"], formats: ["video"] } });
    }
    let directory = directoryOf(raw);
    let started = performance.now();
    const first = await importDirectory(db.prisma, directory, now);
    const firstMs = performance.now() - started;
    expect(first.people.created).toBe(15 + 240 + 40);

    for (const p of raw.people) p.name = `${p.name} (neu)`;
    directory = directoryOf(raw);
    started = performance.now();
    const second = await importDirectory(db.prisma, directory, now);
    const secondMs = performance.now() - started;
    expect(second.people).toEqual({ created: 0, updated: 295, deactivated: 0 });
    expect(firstMs).toBeLessThan(2_000);
    expect(secondMs).toBeLessThan(2_000);
    expect(await personBy("U0P7")).toMatchObject({ name: "Partner 7 (neu)", contactOfKey: null, isLead: false, active: true });
    expect(await personBy("U01LEAD0002")).toMatchObject({ isLead: true });
  });
});
