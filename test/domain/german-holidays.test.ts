import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import { easterSunday, germanPublicHolidays } from "../../src/domain/german-holidays.ts";
import { germanStates } from "../../src/directory/directory-schema.ts";

/** The days date-holidays (the reference the table was read from, now a dev dependency) calls public. */
function reference(state: string, year: number): string[] {
  // Two holidays can fall on one day (Ascension Day on 1 May 2008): a day counts once.
  const days = (new Holidays("DE", state).getHolidays(year) || []).filter((h) => h.type === "public").map((h) => h.date.slice(0, 10));
  return [...new Set(days)].sort();
}

describe("German public holidays", () => {
  it("are the days date-holidays lists as public, for every state from 2000 to 2100", () => {
    for (const state of germanStates) {
      for (let year = 2000; year <= 2100; year++) {
        expect([...germanPublicHolidays(state, year)].sort(), `${state} ${year}`).toEqual(reference(state, year));
      }
    }
  });

  it("finds Easter Sunday, including its earliest and latest dates", () => {
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2285)).toBe("2285-03-22");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("puts Buß- und Bettag in Saxony on the Wednesday strictly before 23 November", () => {
    expect(germanPublicHolidays("SN", 2022).has("2022-11-16")).toBe(true); // the 23rd was a Wednesday
    expect(germanPublicHolidays("SN", 2026).has("2026-11-18")).toBe(true);
    expect(germanPublicHolidays("BY", 2026).has("2026-11-18")).toBe(false);
  });

  it("gives an unknown or lower-case region the nationwide or its state's days", () => {
    expect(germanPublicHolidays("XX", 2026).size).toBe(9);
    expect(germanPublicHolidays("by", 2026)).toEqual(germanPublicHolidays("BY", 2026));
  });
});
