import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { loadRules } from "../../src/db/queries.ts";
import { pruneOperationalRows, questionsExpireAt, removeExpiredQuestions } from "../../src/db/retention.ts";
import type { ProgrammeRules } from "../../src/domain/types.ts";
import { insertRequests, openTestDatabase, seedProgramme } from "../support/fixtures.ts";

let db: Database;
let cleanup: () => Promise<void>;
let rules: ProgrammeRules;

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  const seed = await seedProgramme(db.prisma);
  rules = (await loadRules(db.prisma))!;
  const base = { municipalityKey: "ulm", requesterId: seed.people.contact.id, partnerId: seed.people.partner.id };
  await insertRequests(db.prisma, { ...base, count: 3, state: "held" });
  await insertRequests(db.prisma, { ...base, count: 2, state: "cancelled" });
  await db.prisma.sessionRequest.updateMany({ data: { preferredTimes: "montags" } });
  lead = seed.people.lead.id;
});
let lead: string;
afterAll(() => cleanup());

const remaining = () => db.prisma.sessionRequest.count({ where: { OR: [{ question: { not: null } }, { preferredTimes: { not: "" } }] } });

describe("removing questions after the retention period", () => {
  // Period ends 31 Dec 2027; 90 days after the end of that day is 31 March 2028, 00:00 in Berlin (CEST).
  const deadline = new Date("2028-03-31T00:00:00+02:00");

  it("computes the deadline from the end of the period's last day in the programme's zone", () => {
    expect(questionsExpireAt(rules)).toEqual(deadline);
  });

  it("keeps every question during the programme and until the deadline", async () => {
    expect(await removeExpiredQuestions(db.prisma, rules, new Date("2027-06-01T10:00:00Z"))).toBe(0);
    expect(await removeExpiredQuestions(db.prisma, rules, new Date(deadline.getTime() - 1))).toBe(0);
    expect(await remaining()).toBe(5);
  });

  it("removes questions and preferred times from the deadline on, keeps the units, and is idempotent", async () => {
    expect(await removeExpiredQuestions(db.prisma, rules, deadline)).toBe(5);
    expect(await remaining()).toBe(0);
    expect(await db.prisma.sessionRequest.aggregate({ _sum: { units: true } })).toEqual({ _sum: { units: 5 } });
    expect(await removeExpiredQuestions(db.prisma, rules, new Date("2028-06-01T00:00:00Z"))).toBe(0);
  });
});

describe("pruning what is kept only for a while", () => {
  it("deletes programme files sent for upload once their 24 hours have passed, applied or not, and keeps newer ones", async () => {
    const now = new Date("2027-03-02T10:00:00Z");
    const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
    await db.prisma.pendingUpload.createMany({
      data: [
        { uploaderId: lead, fileName: "alt.yaml", content: "people: [{ name: Alte Liste }]", createdAt: hours(-30), expiresAt: hours(-6) },
        { uploaderId: lead, fileName: "angewendet.yaml", content: "", createdAt: hours(-25), expiresAt: hours(-1), appliedAt: hours(-24) },
        { uploaderId: lead, fileName: "neu.yaml", content: "people: [{ name: Neue Liste }]", createdAt: hours(-1), expiresAt: hours(23) },
      ],
    });
    expect((await pruneOperationalRows(db.prisma, now)).uploads).toBe(2);
    expect(await db.prisma.pendingUpload.findMany({ select: { fileName: true } })).toEqual([{ fileName: "neu.yaml" }]);
    expect((await pruneOperationalRows(db.prisma, now)).uploads).toBe(0);
  });
});
