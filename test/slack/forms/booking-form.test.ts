import { describe, expect, it } from "vitest";
import { readBookingForm } from "../../../src/slack/forms/booking-form.ts";
import type { ViewState } from "../../../src/slack/forms/view-state.ts";
import * as ids from "../../../src/slack/ids.ts";

const partnerId = "00000000-0000-4000-8000-000000000001";

function state(fields: { topics?: string[]; partner?: string; question?: string; format?: string; times?: string } = {}): ViewState {
  const f = { topics: ["online"], partner: partnerId, question: "Wie gehen wir vor?", format: "video", times: "dienstags", ...fields };
  return {
    [ids.BOOKING_TOPICS_BLOCK]: { [ids.BOOKING_TOPICS]: { type: "multi_static_select", selected_options: f.topics.map((value) => ({ value })) } },
    [ids.BOOKING_PARTNER_BLOCK]: { [ids.BOOKING_PARTNER]: { type: "external_select", selected_option: f.partner ? { value: f.partner } : null } },
    [ids.BOOKING_QUESTION_BLOCK]: { [ids.BOOKING_QUESTION]: { type: "plain_text_input", value: f.question } },
    [ids.BOOKING_FORMAT_BLOCK]: { [ids.BOOKING_FORMAT]: { type: "radio_buttons", selected_option: f.format ? { value: f.format } : null } },
    [ids.BOOKING_TIMES_BLOCK]: { [ids.BOOKING_TIMES]: { type: "plain_text_input", value: f.times } },
  };
}

describe("readBookingForm", () => {
  it("reads a complete form, trimming the texts", () => {
    expect(readBookingForm(state({ question: "  Wie gehen wir vor?\n", times: " Mo 9–12 " }))).toEqual({
      ok: true,
      value: { topics: ["online"], partnerId, question: "Wie gehen wir vor?", preferredFormat: "video", preferredTimes: "Mo 9–12" },
    });
  });

  it("names every missing choice on its own field", () => {
    expect(readBookingForm(state({ topics: [], partner: "", question: "", format: "" }))).toEqual({
      ok: false,
      errors: {
        [ids.BOOKING_TOPICS_BLOCK]: { key: "chooseTopic" },
        [ids.BOOKING_PARTNER_BLOCK]: { key: "choosePartner" },
        [ids.BOOKING_QUESTION_BLOCK]: { key: "required" },
        [ids.BOOKING_FORMAT_BLOCK]: { key: "chooseFormat" },
      },
    });
  });

  it("refuses a forged partner id, an unknown format and a question of invisible characters", () => {
    expect(readBookingForm(state({ partner: "'; DROP TABLE people; --", format: "carrier-pigeon", question: "\u200B\u2060\uFEFF" }))).toEqual({
      ok: false,
      errors: {
        [ids.BOOKING_PARTNER_BLOCK]: { key: "choosePartner" },
        [ids.BOOKING_QUESTION_BLOCK]: { key: "required" },
        [ids.BOOKING_FORMAT_BLOCK]: { key: "chooseFormat" },
      },
    });
  });

  it("takes the times as optional", () => {
    expect(readBookingForm(state({ times: "" }))).toMatchObject({ ok: true, value: { preferredTimes: "" } });
  });
});
