import { describe, expect, it } from "vitest";
import { nudgeMonth, nudgeReason, type NudgeCandidate } from "../../src/domain/nudges.ts";
import { rules } from "./builders.ts";

// 2026-01-01 … 2026-06-30 in UTC; 12 units; nudges 8 weeks before the end (from 2026-05-06 on).
const r = rules({ periodStart: "2026-01-01", periodEnd: "2026-06-30", timezone: "UTC", quotaUnits: 12, nudges: { enabled: true, weeksBeforeEnd: 8 } });
const town = (over: Partial<NudgeCandidate> = {}): NudgeCandidate => ({ key: "a", kind: "Kommune", cohort: "2020/21", active: true, reservedUnits: 0, ...over });
const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

describe("who gets the monthly nudge", () => {
  it("nudges a municipality that never booked at any time in the programme", () => {
    expect(nudgeReason(r, town(), at("2026-02-01"))).toEqual({ kind: "never_booked" });
  });

  it("nudges one with units left only once fewer than weeks_before_end weeks are to go", () => {
    const some = town({ reservedUnits: 5 });
    expect(nudgeReason(r, some, at("2026-04-01"))).toBeNull();
    expect(nudgeReason(r, some, at("2026-05-04"))).toBeNull(); // 58 days = 8.3 weeks left
    expect(nudgeReason(r, some, at("2026-06-01"))).toEqual({ kind: "units_left", unitsLeft: 7, weeksLeft: 5 });
    expect(nudgeReason(r, town({ reservedUnits: 12 }), at("2026-06-01"))).toBeNull();
  });

  it("nudges nobody when switched off, outside the period, inactive or not eligible", () => {
    expect(nudgeReason({ ...r, nudges: { enabled: false, weeksBeforeEnd: 8 } }, town(), at("2026-02-01"))).toBeNull();
    expect(nudgeReason(r, town(), at("2025-12-15"))).toBeNull();
    expect(nudgeReason(r, town(), at("2026-07-01"))).toBeNull();
    expect(nudgeReason(r, town({ active: false }), at("2026-02-01"))).toBeNull();
    expect(nudgeReason(r, town({ cohort: "2016/17" }), at("2026-02-01"))).toBeNull();
  });

  it("counts months in the programme's time zone", () => {
    expect(nudgeMonth(new Date("2026-01-31T23:30:00Z"), "Europe/Berlin")).toBe("2026-02");
    expect(nudgeMonth(new Date("2026-01-31T23:30:00Z"), "UTC")).toBe("2026-01");
  });
});
