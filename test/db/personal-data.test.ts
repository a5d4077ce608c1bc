import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { erasedName, erasePerson, exportPersonalData, privacyNoticeShown, recordPrivacyNoticeShown } from "../../src/db/personal-data.ts";
import { loadRules } from "../../src/db/queries.ts";
import { buildAccountingExports } from "../../src/reports/accounting-exports.ts";
import { buildOverview } from "../../src/reports/overview.ts";
import type { ProgrammeRules } from "../../src/domain/types.ts";
import { openTestDatabase, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";
import { buildScenario, type Scenario } from "../reports/scenario.ts";
import { csvRecords, sumOf } from "../reports/parse-csv.ts";

let db: Database;
let cleanup: () => Promise<void>;
let seed: SeededProgramme;
let scenario: Scenario;
let rules: ProgrammeRules;
const later = new Date("2026-05-04T10:00:00+02:00");

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  seed = await seedProgramme(db.prisma);
  scenario = await buildScenario(db, seed);
  rules = (await loadRules(db.prisma))!;
});
afterAll(() => cleanup());

const heldSums = async () => {
  const files = await buildAccountingExports(db.prisma, rules, { from: "2026-01-01", to: "2027-12-31" });
  const part = (csv: string, first: string) => csvRecords(csv).records.filter((r) => r[first] !== "Summe");
  return {
    sessions: sumOf(csvRecords(files.sessions).records, "Durchgeführte Einheiten im Zeitraum"),
    units: sumOf(csvRecords(files.sessions).records, "Einheiten"),
    partners: sumOf(part(files.partners, "Sparring-Partner/-in"), "Durchgeführte Einheiten im Zeitraum"),
    municipalities: sumOf(part(files.municipalities, "Schlüssel"), "Durchgeführte Einheiten im Zeitraum"),
    used: sumOf(part(files.municipalities, "Schlüssel"), "Genutzt im Programm (von 12)"),
  };
};

describe("the privacy notice record", () => {
  it("records the first showing once and reports it", async () => {
    const { nobody } = seed.people;
    expect(await privacyNoticeShown(db.prisma, nobody.id)).toBe(false);
    expect(await recordPrivacyNoticeShown(db.prisma, nobody.id, later)).toBe(true);
    expect(await recordPrivacyNoticeShown(db.prisma, nobody.id, new Date(later.getTime() + 1000))).toBe(false);
    expect(await privacyNoticeShown(db.prisma, nobody.id)).toBe(true);
    expect(await db.prisma.privacyNoticeShown.findUniqueOrThrow({ where: { personId: nobody.id } })).toMatchObject({ shownAt: later });
  });
});

describe("exporting a person's data", () => {
  it("contains the person, roles, notice, their requests with their questions and their audit events", async () => {
    await recordPrivacyNoticeShown(db.prisma, seed.people.contact.id, new Date("2026-03-01T09:00:00Z"));
    const data = (await exportPersonalData(db.prisma, seed.people.contact.slackId)) as any;
    expect(data.person).toMatchObject({ id: seed.people.contact.id, slackId: "UCONTACT1", name: "Kim Kontakt", erasedAt: null, active: true });
    expect(data.roles).toEqual({ contactOf: { key: "ulm", name: "Ulm" }, lead: false, partner: false });
    expect(data.partnerProfile).toBeNull();
    expect(data.privacyNotice).toEqual({ shownAt: "2026-03-01T09:00:00.000Z" });
    expect(data.nudgeOptOut).toBeNull();
    const { A, B } = scenario.requests;
    expect(data.requestsMade.map((r: any) => [r.id, r.question, r.preferredTimes, r.state])).toEqual([
      [A.id, scenario.questions.A, "dienstags vormittags", "held"],
      [B.id, scenario.questions.B, "dienstags vormittags", "held"],
    ]);
    expect(data.requestsMade[0]).toMatchObject({ municipality: "Ulm", partner: "Paula Partner", createdAt: "2026-03-02T09:00:00.000Z", scheduledStart: "2026-03-04T13:30:00.000Z" });
    expect(data.requestsAddressed).toEqual([]);
    expect(data.auditEvents).toEqual([
      { requestId: A.id, at: "2026-03-02T09:00:00.000Z", from: null, to: "requested", reason: null, details: null },
      { requestId: B.id, at: "2026-03-02T09:01:00.000Z", from: null, to: "requested", reason: null, details: null },
    ]);
    const text = JSON.stringify(data);
    for (const other of [scenario.questions.C, scenario.questions.D, "Sam Kontakt", "Eva Konstanz"]) expect(text).not.toContain(other);
  });

  it("shows a partner what was addressed to them without the requester's question or name", async () => {
    const data = (await exportPersonalData(db.prisma, seed.people.partner.slackId)) as any;
    expect(data.roles).toMatchObject({ partner: true, contactOf: null });
    expect(data.partnerProfile).toMatchObject({ organisation: "Beteiligung & Co", active: true, assignedTo: [] });
    expect(data.requestsAddressed).toHaveLength(4);
    expect(data.requestsAddressed.find((r: any) => r.id === scenario.requests.D.id)).toMatchObject({ state: "declined", declineReason: "Keine Zeit im März" });
    const text = JSON.stringify(data);
    for (const question of Object.values(scenario.questions)) expect(text).not.toContain(question);
    expect(text).not.toContain("Kim Kontakt");
    expect(data.auditEvents.map((e: any) => e.to)).toEqual(["scheduled", "held", "declined", "scheduled", "held"]);
  });

  it("lists a nudge opt-out with its time, only the person's own", async () => {
    await db.prisma.nudgeOptOut.create({ data: { personId: seed.people.contact.id, at: new Date("2026-04-01T07:15:00Z") } });
    try {
      expect(((await exportPersonalData(db.prisma, seed.people.contact.slackId)) as any).nudgeOptOut).toEqual({ optedOutAt: "2026-04-01T07:15:00.000Z" });
      expect(((await exportPersonalData(db.prisma, seed.people.partner.slackId)) as any).nudgeOptOut).toBeNull();
    } finally {
      await db.prisma.nudgeOptOut.delete({ where: { personId: seed.people.contact.id } });
    }
  });

  it("returns null for an unknown Slack id", async () => {
    expect(await exportPersonalData(db.prisma, "UNOBODY404")).toBeNull();
  });
});

describe("erasing a person", () => {
  it("anonymises the requester, removes what they wrote and keeps every unit", async () => {
    const before = await heldSums();
    const overviewBefore = await buildOverview(db.prisma, rules, later);
    await db.prisma.requestEvent.updateMany({ where: { actorId: seed.people.contact2.id }, data: { reason: "private note" } });
    const { C } = scenario.requests;

    expect(await erasePerson(db.prisma, { slackId: seed.people.contact2.slackId }, seed.people.lead.id, later)).toMatchObject({ erased: true, requests: 1 });

    const person = await db.prisma.person.findUniqueOrThrow({ where: { id: seed.people.contact2.id } });
    expect(person).toMatchObject({ slackId: null, name: erasedName, locale: null, erasedAt: later, active: false, contactOfKey: null });
    const request = await db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: C.id } });
    expect(request).toMatchObject({ question: null, preferredTimes: "", units: 1, state: "requested", requesterId: seed.people.contact2.id, municipalityKey: "ulm" });
    const events = await db.prisma.requestEvent.findMany({ where: { actorId: seed.people.contact2.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reason: null, details: null, toState: "requested" });
    expect(await exportPersonalData(db.prisma, seed.people.contact2.slackId)).toBeNull();

    expect(await heldSums()).toEqual(before);
    const overviewAfter = await buildOverview(db.prisma, rules, later);
    expect(overviewAfter.byMunicipality).toEqual(overviewBefore.byMunicipality);
    // Other people's questions stay.
    expect((await db.prisma.sessionRequest.findUniqueOrThrow({ where: { id: scenario.requests.A.id } })).question).toBe(scenario.questions.A);
  });

  it("clears a partner's profile texts, meeting details and decline reasons, and their notice record; exports still add up", async () => {
    const before = await heldSums();
    await recordPrivacyNoticeShown(db.prisma, seed.people.partner.id, later);
    await db.prisma.partnerProfile.update({ where: { personId: seed.people.partner.id }, data: { bio: "Seit 2010 freiberuflich" } });

    expect(await erasePerson(db.prisma, { personId: seed.people.partner.id }, null, later)).toMatchObject({ erased: true, requests: 0 });

    expect(await db.prisma.partnerProfile.findUniqueOrThrow({ where: { personId: seed.people.partner.id } }))
      .toMatchObject({ bio: "", organisation: "", active: false });
    expect(await privacyNoticeShown(db.prisma, seed.people.partner.id)).toBe(false);
    const addressed = await db.prisma.sessionRequest.findMany({ where: { partnerId: seed.people.partner.id } });
    expect(addressed).toHaveLength(4);
    expect(addressed.every((r) => r.declineReason === null && r.meetingLink === null && r.meetingPhone === null)).toBe(true);
    expect(await heldSums()).toEqual(before);
    const { partners } = await buildAccountingExports(db.prisma, rules, { from: "2026-01-01", to: "2027-12-31" });
    expect(csvRecords(partners).records.map((r) => [r["Sparring-Partner/-in"], r["Durchgeführte Einheiten im Zeitraum"]]))
      .toEqual([["Anton Assigned", "1"], [erasedName, "2"], ["Summe", "3"]]);
  });

  it("renames them in undelivered outbox payloads, deletes delivered ones naming them, keeps a suppression entry and queues the overwrite of their Slack copies", async () => {
    const { inactivePartner } = seed.people;
    const digest = (text: string) => ({ op: "channel_message", channel: "CDIGEST", text, blocks: [] });
    await db.prisma.outboxMessage.createMany({
      data: [
        { kind: "slack", payload: digest("Ines Inaktiv: 2 held (pending)"), dedupeKey: "test:pending" },
        { kind: "slack", payload: digest("Ines Inaktiv: 1 held (sent)"), dedupeKey: "test:sent", sentAt: later },
        { kind: "slack", payload: { op: "home", slackId: "UPARTNER3" }, dedupeKey: "test:home" },
      ],
    });
    await db.prisma.slackMessage.create({ data: { purpose: "channel_message", channel: "CDIGEST", ts: "1.1", personIds: [inactivePartner.id] } });
    const scrubsBefore = await db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: "scrub:" } } });
    const result = await erasePerson(db.prisma, { slackId: "UPARTNER3" }, null, later);
    expect(result).toMatchObject({ erased: true });
    const rows = await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "test:" } } });
    expect(rows.map((r) => [r.dedupeKey, (r.payload as { text?: string }).text])).toEqual([["test:pending", `${erasedName}: 2 held (pending)`]]);
    // The digest record and the erased person's Home: two overwrites queued through the outbox, nothing else in the payload.
    const scrubs = await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: "scrub:" } } });
    expect(scrubs).toHaveLength(scrubsBefore + 2);
    expect(result.slackCopies).toBe(2);
    for (const s of scrubs) expect(Object.keys(s.payload as object).sort()).toEqual(["messageId", "op"]);
    expect(await db.prisma.erasureSuppression.count()).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(await db.prisma.erasureSuppression.findMany())).not.toContain("UPARTNER3");
  });

  it("erases once: a second call and unknown people change nothing", async () => {
    expect(await erasePerson(db.prisma, { personId: seed.people.partner.id }, null, later)).toEqual({ erased: false, requests: 0, slackCopies: 0 });
    expect(await erasePerson(db.prisma, { slackId: "UNOBODY404" }, null, later)).toEqual({ erased: false, requests: 0, slackCopies: 0 });
    expect(await erasePerson(db.prisma, { personId: "not-a-uuid" }, null, later)).toEqual({ erased: false, requests: 0, slackCopies: 0 });
  });
});
