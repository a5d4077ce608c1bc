import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { loadRules } from "../../src/db/queries.ts";
import type { ProgrammeRules } from "../../src/domain/types.ts";
import { buildOverview, buildQuotaOverview, waitingCutoff, type Overview } from "../../src/reports/overview.ts";
import { insertRequests, openTestDatabase, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";

let db: Database;
let cleanup: () => Promise<void>;
let seed: SeededProgramme;
let rules: ProgrammeRules;
let overview: Overview;
/** Wednesday 18 March 2026, noon in Berlin. */
const now = new Date("2026-03-18T12:00:00+01:00");
const at = (iso: string) => new Date(iso);

/**
 * Ulm: 8 held (3 last week, 2 the week before, 3 in February) + 2 requested (9 and 16 March) = 10, near quota.
 * Konstanz: 11 held in February with the assigned partner + 1 scheduled (20 March, two topics) = 12, at quota.
 * Neustadt: eligible, nothing. Esslingen: eligible, one declined request. Freiburg: not eligible. Heidelberg: inactive.
 */
beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  seed = await seedProgramme(db.prisma);
  rules = (await loadRules(db.prisma))!;
  await db.prisma.municipality.createMany({
    data: [
      { key: "neustadt", name: "Neustadt", kind: "Kommune", cohort: "2018/19" },
      { key: "esslingen", name: "Esslingen", kind: "Kommune", cohort: "2020/21" },
    ],
  });
  const { contact, otherContact, partner, assignedPartner } = seed.people;
  const ulm = { municipalityKey: "ulm", requesterId: contact.id, partnerId: partner.id };
  const feb = at("2026-02-01T10:00:00Z");
  await insertRequests(db.prisma, { ...ulm, count: 3, state: "held", createdAt: feb, scheduledStart: at("2026-03-12T09:00:00Z") });
  await insertRequests(db.prisma, { ...ulm, count: 2, state: "held", createdAt: feb, scheduledStart: at("2026-03-05T09:00:00Z") });
  await insertRequests(db.prisma, { ...ulm, count: 3, state: "held", createdAt: feb, scheduledStart: at("2026-02-10T09:00:00Z") });
  await insertRequests(db.prisma, { ...ulm, count: 1, state: "requested", createdAt: at("2026-03-09T10:00:00+01:00") });
  await insertRequests(db.prisma, { ...ulm, count: 1, state: "requested", createdAt: at("2026-03-16T10:00:00+01:00") });
  const konstanz = { municipalityKey: "landkreis-konstanz", requesterId: otherContact.id };
  await insertRequests(db.prisma, { ...konstanz, partnerId: assignedPartner.id, count: 11, state: "held", createdAt: feb, scheduledStart: at("2026-02-10T09:00:00Z") });
  await insertRequests(db.prisma, {
    ...konstanz, partnerId: partner.id, count: 1, state: "scheduled", createdAt: at("2026-03-12T10:00:00Z"),
    scheduledStart: at("2026-03-20T09:00:00Z"), topics: ["online-events", "conflicts"],
  });
  await insertRequests(db.prisma, { municipalityKey: "esslingen", requesterId: otherContact.id, partnerId: partner.id, count: 1, state: "declined", createdAt: feb });
  overview = await buildOverview(db.prisma, rules, now);
});
afterAll(() => cleanup());

describe("the leads' overview", () => {
  it("counts units held, scheduled and pending per municipality for the whole programme", () => {
    expect(overview.totals).toEqual({ held: 19, scheduled: 1, pending: 2 });
    expect(overview.byMunicipality).toEqual([
      { key: "esslingen", name: "Esslingen", held: 0, scheduled: 0, pending: 0, used: 0, assignedUsed: 0 },
      { key: "freiburg", name: "Freiburg", held: 0, scheduled: 0, pending: 0, used: 0, assignedUsed: 0 },
      { key: "landkreis-konstanz", name: "Landkreis Konstanz", held: 11, scheduled: 1, pending: 0, used: 12, assignedUsed: 0 },
      { key: "neustadt", name: "Neustadt", held: 0, scheduled: 0, pending: 0, used: 0, assignedUsed: 0 },
      { key: "ulm", name: "Ulm", held: 8, scheduled: 0, pending: 2, used: 10, assignedUsed: 0 },
    ]);
  });

  it("counts per partner by name and per topic with both labels", () => {
    expect(overview.byPartner).toEqual([
      { personId: seed.people.assignedPartner.id, name: "Anton Assigned", held: 11, scheduled: 0, pending: 0 },
      { personId: seed.people.partner.id, name: "Paula Partner", held: 8, scheduled: 1, pending: 2 },
    ]);
    expect(overview.byTopic).toEqual([
      { key: "online-events", labelDe: "Planung und Durchführung von Online-Veranstaltungen", labelEn: "Online events", held: 19, scheduled: 1, pending: 2 },
      { key: "volunteer-motivation", labelDe: "Langfristige Motivation von Ehrenamtlichen", labelEn: "Motivating volunteers", held: 0, scheduled: 0, pending: 0 },
      { key: "conflicts", labelDe: "Umgang mit Konfliktsituationen vor Ort", labelEn: "Handling conflicts", held: 0, scheduled: 1, pending: 0 },
      { key: "surveys", labelDe: "Beratung zur Durchführung von Umfragen", labelEn: "Surveys", held: 0, scheduled: 0, pending: 0 },
    ]);
  });

  it("names municipalities near (10 or 11 of 12) and at quota", () => {
    expect(overview.quota).toEqual({ limit: 12, nearFrom: 10 });
    expect(overview.nearQuota).toEqual([{ key: "ulm", name: "Ulm", used: 10 }]);
    expect(overview.atQuota).toEqual([{ key: "landkreis-konstanz", name: "Landkreis Konstanz", used: 12 }]);
  });

  it("lists requests waiting longer than expiry minus two working days, without their question", () => {
    expect(overview.waiting.workingDays).toBe(3);
    expect(overview.waiting.count).toBe(1);
    expect(overview.waiting.requests).toEqual([
      { requestId: expect.any(String), municipalityKey: "ulm", municipalityName: "Ulm", partnerName: "Paula Partner", createdAt: at("2026-03-09T09:00:00Z") },
    ]);
    expect(JSON.stringify(overview)).not.toContain("Wie gehen wir vor?");
  });

  it("gives the lead's Home the same units, quota lists and waiting count, without the list", async () => {
    const { totals, byMunicipality, quota, nearQuota, atQuota, unused, waiting } = overview;
    expect(await buildQuotaOverview(db.prisma, rules, now)).toEqual({ totals, byMunicipality, quota, nearQuota, atQuota, unused, waiting: { ...waiting, requests: [] } });
    expect(waiting.count).toBe(1);
  });

  it("names active eligible municipalities without any request", () => {
    expect(overview.unused).toEqual([{ key: "neustadt", name: "Neustadt" }]);
  });

  it("compares the last seven days with the seven before", () => {
    expect(overview.lastWeek).toEqual({ held: 3, requested: 2 });
    expect(overview.weekBefore).toEqual({ held: 2, requested: 1 });
  });
});

describe("the forecast in the overview", () => {
  it("projects the rate so far of each municipality that may book or has booked, against its funded quota", () => {
    // 18 March 2026 is 11 % of 2026–2027: Ulm's 10 and Konstanz's 12 reach the quota; Freiburg (not eligible, no request) is left out.
    expect(overview.forecast.byMunicipality.map((m) => [m.key, m.used, m.expected])).toEqual([
      ["esslingen", 0, 0], ["landkreis-konstanz", 12, 12], ["neustadt", 0, 0], ["ulm", 10, 12],
    ]);
    expect(overview.forecast.total).toEqual({ used: 22, expected: 24, funded: 48 });
  });
});

describe("how long a request has waited", () => {
  const bw = { timezone: "Europe/Berlin", holidayRegion: "BW" };
  it("counts full working days after the day it was made", () => {
    // Made Monday 9 March: three working days are Tue–Thu, so it waits too long from Friday 00:00.
    expect(waitingCutoff(at("2026-03-13T00:00:00+01:00"), 3, bw)).toEqual(at("2026-03-10T00:00:00+01:00"));
    expect(waitingCutoff(at("2026-03-12T23:59:00+01:00"), 3, bw)).toEqual(at("2026-03-09T00:00:00+01:00"));
  });

  it("skips weekends and public holidays (Good Friday and Easter Monday 2026 in BW)", () => {
    // Made Wednesday 1 April: Thu 2, Tue 7, Wed 8 are the three working days.
    expect(waitingCutoff(at("2026-04-08T12:00:00+02:00"), 3, bw)).toEqual(at("2026-04-01T00:00:00+02:00"));
    expect(waitingCutoff(at("2026-04-09T00:00:00+02:00"), 3, bw)).toEqual(at("2026-04-02T00:00:00+02:00"));
  });
});
