import { describe, expect, it } from "vitest";
import { checkRequestWindow, isInsidePeriod, isSessionInsidePeriod, periodBounds } from "../../src/domain/period.ts";
import { rules } from "./builders.ts";

describe("programme period", () => {
  const r = rules({ periodStart: "2026-03-01", periodEnd: "2026-06-30" });

  it("starts at local midnight of the first day and ends at local midnight after the last day", () => {
    const { start, end } = periodBounds(r);
    expect(start.toISOString()).toBe("2026-02-28T23:00:00.000Z"); // CET
    expect(end.toISOString()).toBe("2026-06-30T22:00:00.000Z"); // CEST
  });

  it("includes the first and the last day in the programme's time zone", () => {
    expect(isInsidePeriod(new Date("2026-02-28T23:00:00Z"), r)).toBe(true);
    expect(isInsidePeriod(new Date("2026-02-28T22:59:59Z"), r)).toBe(false);
    expect(isInsidePeriod(new Date("2026-06-30T21:59:59Z"), r)).toBe(true);
    expect(isInsidePeriod(new Date("2026-06-30T22:00:00Z"), r)).toBe(false);
  });

  it("accepts a session ending exactly at the end of the period and refuses one running past it", () => {
    const end = new Date("2026-06-30T22:00:00Z");
    expect(isSessionInsidePeriod(new Date("2026-06-30T21:00:00Z"), end, r)).toBe(true);
    expect(isSessionInsidePeriod(new Date("2026-06-30T21:30:00Z"), new Date("2026-06-30T22:30:00Z"), r)).toBe(false);
  });

  it("refuses requests before the start with the start day", () => {
    expect(checkRequestWindow(new Date("2026-02-28T22:00:00Z"), r)).toEqual({ ok: false, code: "programme_not_started", start: "2026-03-01" });
  });

  it("takes requests on the last day until local midnight, then refuses with the end day", () => {
    expect(checkRequestWindow(new Date("2026-06-30T21:59:00Z"), r)).toBeNull();
    expect(checkRequestWindow(new Date("2026-06-30T22:00:00Z"), r)).toEqual({ ok: false, code: "programme_ended", end: "2026-06-30" });
  });
});
