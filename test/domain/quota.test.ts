import { describe, expect, it } from "vitest";
import { buildQuota, unitCountOf, unitsUsed } from "../../src/domain/quota.ts";
import { reservingStates } from "../../src/domain/types.ts";
import { rules } from "./builders.ts";

const counts = (held: number, scheduled: number, pending: number, assignedUsed = 0) => ({ held, scheduled, pending, assignedUsed });

describe("buildQuota", () => {
  it("counts held, scheduled and pending units against the 12 and leaves the rest", () => {
    expect(buildQuota("ulm", rules(), counts(2, 3, 1, 1))).toEqual({
      municipalityKey: "ulm", limit: 12, used: 6, held: 2, scheduled: 3, pending: 1, remaining: 6,
      assignedLimit: 5, assignedUsed: 1, assignedRemaining: 4,
    });
  });

  it("never offers more of the sub-quota than the quota has left", () => {
    expect(buildQuota("ulm", rules(), counts(8, 2, 0, 0))).toMatchObject({ remaining: 2, assignedRemaining: 2 });
    expect(buildQuota("ulm", rules(), counts(12, 0, 0, 0))).toMatchObject({ remaining: 0, assignedRemaining: 0 });
  });

  it("shows nothing left, not a negative number, when a correction put a municipality over its quota", () => {
    expect(buildQuota("ulm", rules(), counts(10, 3, 0, 6))).toMatchObject({ used: 13, remaining: 0, assignedRemaining: 0 });
  });

  it("takes the limits from the programme", () => {
    expect(buildQuota("ulm", rules({ quotaUnits: 20, assignedQuotaUnits: 8 }), counts(1, 0, 0, 1))).toMatchObject({
      limit: 20, remaining: 19, assignedLimit: 8, assignedRemaining: 7,
    });
  });
});

describe("the reserving states", () => {
  it("each add to exactly one count, and together make the used units", () => {
    expect(Object.keys(unitCountOf).sort()).toEqual([...reservingStates].sort());
    expect(new Set(Object.values(unitCountOf)).size).toBe(reservingStates.length);
    expect(unitsUsed({ held: 1, scheduled: 2, pending: 4 })).toBe(7);
  });
});
