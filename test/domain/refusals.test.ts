import { describe, expect, it } from "vitest";
import { refuse, remedyOf } from "../../src/domain/refusals.ts";

describe("what fixes a refusal", () => {
  it("another municipality for an ineligible one or a used-up quota", () => {
    expect(remedyOf(refuse("not_eligible", { municipality: "Freiburg", cohort: "2016/17" }))).toBe("municipality");
    expect(remedyOf(refuse("quota_exhausted", { used: 12, limit: 12 }))).toBe("municipality");
  });

  it("another partner for the assigned partners' quota or a topic the partner does not offer", () => {
    expect(remedyOf(refuse("assigned_quota_exhausted", { used: 5, limit: 5 }))).toBe("partner");
    expect(remedyOf(refuse("topic_not_offered", { topic: { key: "surveys", labelDe: "Umfragen", labelEn: "Surveys" } }))).toBe("partner");
  });

  it("the link or the phone number, whichever the format needs", () => {
    expect(remedyOf(refuse("meeting_details_missing", { format: "video" }))).toBe("meetingLink");
    expect(remedyOf(refuse("meeting_details_missing", { format: "phone" }))).toBe("meetingPhone");
  });

  it("the field a use case names, and nothing for a field no form has", () => {
    expect(remedyOf(refuse("invalid_input", { field: "reason" }))).toBe("reason");
    expect(remedyOf(refuse("invalid_input", { field: "municipalityKey" }))).toBe("municipality");
    expect(remedyOf(refuse("invalid_input", { field: "units" }))).toBeNull();
  });

  it("nothing a form can change: the programme's period, a decided request, the person's role", () => {
    expect(remedyOf(refuse("programme_ended", { end: "2021-12-31" }))).toBeNull();
    expect(remedyOf(refuse("proposal_not_current", {}))).toBeNull();
    expect(remedyOf(refuse("forbidden", { action: "accept" }))).toBeNull();
  });
});
