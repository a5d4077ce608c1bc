import { describe, expect, it } from "vitest";
import { addWorkingDays, expiryDeadline, isWorkingDay } from "../../src/domain/working-days.ts";
import { rules } from "./builders.ts";

const bw = rules();
/** Local time in Berlin written as an ISO string with its offset. */
const at = (iso: string) => new Date(iso);

describe("working days in Baden-Württemberg", () => {
  it("counts Monday to Friday and skips weekends", () => {
    expect(isWorkingDay("2026-03-13", bw)).toBe(true); // Friday
    expect(isWorkingDay("2026-03-14", bw)).toBe(false); // Saturday
    expect(isWorkingDay("2026-03-15", bw)).toBe(false); // Sunday
  });

  it("skips the state's public holidays but not regional observances or other states' holidays", () => {
    expect(isWorkingDay("2025-10-03", bw)).toBe(false); // Friday, Tag der Deutschen Einheit
    expect(isWorkingDay("2026-01-06", bw)).toBe(false); // Epiphany is public in BW
    expect(isWorkingDay("2026-01-06", rules({ holidayRegion: "NI" }))).toBe(true); // … not in Lower Saxony
    expect(isWorkingDay("2025-10-31", rules({ holidayRegion: "NI" }))).toBe(false); // Reformation Day, a Friday
    expect(isWorkingDay("2025-10-31", bw)).toBe(true); // … a school holiday only in BW
    expect(isWorkingDay("2026-04-02", bw)).toBe(true); // Maundy Thursday: school holiday only
    expect(isWorkingDay("2026-12-24", bw)).toBe(true); // Christmas Eve: not a public holiday
  });

  it("reads an instant in the programme's time zone", () => {
    // 23:30 UTC on Friday 2 Oct 2025 is already Saturday in Berlin.
    expect(isWorkingDay(at("2025-10-02T21:30:00Z"), bw)).toBe(true);
    expect(isWorkingDay(at("2025-10-02T22:30:00Z"), bw)).toBe(false);
  });

  it("adds working days without counting the start day", () => {
    expect(addWorkingDays("2026-03-09", 5, bw)).toBe("2026-03-16");
    expect(addWorkingDays("2026-03-13", 1, bw)).toBe("2026-03-16");
  });
});

describe("request expiry", () => {
  it("expires a Monday request at 00:00 on Tuesday of the next week", () => {
    expect(expiryDeadline(at("2026-03-09T10:00:00+01:00"), bw)).toEqual(at("2026-03-17T00:00:00+01:00"));
  });

  it("expires a Friday request at 00:00 on the Saturday a week later", () => {
    // Mon 16 … Fri 20 March are the five working days after Friday 13 March.
    expect(expiryDeadline(at("2026-03-13T16:00:00+01:00"), bw)).toEqual(at("2026-03-21T00:00:00+01:00"));
  });

  it("uses the day in Berlin even when the request was made just before midnight UTC", () => {
    // Sunday 23:30 in Berlin is still Sunday; the working days start on Monday.
    expect(expiryDeadline(at("2026-03-15T23:30:00+01:00"), bw)).toEqual(at("2026-03-21T00:00:00+01:00"));
  });

  it("skips Good Friday and Easter Monday", () => {
    // Made Wed 1 Apr 2026: Thu 2, (Fri 3 Good Friday), (Mon 6 Easter Monday), Tue 7, Wed 8, Thu 9, Fri 10.
    expect(expiryDeadline(at("2026-04-01T09:00:00+02:00"), bw)).toEqual(at("2026-04-11T00:00:00+02:00"));
  });

  it("skips Christmas and New Year and crosses into the next year", () => {
    // Made Wed 23 Dec 2026: Thu 24, (25, 26 holidays, weekend), Mon 28, Tue 29, Wed 30, Thu 31, (1 Jan).
    expect(expiryDeadline(at("2026-12-23T12:00:00+01:00"), bw)).toEqual(at("2027-01-01T00:00:00+01:00"));
  });

  it("skips the Day of German Unity on a weekday", () => {
    // Made Wed 1 Oct 2025: Thu 2, (Fri 3 Oct), Mon 6, Tue 7, Wed 8, Thu 9.
    expect(expiryDeadline(at("2025-10-01T09:00:00+02:00"), bw)).toEqual(at("2025-10-10T00:00:00+02:00"));
  });

  it("ends at local midnight across the change to summer time", () => {
    // Made Mon 23 Mar 2026 (CET), expires Tue 31 Mar 00:00 CEST.
    expect(expiryDeadline(at("2026-03-23T09:00:00+01:00"), bw).toISOString()).toBe("2026-03-30T22:00:00.000Z");
  });

  it("follows the programme's number of working days", () => {
    expect(expiryDeadline(at("2026-03-09T10:00:00+01:00"), rules({ requestExpiryWorkingDays: 1 }))).toEqual(at("2026-03-11T00:00:00+01:00"));
  });
});
