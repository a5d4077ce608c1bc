import { describe, expect, it } from "vitest";
import { malformedPayload } from "../../src/slack/payload-guard.ts";

const action = (overrides: Record<string, unknown> = {}) => ({
  type: "block_actions", team: { id: "T0001" }, user: { id: "U01CONTACT1", team_id: "T0001" },
  actions: [{ action_id: "cancel_request", value: "x" }], ...overrides,
});
const submission = (view: unknown) => ({ type: "view_submission", user: { id: "U01CONTACT1" }, view });

describe("malformedPayload", () => {
  it("lets well-formed actions, submissions, suggestions, events, commands and URL checks through", () => {
    expect(malformedPayload(action())).toBeNull();
    expect(malformedPayload(submission({ callback_id: "booking", private_metadata: "", state: { values: {} } }))).toBeNull();
    expect(malformedPayload({ type: "block_suggestion", user: { id: "U1" }, action_id: "partner", value: "a" })).toBeNull();
    expect(malformedPayload({ type: "event_callback", team_id: "T0001", event: { type: "app_home_opened" } })).toBeNull();
    expect(malformedPayload({ command: "/sparring", team_id: "T0001", user_id: "U1", text: "" })).toBeNull();
    expect(malformedPayload({ type: "url_verification", challenge: "c" })).toBeNull();
  });

  it("names the field Bolt would crash on", () => {
    expect(malformedPayload("text")).toBe("body");
    expect(malformedPayload(action({ user: undefined }))).toBe("user");
    expect(malformedPayload(action({ actions: [] }))).toBe("actions");
    expect(malformedPayload(action({ actions: [{ value: "x" }] }))).toBe("actions");
    expect(malformedPayload(action({ channel: "C1" }))).toBe("channel");
    expect(malformedPayload(action({ response_urls: "https://x" }))).toBe("response_urls");
    expect(malformedPayload(submission({ callback_id: 7, state: { values: {} } }))).toBe("view.callback_id");
    expect(malformedPayload(submission({ callback_id: "booking" }))).toBe("view");
    expect(malformedPayload({ type: "block_suggestion", user: { id: "U1" } })).toBe("action_id");
  });

  it("drops team ids that would reach Bolt's per-team client pool as object keys", () => {
    for (const teamId of ["constructor", "__proto__", "valueOf", 42]) {
      expect(malformedPayload(action({ team: { id: teamId } })), String(teamId)).toBe("team_id");
    }
  });

  it("answers a slash command with an odd team id, dropping only the team id", () => {
    const command: Record<string, unknown> = { command: "/sparring", team_id: "constructor", user_id: "U1", text: "" };
    expect(malformedPayload(command)).toBeNull();
    expect(command).not.toHaveProperty("team_id");
  });
});
