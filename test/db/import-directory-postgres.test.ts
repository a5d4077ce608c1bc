import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { importDirectory } from "../../src/db/import-directory.ts";
import { createThrowawayDatabase } from "../support/postgres.ts";
import { directoryOf, exampleRaw } from "../support/example-programme.ts";

const now = new Date("2026-11-25T09:00:00Z");
let db: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  const throwaway = await createThrowawayDatabase("sparring_directory");
  drop = throwaway.drop;
  db = await openDatabase({ databaseUrl: throwaway.url, poolSize: 4 });
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});

describe("importDirectory on PostgreSQL", () => {
  it("two imports at once create every record once", async () => {
    const directory = directoryOf(exampleRaw());
    const summaries = await Promise.all([importDirectory(db.prisma, directory, now), importDirectory(db.prisma, directory, now)]);
    expect(summaries.map((s) => s.people.created).sort()).toEqual([0, 15]);
    expect(await db.prisma.person.count()).toBe(15);
    expect(await db.prisma.partnerProfile.count()).toBe(6);
    expect(await db.prisma.assignment.count()).toBe(4);
    const programme = await db.prisma.programme.findUniqueOrThrow({ where: { id: "programme" } });
    expect(programme.periodEnd).toEqual(new Date("2027-12-31T00:00:00Z"));
  });

  it("re-import updates in place, including the batched update of people", async () => {
    const raw = exampleRaw();
    raw.people[0].name = "Erika Geändert";
    raw.people[1].contact_of = "beispielheim";
    const summary = await importDirectory(db.prisma, directoryOf(raw), now);
    expect(summary.people).toEqual({ created: 0, updated: 2, deactivated: 0 });
    expect(await db.prisma.person.count()).toBe(15);
    expect(await db.prisma.person.findUnique({ where: { slackId: "U01CONTACT1" } })).toMatchObject({ name: "Erika Geändert", contactOfKey: "musterstadt" });
    expect(await db.prisma.person.findUnique({ where: { slackId: "U01CONTACT2" } })).toMatchObject({ contactOfKey: "beispielheim" });
  });
});
