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

describe("switching partners and municipalities on and off", () => {
  it("lets leads deactivate and reactivate a partner", async () => {
    expect(await setPartnerActive(db.prisma, seed.people.contact.slackId, seed.people.partner.id, false)).toEqual({ ok: false, code: "forbidden", action: "move" });
    expect(await setPartnerActive(db.prisma, lead(), seed.people.partner.id, false)).toMatchObject({ ok: true, value: { personId: seed.people.partner.id, active: false } });
    expect(await service.partner(seed.people.partner.id)).toMatchObject({ active: false });
    expect(await setPartnerActive(db.prisma, lead(), seed.people.partner.id, true)).toMatchObject({ ok: true, value: { active: true } });
    expect(await setPartnerActive(db.prisma, lead(), seed.people.lead.id, true)).toEqual({ ok: false, code: "partner_unknown" });
    expect(await setPartnerActive(db.prisma, lead(), "nope", true)).toEqual({ ok: false, code: "partner_unknown" });
  });

  it("lets leads deactivate and reactivate a municipality", async () => {
    expect(await setMunicipalityActive(db.prisma, seed.people.partner.slackId, "ulm", false)).toEqual({ ok: false, code: "forbidden", action: "move" });
    expect(await setMunicipalityActive(db.prisma, lead(), "ulm", false)).toEqual({ ok: true, value: { key: "ulm", name: "Ulm", kind: "Kommune", cohort: "2018/19", active: false } });
    expect(await service.requestSession(seed.people.contact.slackId, {
      partnerId: seed.people.partner.id, topics: [seed.topics.onlineEvents], question: "F", preferredFormat: "video", preferredTimes: "",
    }, "set-active-1")).toMatchObject({ ok: false, code: "municipality_inactive" });
    expect(await setMunicipalityActive(db.prisma, lead(), "ulm", true)).toMatchObject({ ok: true, value: { active: true } });
    expect(await setMunicipalityActive(db.prisma, lead(), "atlantis", true)).toEqual({ ok: false, code: "municipality_unknown" });
  });
});
