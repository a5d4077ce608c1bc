import { describe, expect, it } from "vitest";
import { forecastUsage } from "../../src/domain/forecast.ts";
import { rules } from "./builders.ts";

// 100 days: 2026-01-01 … 2026-04-10 in UTC, so shares of the period are round numbers.
const r = rules({ periodStart: "2026-01-01", periodEnd: "2026-04-10", timezone: "UTC", quotaUnits: 12 });
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const towns = [
  { key: "a", name: "A", used: 2 },
  { key: "b", name: "B", used: 5 },
  { key: "c", name: "C", used: 0 },
];

describe("forecast of units by the programme end", () => {
  it("projects each municipality's rate so far to the end, capped at its quota, and adds them up against the units funded", () => {
    const f = forecastUsage(r, towns, day(25));
    expect(f.elapsed).toBeCloseTo(0.25);
    expect(f.byMunicipality.map((m) => [m.key, m.expected, m.funded])).toEqual([["a", 8, 12], ["b", 12, 12], ["c", 0, 12]]);
    expect(f.total).toEqual({ used: 7, expected: 20, funded: 36 });
  });

  it("projects nothing before the period starts and reports what was used after it ended", () => {
    expect(forecastUsage(r, towns, day(-3)).total).toEqual({ used: 7, expected: 7, funded: 36 });
    expect(forecastUsage(r, towns, day(200)).total).toEqual({ used: 7, expected: 7, funded: 36 });
  });

  it("never forecasts fewer units than are already used", () => {
    const f = forecastUsage(r, [{ key: "a", name: "A", used: 11 }], day(99));
    expect(f.byMunicipality[0]!.expected).toBe(11);
  });
});
