import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.ts";
import { setMunicipalityActive } from "../../src/db/set-municipality-active.ts";
import { setPartnerActive } from "../../src/db/set-partner-active.ts";
import { createSparringService } from "../../src/db/sparring-service.ts";
import type { SparringService } from "../../src/domain/service.ts";
import { openTestDatabase, seedProgramme, type SeededProgramme } from "../support/fixtures.ts";

let db: Database;
let cleanup: () => Promise<void>;
let seed: SeededProgramme;
let service: SparringService;
const now = new Date("2026-03-09T10:00:00+01:00");

beforeAll(async () => {
  ({ db, cleanup } = await openTestDatabase("pglite"));
  seed = await seedProgramme(db.prisma);
  service = createSparringService(db, () => now);
});
afterAll(() => cleanup());

const lead = () => seed.people.lead.slackId;
const logged = (entityKind: "partner" | "municipality") =>
  db.prisma.adminChange.findMany({ where: { entityKind }, orderBy: { id: "asc" }, select: { action: true, entityKey: true, actorId: true, at: true } });

describe("switching partners and municipalities on and off", () => {
  it("lets leads deactivate and reactivate a partner", async () => {
    expect(await setPartnerActive(db.prisma, now, seed.people.contact.slackId, seed.people.partner.id, false)).toEqual({ ok: false, code: "forbidden", action: "move" });
    expect(await setPartnerActive(db.prisma, now, lead(), seed.people.partner.id, false)).toMatchObject({ ok: true, value: { personId: seed.people.partner.id, active: false } });
    expect(await service.partner(seed.people.partner.id)).toMatchObject({ active: false });
    expect(await setPartnerActive(db.prisma, now, lead(), seed.people.partner.id, true)).toMatchObject({ ok: true, value: { active: true } });
    expect(await setPartnerActive(db.prisma, now, lead(), seed.people.lead.id, true)).toEqual({ ok: false, code: "partner_unknown" });
    expect(await setPartnerActive(db.prisma, now, lead(), "nope", true)).toEqual({ ok: false, code: "partner_unknown" });
    // Both changes are in the admin audit log, by the lead, under the partner's Slack id (as from /sparring verwaltung).
    expect(await logged("partner")).toEqual([
      { action: "pause_partner", entityKey: seed.people.partner.slackId, actorId: seed.people.lead.id, at: now },
      { action: "resume_partner", entityKey: seed.people.partner.slackId, actorId: seed.people.lead.id, at: now },
    ]);
  });

  it("lets leads deactivate and reactivate a municipality", async () => {
    expect(await setMunicipalityActive(db.prisma, now, seed.people.partner.slackId, "ulm", false)).toEqual({ ok: false, code: "forbidden", action: "move" });
    expect(await setMunicipalityActive(db.prisma, now, lead(), "ulm", false)).toEqual({ ok: true, value: { key: "ulm", name: "Ulm", kind: "Kommune", cohort: "2018/19", active: false } });
    expect(await service.requestSession(seed.people.contact.slackId, {
      partnerId: seed.people.partner.id, topics: [seed.topics.onlineEvents], question: "F", preferredFormat: "video", preferredTimes: "",
    }, "set-active-1")).toMatchObject({ ok: false, code: "municipality_inactive" });
    expect(await setMunicipalityActive(db.prisma, now, lead(), "ulm", true)).toMatchObject({ ok: true, value: { active: true } });
    expect(await setMunicipalityActive(db.prisma, now, lead(), "atlantis", true)).toEqual({ ok: false, code: "municipality_unknown" });
    expect((await logged("municipality")).map((e) => [e.action, e.entityKey])).toEqual([["deactivate_municipality", "ulm"], ["activate_municipality", "ulm"]]);
  });
});
