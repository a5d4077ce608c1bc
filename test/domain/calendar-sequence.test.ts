import { describe, expect, it } from "vitest";
import { calendarSequence } from "../../src/domain/calendar-sequence.ts";
import type { RequestState } from "../../src/domain/types.ts";

const step = (fromState: RequestState | null, toState: RequestState) => ({ fromState, toState });

describe("calendarSequence", () => {
  it("is 0 for the first scheduled version and 0 before there is one", () => {
    expect(calendarSequence([])).toBe(0);
    expect(calendarSequence([step(null, "requested")])).toBe(0);
    expect(calendarSequence([step(null, "requested"), step("requested", "scheduled")])).toBe(0);
  });

  it("counts one up for every change into, within or out of scheduled", () => {
    const history = [step(null, "requested"), step("requested", "scheduled")];
    const rescheduled = [...history, step("scheduled", "scheduled")];
    expect(calendarSequence(rescheduled)).toBe(1);
    expect(calendarSequence([...rescheduled, step("scheduled", "cancelled")])).toBe(2);
    // A lead's move back to "requested" and a new accept: each a revision the calendars must see as newer.
    const movedAndAccepted = [...history, step("scheduled", "requested"), step("requested", "scheduled")];
    expect(calendarSequence(movedAndAccepted)).toBe(2);
  });

  it("ignores changes that never touch a scheduled session", () => {
    expect(calendarSequence([step(null, "requested"), step("requested", "declined")])).toBe(0);
    expect(calendarSequence([step(null, "requested"), step("requested", "cancelled")])).toBe(0);
  });
});
