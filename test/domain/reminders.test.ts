import { describe, expect, it } from "vitest";
import { dayBeforeWindow, dueRequestReminders, expiryWarningAt, partnerNudgeAt, soonWindowEnd } from "../../src/domain/reminders.ts";
import { rules } from "./builders.ts";

const r = rules(); // BW, Europe/Berlin, expiry after 5 working days, reminders 60 / 2 / 1

describe("when reminders are due", () => {
  it("on a Friday the day-before window reaches to the end of Monday; on a Saturday there is none", () => {
    expect(dayBeforeWindow(new Date("2026-06-19T07:00:00Z"), r)).toEqual({
      from: new Date("2026-06-19T22:00:00Z"), // Saturday 00:00 in Berlin
      to: new Date("2026-06-22T22:00:00Z"), // Tuesday 00:00
    });
    expect(dayBeforeWindow(new Date("2026-06-20T07:00:00Z"), r)).toBeNull();
  });

  it("before Easter the window skips Good Friday and Easter Monday", () => {
    expect(dayBeforeWindow(new Date("2026-04-02T07:00:00+02:00"), r)?.to).toEqual(new Date("2026-04-08T00:00:00+02:00"));
  });

  it("the short reminder covers the next before_minutes", () => {
    expect(soonWindowEnd(new Date("2026-06-22T07:00:00Z"), rules({ reminders: { ...r.reminders, beforeMinutes: 30 } }))).toEqual(new Date("2026-06-22T07:30:00Z"));
  });

  it("reminds the partner at the start of the working day after 2 full working days, across a weekend", () => {
    expect(partnerNudgeAt(new Date("2026-06-15T08:00:00Z"), r)).toEqual(new Date("2026-06-18T00:00:00+02:00")); // Mon → Thu
    expect(partnerNudgeAt(new Date("2026-06-18T08:00:00Z"), r)).toEqual(new Date("2026-06-23T00:00:00+02:00")); // Thu → Tue
  });

  it("warns the requester on the last working day before the expiry", () => {
    expect(expiryWarningAt(new Date("2026-06-15T08:00:00Z"), r)).toEqual(new Date("2026-06-22T00:00:00+02:00"));
    expect(expiryWarningAt(new Date("2026-06-15T08:00:00Z"), rules({ reminders: { ...r.reminders, expiryWarningWorkingDays: 2 } })))
      .toEqual(new Date("2026-06-19T00:00:00+02:00"));
  });

  it("nothing is due once the request has expired", () => {
    const made = new Date("2026-06-15T08:00:00Z");
    expect(dueRequestReminders(made, new Date("2026-06-22T12:00:00Z"), r)).toEqual(["partner_unanswered", "expiry_warning"]);
    expect(dueRequestReminders(made, new Date("2026-06-23T00:00:00+02:00"), r)).toEqual([]);
    expect(dueRequestReminders(made, new Date("2026-06-17T12:00:00Z"), r)).toEqual([]);
  });
});
